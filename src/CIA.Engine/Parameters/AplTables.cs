using System.Collections.Frozen;
using CIA.Engine.Domain;

namespace CIA.Engine.Parameters;

/// <summary>
/// Amounts of the housing-benefit formula that differ by household, with a value for each number of dependants up
/// to six and an amount added per dependant beyond six: the abattement R0 (annual) and the resource ceilings of the
/// réduction de loyer de solidarité (monthly).
/// </summary>
/// <param name="PersonAlone">A person alone without dependants.</param>
/// <param name="Couple">A couple without dependants.</param>
/// <param name="OneDependant">One dependant (person alone or couple alike).</param>
/// <param name="TwoDependants">Two dependants.</param>
/// <param name="ThreeDependants">Three dependants.</param>
/// <param name="FourDependants">Four dependants.</param>
/// <param name="FiveDependants">Five dependants.</param>
/// <param name="SixDependants">Six dependants.</param>
/// <param name="PerDependantBeyondSix">Added per dependant beyond six.</param>
public sealed record AplHouseholdAmounts(
    Euros PersonAlone, Euros Couple, Euros OneDependant, Euros TwoDependants, Euros ThreeDependants, Euros FourDependants,
    Euros FiveDependants, Euros SixDependants, Euros PerDependantBeyondSix)
{
    /// <summary>The amount for a household.</summary>
    /// <param name="couple">Two adults (ignored when there are dependants).</param>
    /// <param name="dependants">Number of dependants (personnes à charge).</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative number of dependants.</exception>
    public Euros For(bool couple, int dependants) => dependants switch
    {
        0 => couple ? Couple : PersonAlone,
        1 => OneDependant,
        2 => TwoDependants,
        3 => ThreeDependants,
        4 => FourDependants,
        5 => FiveDependants,
        6 => SixDependants,
        > 6 => SixDependants + (PerDependantBeyondSix * (dependants - 6)),
        _ => throw new ArgumentOutOfRangeException(nameof(dependants), dependants, "A household has no negative number of dependants."),
    };
}

/// <summary>
/// The family rate TF of the personal participation (a fraction of the resources kept, per month), by household.
/// The rate per dependant beyond six is negative (each extra dependant lowers the rate), so these are plain decimals
/// rather than <see cref="Rate"/>.
/// </summary>
/// <param name="PersonAlone">A person alone without dependants.</param>
/// <param name="Couple">A couple without dependants.</param>
/// <param name="OneDependant">One dependant.</param>
/// <param name="TwoDependants">Two dependants.</param>
/// <param name="ThreeDependants">Three dependants.</param>
/// <param name="FourDependants">Four dependants.</param>
/// <param name="FiveDependants">Five dependants.</param>
/// <param name="SixDependants">Six dependants.</param>
/// <param name="PerDependantBeyondSix">Added per dependant beyond six (negative).</param>
public sealed record AplFamilyRates(
    decimal PersonAlone, decimal Couple, decimal OneDependant, decimal TwoDependants, decimal ThreeDependants, decimal FourDependants,
    decimal FiveDependants, decimal SixDependants, decimal PerDependantBeyondSix)
{
    /// <summary>The rate for a household.</summary>
    /// <param name="couple">Two adults (ignored when there are dependants).</param>
    /// <param name="dependants">Number of dependants.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative number of dependants.</exception>
    public decimal For(bool couple, int dependants) => dependants switch
    {
        0 => couple ? Couple : PersonAlone,
        1 => OneDependant,
        2 => TwoDependants,
        3 => ThreeDependants,
        4 => FourDependants,
        5 => FiveDependants,
        6 => SixDependants,
        > 6 => SixDependants + (PerDependantBeyondSix * (dependants - 6)),
        _ => throw new ArgumentOutOfRangeException(nameof(dependants), dependants, "A household has no negative number of dependants."),
    };
}

/// <summary>
/// The rent rate TL of the personal participation, a function of RL, the rent kept over the zone-2 ceiling of the
/// household: nothing below the first threshold, <see cref="MiddleRate"/> per unit of RL between the two thresholds,
/// <see cref="UpperRate"/> per unit above the second (on top of the middle band's full amount).
/// </summary>
/// <param name="FirstThreshold">RL from which the rate starts (0.45).</param>
/// <param name="SecondThreshold">RL from which the upper rate applies (0.75).</param>
/// <param name="MiddleRate">Rate between the thresholds (0.45 %).</param>
/// <param name="UpperRate">Rate above the second threshold (0.68 %).</param>
public sealed record AplRentRates(decimal FirstThreshold, decimal SecondThreshold, decimal MiddleRate, decimal UpperRate)
{
    /// <summary>
    /// TL for a ratio RL, unrounded, as OpenFisca's <c>aide_logement_taux_loyer</c> computes it (the regulatory text
    /// rounds RL and TL; OpenFisca's amount does not, and neither does this).
    /// </summary>
    public decimal For(decimal rentRatio) => rentRatio >= SecondThreshold
        ? (UpperRate * (rentRatio - SecondThreshold)) + (MiddleRate * (SecondThreshold - FirstThreshold))
        : Math.Max(0m, MiddleRate * (rentRatio - FirstThreshold));
}

