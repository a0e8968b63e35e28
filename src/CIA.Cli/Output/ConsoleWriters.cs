using System.Text;

namespace CIA.Cli;

/// <summary>
/// Standard output with its failures turned into an <see cref="OutputException"/> with a message
/// (<c>cia rules &gt; /dev/full</c>: no space left on device; <c>cia rules &gt;&amp;-</c>: closed), instead of an
/// <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> that would reach the user as a stack trace.
/// A reader that stops early (<c>cia classify | head</c>) is not a failure: .NET ignores a broken pipe on the console
/// streams, so the command ends normally, which is what one wants from <c>| head</c>.
/// </summary>
internal sealed class StandardOutput(TextWriter inner) : TextWriter
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
            inner.Write(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            throw Failure(e);
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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            throw Failure(e);
        }
    }

    public override void Flush() => Guard(inner.Flush);

    private static OutputException Failure(Exception e)
    {
        // EBADF: .NET wraps "Bad file descriptor" in an UnauthorizedAccessException when the descriptor is closed.
        const int EBADF = 9;
        var closed = e is ObjectDisposedException || (e.InnerException is { } inner && Reasons.ErrnoOf(inner) == EBADF) || Reasons.ErrnoOf(e) == EBADF;
        var reason = closed ? "it is closed" : Reasons.Of(e);
        return new OutputException($"cannot write to standard output: {reason}; the output is incomplete.", e);
    }

    private static void Guard(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            throw Failure(e);
        }
    }
}

/// <summary>
/// Standard error that never throws: when it is closed or full there is nowhere left to report a problem, and a
/// failure to print a message must not replace the message's exit code with a crash.
/// </summary>
internal sealed class StandardError(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => inner.NewLine;
        set => inner.NewLine = value;
    }

    public override void Write(char value) => Quietly(() => inner.Write(value));

    public override void Write(string? value) => Quietly(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Quietly(() => inner.Write(buffer, index, count));

    public override void WriteLine() => Quietly(inner.WriteLine);

    public override void WriteLine(string? value) => Quietly(() => inner.WriteLine(value));

    public override void Flush() => Quietly(inner.Flush);

    private static void Quietly(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // Nowhere to report it: the exit code still tells.
        }
    }
}
