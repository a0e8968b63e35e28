using System.Globalization;
using System.Text;

namespace CIA.Engine.Reporting.Charts;

/// <summary>One line of a sweep chart: the other keys' values it holds fixed, and a share per value of the key swept.</summary>
/// <param name="Label">The other keys' values ("ranking=cia_steered"), or empty when only one key is swept.</param>
/// <param name="Means">Per value of the key, the mean share (NaN: undefined).</param>
/// <param name="Lows">Per value, the lower end of its 95 % interval, if any.</param>
/// <param name="Highs">Per value, the upper end.</param>
internal sealed record SweepSeries(string Label, IReadOnlyList<double> Means, IReadOnlyList<double?> Lows, IReadOnlyList<double?> Highs);

/// <summary>
/// How a share moves along a swept key: the key's values left to right (in the order given), one line per combination
/// of the other keys, each point with its 95 % whisker, the target's bound dashed. Inline SVG, no script, the same
/// bytes for the same input; each point's figure is in its tooltip and the page's table.
/// </summary>
internal static class SweepChart
{
    private const double Width = 560;
    private const double Left = 70;
    private const double Right = 400;
    private const double Top = 40;
    private const double Bottom = 260;
    private static readonly string[] Colours = ["#000091", "#ce0500", "#18753c", "#b34000", "#6a6af4", "#1b1b1b"];

    /// <summary>Draws the chart.</summary>
    public static string Draw(string title, string key, IReadOnlyList<string> values, IReadOnlyList<SweepSeries> series, double? bound)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(series);
        var height = Bottom + 50 + (series.Count(s => s.Label.Length > 0) * 16);
        var sb = new StringBuilder(4096);
        var t = Svg.Escape(title);
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cia-chart sweep\" role=\"img\" aria-label=\"{t}\" width=\"{Svg.N(Width)}\" height=\"{Svg.N(height)}\" viewBox=\"0 0 {Svg.N(Width)} {Svg.N(height)}\" font-family=\"{Svg.FontFamily}\">")
          .Append(CultureInfo.InvariantCulture, $"<title>{t}</title>\n<rect class=\"background\" x=\"0\" y=\"0\" width=\"{Svg.N(Width)}\" height=\"{Svg.N(height)}\" fill=\"#ffffff\"/>\n");
        var all = series.SelectMany(s => s.Means.Concat(s.Lows.Select(v => v ?? double.NaN)).Concat(s.Highs.Select(v => v ?? double.NaN)))
            .Append(bound ?? double.NaN).Where(double.IsFinite).ToList();
        if (values.Count == 0 || all.Count == 0)
        {
            return sb.Append(CultureInfo.InvariantCulture, $"<text class=\"nodata\" x=\"{Svg.N(Left)}\" y=\"{Svg.N(Top + 20)}\" font-size=\"12\" font-style=\"italic\" fill=\"#555555\">no data</text></svg>").ToString();
        }

        var pad = Math.Max((all.Max() - all.Min()) / 10, 0.005);
        var (y0, y1) = (all.Min() - pad, all.Max() + pad);
        double Px(int i) => values.Count == 1 ? (Left + Right) / 2 : Left + 20 + (i * (Right - Left - 40) / (values.Count - 1));
        double Py(double v) => Bottom - ((v - y0) / (y1 - y0) * (Bottom - Top));

        sb.Append("<g class=\"axis\" font-size=\"11\" fill=\"#555555\">");
        for (var k = 0; k <= 4; k++)
        {
            var yv = y0 + ((y1 - y0) * k / 4);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Svg.N(Left)}\" x2=\"{Svg.N(Right)}\" y1=\"{Svg.N(Py(yv))}\" y2=\"{Svg.N(Py(yv))}\" stroke=\"#e6e6e6\"/>")
              .Append(CultureInfo.InvariantCulture, $"<text x=\"{Svg.N(Left - 6)}\" y=\"{Svg.N(Py(yv) + 4)}\" text-anchor=\"end\">{Share(yv)}</text>");
        }

        for (var i = 0; i < values.Count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Svg.N(Px(i))}\" y=\"{Svg.N(Bottom + 16)}\" text-anchor=\"middle\">{Svg.Escape(Svg.Truncate(values[i], 16))}</text>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Svg.N(Left)}\" x2=\"{Svg.N(Right)}\" y1=\"{Svg.N(Bottom)}\" y2=\"{Svg.N(Bottom)}\" stroke=\"#8a8a8a\"/>")
          .Append(CultureInfo.InvariantCulture, $"<text class=\"x-label\" x=\"{Svg.N((Left + Right) / 2)}\" y=\"{Svg.N(Bottom + 34)}\" text-anchor=\"middle\" fill=\"#1b1b1b\">{Svg.Escape(key)}</text></g>\n");
        if (bound is { } b && double.IsFinite(b))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"bound\" x1=\"{Svg.N(Left)}\" x2=\"{Svg.N(Right)}\" y1=\"{Svg.N(Py(b))}\" y2=\"{Svg.N(Py(b))}\" stroke=\"#000091\" stroke-dasharray=\"6 4\"/>")
              .Append(CultureInfo.InvariantCulture, $"<text class=\"bound-label\" x=\"{Svg.N(Right + 4)}\" y=\"{Svg.N(Py(b) + 4)}\" font-size=\"11\" fill=\"#000091\">target {Share(b)}</text>\n");
        }

        for (var s = 0; s < series.Count; s++)
        {
            var colour = Colours[s % Colours.Length];
            var line = series[s];
            var points = Enumerable.Range(0, values.Count).Where(i => i < line.Means.Count && double.IsFinite(line.Means[i])).ToList();
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"series\" data-series=\"{Svg.Escape(line.Label)}\">");
            if (points.Count > 1)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{string.Join(' ', points.Select(i => $"{Svg.N(Px(i))},{Svg.N(Py(line.Means[i]))}"))}\"/>");
            }

            foreach (var i in points)
            {
                var tip = $"{(line.Label.Length > 0 ? line.Label + ", " : string.Empty)}{key}={values[i]}: {Share(line.Means[i])}"
                    + (line.Lows[i] is { } lo && line.Highs[i] is { } hi ? $" [{Share(lo)}, {Share(hi)}]" : string.Empty);
                sb.Append(CultureInfo.InvariantCulture, $"<g class=\"point\"><title>{Svg.Escape(tip)}</title>");
                if (line.Lows[i] is { } l && line.Highs[i] is { } h)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"<line class=\"whisker\" x1=\"{Svg.N(Px(i))}\" x2=\"{Svg.N(Px(i))}\" y1=\"{Svg.N(Py(l))}\" y2=\"{Svg.N(Py(h))}\" stroke=\"{colour}\"/>");
                }

                sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Svg.N(Px(i))}\" cy=\"{Svg.N(Py(line.Means[i]))}\" r=\"4\" fill=\"{colour}\"/></g>");
            }

            sb.Append("</g>\n");
            if (line.Label.Length > 0)
            {
                var ly = Bottom + 50 + (s * 16);
                sb.Append(CultureInfo.InvariantCulture, $"<g class=\"legend\" font-size=\"11\"><rect x=\"{Svg.N(Left)}\" y=\"{Svg.N(ly - 9)}\" width=\"12\" height=\"4\" fill=\"{colour}\"/><text x=\"{Svg.N(Left + 18)}\" y=\"{Svg.N(ly - 4)}\" fill=\"#1b1b1b\">{Svg.Escape(line.Label)}</text></g>\n");
            }
        }

        return sb.Append("</svg>").ToString();
    }

    private static string Share(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
