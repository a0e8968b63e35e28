using System.Collections.Immutable;
using CIA.Engine.Domain;
using CIA.Engine.Parameters;
using CIA.Engine.Rules;

namespace CIA.Engine.HousingBenefit;

/// <summary>
/// The housing-benefit formula for rental dwellings (APL when conventionné, AL otherwise; metropolitan barème), with
/// the figures of one month resolved once: resolve a month with <see cref="For(ParameterSet, DateOnly)"/>, then call
/// <see cref="Compute"/> for every candidate — it allocates nothing. The steps follow OpenFisca-France's model
/// (<c>openfisca_france/model/prestations/aides_logement.py</c>) and its roundings; <see cref="AplFormula"/> lists
/// them with their legal references.
/// </summary>
/// <remarks>
/// OpenFisca evaluates a month with the figures in force on its first day, so does this. Amounts are computed exactly
/// (decimal) and rounded half to even where OpenFisca rounds; OpenFisca computes in binary floating point, so at an
/// exact half cent the two may differ by one cent.
/// </remarks>
public sealed partial class AplMonth
{
    /// <summary>First month of the high-rent dégressivité and of the flat-cut step (CCH D823-16; OpenFisca's <c>aide_logement_montant_brut</c>, <c>formula_2016_07_01</c>).</summary>
    public static readonly DateOnly DegressivityStart = new(2016, 7, 1);

    /// <summary>First month OpenFisca applies the réduction de loyer de solidarité (CCH L442-2-1, in force from 2018-02-01 by the loi de finances pour 2018; OpenFisca's <c>formula_2018</c> starts in January).</summary>
    public static readonly DateOnly RlsStart = new(2018, 1, 1);

    private readonly Zone?[] _zones = new Zone?[4];
    private readonly string?[] _zoneProblems = new string?[4];
    private readonly Zone _reference;
    private readonly AplCharges _charges;
    private readonly AplMinimalParticipation _p0;
    private readonly AplHouseholdAmounts _abatements;
    private readonly AplFamilyRates _familyRates;
    private readonly AplRentRates _rentRates;
    private readonly AplPaymentThresholds _thresholds;
    private readonly decimal _crds;
    private readonly Euros _flatCut;
    private readonly decimal _rlsFraction;

    private AplMonth(ParameterSet parameters, DateOnly month)
    {
        Month = month;
        var apl = parameters.Apl;
        ChargesValue = apl.Charges.At(month);
        MinimalParticipationValue = apl.MinimalParticipation.At(month);
        AbatementsValue = apl.Abatements.At(month);
        FamilyRatesValue = apl.FamilyRates.At(month);
        RentRatesValue = apl.RentRates.At(month);
        PaymentThresholdsValue = apl.PaymentThresholds.At(month);
        CrdsRateValue = apl.CrdsRate.At(month);
        HasDegressivity = month >= DegressivityStart;
        HasRls = month >= RlsStart;
        FlatCutValue = HasDegressivity ? apl.FlatCut.At(month) : null;
        RlsFractionValue = HasRls ? apl.RlsFraction.At(month) : null;

        _charges = ChargesValue.Value;
        _p0 = MinimalParticipationValue.Value;
        _abatements = AbatementsValue.Value;
        _familyRates = FamilyRatesValue.Value;
        _rentRates = RentRatesValue.Value;
        _thresholds = PaymentThresholdsValue.Value;
        _crds = CrdsRateValue.Value.Fraction;
        _flatCut = FlatCutValue?.Value ?? Euros.Zero;
        _rlsFraction = RlsFractionValue?.Value.Fraction ?? 0m;

        // Zone 2's ceilings are the reference rent of every zone, so they are required; a zone whose figures are
        // missing only fails when a dwelling of that zone is computed.
        foreach (var zone in (ReadOnlySpan<AplZone>)[AplZone.Zone1, AplZone.Zone2, AplZone.Zone3])
        {
            try
            {
                _zones[(int)zone] = new Zone(parameters, zone, month, HasDegressivity, HasRls);
            }
            catch (ParameterNotCoveredException e) when (zone != AplZone.Zone2)
            {
                _zoneProblems[(int)zone] = e.Message;
            }
        }

        _reference = _zones[(int)AplZone.Zone2]!;
    }

