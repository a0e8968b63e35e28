using System.Globalization;

namespace CIA.Engine.Data;

/// <summary>
/// Writes <c>;</c>-separated rows with invariant formatting and <c>\n</c> line ends, without allocating per field:
/// the generator writes millions of rows. Fields are ids, codes and numbers that never contain the separator.
/// </summary>
internal sealed class CsvOut(TextWriter writer)
{
    private bool _first = true;

    public void Header(IEnumerable<string> names)
    {
        foreach (var n in names)
        {
            Field(n);
        }

        End();
    }

    public void Field(string value)
    {
        Separator();
        if (value.AsSpan().IndexOfAny(";\"\n\r") >= 0)
        {
            throw new ArgumentException($"'{value}' holds a separator, quote or line break.", nameof(value));
        }

        writer.Write(value);
    }

    /// <summary>A prefix followed by a zero-padded number, e.g. D0000042.</summary>
    public void Id(char prefix, long number, int digits)
    {
        Separator();
        Span<char> buffer = stackalloc char[24];
        buffer[0] = prefix;
        number.TryFormat(buffer[1..], out var n, digits switch { 5 => "D5", 6 => "D6", 7 => "D7", _ => "D8" }, CultureInfo.InvariantCulture);
        writer.Write(buffer[..(n + 1)]);
    }

    public void Field(int value)
    {
        Separator();
        Span<char> buffer = stackalloc char[12];
        value.TryFormat(buffer, out var n, default, CultureInfo.InvariantCulture);
        writer.Write(buffer[..n]);
    }

    /// <summary>An amount in cents, written as euros with two decimals.</summary>
    public void Cents(long cents)
    {
        Separator();
        Span<char> buffer = stackalloc char[24];
        (cents / 100).TryFormat(buffer, out var n, default, CultureInfo.InvariantCulture);
        var rest = (int)(cents % 100);
        buffer[n] = '.';
        buffer[n + 1] = (char)('0' + (rest / 10));
        buffer[n + 2] = (char)('0' + (rest % 10));
        writer.Write(buffer[..(n + 3)]);
    }

    /// <summary>A value in tenths, written with one decimal.</summary>
    public void Tenths(int tenths)
    {
        Separator();
        Span<char> buffer = stackalloc char[16];
        (tenths / 10).TryFormat(buffer, out var n, default, CultureInfo.InvariantCulture);
        buffer[n] = '.';
        buffer[n + 1] = (char)('0' + (tenths % 10));
        writer.Write(buffer[..(n + 2)]);
    }

    /// <summary>A share in thousandths (0–1000), written as 0.xxx.</summary>
    public void Thousandths(int value)
    {
        Separator();
        Span<char> buffer = stackalloc char[5];
        buffer[0] = (char)('0' + (value / 1000));
        buffer[1] = '.';
        buffer[2] = (char)('0' + (value / 100 % 10));
        buffer[3] = (char)('0' + (value / 10 % 10));
        buffer[4] = (char)('0' + (value % 10));
        writer.Write(buffer);
    }

    public void End()
    {
        writer.Write('\n');
        _first = true;
    }

    private void Separator()
    {
        if (!_first)
        {
            writer.Write(';');
        }

        _first = false;
    }
}
