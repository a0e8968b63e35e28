using System.Text;

namespace CIA.Engine.IO;

/// <summary>
/// Opens input files so that every way a path can be wrong — missing, a folder, unreadable, a symlink loop —
/// becomes an <see cref="InputException"/> naming the file and saying what to do, never a bare .NET exception.
/// Text is decoded as UTF-8 (a BOM is honoured); bytes that are not UTF-8 are counted so readers can report them.
/// </summary>
internal static class InputFiles
{
    /// <summary>Read buffer: large enough that reading is not a system call per row.</summary>
    internal const int BufferSize = 1 << 16;

    /// <summary>Opens a file for reading as text with strict UTF-8 accounting.</summary>
    /// <exception cref="InputException">The path is not a readable file.</exception>
    internal static StreamReader OpenText(string path, Utf8Counter counter)
    {
        var stream = OpenStream(path);
        return new StreamReader(stream, counter.Encoding, detectEncodingFromByteOrderMarks: true, BufferSize);
    }

    /// <summary>Reads a whole text file of at most <paramref name="maxBytes"/> bytes.</summary>
    /// <exception cref="InputException">Not a readable file, too large, or not UTF-8.</exception>
    public static string ReadAllText(string path, long maxBytes)
    {
        using var stream = OpenStream(path);
        if (stream.CanSeek && stream.Length > maxBytes)
        {
            throw Problem(path, $"is {Counts.Of(stream.Length)} bytes; at most {Counts.Of(maxBytes)} are accepted for this kind of file.");
        }

        var counter = new Utf8Counter();
        using var reader = new StreamReader(stream, counter.Encoding, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[8192];
        var text = new StringBuilder();
        int n;
        try
        {
            while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                text.Append(buffer, 0, n);
                if (text.Length > maxBytes)
                {
                    throw Problem(path, $"is longer than {Counts.Of(maxBytes)} characters, the most accepted for this kind of file.");
                }
            }
        }
        catch (IOException e)
        {
            throw Problem(path, $"could not be read: {e.Message}");
        }

        if (counter.Count > 0)
        {
            // Line and column (in characters) of the first bad byte, so it can be found in an editor.
            var s = text.ToString();
            var at = s.IndexOf('\uFFFD', StringComparison.Ordinal);
            var line = at < 0 ? 1 : 1 + s.AsSpan(0, at).Count('\n');
            var column = at < 0 ? 0 : at - (at > 0 ? s.LastIndexOf('\n', at - 1) : -1);
            throw new InputException([new InputProblem(path, line, column, string.Empty, NotUtf8)]);
        }

        return text.ToString();
    }

    /// <summary>The message for bytes that do not decode as UTF-8.</summary>
    internal const string NotUtf8 = "holds bytes that are not UTF-8: save the file as UTF-8 (exports in Latin-1 or Windows-1252 must be converted first).";

    private static FileStream OpenStream(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            throw Problem(path, "is an empty path: give a file name.");
        }

        if (Directory.Exists(path))
        {
            throw Problem(path, "is a folder, not a file.");
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        }
        catch (FileNotFoundException)
        {
            throw Problem(path, "does not exist.");
        }
        catch (DirectoryNotFoundException)
        {
            throw Problem(path, "does not exist (its folder is missing).");
        }
        catch (UnauthorizedAccessException)
        {
            throw Problem(path, "cannot be read: permission denied.");
        }
        catch (IOException e)
        {
            // A symlink loop, a name too long, a device that refuses to open...: say what the system said.
            throw Problem(path, $"cannot be opened: {e.Message}");
        }
        catch (NotSupportedException e)
        {
            throw Problem(path, $"cannot be opened: {e.Message}");
        }
    }

    private static InputException Problem(string path, string message) => new([new InputProblem(path, 0, 0, string.Empty, message)]);
}

/// <summary>
/// A UTF-8 decoding that replaces bytes that are not UTF-8 with U+FFFD and counts them, so that a reader can
/// find and report them (with line and column) instead of silently reading garbled text.
/// </summary>
internal sealed class Utf8Counter
{
    public Utf8Counter()
    {
        var encoding = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).Clone();
        encoding.DecoderFallback = new CountingFallback(this);
        Encoding = encoding;
    }

    /// <summary>The encoding to decode with.</summary>
    public Encoding Encoding { get; }

    /// <summary>Invalid byte sequences met so far.</summary>
    public int Count { get; private set; }

    private sealed class CountingFallback(Utf8Counter owner) : DecoderFallback
    {
        public override int MaxCharCount => 1;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(owner);

        private sealed class Buffer(Utf8Counter owner) : DecoderFallbackBuffer
        {
            private bool _pending;

            public override int Remaining => _pending ? 1 : 0;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                owner.Count++;
                _pending = true;
                return true;
            }

            public override char GetNextChar()
            {
                if (!_pending)
                {
                    return '\0';
                }

                _pending = false;
                return '\uFFFD';
            }

            public override bool MovePrevious() => false;

            public override void Reset() => _pending = false;
        }
    }
}
