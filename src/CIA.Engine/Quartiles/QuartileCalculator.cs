using CIA.Engine.Domain;
using CIA.Engine.Parameters;
using CIA.Engine.Tables;

namespace CIA.Engine.Quartiles;

/// <summary>Quartile thresholds computed from a demand file.</summary>
/// <param name="Count">Applications used.</param>
/// <param name="Q1">First-quartile threshold: the highest resources per UC of the poorest quarter.</param>
/// <param name="Q2">Median, same definition at 50 %.</param>
/// <param name="Q3">Third quartile, same definition at 75 %.</param>
public sealed record ComputedQuartiles(int Count, ResourcesPerUc Q1, ResourcesPerUc Q2, ResourcesPerUc Q3);

/// <summary>
/// Computes quartile thresholds from applications by the SNE method (arrêté fixing the first-quartile threshold): the threshold is
/// "le niveau de ressources le plus élevé du quartile des demandeurs aux ressources les plus faibles".
/// </summary>
/// <remarks>
/// Quantile definition: sort resources per UC ascending (r₁ ≤ … ≤ rₙ); the threshold at share p is r_k with
/// k = ⌈p·n⌉, i.e. the inverse of the empirical distribution function (Hyndman–Fan type 1, R's
/// <c>quantile(type = 1)</c>). The poorest quarter is the ⌈n/4⌉ lowest applicants and Q1 is the highest of them.
/// Every applicant counts, mutation applicants included (no source excludes them; CCH L441-1 says "demandeurs").
/// Values are exact ratios; they are rounded to the cent only for display.
/// </remarks>
public static class QuartileCalculator
{
    /// <summary>Computes Q1, Q2, Q3 from the rows of a demand table.</summary>
    /// <exception cref="ParameterNotCoveredException">No application.</exception>
    public static ComputedQuartiles Compute(DemandTable demand, UcScale scale)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(scale);
        var values = new ResourcesPerUc[demand.Count];
        for (var row = 0; row < values.Length; row++)
        {
            values[row] = scale.ResourcesPerUc(demand.Household(row));
        }

        return Compute(values);
    }

    /// <summary>Computes Q1, Q2, Q3 from applications.</summary>
    /// <exception cref="ParameterNotCoveredException">No application.</exception>
    public static ComputedQuartiles Compute(IReadOnlyCollection<Application> applications, UcScale scale)
    {
        ArgumentNullException.ThrowIfNull(applications);
        ArgumentNullException.ThrowIfNull(scale);
        var values = new ResourcesPerUc[applications.Count];
        var i = 0;
        foreach (var a in applications)
        {
            values[i++] = scale.ResourcesPerUc(HouseholdInput.Of(a));
        }

        return Compute(values);
    }

    /// <summary>Computes Q1, Q2, Q3 from resources per UC (the array is sorted in place).</summary>
    /// <exception cref="ParameterNotCoveredException">Empty: there is nothing to compute thresholds from.</exception>
    public static ComputedQuartiles Compute(ResourcesPerUc[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            throw new ParameterNotCoveredException("Quartile thresholds cannot be computed from a demand with no application: give a demand file with applications, or use the published thresholds (quartiles.thresholds: published).");
        }

        Array.Sort(values);
        return new ComputedQuartiles(values.Length, At(values, 1, 4), At(values, 1, 2), At(values, 3, 4));
    }

    /// <summary>The type-1 quantile at share numerator/denominator of sorted values: r_k, k = ⌈p·n⌉ (at least 1).</summary>
    public static ResourcesPerUc At(ReadOnlySpan<ResourcesPerUc> sorted, int numerator, int denominator) => sorted[Rank(sorted.Length, numerator, denominator) - 1];

    /// <summary>
    /// The 1-based rank of the type-1 quantile (inverse empirical distribution) at share numerator/denominator of
    /// <paramref name="count"/> sorted values: k = ⌈p·n⌉, at least 1. Quartiles and the fragility deciles both use it.
    /// </summary>
    public static int Rank(int count, int numerator, int denominator) => (int)Math.Max(1, (((long)numerator * count) + denominator - 1) / denominator);
}
