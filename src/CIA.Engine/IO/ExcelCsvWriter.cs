using System.Text;

namespace CIA.Engine.IO;

/// <summary>
/// Turns any of the engine's <c>;</c>-separated CSV outputs into the CSV French Excel opens as meant: a UTF-8 byte-order
/// mark first (without it Excel reads UTF-8 as the ANSI code page: "RezÃ©"), and decimal commas in the cells that are
/// invariant decimal numbers (<c>1.6</c> → <c>1,6</c>, <c>-0.25</c> → <c>-0,25</c>, <c>1.5E-05</c> → <c>1,5E-05</c>).
/// Every other cell passes unchanged: whole numbers, dates, text, and any quoted cell (a number is never quoted by our
/// writers, so a quoted cell is text, whatever it looks like). The separator is already <c>;</c>, Excel's list separator
/// in French. The wrapped writer must encode UTF-8. Not thread-safe, like any <see cref="TextWriter"/>.
/// </summary>
internal sealed class ExcelCsvWriter : TextWriter
{
    private readonly TextWriter _inner;
    private readonly StringBuilder _cell = new(64);
    private bool _started;
    private bool _quoted; // inside a quoted cell
    private bool _cellIsQuoted; // the current cell began with a quote (it is copied as it comes)

    /// <summary>Wraps <paramref name="inner"/>; the byte-order mark is written with the first character.</summary>
    public ExcelCsvWriter(TextWriter inner)
        : base(System.Globalization.CultureInfo.InvariantCulture)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        NewLine = "\n";
    }

    /// <inheritdoc/>
    public override Encoding Encoding => _inner.Encoding;

    /// <inheritdoc/>
    public override void Write(char value)
    {
        if (!_started)
        {
            _started = true;
            _inner.Write('\uFEFF');
        }

        if (_cellIsQuoted)
        {
            // Copied as it comes; a quote closes the cell unless the next one doubles it (then it reopens: same effect).
            if (value == '"')
            {
                _quoted = !_quoted;
            }
            else if (!_quoted && value is ';' or '\n')
            {
                _cellIsQuoted = false;
            }

            _inner.Write(value);
            return;
        }

        switch (value)
        {
            case '"' when _cell.Length == 0:
                _cellIsQuoted = true;
                _quoted = true;
                _inner.Write(value);
                break;
            case ';' or '\n':
                EndCell();
                _inner.Write(value);
                break;
            default:
                _cell.Append(value);
                break;
        }
    }

    /// <inheritdoc/>
    public override void Write(string? value)
    {
        foreach (var c in value ?? string.Empty)
        {
            Write(c);
        }
    }

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        for (var i = index; i < index + count; i++)
        {
            Write(buffer[i]);
        }
    }

    /// <summary>Writes the cell being read (a last line without a line end) and flushes the wrapped writer.</summary>
    public override void Flush()
    {
        EndCell();
        _inner.Flush();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            EndCell(); // the wrapped writer is not ours: it is neither flushed nor closed here
        }

        base.Dispose(disposing);
    }

    /// <summary>Whether <paramref name="cell"/> is an invariant decimal number with a point: digits, '.', digits, an optional exponent.</summary>
    internal static bool IsDecimal(ReadOnlySpan<char> cell)
    {
        var i = cell.Length > 0 && cell[0] == '-' ? 1 : 0;
        var whole = Digits(cell, ref i);
        if (whole == 0 || i >= cell.Length || cell[i] != '.')
        {
            return false;
        }

        i++;
        if (Digits(cell, ref i) == 0)
        {
            return false;
        }

        if (i < cell.Length && cell[i] is 'e' or 'E')
        {
            i++;
            if (i < cell.Length && cell[i] is '+' or '-')
            {
                i++;
            }

            if (Digits(cell, ref i) == 0)
            {
                return false;
            }
        }

        return i == cell.Length;
    }

    private static int Digits(ReadOnlySpan<char> s, ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return i - start;
    }

    private void EndCell()
    {
        if (_cell.Length == 0)
        {
            return;
        }

        var text = _cell.ToString();
        _inner.Write(IsDecimal(text) ? text.Replace('.', ',') : text);
        _cell.Clear();
    }
}
