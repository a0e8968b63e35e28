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
