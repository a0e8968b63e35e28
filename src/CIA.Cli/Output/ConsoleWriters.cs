using System.Text;

namespace CIA.Cli;

/// <summary>
/// A console stream whose write failures (closed, full) go to one place, <see cref="Failed"/>, instead of escaping as
/// an <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> that would reach the user as a stack trace.
/// </summary>
internal abstract class GuardedWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => inner.NewLine;
        set => inner.NewLine = value;
    }

    public override void Write(char value) => Guard(() => inner.Write(value));

    public override void Write(string? value) => Guard(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        try
        {
            inner.Write(buffer); // a span cannot be captured by Guard's lambda
        }
        catch (Exception e) when (IsWriteFailure(e))
        {
            Failed(e);
        }
    }

    public override void WriteLine() => Guard(inner.WriteLine);

    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    public override void WriteLine(ReadOnlySpan<char> buffer)
    {
        try
        {
            inner.WriteLine(buffer);
        }
        catch (Exception e) when (IsWriteFailure(e))
        {
            Failed(e);
        }
    }

    public override void Flush() => Guard(inner.Flush);

    /// <summary>What to do when a write fails: throw a message, or swallow it.</summary>
    protected abstract void Failed(Exception e);

    private static bool IsWriteFailure(Exception e) => e is IOException or UnauthorizedAccessException or ObjectDisposedException;

    private void Guard(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (IsWriteFailure(e))
        {
            Failed(e);
        }
    }
}

/// <summary>
/// Standard output with its failures turned into an <see cref="OutputException"/> with a message
/// (<c>cia rules &gt; /dev/full</c>: no space left on device; <c>cia rules &gt;&amp;-</c>: closed). A reader that stops
/// early (<c>cia classify | head</c>) is not a failure: .NET ignores a broken pipe on the console streams, so the
/// command ends normally, which is what one wants from <c>| head</c>.
/// </summary>
internal sealed class StandardOutput(TextWriter inner) : GuardedWriter(inner)
{
    protected override void Failed(Exception e)
    {
        // EBADF: .NET wraps "Bad file descriptor" in an UnauthorizedAccessException when the descriptor is closed.
        const int EBADF = 9;
        var closed = e is ObjectDisposedException || (e.InnerException is { } cause && Reasons.ErrnoOf(cause) == EBADF) || Reasons.ErrnoOf(e) == EBADF;
        var reason = closed ? "it is closed" : Reasons.Of(e);
        throw new OutputException($"cannot write to standard output: {reason}; the output is incomplete.", e);
    }
}

/// <summary>
/// Standard error that never throws: when it is closed or full there is nowhere left to report a problem, and a
/// failure to print a message must not replace the message's exit code with a crash.
/// </summary>
internal sealed class StandardError(TextWriter inner) : GuardedWriter(inner)
{
    protected override void Failed(Exception e)
    {
        // Nowhere to report it: the exit code still tells.
    }
}
