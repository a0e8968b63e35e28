namespace CIA.Engine.IO.Csv;

/// <summary>
/// Strict parsers for cell text, straight from characters: no string per field, no culture, one spelling of each
/// value (digits, an optional minus where allowed, <c>.</c> for decimals, ISO dates). Leading zeros are accepted
/// (<c>007</c> is 7); a plus sign, spaces inside, thousands separators and exponents are not.
/// </summary>
internal static class CsvCells
{
    /// <summary>A cell for a <c>;</c>-separated file: as it is, or in double quotes (inner quotes doubled) when it holds a separator, a quote or a line break.</summary>
    public static string Quote(string s) => s.AsSpan().IndexOfAny(";\"\n\r") < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A whole number of at most 18 digits.</summary>
    public static bool TryParseInteger(ReadOnlySpan<char> s, bool allowNegative, out long value)
    {
        value = 0;
        var negative = s.Length > 0 && s[0] == '-';
        if (negative)
        {
            if (!allowNegative)
            {
                return false;
            }

            s = s[1..];
        }

        if (s.Length is 0 or > 18)
        {
            return false;
        }

        long v = 0;
        foreach (var c in s)
        {
            var d = c - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            v = (v * 10) + d;
        }

        value = negative ? -v : v;
        return true;
    }

    /// <summary>An amount in euros with at most two decimals, as cents: <c>1234</c>, <c>1234.5</c>, <c>1234.56</c>.</summary>
    public static bool TryParseCents(ReadOnlySpan<char> s, bool allowNegative, out long cents)
    {
        cents = 0;
        var negative = s.Length > 0 && s[0] == '-';
        if (negative)
        {
            if (!allowNegative)
            {
                return false;
            }

            s = s[1..];
        }

        var dot = s.IndexOf('.');
        var whole = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? default : s[(dot + 1)..];
        if (fraction.Length > 2 || whole.Length > 12 || (whole.Length == 0 && fraction.Length == 0))
        {
            return false;
        }

        long euros = 0;
        if (whole.Length > 0 && !TryParseInteger(whole, false, out euros))
        {
            return false;
        }

        long hundredths = 0;
        for (var i = 0; i < 2; i++)
        {
            var d = i < fraction.Length ? fraction[i] - '0' : 0;
            if ((uint)d > 9)
            {
                return false;
            }

            hundredths = (hundredths * 10) + d;
        }

        cents = (euros * 100) + hundredths;
        if (negative)
        {
            cents = -cents;
        }

        return true;
    }

    /// <summary>A non-negative decimal number: digits with an optional <c>.</c> and up to 10 decimals.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> s, out decimal value)
    {
        value = 0;
        var dot = s.IndexOf('.');
        var whole = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? default : s[(dot + 1)..];
        if ((whole.Length == 0 && fraction.Length == 0) || whole.Length > 12 || fraction.Length > 10)
        {
            return false;
        }

        long w = 0;
        if (whole.Length > 0 && !TryParseInteger(whole, false, out w))
        {
            return false;
        }

        long f = 0;
        if (fraction.Length > 0 && !TryParseInteger(fraction, false, out f))
        {
            return false;
        }

        value = w + new decimal((int)(f & 0xFFFFFFFF), (int)(f >> 32), 0, false, (byte)fraction.Length);
        return true;
    }

    /// <summary>An ISO calendar date <c>yyyy-MM-dd</c> that exists (no 2023-02-29), years 1900 to 2199.</summary>
    public static bool TryParseIsoDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-')
        {
            return false;
        }

        if (!TryParseInteger(s[..4], false, out var y) || !TryParseInteger(s[5..7], false, out var m) || !TryParseInteger(s[8..], false, out var d))
        {
            return false;
        }

        if (y is < 1900 or > 2199 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth((int)y, (int)m))
        {
            return false;
        }

        date = new DateOnly((int)y, (int)m, (int)d);
        return true;
    }
}