/// <summary>The charges forfait C of the formula (monthly), whatever the real charges: a base plus an amount per dependant.</summary>
/// <param name="Base">Any household.</param>
/// <param name="PerDependant">Added per dependant.</param>
public sealed record AplCharges(Euros Base, Euros PerDependant)
{
    /// <summary>C for a number of dependants.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative number of dependants.</exception>
    public Euros For(int dependants)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dependants);
        return Base + (PerDependant * dependants);
    }
}

/// <summary>The minimal participation P0 = max(<see cref="Rate"/> × (rent kept + charges), <see cref="Forfait"/>), monthly.</summary>
/// <param name="Rate">Share of rent kept plus charges (8.5 %).</param>
/// <param name="Forfait">The floor, in euros per month.</param>
public sealed record AplMinimalParticipation(Rate Rate, Euros Forfait);

/// <summary>High-rent coefficients of one zone: dégressivité from L × <see cref="Degressivity"/>, suppression above L × <see cref="Suppression"/>.</summary>
/// <param name="Degressivity">k_deg (3.4 in zone 1, 2.5 in zones 2 and 3).</param>
/// <param name="Suppression">k_sup (4 in zone 1, 3.1 in zones 2 and 3).</param>
public sealed record AplHighRentCoefficients(decimal Degressivity, decimal Suppression);

/// <summary>The smallest monthly amount paid (seuil de versement), compared before dégressivité.</summary>
/// <param name="Conventionne">APL, for a conventionné dwelling.</param>
/// <param name="NotConventionne">AL (ALS/ALF), for other dwellings.</param>
public sealed record AplPaymentThresholds(Euros Conventionne, Euros NotConventionne)
{
    /// <summary>The threshold that applies to a dwelling.</summary>
    public Euros For(bool conventionne) => conventionne ? Conventionne : NotConventionne;
}

/// <summary>Monthly amounts of the réduction de loyer de solidarité, by household: a person alone, a couple, one dependant, and per extra dependant.</summary>
/// <param name="PersonAlone">A person alone without dependants.</param>
/// <param name="Couple">A couple without dependants.</param>
/// <param name="OneDependant">One dependant.</param>
/// <param name="PerExtraDependant">Added per dependant beyond the first.</param>
public sealed record RlsAmounts(Euros PersonAlone, Euros Couple, Euros OneDependant, Euros PerExtraDependant)
{
    /// <summary>The amount for a household.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative number of dependants.</exception>
    public Euros For(bool couple, int dependants)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dependants);
        return dependants == 0 ? (couple ? Couple : PersonAlone) : OneDependant + (PerExtraDependant * (dependants - 1));
    }
}

/// <summary>
/// The dated figures of the rental housing-benefit formula (APL / AL, secteur locatif, metropolitan barème) other
/// than the rent ceilings L, which <see cref="ParameterSet.AplRentCeilings"/> holds once for every use. Every figure
/// is a <see cref="DatedParameter{T}"/>: a date none of its periods covers is an error.
/// </summary>
public sealed class AplParameters
{
    /// <summary>Groups the figures.</summary>
    /// <exception cref="ArgumentNullException">A figure is missing.</exception>
    public AplParameters(
        DatedParameter<AplCharges> charges,
        DatedParameter<AplMinimalParticipation> minimalParticipation,
        DatedParameter<AplHouseholdAmounts> abatements,
        DatedParameter<AplFamilyRates> familyRates,
        DatedParameter<AplRentRates> rentRates,
        IReadOnlyDictionary<AplZone, DatedParameter<AplHighRentCoefficients>> highRentCoefficients,
        DatedParameter<Euros> flatCut,
        DatedParameter<AplPaymentThresholds> paymentThresholds,
        DatedParameter<Rate> crdsRate,
        IReadOnlyDictionary<AplZone, DatedParameter<RlsAmounts>> rlsAmounts,
        IReadOnlyDictionary<AplZone, DatedParameter<AplHouseholdAmounts>> rlsResourceCeilings,
        DatedParameter<Rate> rlsFraction)
    {
        Charges = charges ?? throw new ArgumentNullException(nameof(charges));
        MinimalParticipation = minimalParticipation ?? throw new ArgumentNullException(nameof(minimalParticipation));
        Abatements = abatements ?? throw new ArgumentNullException(nameof(abatements));
        FamilyRates = familyRates ?? throw new ArgumentNullException(nameof(familyRates));
        RentRates = rentRates ?? throw new ArgumentNullException(nameof(rentRates));
        HighRentCoefficients = (highRentCoefficients ?? throw new ArgumentNullException(nameof(highRentCoefficients))).ToFrozenDictionary();
        FlatCut = flatCut ?? throw new ArgumentNullException(nameof(flatCut));
        PaymentThresholds = paymentThresholds ?? throw new ArgumentNullException(nameof(paymentThresholds));
        CrdsRate = crdsRate ?? throw new ArgumentNullException(nameof(crdsRate));
        RlsAmounts = (rlsAmounts ?? throw new ArgumentNullException(nameof(rlsAmounts))).ToFrozenDictionary();
        RlsResourceCeilings = (rlsResourceCeilings ?? throw new ArgumentNullException(nameof(rlsResourceCeilings))).ToFrozenDictionary();
        RlsFraction = rlsFraction ?? throw new ArgumentNullException(nameof(rlsFraction));
    }

