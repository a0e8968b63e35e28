using CIA.Engine.Domain;

namespace CIA.Engine.HousingBenefit;

/// <summary>
/// A fast estimate of the formula's net amount in binary floating point, for the simulator's eligibility checks, which
/// run it millions of times and only need to know on which side of a limit a household falls. It follows
/// <see cref="Compute"/> step by step with the month's figures converted once to <see cref="double"/>, so it differs
/// from the exact amount only by its two roundings to the cent (at most one cent each, where the exact value is within
/// a rounding error of a half cent) and by floating-point error (below 10⁻⁹ €): at most 2 cents in all,
/// <see cref="EstimateError"/> with a margin. Where the amount before the payment threshold is within 10⁻⁶ € of the
/// threshold (the formula's one jump), it gives no estimate, and the caller computes exactly.
/// </summary>
public sealed partial class AplMonth
{
    /// <summary>An upper bound of |estimate − exact amount| in euros (2 cents of roundings, with a margin).</summary>
    internal const double EstimateError = 0.03;

    /// <summary>Households up to this many dependants have their figures tabulated; larger ones are computed exactly.</summary>
    private const int TabulatedDependants = 12;

    private Estimates? _estimates;

    /// <summary>
    /// The net amount (euros), estimated within <see cref="EstimateError"/> of <see cref="Compute"/>'s; NaN when no
    /// estimate is given (the amount is at the payment threshold, the household is not tabulated, or the zone's figures
    /// are not known) — then compute exactly.
    /// </summary>
    /// <param name="zone">The dwelling's APL zone.</param>
    /// <param name="household">The household.</param>
    /// <param name="rentCents">The monthly rent, in cents, 0 or more.</param>
    /// <param name="resourceBaseCents">The resource base R, in cents, 0 or more.</param>
    /// <param name="conventionne">Whether the dwelling is conventionné (APL, RLS).</param>
    /// <param name="disabledMember">Whether a member is disabled (no dégressivité).</param>
    internal double Estimate(AplZone zone, AplHousehold household, long rentCents, long resourceBaseCents, bool conventionne, bool disabledMember)
    {
        var e = _estimates ??= new Estimates(this);
        var z = (int)zone;
        var dependants = household.Dependants;
        if ((uint)z >= 4 || e.Zones[z] is not { } figures || dependants > TabulatedDependants || rentCents < 0 || resourceBaseCents < 0)
        {
            return double.NaN;
        }

        var h = (dependants * 2) + (household.Couple && dependants == 0 ? 1 : 0);
        ref readonly var f = ref figures[h];

        // Steps as in Compute: the rent rounded to whole euros half to even, kept up to L.
        var rent = RoundedEuros(rentCents);
        var kept = Math.Min(rent, f.Ceiling);
        var keptAndCharges = kept + f.Charges;
        var p0 = Math.Max(e.P0Rate * keptAndCharges, e.P0Forfait);
        var resources = resourceBaseCents / 100.0;
        var resourcesKept = resources > f.Abatement ? resources - f.Abatement : 0.0;
        var ratio = kept / f.Reference;
        var rentRate = ratio >= e.SecondThreshold
            ? (e.UpperRate * (ratio - e.SecondThreshold)) + (e.MiddleRate * (e.SecondThreshold - e.FirstThreshold))
            : Math.Max(0.0, e.MiddleRate * (ratio - e.FirstThreshold));
        var participation = p0 + ((f.FamilyRate + rentRate) * resourcesKept);
        var amount = Math.Max(0.0, keptAndCharges - participation);
        var threshold = conventionne ? e.ThresholdConventionne : e.ThresholdOther;
        if (threshold > 0 && Math.Abs(amount - threshold) < 1e-6) // a threshold of 0 is no jump: the amount is never below it
        {
            return double.NaN;
        }

        var paid = amount >= threshold ? amount : 0.0;
        var gross = paid;
        if (HasDegressivity)
        {
            var coefficient = 1.0;
            if (!disabledMember)
            {
                coefficient = rent <= f.DegressivityFrom ? 1.0 : rent <= f.SuppressionFrom ? 1.0 - ((rent - f.DegressivityFrom) / (f.SuppressionFrom - f.DegressivityFrom)) : 0.0;
            }

            gross = Math.Max(0.0, Math.Round(paid * coefficient, 2, MidpointRounding.ToEven) - e.FlatCut);
        }

        if (HasRls && conventionne && resourceBaseCents < f.RlsCeilingCents * 12)
        {
            gross = Math.Max(0.0, gross - f.RlsCut);
        }

        return Math.Round(gross - (gross * e.Crds), 2, MidpointRounding.ToEven);
    }

