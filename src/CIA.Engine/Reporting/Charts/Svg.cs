using System.Globalization;
using System.Text;

namespace CIA.Engine.Reporting.Charts;

/// <summary>Small helpers shared by the charts: escaping, coordinates, colours, the scale.</summary>
internal static class Svg
{
    /// <summary>System fonts only: the page must render with no network.</summary>
    public const string FontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif";

    /// <summary>Escapes text for XML/HTML content and attribute values; drops characters XML 1.0 forbids.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\t' or '\n' or '\r': sb.Append(' '); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else if (c >= 0x20 && !char.IsSurrogate(c) && c != '\uFFFE' && c != '\uFFFF')
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>A coordinate: invariant, at most two decimals, never "-0".</summary>
    public static string N(double value)
    {
        var r = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        return (r == 0 ? 0 : r).ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>A finite value, or null (NaN and infinities are no data).</summary>
    public static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    /// <summary>Shortens a label to <paramref name="max"/> characters with an ellipsis.</summary>
    public static string Truncate(string? label, int max)
    {
        label = (label ?? string.Empty).Trim();
        return label.Length <= max ? label : label[..(max - 1)].TrimEnd() + "…";
    }

    /// <summary>Splits a label into at most two lines of <paramref name="max"/> characters, at spaces when it can.</summary>
    public static IReadOnlyList<string> Wrap(string? label, int max)
    {
        label = (label ?? string.Empty).Trim();
        if (label.Length <= max)
        {
            return [label];
        }

        var cut = label.LastIndexOf(' ', max);
        if (cut <= 0)
        {
            cut = max;
        }

        return [label[..cut].TrimEnd(), Truncate(label[cut..], max)];
    }

    /// <summary>The colour of a status token (the report page's own: green met, red missed, orange above, grey otherwise).</summary>
    public static string StatusColour(string? status) => ChartText.Normalize(status) switch
    {
        "met" or "within" => "#18753c",
        "not_met" or "below" => "#ce0500",
        "above" => "#b34000",
        _ => "#5a6b8c",
    };

    /// <summary>
    /// The scale's upper end in tenths (1 to 10): one tenth above the largest value, rounded up to an even number of
    /// tenths above 60 %, never above 100 %. An explicit <paramref name="scaleMax"/> (0 to 1) wins.
    /// </summary>
    public static int ScaleTenths(IEnumerable<double?> values, double? scaleMax)
    {
        if (Finite(scaleMax) is { } explicitMax && explicitMax > 0)
        {
            return Math.Clamp((int)Math.Ceiling(explicitMax * 10 - 1e-9), 1, 10);
        }

        var m = 0.0;
        foreach (var v in values)
        {
            if (Finite(v) is { } f && f > m)
            {
                m = f;
            }
        }

        var tenths = Math.Min(10, (int)Math.Floor(Math.Min(m, 1) * 10 + 1e-9) + 1);
        if (tenths > 6)
        {
            tenths = Math.Min(10, tenths + (tenths % 2));
        }

        return tenths;
    }

    /// <summary>The step between gridlines, in percent, for a scale of <paramref name="tenths"/>.</summary>
    public static int TickStepPercent(int tenths) => tenths <= 3 ? 5 : tenths <= 6 ? 10 : 20;

    /// <summary>Linear blend of two "#rrggbb" colours.</summary>
    public static string Blend(string from, string to, double t)
    {
        t = Math.Clamp(t, 0, 1);
        int C(string hex, int i) => int.Parse(hex.AsSpan(1 + (2 * i), 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var sb = new StringBuilder("#", 7);
        for (var i = 0; i < 3; i++)
        {
            var v = (int)Math.Round(C(from, i) + ((C(to, i) - C(from, i)) * t), MidpointRounding.AwayFromZero);
            sb.Append(v.ToString("x2", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
