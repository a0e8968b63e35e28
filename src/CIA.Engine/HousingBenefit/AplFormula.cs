using System.Collections.Immutable;
using System.Globalization;
using CIA.Engine.Domain;
using CIA.Engine.Rules;

namespace CIA.Engine.HousingBenefit;

/// <summary>
/// The steps of the rental housing-benefit formula as rule definitions (id, title, legal reference, description), in
/// the order <see cref="AplMonth.Compute"/> runs them, and their explanation for one household. References are those
/// OpenFisca-France cites: the formula is in CCH D823-16 and D823-17 since the 2019 recodification (the APL was
/// formerly in CCH L351-1 and R351-1 and following, the AL formula in CSS D542-5-2).
/// </summary>
public static class AplFormula
{
    /// <summary>The name of the steps' rule set.</summary>
    public const string RuleSetName = "apl";

    /// <summary>The steps, in order.</summary>
    public static ImmutableArray<RuleDefinition> Steps { get; } =
    [
        Step("APL-RENT-KEPT", "Rent kept, at most the ceiling L", "CCH D823-16; arrêté du 27/09/2019 art. 7 (ceilings L by zone)",
            "The rent excluding charges, rounded to whole euros (half to even), is kept up to the ceiling L of the zone and household."),
        Step("APL-CHARGES", "Charges forfait C", "CCH D823-16 3°; arrêté du 27/09/2019 art. 9",
            "A flat amount for charges, a base plus an amount per dependant, whatever the real charges."),
        Step("APL-MINIMAL-PARTICIPATION", "Minimal participation P0", "CCH D823-17; arrêté du 27/09/2019 art. 13",
            "P0 = max(8.5 % × (rent kept + C), a monthly forfait)."),
        Step("APL-ABATEMENT", "Resources after the abattement R0", "CCH D823-17; arrêté du 27/09/2019 art. 15",
            "Rp = max(0, R − R0): the annual resource base less the abattement of the household."),
        Step("APL-RATES", "Family rate TF and rent rate TL", "CCH D823-17; arrêté du 27/09/2019 art. 14",
            "TF by household; TL from RL = rent kept ÷ zone-2 ceiling of the household: 0 below 45 %, 0.45 % per unit to 75 %, 0.68 % above."),
        Step("APL-PARTICIPATION", "Personal participation PP", "CCH D823-17",
            "PP = P0 + (TF + TL) × Rp, monthly."),
        Step("APL-AMOUNT", "Amount and payment threshold", "CCH D823-16; arrêté du 27/09/2019 art. 12 (seuil de versement)",
            "A = max(0, rent kept + C − PP), not paid below the month's threshold (APL: 15 €, 10 € from 2017-10, none from 2018-03; AL: 10 € from 2017-10)."),
        Step("APL-DEGRESSIVITY", "High-rent dégressivité", "CCH D823-16; arrêté du 27/09/2019 art. 10",
            "From 2016-07-01: full up to D = L × k_deg, nothing above S = L × k_sup, linear between; a household with a disabled member is exempt."),
        Step("APL-FLAT-CUT", "Flat cut (minoration forfaitaire)", "CCH D823-16; décret n° 2017-1413 du 28/09/2017; arrêté du 27/09/2019 art. 11",
            "From 2017-10-01, 5 € less each month."),
        Step("APL-RLS", "Réduction de loyer de solidarité", "CCH L442-2-1, L832-3 and D823-16; décret n° 2018-136 and arrêté du 27/02/2018",
            "From 2018, conventionné dwellings: when R ÷ 12 is below the ceiling of the zone and household, the landlord lowers the rent by the RLS and the APL is cut by 98 % of it."),
        Step("APL-CRDS", "CRDS", "ordonnance n° 96-50 du 24/01/1996; CGI art. 1600-0 J",
            "0.5 % of the amount is withheld; the net amount is rounded to the cent."),
    ];