    /// <summary>The rent rounded to whole euros, half to even, from cents (exact: integer arithmetic).</summary>
    private static double RoundedEuros(long cents)
    {
        var euros = cents / 100;
        var rest = cents % 100;
        if (rest > 50 || (rest == 50 && (euros & 1) == 1))
        {
            euros++;
        }

        return euros;
    }

    /// <summary>The month's figures as doubles, per zone and household (dependants × 2 + couple without dependants).</summary>
    private sealed class Estimates
    {
        public Estimates(AplMonth month)
        {
            P0Rate = (double)month._p0.Rate.Fraction;
            P0Forfait = (double)month._p0.Forfait.Value;
            FirstThreshold = (double)month._rentRates.FirstThreshold;
            SecondThreshold = (double)month._rentRates.SecondThreshold;
            MiddleRate = (double)month._rentRates.MiddleRate;
            UpperRate = (double)month._rentRates.UpperRate;
            ThresholdConventionne = (double)month._thresholds.For(true).Value;
            ThresholdOther = (double)month._thresholds.For(false).Value;
            FlatCut = (double)month._flatCut.Value;
            Crds = (double)month._crds;
            for (var z = 1; z < 4; z++)
            {
                if (month._zones[z] is not { } zone)
                {
                    continue;
                }

                var figures = new HouseholdFigures[(TabulatedDependants + 1) * 2];
                for (var dependants = 0; dependants <= TabulatedDependants; dependants++)
                {
                    for (var couple = 0; couple < 2; couple++)
                    {
                        var isCouple = couple == 1;
                        var ceiling = zone.Ceilings.Value.For(isCouple, dependants);
                        var d = 0m;
                        var s = 0m;
                        if (month.HasDegressivity)
                        {
                            var k = zone.Coefficients!.Value;
                            d = Round2(ceiling.Value * k.Degressivity);
                            s = Round2(ceiling.Value * k.Suppression);
                        }

                        var rlsCeiling = 0L;
                        var rlsCut = 0.0;
                        if (month.HasRls)
                        {
                            rlsCeiling = zone.RlsCeilings!.Value.For(isCouple, dependants).Cents;
                            rlsCut = (double)(month._rlsFraction * zone.RlsAmounts!.Value.For(isCouple, dependants).Value);
                        }

                        figures[(dependants * 2) + couple] = new HouseholdFigures(
                            (double)ceiling.Value,
                            (double)month._reference.Ceilings.Value.For(isCouple, dependants).Value,
                            (double)month._charges.For(dependants).Value,
                            (double)month._abatements.For(isCouple, dependants).Value,
                            (double)month._familyRates.For(isCouple, dependants),
                            (double)d,
                            (double)s,
                            rlsCeiling,
                            rlsCut);
                    }
                }

                Zones[z] = figures;
            }
        }

        public HouseholdFigures[]?[] Zones { get; } = new HouseholdFigures[4][];

        public double P0Rate { get; }

        public double P0Forfait { get; }

        public double FirstThreshold { get; }

        public double SecondThreshold { get; }

        public double MiddleRate { get; }

        public double UpperRate { get; }

        public double ThresholdConventionne { get; }

        public double ThresholdOther { get; }

        public double FlatCut { get; }

        public double Crds { get; }
    }

    private readonly record struct HouseholdFigures(
        double Ceiling, double Reference, double Charges, double Abatement, double FamilyRate, double DegressivityFrom, double SuppressionFrom, long RlsCeilingCents, double RlsCut);
}
