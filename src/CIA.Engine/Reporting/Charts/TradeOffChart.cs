using System.Globalization;
using System.Text;

namespace CIA.Engine.Reporting.Charts;

/// <summary>One scenario on a trade-off chart: its label and its two figures, each with an optional 95 % interval.</summary>
/// <param name="Label">Short label drawn beside the point (e.g. "A").</param>
/// <param name="Name">The scenario's name, in the point's tooltip and the legend.</param>
/// <param name="X">The cost: a waiting time in months.</param>
/// <param name="XLow">Lower end of its interval, if any.</param>
/// <param name="XHigh">Upper end.</param>
/// <param name="Y">The gain: a share, 0 to 1.</param>
/// <param name="YLow">Lower end of its interval, if any.</param>
/// <param name="YHigh">Upper end.</param>
internal sealed record TradeOffPoint(string Label, string Name, double X, double? XLow, double? XHigh, double Y, double? YLow, double? YHigh);

/// <summary>
/// The trade-off of scenarios: a target's attained share (up) against the waiting time of the other households
/// (right), one point per scenario with its 95 % intervals as whiskers, the target's bound as a dashed line. Inline SVG,
/// no script, the same bytes for the same input; every point's figures are also written in its tooltip, and the page
/// beside the chart gives them in a table, so nothing is told by position alone.
/// </summary>
internal static class TradeOffChart
{
    private const double Width = 560;
    private const double Height = 360;
    private const double Left = 70;
    private const double Right = 530;
    private const double Top = 40;
    private const double Bottom = 300;

    /// <summary>Draws the chart.</summary>
    /// <param name="title">Title and accessible name.</param>
    /// <param name="xLabel">What the horizontal axis measures.</param>
    /// <param name="yLabel">What the vertical axis measures.</param>
    /// <param name="points">The scenarios (non-finite figures are left out).</param>
    /// <param name="bound">The target's bound on the share, drawn as a dashed line, if any.</param>
    /// <returns>An <c>&lt;svg&gt;</c> element.</returns>
    public static string Draw(string title, string xLabel, string yLabel, IReadOnlyList<TradeOffPoint> points, double? bound)
    {
        ArgumentNullException.ThrowIfNull(points);
        var shown = points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var sb = new StringBuilder(4096);
        var t = Svg.Escape(title);
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cia-chart tradeoff\" role=\"img\" aria-label=\"{t}\" width=\"{Svg.N(Width)}\" height=\"{Svg.N(Height)}\" viewBox=\"0 0 {Svg.N(Width)} {Svg.N(Height)}\" font-family=\"{Svg.FontFamily}\">")
          .Append(CultureInfo.InvariantCulture, $"<title>{t}</title>\n")
          .Append(CultureInfo.InvariantCulture, $"<rect class=\"background\" x=\"0\" y=\"0\" width=\"{Svg.N(Width)}\" height=\"{Svg.N(Height)}\" fill=\"#ffffff\"/>\n");
        if (shown.Count == 0)
        {
            return sb.Append(CultureInfo.InvariantCulture, $"<text class=\"nodata\" x=\"{Svg.N(Left)}\" y=\"{Svg.N(Top + 20)}\" font-size=\"12\" font-style=\"italic\" fill=\"#555555\">no data</text></svg>").ToString();
        }

        var (x0, x1) = Range(shown.SelectMany(p => new[] { p.X, p.XLow ?? p.X, p.XHigh ?? p.X }), 0.5);
        var (y0, y1) = Range(shown.SelectMany(p => new[] { p.Y, p.YLow ?? p.Y, p.YHigh ?? p.Y }).Append(bound ?? shown[0].Y), 0.01);
        double Px(double v) => Left + ((v - x0) / (x1 - x0) * (Right - Left));
        double Py(double v) => Bottom - ((v - y0) / (y1 - y0) * (Bottom - Top));

