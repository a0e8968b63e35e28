using CIA.Engine.Domain;

namespace CIA.Engine.HousingBenefit;

/// <summary>
/// The rent burden (taux d'effort) of a household in a dwelling: (rent + charges − housing benefit) ÷ monthly
/// resources. CCH R441-3-1 asks the commission d'attribution to weigh it; the arrêté du 10 mars 2011 fixes the method:
/// loyer principal, loyer des annexes, charges récupérables (CCH L442-3) and the tenant's contribution to energy
/// works, less the APL or AL, over the resources of the persons who will live in the dwelling.
/// </summary>
/// <remarks>
/// The real recoverable charges are not in the engine's data: the charges forfait C of the housing-benefit formula
/// stands in for them (<see cref="Of"/>), and annexes and the energy contribution are left out. Built from plain
/// values, allocation-free. The limit is policy (commonly 30 %), so it is an argument, never a constant here.
/// </remarks>
/// <param name="Rent">Monthly rent excluding charges.</param>
/// <param name="Charges">Monthly charges counted (the charges forfait C when built by <see cref="Of"/>).</param>
/// <param name="HousingBenefit">Monthly housing benefit net of CRDS (APL or AL).</param>
/// <param name="MonthlyResources">Monthly resources of the persons who will live in the dwelling.</param>
public readonly record struct RentBurden(Euros Rent, Euros Charges, Euros HousingBenefit, Euros MonthlyResources)
{
    /// <summary>What remains to pay each month: rent + charges − housing benefit.</summary>
    public Euros HousingCost => Rent + Charges - HousingBenefit;

    /// <summary>The taux d'effort as a fraction (0.25 for 25 %), exact; null when the resources are zero or negative.</summary>
    public decimal? Ratio => MonthlyResources > Euros.Zero ? HousingCost.Value / MonthlyResources.Value : null;

    /// <summary>
    /// Whether the taux d'effort is at most <paramref name="limit"/> (a household exactly at the limit is within it),
    /// compared exactly. With no resources, only a household with nothing left to pay is within any limit.
    /// </summary>
    public bool WithinRentBurden(Rate limit) => MonthlyResources > Euros.Zero
        ? HousingCost.Cents <= limit.Fraction * MonthlyResources.Cents
        : HousingCost <= Euros.Zero;

    /// <summary>
    /// The rent burden of a household whose housing benefit was computed: its rent, the charges forfait C in place of
    /// the real charges, and the aid net of CRDS.
    /// </summary>
    /// <param name="input">The formula's input (its rent is the rent counted, unrounded).</param>
    /// <param name="benefit">The formula's result for that input.</param>
    /// <param name="monthlyResources">The household's monthly resources.</param>
    public static RentBurden Of(in AplInput input, in AplResult benefit, Euros monthlyResources) =>
        new(input.Rent, benefit.Charges, benefit.Amount, monthlyResources);
}