    /// <summary>The figures of the month that contains a date.</summary>
    /// <param name="parameters">The parameter set (built in: <see cref="BuiltInParameters.Create"/>).</param>
    /// <param name="date">Any day of the month.</param>
    /// <exception cref="ParameterNotCoveredException">A figure the month needs is not known (built in: months 2015-01 to 2026-09).</exception>
    public static AplMonth For(ParameterSet parameters, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new AplMonth(parameters, new DateOnly(date.Year, date.Month, 1));
    }

    /// <summary>The figures of a month.</summary>
    /// <exception cref="ParameterNotCoveredException">A figure the month needs is not known.</exception>
    public static AplMonth For(ParameterSet parameters, int year, int month) => For(parameters, new DateOnly(year, month, 1));

    /// <summary>The month (its first day).</summary>
    public DateOnly Month { get; }

    /// <summary>Whether the month has the high-rent dégressivité and the flat cut (from 2016-07-01).</summary>
    public bool HasDegressivity { get; }

    /// <summary>Whether the month has the réduction de loyer de solidarité (from 2018-01-01).</summary>
    public bool HasRls { get; }

    /// <summary>Charges forfait C in force, with its period and source.</summary>
    public DatedValue<AplCharges> ChargesValue { get; }

    /// <summary>P0 rate and forfait in force.</summary>
    public DatedValue<AplMinimalParticipation> MinimalParticipationValue { get; }

    /// <summary>R0 in force.</summary>
    public DatedValue<AplHouseholdAmounts> AbatementsValue { get; }

    /// <summary>TF in force.</summary>
    public DatedValue<AplFamilyRates> FamilyRatesValue { get; }

    /// <summary>TL thresholds and rates in force.</summary>
    public DatedValue<AplRentRates> RentRatesValue { get; }

    /// <summary>Payment thresholds in force.</summary>
    public DatedValue<AplPaymentThresholds> PaymentThresholdsValue { get; }

    /// <summary>CRDS rate in force.</summary>
    public DatedValue<Rate> CrdsRateValue { get; }

    /// <summary>The flat cut in force; null before 2016-07-01 (the step does not exist then).</summary>
    public DatedValue<Euros>? FlatCutValue { get; }

    /// <summary>The share of the RLS cut from the APL; null before 2018.</summary>
    public DatedValue<Rate>? RlsFractionValue { get; }

    /// <summary>The rent ceilings of a zone in force.</summary>
    /// <exception cref="ParameterNotCoveredException">Not known for that zone and month.</exception>
    public DatedValue<AplRentCeilings> RentCeilings(AplZone zone) => ZoneOf(zone).Ceilings;

    /// <summary>The dégressivité coefficients of a zone in force; null before 2016-07-01.</summary>
    /// <exception cref="ParameterNotCoveredException">Not known for that zone and month.</exception>
    public DatedValue<AplHighRentCoefficients>? HighRentCoefficients(AplZone zone) => ZoneOf(zone).Coefficients;

    /// <summary>The RLS amounts of a zone in force; null before 2018.</summary>
    /// <exception cref="ParameterNotCoveredException">Not known for that zone and month.</exception>
    public DatedValue<RlsAmounts>? RlsAmounts(AplZone zone) => ZoneOf(zone).RlsAmounts;

    /// <summary>The RLS resource ceilings of a zone in force; null before 2018.</summary>
    /// <exception cref="ParameterNotCoveredException">Not known for that zone and month.</exception>
    public DatedValue<AplHouseholdAmounts>? RlsResourceCeilings(AplZone zone) => ZoneOf(zone).RlsCeilings;

    /// <summary>
    /// The monthly aid of one household in one dwelling, net of CRDS, with every intermediate value. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative rent or resource base, or an unknown zone.</exception>
    /// <exception cref="ParameterNotCoveredException">The zone's figures are not known for the month.</exception>
    public AplResult Compute(in AplInput input)
    {
        if (input.Rent < Euros.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(input), input.Rent, "The rent is negative.");
        }