        // Axes, ticks (five on each), their labels.
        sb.Append("<g class=\"axis\" font-size=\"11\" fill=\"#555555\">");
        for (var k = 0; k <= 4; k++)
        {
            var xv = x0 + ((x1 - x0) * k / 4);
            var yv = y0 + ((y1 - y0) * k / 4);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Svg.N(Px(xv))}\" x2=\"{Svg.N(Px(xv))}\" y1=\"{Svg.N(Top)}\" y2=\"{Svg.N(Bottom)}\" stroke=\"#e6e6e6\"/>")
              .Append(CultureInfo.InvariantCulture, $"<text x=\"{Svg.N(Px(xv))}\" y=\"{Svg.N(Bottom + 16)}\" text-anchor=\"middle\">{Months(xv)}</text>")
              .Append(CultureInfo.InvariantCulture, $"<line x1=\"{Svg.N(Left)}\" x2=\"{Svg.N(Right)}\" y1=\"{Svg.N(Py(yv))}\" y2=\"{Svg.N(Py(yv))}\" stroke=\"#e6e6e6\"/>")
              .Append(CultureInfo.InvariantCulture, $"<text x=\"{Svg.N(Left - 6)}\" y=\"{Svg.N(Py(yv) + 4)}\" text-anchor=\"end\">{Share(yv)}</text>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Svg.N(Left)}\" x2=\"{Svg.N(Right)}\" y1=\"{Svg.N(Bottom)}\" y2=\"{Svg.N(Bottom)}\" stroke=\"#8a8a8a\"/>")
          .Append(CultureInfo.InvariantCulture, $"<line x1=\"{Svg.N(Left)}\" x2=\"{Svg.N(Left)}\" y1=\"{Svg.N(Top)}\" y2=\"{Svg.N(Bottom)}\" stroke=\"#8a8a8a\"/>")
          .Append(CultureInfo.InvariantCulture, $"<text class=\"x-label\" x=\"{Svg.N((Left + Right) / 2)}\" y=\"{Svg.N(Bottom + 36)}\" text-anchor=\"middle\" fill=\"#1b1b1b\">{Svg.Escape(xLabel)}</text>")
          .Append(CultureInfo.InvariantCulture, $"<text class=\"y-label\" x=\"{Svg.N(Left)}\" y=\"{Svg.N(Top - 14)}\" fill=\"#1b1b1b\">{Svg.Escape(yLabel)}</text></g>\n");

        if (bound is { } b && double.IsFinite(b))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"bound\" x1=\"{Svg.N(Left)}\" x2=\"{Svg.N(Right)}\" y1=\"{Svg.N(Py(b))}\" y2=\"{Svg.N(Py(b))}\" stroke=\"#000091\" stroke-dasharray=\"6 4\"/>")
              .Append(CultureInfo.InvariantCulture, $"<text class=\"bound-label\" x=\"{Svg.N(Right)}\" y=\"{Svg.N(Py(b) - 4)}\" text-anchor=\"end\" font-size=\"11\" fill=\"#000091\">target {Share(b)}</text>\n");
        }

        // Scenarios on the same spot (the same figures) share one label, "A, B", rather than printing over each other.
        var labels = shown.GroupBy(p => (Svg.N(Px(p.X)), Svg.N(Py(p.Y)))).ToDictionary(g => g.First(), g => string.Join(", ", g.Select(p => p.Label)));
        foreach (var p in shown)
        {
            var (cx, cy) = (Px(p.X), Py(p.Y));
            var tip = $"{p.Name}: {Share(p.Y)}{Interval(p.YLow, p.YHigh, Share)}, {Months(p.X)} months{Interval(p.XLow, p.XHigh, Months)}";
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"point\" data-scenario=\"{Svg.Escape(p.Label)}\"><title>{Svg.Escape(tip)}</title>");
            if (p.YLow is { } yl && p.YHigh is { } yh)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<line class=\"whisker\" x1=\"{Svg.N(cx)}\" x2=\"{Svg.N(cx)}\" y1=\"{Svg.N(Py(yl))}\" y2=\"{Svg.N(Py(yh))}\" stroke=\"#1b1b1b\"/>");
            }

            if (p.XLow is { } xl && p.XHigh is { } xh)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<line class=\"whisker\" x1=\"{Svg.N(Px(xl))}\" x2=\"{Svg.N(Px(xh))}\" y1=\"{Svg.N(cy)}\" y2=\"{Svg.N(cy)}\" stroke=\"#1b1b1b\"/>");
            }

            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Svg.N(cx)}\" cy=\"{Svg.N(cy)}\" r=\"5\" fill=\"#000091\"/>")
              .Append(labels.TryGetValue(p, out var label) ? $"<text x=\"{Svg.N(cx + 8)}\" y=\"{Svg.N(cy - 8)}\" font-size=\"12\" font-weight=\"bold\" fill=\"#1b1b1b\">{Svg.Escape(label)}</text>" : string.Empty)
              .Append("</g>\n");
        }

        return sb.Append("</svg>").ToString();
    }

    /// <summary>The axis range: the values' span, widened by a tenth on each side and to at least <paramref name="minimum"/>.</summary>
    private static (double Low, double High) Range(IEnumerable<double> values, double minimum)
    {
        var finite = values.Where(double.IsFinite).ToList();
        var (lo, hi) = (finite.Min(), finite.Max());
        var pad = Math.Max((hi - lo) / 10, minimum / 2);
        return (lo - pad, hi + pad);
    }

    private static string Interval(double? low, double? high, Func<double, string> format) =>
        low is { } l && high is { } h ? $" [{format(l)}, {format(h)}]" : string.Empty;

    private static string Share(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Months(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
}
