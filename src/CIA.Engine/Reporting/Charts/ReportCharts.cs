using System.Globalization;
using System.Text;
using static CIA.Engine.Reporting.Charts.ChartLayout;

namespace CIA.Engine.Reporting.Charts;

/// <summary>
/// The report's charts, drawn as self-contained inline SVG (or, for the commune grid, an HTML table): no script, no
/// network, no web font, the same bytes for the same input. Every chart has a title and an <c>aria-label</c>; every
/// figure is written as text next to its mark and its status in words, so nothing is told by colour alone. Masked
/// figures show the mask word and no mark. Labels are escaped. See docs/report-charts.md.
/// </summary>
internal static class ReportCharts
{
    private enum Mark
    {
        Bar,
        Marker,
    }

    /// <summary>
    /// Attainment against target: one horizontal bar per row (réservataire, landlord), the target's bound as a dashed
    /// line (or its band shaded), the share, counts and status written at the right, an optional 95 % whisker.
    /// </summary>
    /// <param name="title">The chart's title (also its accessible name).</param>
    /// <param name="rows">The rows, drawn in order.</param>
    /// <param name="text">Words and number formats.</param>
    /// <param name="scaleMax">The scale's upper end (0 to 1); by default one tenth above the largest value.</param>
    /// <returns>An <c>&lt;svg&gt;</c> element.</returns>
    public static string Attainment(string title, IReadOnlyList<ChartBar> rows, ChartText text, double? scaleMax = null) =>
        Rows(title, rows, text, scaleMax, Mark.Bar);

    /// <summary>
    /// A share against a band (ménages cibles in QPV, 20–30 %): the band shaded, each row's share as a marker on a thin
    /// bar, written at the right with its status. Usually one row; several (by landlord, by commune) work the same way.
    /// </summary>
    /// <param name="title">The chart's title.</param>
    /// <param name="rows">The rows; each row's <see cref="ChartBar.Min"/> and <see cref="ChartBar.Max"/> are the band.</param>
    /// <param name="text">Words and number formats.</param>
    /// <param name="scaleMax">The scale's upper end (0 to 1); by default one tenth above the largest value or bound.</param>
    /// <returns>An <c>&lt;svg&gt;</c> element.</returns>
    public static string Band(string title, IReadOnlyList<ChartBar> rows, ChartText text, double? scaleMax = null) =>
        Rows(title, rows, text, scaleMax, Mark.Marker);

