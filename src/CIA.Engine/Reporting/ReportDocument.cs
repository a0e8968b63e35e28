using System.Collections.Immutable;
using CIA.Engine.Policy;
using CIA.Engine.Targets;

namespace CIA.Engine.Reporting;

/// <summary>The report's language: French by default, its readers being a French commission.</summary>
public enum ReportLanguage
{
    /// <summary>French: labels in French, numbers written the French way (25,3 %, 1 241).</summary>
    [Domain.Token("fr")] French,

    /// <summary>English.</summary>
    [Domain.Token("en")] English,
}

/// <summary>What a cell holds.</summary>
public enum CellKind
{
    /// <summary>Text.</summary>
    Text,

    /// <summary>A count of allocations or applications.</summary>
    Count,

    /// <summary>A share, 0 to 1.</summary>
    Share,

    /// <summary>A status against a target's bounds.</summary>
    Status,

    /// <summary>A difference of shares, in percentage points.</summary>
    Points,
}

/// <summary>A 95 % confidence interval of a share, from Monte Carlo runs.</summary>
/// <param name="Low">Lower end, 0 to 1.</param>
/// <param name="High">Upper end.</param>
public readonly record struct Interval(double Low, double High);

/// <summary>
/// One cell of a report table: typed, so that every format writes the same value its own way. A masked cell holds
/// its value (for nothing: writers must not write it) so that masking is a flag, not a rewrite of the figures.
/// </summary>
/// <param name="Kind">What the cell holds.</param>
/// <param name="Text">The text, for <see cref="CellKind.Text"/>.</param>
/// <param name="Number">The count, share or difference; null when undefined (a share of nothing).</param>
/// <param name="Status">The status, for <see cref="CellKind.Status"/>.</param>
/// <param name="Masked">Withheld for statistical confidentiality: writers show the mask, never the value.</param>
/// <param name="Interval">The 95 % interval of a share from Monte Carlo runs, when there is one.</param>
public sealed record ReportCell(CellKind Kind, string? Text, decimal? Number, TargetStatus? Status, bool Masked = false, Interval? Interval = null)
{
    /// <summary>A text cell.</summary>
    public static ReportCell Of(string text) => new(CellKind.Text, text, null, null);

    /// <summary>A count cell.</summary>
    public static ReportCell OfCount(int? count, bool masked = false) => new(CellKind.Count, null, count, null, masked);

    /// <summary>A share cell.</summary>
    public static ReportCell OfShare(decimal? share, bool masked = false, Interval? interval = null) => new(CellKind.Share, null, share, null, masked, interval);

    /// <summary>A status cell.</summary>
    public static ReportCell OfStatus(TargetStatus status) => new(CellKind.Status, null, null, status);

    /// <summary>A difference in percentage points.</summary>
    public static ReportCell OfPoints(decimal? points) => new(CellKind.Points, null, points, null);
}

/// <summary>One figure as the CSV and JSON carry it: machine values, with its masking.</summary>
/// <param name="Key">Stable id: target id, <c>id/réservataire</c>, <c>id/dimension/name</c>, or a group of the other sections. <c>--previous</c> matches on it.</param>
/// <param name="Section">The section's id.</param>
/// <param name="Label">What it is, in the report's language.</param>
/// <param name="Numerator">Numerator (a count for a figure with no denominator).</param>
/// <param name="Denominator">Denominator, null for a plain count.</param>
/// <param name="Share">Numerator ÷ denominator, null when undefined or masked.</param>
/// <param name="Min">Lower bound, if any.</param>
/// <param name="Max">Upper bound, if any.</param>
/// <param name="Status">Status, null for a figure that is not judged.</param>
/// <param name="Reference">The reference figure an indicator is compared to (mobilisable capacity).</param>
/// <param name="NumeratorMasked">The numerator is withheld.</param>
/// <param name="DenominatorMasked">The denominator is withheld.</param>
/// <param name="Interval">95 % interval of the share, from Monte Carlo runs.</param>
/// <param name="PreviousShare">The share in the previous report, when given and published there.</param>
public sealed record ReportFigure(
    string Key,
    string Section,
    string Label,
    int Numerator,
    int? Denominator,
    decimal? Share,
    decimal? Min,
    decimal? Max,
    TargetStatus? Status,
    int? Reference,
    bool NumeratorMasked,
    bool DenominatorMasked,
    Interval? Interval,
    decimal? PreviousShare)
{
    /// <summary>The share is withheld (its numerator or denominator is).</summary>
    public bool ShareMasked => NumeratorMasked || DenominatorMasked;
}

/// <summary>A column of a report table.</summary>
/// <param name="Header">Its header, in the report's language.</param>
/// <param name="Kind">What its cells hold.</param>
public sealed record ReportColumn(string Header, CellKind Kind);

/// <summary>A row: its key (a figure's, or empty) and cells, one per column.</summary>
/// <param name="Key">The figure's key, or empty for a text row.</param>
/// <param name="Cells">The cells.</param>
public sealed record ReportRow(string Key, ImmutableArray<ReportCell> Cells);

/// <summary>What a chart of a table would show, so that a renderer can draw one where it is useful.</summary>
public enum ChartHint
{
    /// <summary>No chart.</summary>
    None,

    /// <summary>Shares against a target's bounds, one bar per row (réservataire, landlord).</summary>
    Attainment,

    /// <summary>A share against a band (QPV diversification).</summary>
    Band,

    /// <summary>This year against last year.</summary>
    Trend,

    /// <summary>Counts by commune.</summary>
    Communes,
}

/// <summary>A table of a report section.</summary>
/// <param name="Id">Stable id (sheet name in the workbook).</param>
/// <param name="Title">Title, in the report's language.</param>
/// <param name="Columns">Columns.</param>
/// <param name="Rows">Rows.</param>
/// <param name="Chart">What a chart of it would show.</param>
/// <param name="Target">The target the table is about, if any (its bounds, for a chart).</param>
public sealed record ReportTable(string Id, string Title, ImmutableArray<ReportColumn> Columns, ImmutableArray<ReportRow> Rows, ChartHint Chart = ChartHint.None, AllocationTarget? Target = null);

/// <summary>A section of the report: title, paragraphs, tables.</summary>
/// <param name="Id">Stable id.</param>
/// <param name="Title">Title.</param>
/// <param name="Paragraphs">Plain-language paragraphs.</param>
/// <param name="Tables">Tables.</param>
public sealed record ReportSection(string Id, string Title, ImmutableArray<string> Paragraphs, ImmutableArray<ReportTable> Tables);

/// <summary>
/// The report made ready to render, in one language, with confidentiality applied: sections of paragraphs and
/// tables of typed cells, and the list of every figure. Every writer (Markdown, CSV, JSON, HTML, XLSX) renders this
/// one document, so no two formats can disagree.
/// </summary>
/// <param name="Title">The report's title.</param>
/// <param name="Language">Its language.</param>
/// <param name="MaskBelow">Counts from 1 to this − 1 are masked in breakdowns (0 or 1: nothing masked).</param>
/// <param name="Sections">The sections, summary first.</param>
/// <param name="Figures">Every figure, in document order.</param>
/// <param name="Year">The year reported on.</param>
/// <param name="EngineVersion">The engine version.</param>
public sealed record ReportDocument(string Title, ReportLanguage Language, int MaskBelow, ImmutableArray<ReportSection> Sections, ImmutableArray<ReportFigure> Figures, int Year, string EngineVersion);