    internal static ImmutableArray<RuleFiring> Explain(AplMonth month, in AplInput input, in AplResult r)
    {
        var steps = Steps;
        var ceilings = month.RentCeilings(input.Zone);
        var p0 = month.MinimalParticipationValue.Value;
        var builder = ImmutableArray.CreateBuilder<RuleFiring>(steps.Length);
        builder.Add(new(steps[0],
            $"{input.Household}, zone {(int)input.Zone}, {r.Month:yyyy-MM}: L = {M(r.RentCeiling)} (in force {ceilings.From:yyyy-MM-dd}..{ceilings.Until:yyyy-MM-dd}); rent {M(input.Rent)} rounded to {M(r.RoundedRent)}; kept {M(r.RentKept)}"));
        builder.Add(new(steps[1], $"C = {M(r.Charges)} for {input.Household.Dependants} dependant(s)"));
        builder.Add(new(steps[2],
            $"P0 = max({P(p0.Rate.Fraction)} × ({M(r.RentKept)} + {M(r.Charges)}), {M(p0.Forfait)}) = {D(r.MinimalParticipation)}"));
        builder.Add(new(steps[3], $"R = {M(r.ResourceBase)} a year, R0 = {M(r.Abatement)}, Rp = {M(r.ResourcesKept)}"));
        builder.Add(new(steps[4],
            $"TF = {P(r.FamilyRate)}; RL = {M(r.RentKept)} ÷ {M(r.ReferenceRent)} = {P(r.RentRatio)}, TL = {P(r.RentRate)}"));
        builder.Add(new(steps[5], $"PP = {D(r.MinimalParticipation)} + ({P(r.FamilyRate)} + {P(r.RentRate)}) × {M(r.ResourcesKept)} = {D(r.PersonalParticipation)} a month"));
        builder.Add(new(steps[6],
            $"A = max(0, {M(r.RentKept)} + {M(r.Charges)} − {D(r.PersonalParticipation)}) = {D(r.AmountBeforeThreshold)}; threshold {M(r.PaymentThreshold)} ({(r.Conventionne ? "APL" : "AL")}): {(r.AmountBeforeThreshold == 0m ? "no aid" : r.AmountBeforeDegressivity > 0m ? "reached" : "not reached, nothing is paid")}"));
        builder.Add(new(steps[7], !month.HasDegressivity
            ? "not in force before 2016-07-01"
            : !r.DegressivityApplies
                ? $"not applied: a member of the household is disabled; amount {D(r.AmountAfterDegressivity)}"
                : $"rent {M(r.RoundedRent)} against D = {M(r.DegressivityThreshold)} and S = {M(r.SuppressionThreshold)}: coefficient {D(r.DegressivityCoefficient)}, amount {D(r.AmountAfterDegressivity)}"));
        builder.Add(new(steps[8], month.HasDegressivity ? $"{M(r.FlatCut)} deducted: {D(r.Gross)}" : "not in force before 2016-07-01"));
        builder.Add(new(steps[9], !month.HasRls
            ? "not in force before 2018"
            : !r.Conventionne
                ? "not a conventionné dwelling"
                : r.Rls == Euros.Zero
                    ? $"R ÷ 12 = {D(r.ResourceBase.Value / 12m)} is not below the ceiling {M(r.RlsResourceCeiling)}: no RLS"
                    : $"R ÷ 12 = {D(r.ResourceBase.Value / 12m)} is below the ceiling {M(r.RlsResourceCeiling)}: RLS {M(r.Rls)}, the aid is cut by {D(r.RlsCut)} to {D(r.GrossAfterRls)}"));
        builder.Add(new(steps[10], $"{D(r.GrossAfterRls)} − {D(r.Crds)} = {M(r.Amount)} a month"));
        return builder.MoveToImmutable();
    }

    private static RuleDefinition Step(string id, string title, string reference, string description) => new(id, title, reference, description, RuleSetName);

    private static string M(Euros amount) => amount.ToString() + " €";

    private static string D(decimal value) => Math.Round(value, 4, MidpointRounding.ToEven).ToString("0.####", CultureInfo.InvariantCulture);

    private static string P(decimal fraction) => (fraction * 100m).ToString("0.#####", CultureInfo.InvariantCulture) + " %";
}