    /// <summary>
    /// The trend: for each target, last year's share (grey bar) above this year's (bar in the status colour), the
    /// difference in points and the status written at the right, the target's bound marked across the pair.
    /// </summary>
    /// <param name="title">The chart's title.</param>
    /// <param name="items">The targets.</param>
    /// <param name="previousLabel">What last year is called in the legend (e.g. "2024").</param>
    /// <param name="currentLabel">What this year is called (e.g. "2025").</param>
    /// <param name="text">Words and number formats.</param>
    /// <param name="scaleMax">The scale's upper end (0 to 1); by default one tenth above the largest value.</param>
    /// <returns>An <c>&lt;svg&gt;</c> element.</returns>
    public static string Trend(string title, IReadOnlyList<TrendItem> items, string previousLabel, string currentLabel, ChartText text, double? scaleMax = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(text);
        if (items.Count == 0)
        {
            return Empty(title, text);
        }

        var tenths = Svg.ScaleTenths(items.SelectMany(i => new[] { i.PreviousMasked ? null : i.Previous, i.CurrentMasked ? null : i.Current, i.Min, i.Max }), scaleMax);
        var max = tenths / 10.0;
        var bottom = Top + (items.Count * TrendGroupHeight);
        var height = bottom + AxisHeight;
        var sb = Open(title, height);

        // Legend: last year, this year.
        const string previousColour = "#9aa5b8";
        sb.Append($"<g class=\"legend\" font-size=\"12\" fill=\"#1b1b1b\"><rect x=\"{Svg.N(PlotLeft)}\" y=\"10\" width=\"12\" height=\"12\" fill=\"{previousColour}\"/>")
          .Append($"<text x=\"{Svg.N(PlotLeft + 17)}\" y=\"20\">{Svg.Escape(previousLabel)}</text>")
          .Append($"<rect x=\"{Svg.N(PlotLeft + 110)}\" y=\"10\" width=\"12\" height=\"12\" fill=\"#18753c\"/><rect x=\"{Svg.N(PlotLeft + 116)}\" y=\"10\" width=\"6\" height=\"12\" fill=\"#ce0500\"/>")
          .Append($"<text x=\"{Svg.N(PlotLeft + 127)}\" y=\"20\">{Svg.Escape(currentLabel)}</text></g>\n");
        Grid(sb, tenths, bottom, text);

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var gTop = Top + (i * TrendGroupHeight);
            var prev = item.PreviousMasked ? null : Svg.Finite(item.Previous);
            var cur = item.CurrentMasked ? null : Svg.Finite(item.Current);
            var status = ChartText.Normalize(item.Status);
            var statusWords = item.StatusText ?? text.StatusWords(status);
            sb.Append($"<g class=\"group\" data-label=\"{Svg.Escape(item.Label)}\"><title>{Svg.Escape(TrendSentence(item, prev, cur, previousLabel, currentLabel, statusWords, text))}</title>");
            if (i > 0)
            {
                sb.Append($"<line class=\"separator\" x1=\"0\" x2=\"{Svg.N(Width)}\" y1=\"{Svg.N(gTop)}\" y2=\"{Svg.N(gTop)}\" stroke=\"#eeeeee\"/>");
            }

            var lines = Svg.Wrap(item.Label, MaxLabelChars);
            var firstBaseline = lines.Count == 1 ? gTop + 28 : gTop + 21;
            sb.Append($"<text class=\"label\" x=\"{Svg.N(LabelRight)}\" y=\"{Svg.N(firstBaseline)}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1b1b\">");
            for (var l = 0; l < lines.Count; l++)
            {
                sb.Append(l == 0 ? "<tspan>" : $"<tspan x=\"{Svg.N(LabelRight)}\" dy=\"14\">").Append(Svg.Escape(lines[l])).Append("</tspan>");
            }

            sb.Append("</text>");
            Bounds(sb, item.Min, item.Max, max, gTop + 4, gTop + TrendGroupHeight - 4, shared: false);
            TrendBar(sb, "previous", prev, item.PreviousMasked, gTop + 8, max, previousColour, text, prev is { } p ? text.Percent(p) : null, "#5b6577");
            string? curText = null;
            if (cur is { } c)
            {
                curText = text.Percent(c) + (prev is { } pp ? " (" + text.PointsDifference(c - pp) + ")" : string.Empty);
            }

            TrendBar(sb, "current", cur, item.CurrentMasked, gTop + 26, max, Svg.StatusColour(status), text, curText, "#1b1b1b", statusWords, status);
            sb.Append("</g>\n");
        }

