namespace CIA.Engine.IO;

/// <summary>One problem in an input file: file, line, column and what was expected.</summary>
/// <param name="File">File name as given.</param>
/// <param name="Line">1-based physical line; 0 when the problem concerns the file as a whole (missing, a folder, too large).</param>
/// <param name="Column">1-based column number, 0 when the problem concerns the whole line or file.</param>
/// <param name="ColumnName">The column's header name, empty when none (a column of a text that has none, as in YAML).</param>
/// <param name="Message">What is wrong and what was expected. Quotes only the offending cell, never the rest of the row.</param>
public sealed record InputProblem(string File, int Line, int Column, string ColumnName, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        Line <= 0 ? $"{File}: {Message}"
        : Column > 0 && ColumnName.Length > 0 ? $"{File}:{Line}:{Column}: column '{Shown(ColumnName)}': {Message}"
        : Column > 0 ? $"{File}:{Line}:{Column}: {Message}"
        : $"{File}:{Line}: {Message}";

    /// <summary>A column name as a message shows it: at most 40 characters, control characters as '?', so that a binary
    /// file's "header" does not fill the terminal.</summary>
    private static string Shown(string name)
    {
        var cut = name.Length > 40 ? name[..40] : name;
        var chars = cut.Select(c => char.IsControl(c) ? '?' : c).ToArray();
        return new string(chars) + (name.Length > 40 ? "…" : string.Empty);
    }
}

/// <summary>An input file that cannot be used; lists every problem found, not just the first.</summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the error.</summary>
    public InputException(IReadOnlyList<InputProblem> problems)
        : base($"{problems.Count} problem(s) in the input:{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(p => "  " + p))) =>
        Problems = problems;

    /// <summary>Creates the error.</summary>
    public InputException()
        : this([])
    {
    }

    /// <summary>Creates the error.</summary>
    public InputException(string message)
        : base(message) => Problems = [];

    /// <summary>Creates the error.</summary>
    public InputException(string message, Exception innerException)
        : base(message, innerException) => Problems = [];

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<InputProblem> Problems { get; }
}
