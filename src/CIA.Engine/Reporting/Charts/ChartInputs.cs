namespace CIA.Engine.Reporting.Charts;

/// <summary>
/// One row of an attainment or band chart: a réservataire, a landlord, a commune or a whole target. Plain values, so
/// that any report model maps onto it. Shares are fractions from 0 to 1; a null, NaN or infinite share is "no data"
/// (for instance a denominator of 0) and draws no bar.
/// </summary>
/// <param name="Label">What the row is (a name). Any text: it is escaped.</param>
/// <param name="Share">The share, 0 to 1, or null when undefined.</param>
/// <param name="Numerator">The numerator, shown next to the share when given.</param>
/// <param name="Denominator">The denominator, shown next to the share when given.</param>
/// <param name="Min">The target's lower bound (0 to 1), if any.</param>
/// <param name="Max">The target's upper bound (0 to 1), if any. With <paramref name="Min"/>, a band.</param>
/// <param name="Status">The status token (<c>met</c>, <c>not_met</c>, <c>below</c>, <c>within</c>, <c>above</c>, <c>no_allocations</c>, <c>indicator</c>): it chooses the colour and, unless <see cref="StatusText"/> is set, the words.</param>
/// <param name="IntervalLow">Lower end of the 95 % interval (Monte Carlo runs), if any.</param>
/// <param name="IntervalHigh">Upper end of the 95 % interval, if any.</param>
/// <param name="Masked">Withheld for statistical confidentiality: the row shows the mask word and no bar, no share, no counts.</param>
internal sealed record ChartBar(
    string Label,
    double? Share,
    int? Numerator = null,
    int? Denominator = null,
    double? Min = null,
    double? Max = null,
    string? Status = null,
    double? IntervalLow = null,
    double? IntervalHigh = null,
    bool Masked = false)
{
    /// <summary>The status in words, when the caller's wording should replace <see cref="ChartText.StatusWords(string?)"/>.</summary>
    public string? StatusText { get; init; }

    /// <summary>The share as text, when the caller has already formatted it (otherwise <see cref="ChartText.Percent(double)"/>).</summary>
    public string? ShareText { get; init; }
}

/// <summary>
/// One target of a trend chart: its share last year and this year, and its bounds.
/// </summary>
/// <param name="Label">The target's name.</param>
/// <param name="Previous">Last year's share (0 to 1), or null when there is none.</param>
/// <param name="Current">This year's share, or null when undefined.</param>
/// <param name="Min">Lower bound, if any.</param>
/// <param name="Max">Upper bound, if any.</param>
/// <param name="Status">This year's status token (see <see cref="ChartBar.Status"/>).</param>
/// <param name="PreviousMasked">Last year's share is withheld.</param>
/// <param name="CurrentMasked">This year's share is withheld.</param>
internal sealed record TrendItem(
    string Label,
    double? Previous,
    double? Current,
    double? Min = null,
    double? Max = null,
    string? Status = null,
    bool PreviousMasked = false,
    bool CurrentMasked = false)
{
    /// <summary>The status in words, replacing the default wording of <see cref="Status"/>.</summary>
    public string? StatusText { get; init; }
}

/// <summary>
/// One commune of the heat grid. Without <see cref="Row"/> and <see cref="Column"/>, cells flow left to right in
/// input order; with them, each commune sits at its place, so the grid can be laid out like a map.
/// </summary>
/// <param name="Label">The commune's name.</param>
/// <param name="Share">The share, 0 to 1, or null when undefined.</param>
/// <param name="Numerator">The numerator, if shown.</param>
/// <param name="Denominator">The denominator, if shown.</param>
/// <param name="Status">A status token, if the share is judged against a target.</param>
/// <param name="Masked">Withheld for statistical confidentiality.</param>
internal sealed record HeatCell(
    string Label,
    double? Share,
    int? Numerator = null,
    int? Denominator = null,
    string? Status = null,
    bool Masked = false)
{
    /// <summary>Grid row (0-based) for a map-like layout; both <see cref="Row"/> and <see cref="Column"/> or neither.</summary>
    public int? Row { get; init; }

    /// <summary>Grid column (0-based) for a map-like layout.</summary>
    public int? Column { get; init; }

    /// <summary>The status in words, replacing the default wording of <see cref="Status"/>.</summary>
    public string? StatusText { get; init; }

    /// <summary>The share as text, when the caller has already formatted it.</summary>
    public string? ShareText { get; init; }
}
