namespace CIA.Engine.Policy;

/// <summary>One problem in a policy: where it is (path in the file, and line/column when loaded from a file) and what is wrong.</summary>
/// <param name="Path">Path in the policy, e.g. <c>targets[2].min</c>.</param>
/// <param name="Line">1-based line in the file, 0 when not from a file.</param>
/// <param name="Column">1-based column, 0 when not from a file.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record PolicyProblem(string Path, int Line, int Column, string Message)
{
    /// <summary>
    /// Where the problem is when a policy is read from several sources — a scenario file, the policy it extends, a
    /// <c>--set</c> override — or null when it is in the file being loaded (<see cref="PolicyException.Source"/>).
    /// </summary>
    public string? Source { get; init; }

    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"line {Line}, column {Column}: {Path}: {Message}" : $"{Path}: {Message}";
}

/// <summary>A policy that cannot be used; lists every problem found, not just the first.</summary>
public sealed class PolicyException : Exception
{
    /// <summary>Creates the error.</summary>
    public PolicyException(string source, IReadOnlyList<PolicyProblem> problems)
        : base($"Policy '{source}' has {problems.Count} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(p => $"  {p.Source ?? source}: {p}")))
    {
        Source = source;
        Problems = problems;
    }

    /// <summary>Creates the error.</summary>
    public PolicyException()
        : this("(policy)", [])
    {
    }

    /// <summary>Creates the error.</summary>
    public PolicyException(string message)
        : base(message)
    {
        Source = "(policy)";
        Problems = [];
    }

    /// <summary>Creates the error.</summary>
    public PolicyException(string message, Exception innerException)
        : base(message, innerException)
    {
        Source = "(policy)";
        Problems = [];
    }

    /// <summary>The file or name of the policy.</summary>
    public new string Source { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<PolicyProblem> Problems { get; }
}