        if (input.ResourceBase < Euros.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(input), input.ResourceBase, "The resource base R is negative (OpenFisca floors it at 0).");
        }

        var zone = ZoneOf(input.Zone);
        var couple = input.Household.Couple;
        var dependants = input.Household.Dependants;

        // 1-2. Ceiling L of the zone; the rent rounded to whole euros, half to even (numpy's round), kept up to L.
        var ceiling = zone.Ceilings.Value.For(couple, dependants);
        var rent = RoundToEuro(input.Rent);
        var kept = rent < ceiling ? rent : ceiling;

        // 3-4. Charges forfait C and minimal participation P0 (unrounded).
        var charges = _charges.For(dependants);
        var keptAndCharges = (kept + charges).Value;
        var p0 = Math.Max(_p0.Rate.Fraction * keptAndCharges, _p0.Forfait.Value);

        // 5. Resources kept Rp = max(0, R − R0).
        var abatement = _abatements.For(couple, dependants);
        var resourcesKept = input.ResourceBase > abatement ? input.ResourceBase - abatement : Euros.Zero;

        // 6. TF by household; TL from RL = rent kept / zone-2 ceiling of the same household, both unrounded as in
        // OpenFisca's payment chain (its rounded variant, aide_logement_taux_loyer_formule, feeds no amount).
        var familyRate = _familyRates.For(couple, dependants);
        var reference = _reference.Ceilings.Value.For(couple, dependants);
        var rentRatio = kept.Value / reference.Value;
        var rentRate = _rentRates.For(rentRatio);

        // 7-8. Personal participation and amount; the payment threshold is compared before dégressivité, cut and RLS.
        var participation = p0 + ((familyRate + rentRate) * resourcesKept.Value);
        var amount = Math.Max(0m, keptAndCharges - participation);
        var threshold = _thresholds.For(input.Conventionne);
        var paid = amount >= threshold.Value ? amount : 0m;

        // 9-10. From 2016-07: dégressivité on the rounded rent (a disabled member exempts), rounded to the cent; then the flat cut.
        var degressivityApplies = HasDegressivity && !input.DisabledMember;
        Euros d = default, s = default;
        var coefficient = 1m;
        var afterDegressivity = paid;
        var gross = paid;
        if (HasDegressivity)
        {
            if (degressivityApplies)
            {
                var k = zone.Coefficients!.Value;
                d = Cents(Round2(ceiling.Value * k.Degressivity));
                s = Cents(Round2(ceiling.Value * k.Suppression));
                coefficient = rent <= d ? 1m : rent <= s ? 1m - ((rent - d).Value / (s - d).Value) : 0m;
            }

            afterDegressivity = Round2(paid * coefficient);
            gross = Math.Max(0m, afterDegressivity - _flatCut.Value);
        }

        // 11. From 2018, conventionné dwellings: RLS when R / 12 < the ceiling (strict), and 98 % of it is cut from the APL.
        Euros rlsCeiling = default, rls = default;
        var rlsCut = 0m;
        if (HasRls && input.Conventionne)
        {
            rlsCeiling = zone.RlsCeilings!.Value.For(couple, dependants);
            if (input.ResourceBase.Cents < rlsCeiling.Cents * 12)
            {
                rls = zone.RlsAmounts!.Value.For(couple, dependants);
                rlsCut = _rlsFraction * rls.Value;
            }
        }

        var afterRls = Math.Max(0m, gross - rlsCut);

        // 12. CRDS, then the only rounding of the net amount.
        var crds = afterRls * _crds;
        var net = Round2(afterRls - crds);

        return new AplResult
        {
            Month = Month,
            Conventionne = input.Conventionne,
            RentCeiling = ceiling,
            RoundedRent = rent,
            RentKept = kept,
            ReferenceRent = reference,
            Charges = charges,
            MinimalParticipation = p0,
            ResourceBase = input.ResourceBase,
            Abatement = abatement,
            ResourcesKept = resourcesKept,
            FamilyRate = familyRate,
            RentRatio = rentRatio,
            RentRate = rentRate,
            PersonalParticipation = participation,
            AmountBeforeThreshold = amount,
            PaymentThreshold = threshold,
            AmountBeforeDegressivity = paid,
            DegressivityApplies = degressivityApplies,
            DegressivityThreshold = d,
            SuppressionThreshold = s,
            DegressivityCoefficient = coefficient,
            AmountAfterDegressivity = afterDegressivity,
            FlatCut = HasDegressivity ? _flatCut : Euros.Zero,
            Gross = gross,
            RlsResourceCeiling = rlsCeiling,
            Rls = rls,
            RlsCut = rlsCut,
            GrossAfterRls = afterRls,
            Crds = crds,
            Amount = Cents(net),
        };
    }

    /// <summary>The monthly aid of one household, net of CRDS (<see cref="Compute"/>'s <see cref="AplResult.Amount"/>).</summary>
    public Euros Amount(in AplInput input) => Compute(in input).Amount;

    /// <summary>Every step of the formula for one household, with its figures and references, for a person to read.</summary>
    public ImmutableArray<RuleFiring> Explain(in AplInput input)
    {
        var result = Compute(in input);
        return AplFormula.Explain(this, in input, in result);
    }

    /// <summary>The payment-threshold step alone: the amount if it reaches the month's threshold, else 0.</summary>
    internal decimal AfterPaymentThreshold(decimal amount, bool conventionne) =>
        amount >= _thresholds.For(conventionne).Value ? amount : 0m;

    /// <summary>The last steps alone, from the gross amount (<c>aide_logement_montant_brut</c>): RLS cut, then CRDS.</summary>
    internal Euros NetOfGross(decimal gross, AplZone zone, AplHousehold household, Euros resourceBase, bool conventionne)
    {
        var rlsCut = 0m;
        if (HasRls && conventionne)
        {
            var z = ZoneOf(zone);
            if (resourceBase.Cents < z.RlsCeilings!.Value.For(household.Couple, household.Dependants).Cents * 12)
            {
                rlsCut = _rlsFraction * z.RlsAmounts!.Value.For(household.Couple, household.Dependants).Value;
            }
        }

        var afterRls = Math.Max(0m, gross - rlsCut);
        return Cents(Round2(afterRls - (afterRls * _crds)));
    }

    /// <summary>numpy's <c>round(x, 2)</c> on an exact value: half to even.</summary>
    internal static decimal Round2(decimal value) => Math.Round(value, 2, MidpointRounding.ToEven);

    /// <summary>The rent rounded to whole euros, half to even (numpy's <c>round</c>, exact on whole cents).</summary>
    internal static Euros RoundToEuro(Euros rent) => new((long)Math.Round(rent.Cents / 100m, 0, MidpointRounding.ToEven) * 100);

    private static Euros Cents(decimal roundedToCent) => new((long)(roundedToCent * 100m));

    private Zone ZoneOf(AplZone zone)
    {
        var i = (int)zone;
        if ((uint)i >= (uint)_zones.Length || i == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(zone), zone, "APL zones are 1, 2 and 3.");
        }

        return _zones[i] ?? throw new ParameterNotCoveredException(_zoneProblems[i] ?? $"No APL figures are known for zone {i}.");
    }

    /// <summary>The figures of one zone for the month.</summary>
    private sealed class Zone
    {
        public Zone(ParameterSet parameters, AplZone zone, DateOnly month, bool degressivity, bool rls)
        {
            Ceilings = parameters.AplCeilings(zone, month);
            Coefficients = degressivity ? parameters.Apl.HighRentCoefficientsAt(zone, month) : null;
            RlsAmounts = rls ? parameters.Apl.RlsAmountsAt(zone, month) : null;
            RlsCeilings = rls ? parameters.Apl.RlsResourceCeilingsAt(zone, month) : null;
        }

        public DatedValue<AplRentCeilings> Ceilings { get; }

        public DatedValue<AplHighRentCoefficients>? Coefficients { get; }

        public DatedValue<RlsAmounts>? RlsAmounts { get; }

        public DatedValue<AplHouseholdAmounts>? RlsCeilings { get; }
    }
}
