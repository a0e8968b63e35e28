using CIA.Engine.Domain;
using CIA.Engine.Rules;

namespace CIA.Engine.Stock;

/// <summary>
/// The outcome of classifying one dwelling at a date under a policy: where it lies, whether its programme is
/// fragile, whether its rent is within reach of housing benefit, whose contingent it is in and how it was financed.
/// A small struct: classifying allocates nothing.
/// </summary>
/// <param name="InQpv">The dwelling lies in a QPV.</param>
/// <param name="Fragility">Its programme's fragility (CIA Annexe 1, étape 1).</param>
/// <param name="CountsFragile">Counts as fragile under the policy (fragile, or not assessed when the policy counts those as fragile).</param>
/// <param name="Accessible">Rent at or below the APL rent ceiling in force at the date (CIA Annexe 1, étape 2).</param>
/// <param name="PotentiallyAccessible">Rent above that ceiling by at most the policy's margin.</param>
/// <param name="Reservataire">The réservataire holding the dwelling (RPLS contingent), <see cref="Reservataire.Landlord"/> when not reserved.</param>
/// <param name="Financing">Its initial financing, which sets the income ceiling of its tenants.</param>
/// <param name="Fired">The dwelling rules that fired.</param>
public readonly record struct DwellingClassification(
    bool InQpv,
    FragilityStatus Fragility,
    bool CountsFragile,
    bool Accessible,
    bool PotentiallyAccessible,
    Reservataire Reservataire,
    Financing Financing,
    FiredRules Fired)
{
    /// <summary>Outside QPV and in a programme that does not count as fragile: the stock the CIA asks to rebalance.</summary>
    public bool NonFragileOutsideQpv => !InQpv && !CountsFragile;

    /// <summary>In the non-fragile stock outside QPV and accessible or potentially accessible: the base of the mobilisable capacity (CIA Annexe 1, étape 3).</summary>
    public bool InRebalancingStock => NonFragileOutsideQpv && (Accessible || PotentiallyAccessible);
}
