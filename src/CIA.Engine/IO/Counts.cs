using System.Globalization;

namespace CIA.Engine.IO;

/// <summary>Counts in messages, grouped by thousands with a space as French and English typography both allow ("65 536"), whatever the culture.</summary>
internal static class Counts
{
    private static readonly NumberFormatInfo Spaces = new() { NumberGroupSeparator = " ", NumberDecimalDigits = 0 };

    public static string Of(long value) => value.ToString("N0", Spaces);
}