        return sb.Append("</svg>").ToString();
    }

    /// <summary>
    /// A map-like table by commune: an HTML table whose cells are shaded by share (light at 0 %, dark blue at the
    /// scale's upper end) and carry the commune, the share, the counts and the status in words; masked cells are
    /// hatched and say so; a legend gives the scale. Cells flow <paramref name="columns"/> to a row unless they carry
    /// a <see cref="HeatCell.Row"/> and <see cref="HeatCell.Column"/>.
    /// </summary>
    /// <param name="title">The table's caption.</param>
    /// <param name="cells">The communes.</param>
    /// <param name="text">Words and number formats.</param>
    /// <param name="columns">Cells per row in the flowing layout.</param>
    /// <param name="scaleMax">The shade's upper end (0 to 1); by default one tenth above the largest share.</param>
    /// <returns>A <c>&lt;div&gt;</c> holding the table and its legend.</returns>
    public static string CommuneGrid(string title, IReadOnlyList<HeatCell> cells, ChartText text, int columns = 5, double? scaleMax = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        var tenths = Svg.ScaleTenths(cells.Select(c => c.Masked ? null : c.Share), scaleMax);
        var max = tenths / 10.0;
        var grid = Place(cells, columns);
        var sb = new StringBuilder();
        sb.Append($"<div class=\"cia-heat\" style=\"font-family:{Svg.FontFamily};color:#1b1b1b;max-width:100%;overflow-x:auto\">\n")
          .Append("<table class=\"cia-heat-grid\" style=\"border-collapse:separate;border-spacing:4px;margin:0;font-size:13px;table-layout:fixed\">\n")
          .Append($"<caption style=\"caption-side:top;text-align:left;font-weight:600;padding:0 4px 4px\">{Svg.Escape(title)}</caption>\n<tbody>\n");
        if (grid.Count == 0)
        {
            sb.Append($"<tr><td class=\"heat-nodata nodata\" style=\"border:1px dashed #bbb;padding:8px 12px;color:#555;font-style:italic\">{Svg.Escape(text.NoData)}</td></tr>\n");
        }

        foreach (var row in grid)
        {
            sb.Append("<tr>");
            foreach (var cell in row)
            {
                sb.Append(cell is null ? "<td class=\"heat-void void\" style=\"border:none;background:none;padding:0\"></td>" : HeatTd(cell, max, text));
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</tbody>\n</table>\n")
          .Append("<div class=\"cia-heat-legend\" style=\"display:flex;flex-wrap:wrap;align-items:center;gap:6px;font-size:12px;margin:4px 4px 0\">")
          .Append($"<span>{Svg.Escape(text.Bound(0))}</span><span aria-hidden=\"true\" style=\"display:inline-block;width:160px;height:10px;border:1px solid #ccc;background:linear-gradient(to right,{HeatLow},{HeatHigh})\"></span>")
          .Append($"<span>{Svg.Escape(text.Bound(max))}</span>")
          .Append("<span aria-hidden=\"true\" style=\"display:inline-block;width:14px;height:10px;margin-left:14px;border:1px solid #ccc;background:repeating-linear-gradient(45deg,#f3f3f3 0 3px,#d6d6d6 3px 6px)\"></span>")
          .Append($"<span>{Svg.Escape(text.Masked)}</span></div>\n</div>");
        return sb.ToString();
    }

    /// <summary>The colour of a heat cell: <see cref="ChartLayout.HeatLow"/> blended towards <see cref="ChartLayout.HeatHigh"/> by share ÷ scale.</summary>
    /// <param name="share">The share.</param>
    /// <param name="scaleMax">The scale's upper end.</param>
    public static string HeatColour(double share, double scaleMax) => Svg.Blend(HeatLow, HeatHigh, share / scaleMax);

    private static string HeatTd(HeatCell cell, double max, ChartText text)
    {
        const string box = "border:1px solid #fff;width:146px;min-width:146px;max-width:146px;height:60px;padding:4px 7px;vertical-align:top;text-align:left;overflow:hidden;font-style:normal;line-height:1.2";
        var name = $"<div style=\"font-weight:600;font-size:12px;overflow-wrap:anywhere\">{Svg.Escape(Svg.Truncate(cell.Label, 40))}</div>";
        var counts = cell.Numerator is { } n && cell.Denominator is { } d ? text.Count(n) + "/" + text.Count(d) : null;
        var status = ChartText.Normalize(cell.Status);
        var statusWords = cell.StatusText ?? text.StatusWords(status);
        if (cell.Masked)
        {
            return $"<td class=\"heat-masked masked\" data-label=\"{Svg.Escape(cell.Label)}\" title=\"{Svg.Escape(cell.Label + " : " + text.Masked)}\" style=\"{box};background:repeating-linear-gradient(45deg,#f3f3f3 0 6px,#e2e2e2 6px 12px);color:#555\">"
                + name + $"<div style=\"font-style:italic;margin-top:3px\">{Svg.Escape(text.Masked)}</div></td>";
        }

        if (Svg.Finite(cell.Share) is not { } share)
        {
            var what = statusWords.Length > 0 ? statusWords : text.NoData;
            return $"<td class=\"heat-nodata nodata\" data-label=\"{Svg.Escape(cell.Label)}\" title=\"{Svg.Escape(cell.Label + " : " + what)}\" style=\"{box};background:#fff;border:1px dashed #bbb;color:#555\">"
                + name + $"<div style=\"font-style:italic;margin-top:3px\">{Svg.Escape(what)}</div>" + (counts is null ? string.Empty : $"<div style=\"font-size:11px\">{Svg.Escape(counts)}</div>") + "</td>";
        }

        var t = Math.Clamp(share / max, 0, 1);
        var ink = t > 0.45 ? "#ffffff" : "#1b1b1b";
        var shareText = cell.ShareText ?? text.Percent(share);
        var detail = string.Join(" · ", new[] { counts, statusWords.Length > 0 ? statusWords : null }.Where(s => s is not null));
        var tip = cell.Label + " : " + shareText + (detail.Length > 0 ? " (" + detail + ")" : string.Empty);
        return $"<td class=\"heat-share share\" data-label=\"{Svg.Escape(cell.Label)}\" data-share=\"{Svg.N(share * 100)}\" title=\"{Svg.Escape(tip)}\" style=\"{box};background:{HeatColour(share, max)};color:{ink}\">"
            + name + $"<div style=\"font-size:16px;margin-top:1px;font-variant-numeric:tabular-nums\">{Svg.Escape(shareText)}</div>"
            + (detail.Length > 0 ? $"<div style=\"font-size:11px\">{Svg.Escape(detail)}</div>" : string.Empty) + "</td>";
    }

    private static List<HeatCell?[]> Place(IReadOnlyList<HeatCell> cells, int columns)
    {
        var placed = new Dictionary<(int Row, int Column), HeatCell>();
        var flowing = new List<HeatCell>();
        foreach (var cell in cells)
        {
            if (cell.Row is >= 0 and var r && cell.Column is >= 0 and var c && placed.TryAdd((r, c), cell))
            {
                continue;
            }

            flowing.Add(cell);
        }

        var width = placed.Count == 0 ? Math.Min(columns, Math.Max(1, flowing.Count)) : placed.Keys.Max(k => k.Column) + 1;
        var rows = new List<HeatCell?[]>();
        if (placed.Count > 0)
        {
            var height = placed.Keys.Max(k => k.Row) + 1;
            for (var r = 0; r < height; r++)
            {
                var row = new HeatCell?[width];
                for (var c = 0; c < width; c++)
                {
                    row[c] = placed.GetValueOrDefault((r, c));
                }

                rows.Add(row);
            }
        }

        for (var i = 0; i < flowing.Count; i += width)
        {
            var row = new HeatCell?[Math.Min(width, flowing.Count - i)];
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = flowing[i + c];
            }

            rows.Add(row);
        }

        return rows;
    }

    private static string Rows(string title, IReadOnlyList<ChartBar> rows, ChartText text, double? scaleMax, Mark mark)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(text);
        if (rows.Count == 0)
        {
            return Empty(title, text);
        }

        var tenths = Svg.ScaleTenths(rows.SelectMany(r => new[] { r.Masked ? null : r.Share, r.Masked ? null : r.IntervalHigh, r.Min, r.Max }), scaleMax);
        var max = tenths / 10.0;
        var anyInterval = rows.Any(r => !r.Masked && Svg.Finite(r.IntervalLow) is not null && Svg.Finite(r.IntervalHigh) is not null);
        var bottom = Top + (rows.Count * RowHeight);
        var height = bottom + AxisHeight + (anyInterval ? LegendHeight : 0);
        var sb = Open(title, height);
        Grid(sb, tenths, bottom, text);

        // One target for every row: drawn once across the plot, labelled above it. Otherwise per row.
        var shared = rows.All(r => Same(r.Min, rows[0].Min) && Same(r.Max, rows[0].Max));
        if (shared)
        {
            Bounds(sb, rows[0].Min, rows[0].Max, max, Top - 4, bottom, shared: true);
            if (BoundLabel(rows[0].Min, rows[0].Max, text) is { } label)
            {
                var lx = Center(rows[0].Min, rows[0].Max, max);
                sb.Append($"<text class=\"target-label\" x=\"{Svg.N(lx)}\" y=\"{Svg.N(Top - 10)}\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"600\" fill=\"#000091\">{Svg.Escape(label)}</text>\n");
            }
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var rowTop = Top + (i * RowHeight);
            var cy = rowTop + (RowHeight / 2);
            var status = ChartText.Normalize(row.Status);
            var statusWords = row.StatusText ?? text.StatusWords(status);
            var share = row.Masked ? null : Svg.Finite(row.Share);
            sb.Append($"<g class=\"row{(row.Masked ? " masked" : string.Empty)}\" data-label=\"{Svg.Escape(row.Label)}\"><title>{Svg.Escape(RowSentence(row, share, statusWords, text))}</title>");
            sb.Append($"<text class=\"label\" x=\"{Svg.N(LabelRight)}\" y=\"{Svg.N(cy + 4)}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1b1b\">{Svg.Escape(Svg.Truncate(row.Label, MaxLabelChars))}</text>");
            if (!shared)
            {
                Bounds(sb, row.Min, row.Max, max, rowTop + 2, rowTop + RowHeight - 2, shared: false);
            }

            if (row.Masked)
            {
                sb.Append($"<text class=\"mask\" x=\"{Svg.N(PlotLeft + 6)}\" y=\"{Svg.N(cy + 4)}\" font-size=\"12\" font-style=\"italic\" fill=\"#555555\">{Svg.Escape(text.Masked)}</text>");
            }
            else if (share is not { } s)
            {
                var what = status is "no_allocations" && statusWords.Length > 0 ? statusWords : text.NoData;
                sb.Append($"<text class=\"nodata\" x=\"{Svg.N(PlotLeft + 6)}\" y=\"{Svg.N(cy + 4)}\" font-size=\"12\" font-style=\"italic\" fill=\"#555555\">{Svg.Escape(what)}</text>");
                var counts = Counts(row, text);
                if (counts is not null || (statusWords.Length > 0 && what != statusWords))
                {
                    Value(sb, cy, counts, statusWords == what ? string.Empty : statusWords, status);
                }
            }
            else
            {
                var colour = Svg.StatusColour(status);
                var x = X(s, max);
                if (mark == Mark.Bar)
                {
                    sb.Append($"<rect class=\"bar\" x=\"{Svg.N(PlotLeft)}\" y=\"{Svg.N(cy - (BarHeight / 2))}\" width=\"{Svg.N(x - PlotLeft)}\" height=\"{Svg.N(BarHeight)}\" fill=\"{colour}\" data-share=\"{Svg.N(s * 100)}\"/>");
                }
                else
                {
                    sb.Append($"<rect class=\"bar\" x=\"{Svg.N(PlotLeft)}\" y=\"{Svg.N(cy - (BandBarHeight / 2))}\" width=\"{Svg.N(x - PlotLeft)}\" height=\"{Svg.N(BandBarHeight)}\" fill=\"{colour}\" data-share=\"{Svg.N(s * 100)}\"/>")
                      .Append($"<circle class=\"marker\" cx=\"{Svg.N(x)}\" cy=\"{Svg.N(cy)}\" r=\"{Svg.N(MarkerRadius)}\" fill=\"{colour}\" stroke=\"#ffffff\" stroke-width=\"2\"/>");
                }

                if (Svg.Finite(row.IntervalLow) is { } lo && Svg.Finite(row.IntervalHigh) is { } hi)
                {
                    Whisker(sb, X(Math.Min(lo, hi), max), X(Math.Max(lo, hi), max), cy);
                }

                var shareText = row.ShareText ?? text.Percent(s);
                var counts = Counts(row, text);
                Value(sb, cy, shareText + (counts is null ? string.Empty : " (" + counts + ")"), statusWords, status);
            }

            sb.Append("</g>\n");
        }

        if (anyInterval)
        {
            var ly = bottom + AxisHeight + 10;
            Whisker(sb, PlotLeft, PlotLeft + 24, ly);
            sb.Append($"<text class=\"legend\" x=\"{Svg.N(PlotLeft + 32)}\" y=\"{Svg.N(ly + 4)}\" font-size=\"11\" fill=\"#1b1b1b\">{Svg.Escape(text.Interval)}</text>\n");
        }

        return sb.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string title, double height)
    {
        var sb = new StringBuilder(4096);
        var t = Svg.Escape(title);
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cia-chart\" role=\"img\" aria-label=\"{t}\" width=\"{Svg.N(Width)}\" height=\"{Svg.N(height)}\" viewBox=\"0 0 {Svg.N(Width)} {Svg.N(height)}\" font-family=\"{Svg.FontFamily}\">")
          .Append($"<title>{t}</title>\n")
          .Append($"<rect class=\"background\" x=\"0\" y=\"0\" width=\"{Svg.N(Width)}\" height=\"{Svg.N(height)}\" fill=\"#ffffff\"/>\n");
        return sb;
    }

    private static string Empty(string title, ChartText text)
    {
        var sb = Open(title, 40);
        return sb.Append($"<text class=\"nodata\" x=\"{Svg.N(PlotLeft)}\" y=\"24\" font-size=\"12\" font-style=\"italic\" fill=\"#555555\">{Svg.Escape(text.NoData)}</text></svg>").ToString();
    }

    private static void Grid(StringBuilder sb, int tenths, double bottom, ChartText text)
    {
        var max = tenths / 10.0;
        var step = Svg.TickStepPercent(tenths);
        sb.Append("<g class=\"axis\" font-size=\"11\" fill=\"#555555\">");
        for (var pct = 0; pct <= tenths * 10; pct += step)
        {
            var x = X(pct / 100.0, max);
            sb.Append($"<line x1=\"{Svg.N(x)}\" x2=\"{Svg.N(x)}\" y1=\"{Svg.N(Top - 4)}\" y2=\"{Svg.N(bottom)}\" stroke=\"{(pct == 0 ? "#8a8a8a" : "#e6e6e6")}\" stroke-width=\"1\"/>")
              .Append($"<text x=\"{Svg.N(x)}\" y=\"{Svg.N(bottom + 16)}\" text-anchor=\"middle\">{Svg.Escape(text.Bound(pct / 100.0))}</text>");
        }

        sb.Append("</g>\n");
    }

    private static void Bounds(StringBuilder sb, double? min, double? max, double scale, double y1, double y2, bool shared)
    {
        var lo = Svg.Finite(min);
        var hi = Svg.Finite(max);
        if (lo is { } a && hi is { } b)
        {
            var xa = X(Math.Min(a, b), scale);
            var xb = X(Math.Max(a, b), scale);
            sb.Append($"<rect class=\"band\" x=\"{Svg.N(xa)}\" y=\"{Svg.N(y1)}\" width=\"{Svg.N(xb - xa)}\" height=\"{Svg.N(y2 - y1)}\" fill=\"#000091\" fill-opacity=\"0.09\"/>");
            Line(sb, "band-edge", xa, y1, y2);
            Line(sb, "band-edge", xb, y1, y2);
        }
        else if ((lo ?? hi) is { } v)
        {
            Line(sb, "target", X(v, scale), y1, y2);
        }

        if (shared)
        {
            sb.Append('\n');
        }
    }

    private static void Line(StringBuilder sb, string css, double x, double y1, double y2) =>
        sb.Append($"<line class=\"{css}\" x1=\"{Svg.N(x)}\" x2=\"{Svg.N(x)}\" y1=\"{Svg.N(y1)}\" y2=\"{Svg.N(y2)}\" stroke=\"#000091\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>");

    private static void Whisker(StringBuilder sb, double x1, double x2, double cy) =>
        sb.Append($"<g class=\"interval\" stroke=\"#1b1b1b\" stroke-width=\"1.5\"><line x1=\"{Svg.N(x1)}\" x2=\"{Svg.N(x2)}\" y1=\"{Svg.N(cy)}\" y2=\"{Svg.N(cy)}\"/>")
          .Append($"<line x1=\"{Svg.N(x1)}\" x2=\"{Svg.N(x1)}\" y1=\"{Svg.N(cy - 5)}\" y2=\"{Svg.N(cy + 5)}\"/><line x1=\"{Svg.N(x2)}\" x2=\"{Svg.N(x2)}\" y1=\"{Svg.N(cy - 5)}\" y2=\"{Svg.N(cy + 5)}\"/></g>");

    private static void Value(StringBuilder sb, double cy, string? value, string statusWords, string? status)
    {
        sb.Append($"<text class=\"value\" x=\"{Svg.N(ValueLeft)}\" y=\"{Svg.N(cy + 4)}\" font-size=\"12\" fill=\"#1b1b1b\">");
        if (!string.IsNullOrEmpty(value))
        {
            sb.Append(Svg.Escape(value));
        }

        if (statusWords.Length > 0)
        {
            sb.Append(string.IsNullOrEmpty(value) ? string.Empty : " · ")
              .Append($"<tspan class=\"status\" font-weight=\"600\" fill=\"{Svg.StatusColour(status)}\">{Svg.Escape(statusWords)}</tspan>");
        }

        sb.Append("</text>");
    }

    private static void TrendBar(StringBuilder sb, string css, double? share, bool masked, double y, double max, string colour, ChartText text, string? value, string ink, string statusWords = "", string? status = null)
    {
        var cy = y + (TrendBarHeight / 2);
        if (masked)
        {
            sb.Append($"<text class=\"mask {css}\" x=\"{Svg.N(PlotLeft + 6)}\" y=\"{Svg.N(cy + 4)}\" font-size=\"11\" font-style=\"italic\" fill=\"#555555\">{Svg.Escape(text.Masked)}</text>");
            return;
        }

        if (share is not { } s)
        {
            sb.Append($"<text class=\"nodata {css}\" x=\"{Svg.N(PlotLeft + 6)}\" y=\"{Svg.N(cy + 4)}\" font-size=\"11\" font-style=\"italic\" fill=\"#555555\">{Svg.Escape(text.NoData)}</text>");
            return;
        }

        sb.Append($"<rect class=\"bar {css}\" x=\"{Svg.N(PlotLeft)}\" y=\"{Svg.N(y)}\" width=\"{Svg.N(X(s, max) - PlotLeft)}\" height=\"{Svg.N(TrendBarHeight)}\" fill=\"{colour}\" data-share=\"{Svg.N(s * 100)}\"/>");
        sb.Append($"<text class=\"value {css}\" x=\"{Svg.N(ValueLeft)}\" y=\"{Svg.N(cy + 4)}\" font-size=\"{(css == "previous" ? "11" : "12")}\" fill=\"{ink}\">{Svg.Escape(value)}");
        if (statusWords.Length > 0)
        {
            sb.Append($" · <tspan class=\"status\" font-weight=\"600\" fill=\"{Svg.StatusColour(status)}\">{Svg.Escape(statusWords)}</tspan>");
        }

        sb.Append("</text>");
    }

    private static string? Counts(ChartBar row, ChartText text) =>
        row.Numerator is { } n && row.Denominator is { } d ? text.Count(n) + "/" + text.Count(d)
        : row.Numerator is { } only ? text.Count(only)
        : null;

    private static string? BoundLabel(double? min, double? max, ChartText text)
    {
        var lo = Svg.Finite(min);
        var hi = Svg.Finite(max);
        return (lo, hi) switch
        {
            ({ } a, { } b) => text.Band + " " + BandText(a, b, text),
            ({ } a, null) => text.Target + " ≥ " + text.Bound(a),
            (null, { } b) => text.Target + " ≤ " + text.Bound(b),
            _ => null,
        };
    }

    private static string BandText(double a, double b, ChartText text) =>
        (Math.Min(a, b) * 100).ToString("#,0.###", text.Culture) + "–" + text.Bound(Math.Max(a, b));

    private static double Center(double? min, double? max, double scale)
    {
        var lo = Svg.Finite(min);
        var hi = Svg.Finite(max);
        return lo is { } a && hi is { } b ? (X(a, scale) + X(b, scale)) / 2 : X((lo ?? hi) ?? 0, scale);
    }

    private static bool Same(double? a, double? b) => Svg.Finite(a) == Svg.Finite(b);

    private static string RowSentence(ChartBar row, double? share, string statusWords, ChartText text)
    {
        var parts = new List<string>();
        if (row.Masked)
        {
            parts.Add(text.Masked);
        }
        else
        {
            parts.Add(share is { } s ? (row.ShareText ?? text.Percent(s)) : text.NoData);
            if (Counts(row, text) is { } counts)
            {
                parts.Add(counts);
            }

            if (Svg.Finite(row.IntervalLow) is { } lo && Svg.Finite(row.IntervalHigh) is { } hi)
            {
                parts.Add(text.Interval + " " + text.Percent(lo) + " – " + text.Percent(hi));
            }
        }

        if (BoundLabel(row.Min, row.Max, text) is { } bound)
        {
            parts.Add(bound);
        }

        if (!row.Masked && statusWords.Length > 0)
        {
            parts.Add(statusWords);
        }

        return row.Label + " : " + string.Join(", ", parts);
    }

    private static string TrendSentence(TrendItem item, double? prev, double? cur, string previousLabel, string currentLabel, string statusWords, ChartText text)
    {
        string Of(double? v, bool masked) => masked ? text.Masked : v is { } x ? text.Percent(x) : text.NoData;
        var sentence = item.Label + " : " + previousLabel + " " + Of(prev, item.PreviousMasked) + ", " + currentLabel + " " + Of(cur, item.CurrentMasked);
        if (prev is { } p && cur is { } c)
        {
            sentence += " (" + text.PointsDifference(c - p) + ")";
        }

        if (BoundLabel(item.Min, item.Max, text) is { } bound)
        {
            sentence += ", " + bound;
        }

        return statusWords.Length > 0 && !item.CurrentMasked ? sentence + ", " + statusWords : sentence;
    }

}
