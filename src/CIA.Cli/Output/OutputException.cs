namespace CIA.Cli;

/// <summary>
/// An output could not be written, or was refused before anything was written. The message is meant for the user
/// as it stands (what, where, what to do); <see cref="CliIo.Guard"/> prints it after "error: " and exits with code 1.
/// </summary>
internal sealed class OutputException : Exception
{
    public OutputException(string message)
        : base(message)
    {
    }

    public OutputException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public OutputException()
    {
    }
}
