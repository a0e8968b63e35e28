using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace CIA.Cli;

/// <summary>
/// One output file written so that its final name only ever holds a complete file: the data go to a temporary file
/// created exclusively, under an unpredictable name, in the target's own folder; it is flushed to disk and then
/// renamed over the target, which is atomic on POSIX systems. Until <see cref="Publish"/> the target is untouched;
/// on failure or <see cref="Dispose"/> the temporary file is removed. Several processes writing the same target each
/// either succeed whole (the last rename wins) or fail with a message.
/// </summary>
/// <remarks>
/// Usage: <see cref="Create"/>, write to <see cref="Writer"/> (or <see cref="Stream"/>), <see cref="Complete"/>,
/// <see cref="Publish"/>, dispose. Commands writing several files complete them all before publishing any.
/// </remarks>
internal sealed class SafeFile : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(false);

    // Temporary files not yet renamed or removed, for the signal handler: Ctrl-C or SIGTERM must not leave them behind.
    private static readonly ConcurrentDictionary<string, byte> Live = new(PathResolver.Comparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
    private static readonly Lock Gate = new();
    private static bool s_stopping;

    private readonly FileStream _file;
    private readonly Stream _stream;
    private readonly bool _replaces;
    private StreamWriter? _writer;
    private bool _completed;
    private bool _done;

    private SafeFile(OutputTarget target, string temporary, FileStream file, Func<string, Stream, Stream>? wrap)
    {
        Target = target;
        Temporary = temporary;
        _file = file;
        _replaces = target.Facts.Kind == FileKind.Regular;
        _stream = new ReportingStream(wrap?.Invoke(target.Path, file) ?? file, this);
    }

    /// <summary>The checked target.</summary>
    public OutputTarget Target { get; }

    /// <summary>The temporary file being written.</summary>
    public string Temporary { get; }

    /// <summary>Where to write the bytes; write failures become <see cref="OutputException"/>s naming the target.</summary>
    public Stream Stream => _stream;

    /// <summary>A UTF-8 (no BOM) writer on <see cref="Stream"/>, flushed by <see cref="Complete"/>.</summary>
    public TextWriter Writer => _writer ??= new StreamWriter(_stream, Utf8, 1 << 16, leaveOpen: true);

    /// <summary>Writes <paramref name="write"/>'s text to <paramref name="shown"/> as a whole or not at all.</summary>
    public static void WriteText(string shown, IEnumerable<string> inputs, Func<string, Stream, Stream>? wrap, Action<TextWriter> write)
    {
        using var file = Create(shown, inputs, wrap);
        write(file.Writer);
        file.Complete();
        file.Publish();
    }

    /// <summary>
    /// Checks the target (<see cref="OutputTarget.Check"/>) and creates its temporary file.
    /// <paramref name="wrap"/> lets tests put a failing stream between the writer and the file; <paramref name="inFolder"/>
    /// as in <see cref="OutputTarget.Check"/>.
    /// </summary>
    public static SafeFile Create(string shown, IEnumerable<string> inputs, Func<string, Stream, Stream>? wrap = null, bool inFolder = false)
    {
        var target = OutputTarget.Check(shown, inputs, inFolder);

        // Keep the name short enough for the file system (255 bytes) whatever the target's length.
        var name = Path.GetFileName(target.Path);
        var stem = name.Length > 100 ? name[..100] : name;
        for (var attempt = 1; ; attempt++)
        {
            // Path.GetRandomFileName draws from a cryptographic source: another user cannot guess the name and plant
            // a link there; and CreateNew (O_CREAT | O_EXCL) refuses any existing name, a link included.
            var temporary = Path.Join(target.Folder, $".{stem}.{Path.GetRandomFileName()}.tmp");
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows() && target.Facts.Mode is { } mode)
            {
                // A replaced file keeps its permissions: a private (0600) file must not become readable by others.
                options.UnixCreateMode = mode;
            }

            lock (Gate)
            {
                if (s_stopping)
                {
                    throw new OutputException($"cannot write the output to '{shown}': cia is being stopped.");
                }

                FileStream file;
                try
                {
                    file = new FileStream(temporary, options);
                }
                catch (IOException) when (attempt < 3 && Path.Exists(temporary))
                {
                    continue; // a name drawn twice: draw again
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new OutputException($"cannot write the output to '{shown}': cannot create a file in the folder '{target.Folder}' ({CreateReason(e, target.Folder)}); choose a folder you can write to. Nothing was written.", e);
                }

                Live[temporary] = 0;
                try
                {
                    if (!OperatingSystem.IsWindows() && target.Facts.Mode is { } exact)
                    {
                        File.SetUnixFileMode(file.SafeFileHandle, exact); // the umask narrowed UnixCreateMode
                    }

                    return new SafeFile(target, temporary, file, wrap);
                }
                catch
                {
                    file.Dispose();
                    Forget(temporary);
                    throw;
                }
            }
        }
    }

    /// <summary>Flushes everything to disk and closes the temporary file; the target is still untouched.</summary>
    public void Complete()
    {
        _writer?.Flush();
        _stream.Flush();
        try
        {
            _file.Flush(flushToDisk: true); // fsync: after the rename, a crash must not leave an empty or torn file
            _stream.Dispose();
            _file.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure(e);
        }

        _completed = true;
    }

    /// <summary>Renames the completed temporary file over the target: readers see the old file or the new one, never a mix.</summary>
    public void Publish()
    {
        if (!_completed)
        {
            throw new InvalidOperationException("Complete the file before publishing it.");
        }

        lock (Gate)
        {
            if (s_stopping)
            {
                throw new OutputException($"cannot write the output to '{Target.Shown}': cia is being stopped; it was left as it was.");
            }

            // What is at the target may have changed while the data were written: a folder or a device made there since
            // the first check must not be replaced either.
            var now = FileProbe.Of(Target.Path);
            if (now.Kind is not (FileKind.Regular or FileKind.Missing))
            {
                throw new OutputException($"cannot write the output to '{Target.Shown}': it became {now.Describe()} while the output was written; nothing was written.");
            }

            try
            {
                File.Move(Temporary, Target.Path, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                var reason = !Directory.Exists(Target.Folder) ? $"the folder '{Target.Folder}' was removed while the output was written"
                    : !File.Exists(Temporary) ? $"the temporary file '{Temporary}' was removed by something else before it could be renamed"
                    : "could not replace it: " + Reasons.Of(e);
                throw new OutputException($"cannot write the output to '{Target.Shown}': {reason}. {Outcome}", e);
            }

            _done = true;
            Live.TryRemove(Temporary, out _);
        }
    }

    /// <summary>Removes the temporary file unless it was published.</summary>
    public void Dispose()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        try
        {
            _stream.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OutputException or ObjectDisposedException)
        {
            // Closing a failed file may fail again (the same full disk); the file is removed below either way.
        }

        _file.Dispose();
        Forget(Temporary);
    }

    /// <summary>
    /// Removes every temporary file still pending and refuses new ones and renames: called when the process is asked
    /// to stop (Ctrl-C, SIGTERM, SIGHUP), as the runtime then ends it without unwinding the command.
    /// </summary>
    public static void AbandonAll()
    {
        lock (Gate)
        {
            s_stopping = true;
            foreach (var temporary in Live.Keys)
            {
                Forget(temporary);
            }
        }
    }

    /// <summary>Registers <see cref="AbandonAll"/> for the signals that stop a command; dispose to unregister.</summary>
    public static IDisposable CleanUpOnSignals()
    {
        var registrations = new List<PosixSignalRegistration>();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
        {
            try
            {
                // Not cancelled: once the files are gone the runtime goes on to stop the process as usual.
                registrations.Add(PosixSignalRegistration.Create(signal, _ => AbandonAll()));
            }
            catch (PlatformNotSupportedException)
            {
                // Some signals do not exist on some systems; the others still clean up.
            }
        }

        return new Registrations(registrations);
    }

    /// <summary>An <see cref="OutputException"/> for a failure while writing, naming the target and what became of it.</summary>
    internal OutputException Failure(Exception e) =>
        new($"cannot write the output to '{Target.Shown}': {Reasons.Of(e)}. {Outcome}", e);

    private string Outcome => _replaces
        ? $"'{Target.Shown}' was left as it was and no partial file remains."
        : "No file was created.";

    private static string CreateReason(Exception e, string folder) => e switch
    {
        // The folder was there a moment ago: a missing-file error when creating in it means it takes no new files
        // (/proc), or that it was just removed.
        FileNotFoundException or DirectoryNotFoundException => Directory.Exists(folder) ? "this folder does not take new files" : "the folder was removed",
        _ => Reasons.Of(e),
    };

    private static void Forget(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the folder may have gone or turned read-only; nothing better can be done here.
        }

        Live.TryRemove(temporary, out _);
    }

    private sealed class Registrations(List<PosixSignalRegistration> registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var r in registrations)
            {
                r.Dispose();
            }
        }
    }
}

