namespace CIA.Engine.IO.Csv;

/// <summary>
/// Passes text through, turning every lone CR (a line break in old Mac files, or a stray one) into LF; CRLF is left
/// as it is. Sylvan ends a record at a lone CR in some places of its buffer and not in others (its vectorised scan
/// looks for LF only), so without this the same file could be split into rows, and its lines numbered, differently
/// depending on where its buffer boundaries fall. After it, every line break ends with LF: lines are counted by LF.
/// </summary>
internal sealed class LineEndReader(TextReader inner) : TextReader
{
    // A character read ahead to see what follows a CR at the end of a chunk; -1 when none.
    private int _ahead = -1;

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var n = 0;
        if (_ahead >= 0)
        {
            buffer[0] = (char)_ahead;
            _ahead = -1;
            n = 1;
        }

        n += inner.Read(buffer[n..]);
        var text = buffer[..n];
        var at = text.IndexOf('\r');
        while (at >= 0)
        {
            int next;
            if (at + 1 < n)
            {
                next = text[at + 1];
            }
            else
            {
                // Read ahead rather than Peek: a StreamReader on a pipe may answer Peek with "nothing yet".
                next = inner.Read();
                _ahead = next;
            }

            if (next != '\n')
            {
                text[at] = '\n';
            }

            var rest = text[(at + 1)..].IndexOf('\r');
            at = rest < 0 ? -1 : at + 1 + rest;
        }

        return n;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