    /// <summary>A set with no figures at all: every date is "not covered". What a parameter set built without them holds.</summary>
    public static AplParameters None { get; } = new(
        new("APL charges forfait C", []),
        new("APL minimal participation P0", []),
        new("APL abattement R0", []),
        new("APL family rate TF", []),
        new("APL rent rate TL", []),
        new Dictionary<AplZone, DatedParameter<AplHighRentCoefficients>>(),
        new("APL flat cut (minoration forfaitaire)", []),
        new("APL payment thresholds", []),
        new("CRDS rate", []),
        new Dictionary<AplZone, DatedParameter<RlsAmounts>>(),
        new Dictionary<AplZone, DatedParameter<AplHouseholdAmounts>>(),
        new("RLS share cut from the APL", []));

    /// <summary>Charges forfait C.</summary>
    public DatedParameter<AplCharges> Charges { get; }

    /// <summary>Minimal participation P0 (rate and forfait).</summary>
    public DatedParameter<AplMinimalParticipation> MinimalParticipation { get; }

    /// <summary>Abattement R0 on the annual resources, by household.</summary>
    public DatedParameter<AplHouseholdAmounts> Abatements { get; }

    /// <summary>Family rate TF, by household.</summary>
    public DatedParameter<AplFamilyRates> FamilyRates { get; }

    /// <summary>Rent rate TL thresholds and rates.</summary>
    public DatedParameter<AplRentRates> RentRates { get; }

    /// <summary>Dégressivité and suppression coefficients, by zone (from 2016-07-01).</summary>
    public FrozenDictionary<AplZone, DatedParameter<AplHighRentCoefficients>> HighRentCoefficients { get; }

    /// <summary>The flat cut (minoration forfaitaire) deducted after dégressivité (from 2016-07-01; 5 € from 2017-10-01).</summary>
    public DatedParameter<Euros> FlatCut { get; }

    /// <summary>Payment thresholds, APL and AL.</summary>
    public DatedParameter<AplPaymentThresholds> PaymentThresholds { get; }

    /// <summary>The CRDS rate withheld from housing benefits.</summary>
    public DatedParameter<Rate> CrdsRate { get; }

    /// <summary>Réduction de loyer de solidarité amounts, by zone (from 2018-01-01).</summary>
    public FrozenDictionary<AplZone, DatedParameter<RlsAmounts>> RlsAmounts { get; }

    /// <summary>Réduction de loyer de solidarité monthly resource ceilings, by zone (from 2018-01-01).</summary>
    public FrozenDictionary<AplZone, DatedParameter<AplHouseholdAmounts>> RlsResourceCeilings { get; }

    /// <summary>The share of the RLS cut from the APL (98 %).</summary>
    public DatedParameter<Rate> RlsFraction { get; }

    /// <summary>The high-rent coefficients of a zone on a date.</summary>
    /// <exception cref="ParameterNotCoveredException">None known for that zone and date.</exception>
    public DatedValue<AplHighRentCoefficients> HighRentCoefficientsAt(AplZone zone, DateOnly date) => Zoned(HighRentCoefficients, zone, date, "dégressivité coefficients");

    /// <summary>The RLS amounts of a zone on a date.</summary>
    /// <exception cref="ParameterNotCoveredException">None known for that zone and date.</exception>
    public DatedValue<RlsAmounts> RlsAmountsAt(AplZone zone, DateOnly date) => Zoned(RlsAmounts, zone, date, "RLS amounts");

    /// <summary>The RLS resource ceilings of a zone on a date.</summary>
    /// <exception cref="ParameterNotCoveredException">None known for that zone and date.</exception>
    public DatedValue<AplHouseholdAmounts> RlsResourceCeilingsAt(AplZone zone, DateOnly date) => Zoned(RlsResourceCeilings, zone, date, "RLS resource ceilings");

    private static DatedValue<T> Zoned<T>(FrozenDictionary<AplZone, DatedParameter<T>> byZone, AplZone zone, DateOnly date, string what) =>
        byZone.TryGetValue(zone, out var p)
            ? p.At(date)
            : throw new ParameterNotCoveredException($"No {what} are known for APL zone {(int)zone}.");
}