/// <summary>Passes writes to a file and turns I/O failures (full disk, quota, lost device) into messages naming the output.</summary>
internal sealed class ReportingStream(Stream inner, SafeFile owner) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush() => Guard(inner.Flush);

    public override void Write(byte[] buffer, int offset, int count) => Guard(() => inner.Write(buffer, offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            inner.Write(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw owner.Failure(e);
        }
    }

    public override void WriteByte(byte value) => Guard(() => inner.WriteByte(value));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Guard(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw owner.Failure(e);
        }
    }
}

/// <summary>Short reasons for I/O failures, without the temporary paths .NET puts in its messages.</summary>
internal static class Reasons
{
    public static string Of(Exception e) => e switch
    {
        UnauthorizedAccessException { InnerException: IOException inner } when Errno(inner) is { } s => s,
        UnauthorizedAccessException => "permission denied",
        IOException io when Errno(io) is { } s => s,
        _ => e.Message.TrimEnd('.'),
    };

    /// <summary>On Unix, .NET gives the errno as the HResult of the I/O exceptions it raises for a failed system call.</summary>
    public static int? ErrnoOf(Exception e) =>
        !OperatingSystem.IsWindows() && e.HResult is > 0 and < 4096 ? e.HResult : null;

    private static string? Errno(Exception e) => ErrnoOf(e) is { } n ? Marshal.GetPInvokeErrorMessage(n) : null;
}
