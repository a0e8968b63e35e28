using CIA.Engine.Domain;

namespace CIA.Engine.HousingBenefit;

/// <summary>
/// A simplified resource base R for the housing-benefit formula, from what a demand for social housing declares.
/// </summary>
/// <remarks>
/// <para>
/// This is a simplification, not OpenFisca's <c>aide_logement_base_ressources</c>. OpenFisca takes the household's
/// taxable salaries, unemployment benefits and pensions of year N−2 (until 2020) or of the twelve months ending two
/// months before the month (from 2021), less the 10 % professional-expenses deduction, plus self-employment and
/// capital income; it applies a 30 % abattement or a full neutralisation to the income of some unemployed, retired or
/// RSA households, an abattement for two-earner couples, a forfait for students, and adds a notional income on savings
/// above 30 000 €. None of that is in a demand: the caller computes R the way it can.
/// </para>
/// <para>
/// What is kept is OpenFisca's last step: R is floored at 0 and rounded up to the next 100 €. The revenu fiscal de
/// référence is the closer basis (it already deducts the 10 %); monthly declared resources are before that deduction
/// and include benefits the formula ignores, so they overstate R.
/// </para>
/// </remarks>
public static class AplResourceBase
{
    /// <summary>An annual amount floored at 0 and rounded up to the next 100 € (OpenFisca: <c>ceil(R / 100) × 100</c>).</summary>
    public static Euros RoundUp(Euros annual)
    {
        if (annual.Cents <= 0)
        {
            return Euros.Zero;
        }

        const long hundredEuros = 10_000;
        return new Euros((annual.Cents + hundredEuros - 1) / hundredEuros * hundredEuros);
    }

    /// <summary>R from the demand's tax income (revenu fiscal de référence), rounded up to the next 100 €. A simplification: see the remarks.</summary>
    public static Euros FromTaxIncome(Euros taxIncome) => RoundUp(taxIncome);

    /// <summary>R from the demand's declared monthly resources × 12, rounded up to the next 100 €. A simplification: see the remarks.</summary>
    public static Euros FromMonthlyResources(Euros monthlyResources) => RoundUp(monthlyResources * 12);
}
