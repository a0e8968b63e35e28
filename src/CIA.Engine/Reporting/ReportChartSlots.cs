using CIA.Engine.Domain;
using CIA.Engine.Reporting.Charts;
using CIA.Engine.Targets;

namespace CIA.Engine.Reporting;

/// <summary>
/// Fills the HTML page's chart places (<see cref="ReportHtml.Write"/>) with <see cref="ReportCharts"/>: attainment
/// against target for the summary, per partner and per landlord; the QPV band; the trend; the commune grid. Every bar
/// is read from the document's figures (<see cref="ReportDocument.Figures"/>), so a chart shows exactly what the table
/// beside it shows, masking included.
/// </summary>
internal static class ReportChartSlots
{
    /// <summary>The chart function for a document's page.</summary>
    public static Func<ReportTable, ReportText, string?> For(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var figures = document.Figures.ToDictionary(f => f.Key, StringComparer.Ordinal);
        var chartText = document.Language == ReportLanguage.French ? ChartText.French : ChartText.English;
        return (table, text) =>
        {
            var rows = table.Rows.Where(r => figures.ContainsKey(r.Key)).Select(r => (Row: r, Figure: figures[r.Key])).ToList();
            switch (table.Chart)
            {
                case ChartHint.Attainment when rows.Count > 0:
                    // Indicators have no bound to be judged against: they are left to their table.
                    var judged = rows.Where(r => r.Figure.Status is not null).ToList();
                    return judged.Count == 0 ? null : ReportCharts.Attainment(table.Title, [.. judged.Select(r => Bar(r.Row, r.Figure, text))], chartText);
                case ChartHint.Band when rows.Count > 0 && table.Target is { } band:
                    var overall = figures.TryGetValue(band.Id, out var o) ? [Bar(null, o, text) with { Label = text.T("ensemble", "overall") }] : Array.Empty<ChartBar>();
                    return ReportCharts.Band(table.Title, [.. overall, .. rows.Select(r => Bar(r.Row, r.Figure, text))], chartText);
                case ChartHint.Communes when rows.Count > 0:
                    return ReportCharts.CommuneGrid(table.Title, [.. rows.Select(r => Cell(r.Row, r.Figure, text))], chartText);
                case ChartHint.Trend:
                    var items = document.Figures.Where(f => f.Section == "summary" && f.Status is not null && !f.Key.Contains('/', StringComparison.Ordinal))
                        .Select(f => new TrendItem(f.Label, (double?)f.PreviousShare, f.ShareMasked ? null : (double?)f.Share, (double?)f.Min, (double?)f.Max,
                            Token(f.Status), CurrentMasked: f.ShareMasked) { StatusText = f.Status is { } s ? text.Status(s) : null })
                        .ToList();
                    var previousYear = table.Columns.Length > 1 ? table.Columns[1].Header : string.Empty;
                    return items.Count == 0 ? null : ReportCharts.Trend(table.Title, items, previousYear, document.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), chartText);
                default:
                    return null;
            }
        };
    }

    private static ChartBar Bar(ReportRow? row, ReportFigure f, ReportText text) => new(
        Label(row, f),
        f.ShareMasked ? null : (double?)f.Share,
        f.NumeratorMasked ? null : f.Numerator,
        f.DenominatorMasked ? null : f.Denominator,
        (double?)f.Min,
        (double?)f.Max,
        Token(f.Status),
        f.Interval?.Low,
        f.Interval?.High,
        Masked: f.ShareMasked)
    {
        StatusText = f.Status is { } s ? text.Status(s) : null,
        ShareText = f.Share is { } share && !f.ShareMasked ? text.Share(share) : null,
    };

    private static HeatCell Cell(ReportRow row, ReportFigure f, ReportText text) => new(
        Label(row, f),
        f.ShareMasked ? null : (double?)f.Share,
        f.NumeratorMasked ? null : f.Numerator,
        f.DenominatorMasked ? null : f.Denominator,
        Token(f.Status),
        Masked: f.ShareMasked)
    {
        StatusText = f.Status is { } s ? text.Status(s) : null,
        ShareText = f.Share is { } share && !f.ShareMasked ? text.Share(share) : null,
    };

    /// <summary>The row's own label (its first cell: a landlord, a réservataire), else the figure's.</summary>
    private static string Label(ReportRow? row, ReportFigure f) =>
        row is { Cells.Length: > 0 } && row.Cells[0].Kind == CellKind.Text && row.Cells[0].Text is { Length: > 0 } label ? label : f.Label;

    private static string? Token(TargetStatus? status) => status is { } s ? Tokens<TargetStatus>.Format(s) : null;
}
