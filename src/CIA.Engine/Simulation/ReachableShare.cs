using CIA.Engine.Domain;

namespace CIA.Engine.Simulation;

/// <summary>
/// The attainability bound of one target figure in one simulated year: the most leases of the target's scope that
/// could have gone to households its measure counts, every lease going to an eligible household of the year's demand
/// (each housed once), against what the year attained. Computed by <c>CIA.Engine.Attainability</c> (an exact maximum
/// flow over eligibility classes); docs/whatif.md explains what it relaxes.
/// </summary>
/// <param name="TargetId">The target.</param>
/// <param name="Reservataire">For a target judged per réservataire, the réservataire of this figure; null for the overall figure.</param>
/// <param name="Attained">The leases the target's measure counted in the year (its numerator).</param>
/// <param name="Reachable">The most leases that could have counted (never below <paramref name="Attained"/>).</param>
/// <param name="Denominator">The year's leases in the target's scope.</param>
public sealed record ReachableShare(string TargetId, Reservataire? Reservataire, int Attained, int Reachable, int Denominator)
{
    /// <summary>The share reachable, Reachable ÷ Denominator; NaN without a lease in scope.</summary>
    public double Share => Denominator == 0 ? double.NaN : (double)Reachable / Denominator;

    /// <summary>The indicator group: the target id, then <c>/</c> and the réservataire's token for a per-réservataire figure.</summary>
    public string Group => Reservataire is { } r ? TargetId + "/" + Tokens<Reservataire>.Format(r) : TargetId;
}
