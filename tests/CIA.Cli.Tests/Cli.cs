namespace CIA.Cli.Tests;

/// <summary>Runs the command line in-process, as the tests do: exit code, standard output, standard error.</summary>
internal static class Cli
{
    /// <summary>Runs <c>cia</c> with <paramref name="args"/>; whatever happens, standard error holds no .NET stack trace.</summary>
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, output, error);
        error.ToString().ShouldNotContain("   at ", customMessage: "no stack trace");
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Runs <c>cia</c> expecting a usage error: exit code 2, nothing on standard output, an <c>error:</c> line (after any
    /// notes); returns the message from the error on.
    /// </summary>
    public static string Misused(params string[] args) => Failed(CliApp.UsageError, args);

    /// <summary>Runs <c>cia</c> expecting an input error (exit code 1); returns the message as <see cref="Misused"/> does.</summary>
    public static string Refused(params string[] args) => Failed(CliApp.InvalidInput, args);

    private static string Failed(int expected, string[] args)
    {
        var (code, output, error) = Run(args);
        code.ShouldBe(expected, error);
        output.ShouldBeEmpty();
        var message = string.Concat(error.Split('\n').SkipWhile(l => l.StartsWith("note: ", StringComparison.Ordinal)).Select(l => l + "\n")).TrimEnd('\n') + "\n";
        message.ShouldStartWith("error: ");
        return message;
    }

    /// <summary>Runs <c>cia</c> with <paramref name="standardInput"/> as standard input.</summary>
    public static (int Code, string Out, string Err) RunWithInput(string standardInput, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, new StringReader(standardInput), output, error);
        error.ToString().ShouldNotContain("   at ", customMessage: "no stack trace");
        return (code, output.ToString(), error.ToString());
    }
}
