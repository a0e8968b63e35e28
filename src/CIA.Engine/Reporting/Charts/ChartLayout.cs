namespace CIA.Engine.Reporting.Charts;

/// <summary>
/// The fixed geometry of the SVG charts, in SVG user units (pixels at 100 %). A share <c>s</c> on a scale whose upper
/// end is <c>M</c> sits at <c>x = PlotLeft + s / M × PlotWidth</c>. The SVGs carry a viewBox, so a page may scale them.
/// </summary>
internal static class ChartLayout
{
    /// <summary>Width of every SVG chart.</summary>
    public const double Width = 760;

    /// <summary>Right edge of the row labels (they are right-aligned on it).</summary>
    public const double LabelRight = 200;

    /// <summary>Left edge of the plot: the 0 % line.</summary>
    public const double PlotLeft = 210;

    /// <summary>Width of the plot: from 0 % to the scale's upper end.</summary>
    public const double PlotWidth = 300;

    /// <summary>Left edge of the value texts (share, counts, status), right of the plot.</summary>
    public const double ValueLeft = PlotLeft + PlotWidth + 8;

    /// <summary>Top of the first row (above it: the target's label or the legend).</summary>
    public const double Top = 36;

    /// <summary>Height of one row of the attainment and band charts.</summary>
    public const double RowHeight = 28;

    /// <summary>Height of a bar of the attainment chart; it is centred in its row (6 above, 6 below).</summary>
    public const double BarHeight = 16;

    /// <summary>Height of the thin bar of the band chart, ending in a marker.</summary>
    public const double BandBarHeight = 4;

    /// <summary>Radius of the band chart's marker.</summary>
    public const double MarkerRadius = 6;

    /// <summary>Height of one target of the trend chart: last year's bar, then this year's.</summary>
    public const double TrendGroupHeight = 48;

    /// <summary>Height of each of the trend chart's two bars (last year at +8, this year at +26 in the group).</summary>
    public const double TrendBarHeight = 14;

    /// <summary>Space under the rows for the axis' labels.</summary>
    public const double AxisHeight = 24;

    /// <summary>Extra space under the axis for the interval legend, when a row has an interval.</summary>
    public const double LegendHeight = 20;

    /// <summary>Longest row label, in characters, before it is shortened with "…" (the full label stays in the row's title).</summary>
    public const int MaxLabelChars = 30;

    /// <summary>Colour of the heat grid at 0 %.</summary>
    public const string HeatLow = "#eef2fb";

    /// <summary>Colour of the heat grid at the scale's upper end.</summary>
    public const string HeatHigh = "#000091";

    /// <summary>The x of a share on a scale whose upper end is <paramref name="scaleMax"/>; shares are clamped to the scale.</summary>
    /// <param name="share">The share.</param>
    /// <param name="scaleMax">The scale's upper end (0 to 1].</param>
    public static double X(double share, double scaleMax) => PlotLeft + (Math.Clamp(share, 0, scaleMax) / scaleMax * PlotWidth);
}
