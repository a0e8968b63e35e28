using System.Globalization;

namespace CIA.Engine.Reporting.Charts;

/// <summary>
/// The words and number formats of the charts, in one language. Numbers follow <see cref="Culture"/>: French writes
/// "25,3 %" (comma, no-break space before the sign), English "25.3%". The library runs with invariant globalization,
/// so <see cref="FrenchCulture"/> and <see cref="EnglishCulture"/> are built here rather than looked up.
/// </summary>
/// <param name="Culture">Number formats: decimal separator, and the percent pattern (<see cref="NumberFormatInfo.PercentPositivePattern"/> 0 puts a no-break space before the sign, 1 none).</param>
/// <param name="Masked">The word for a withheld figure.</param>
/// <param name="NoData">The words for a figure with no data (a share of nothing).</param>
/// <param name="Target">The word before a single bound ("objectif ≥ 25 %").</param>
/// <param name="Band">The word before a band ("fourchette 20–30 %").</param>
/// <param name="Interval">The legend of the interval whisker.</param>
/// <param name="Points">The unit of a difference of shares (percentage points).</param>
internal sealed record ChartText(CultureInfo Culture, string Masked, string NoData, string Target, string Band, string Interval, string Points)
{
    private const char Nbsp = '\u00A0';

    /// <summary>French numbers: decimal comma, no-break space between thousands and before "%".</summary>
    public static CultureInfo FrenchCulture { get; } = Make(",", Nbsp.ToString(), 0);

    /// <summary>English numbers: decimal point, comma between thousands, "%" stuck to the number.</summary>
    public static CultureInfo EnglishCulture { get; } = Make(".", ",", 1);

    /// <summary>French words and numbers (the report's default).</summary>
    public static ChartText French { get; } = new(FrenchCulture, "masqué", "aucune donnée", "objectif", "fourchette", "intervalle à 95\u00A0%", "pt") { FrenchStatusWords = true };

    /// <summary>English words and numbers.</summary>
    public static ChartText English { get; } = new(EnglishCulture, "masked", "no data", "target", "band", "95% interval", "pt");

    /// <summary>Status words in French (true) or English (false) for <see cref="StatusWords(string?)"/>.</summary>
    public bool FrenchStatusWords { get; init; }

    private bool IsFrench => FrenchStatusWords;

    /// <summary>A share as a percentage with one decimal: 0.253 → "25,3 %" (French) or "25.3%" (English).</summary>
    /// <param name="share">A fraction.</param>
    public string Percent(double share) => WithSign((share * 100).ToString("#,0.0", Culture));

    /// <summary>A bound as a percentage with no trailing zeros: 0.25 → "25 %", 0.055 → "5,5 %".</summary>
    /// <param name="bound">A fraction.</param>
    public string Bound(double bound) => WithSign((bound * 100).ToString("#,0.###", Culture));

    /// <summary>A difference of shares in percentage points, signed: +3,3 pt, −1,0 pt, 0,0 pt.</summary>
    /// <param name="difference">Difference of two fractions.</param>
    public string PointsDifference(double difference)
    {
        var points = Math.Round(difference * 100, 1, MidpointRounding.AwayFromZero);
        var sign = points > 0 ? "+" : points < 0 ? "\u2212" : string.Empty;
        return sign + Math.Abs(points).ToString("0.0", Culture) + Nbsp + Points;
    }

    /// <summary>A count, with the culture's thousands separator.</summary>
    /// <param name="count">The count.</param>
    public string Count(int count) => count.ToString("#,0", Culture);

    /// <summary>The words of a status token (in this language), or the token itself when unknown; empty for null.</summary>
    /// <param name="status">The token.</param>
    public string StatusWords(string? status) => Normalize(status) switch
    {
        null => string.Empty,
        "met" => IsFrench ? "atteint" : "met",
        "not_met" => IsFrench ? "non atteint" : "not met",
        "below" => IsFrench ? "en dessous" : "below",
        "within" => IsFrench ? "dans la fourchette" : "within",
        "above" => IsFrench ? "au-dessus" : "above",
        "no_allocations" => IsFrench ? "aucune attribution" : "no allocations",
        "indicator" => IsFrench ? "indicateur" : "indicator",
        var other => other,
    };

    /// <summary>A status token in lower case with underscores (<c>Not-Met</c> → <c>not_met</c>), or null.</summary>
    internal static string? Normalize(string? status) =>
        string.IsNullOrWhiteSpace(status) ? null : status.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');

    private string WithSign(string number) => Culture.NumberFormat.PercentPositivePattern switch
    {
        1 => number + Culture.NumberFormat.PercentSymbol,
        2 => Culture.NumberFormat.PercentSymbol + number,
        3 => Culture.NumberFormat.PercentSymbol + Nbsp + number,
        _ => number + Nbsp + Culture.NumberFormat.PercentSymbol,
    };

    private static CultureInfo Make(string decimalSeparator, string groupSeparator, int percentPattern)
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat = new NumberFormatInfo
        {
            NumberDecimalSeparator = decimalSeparator,
            NumberGroupSeparator = groupSeparator,
            NumberGroupSizes = [3],
            PercentDecimalSeparator = decimalSeparator,
            PercentGroupSeparator = groupSeparator,
            PercentPositivePattern = percentPattern,
            PercentNegativePattern = percentPattern == 0 ? 0 : 1,
            NegativeSign = "\u2212",
        };
        return CultureInfo.ReadOnly(culture);
    }
}
