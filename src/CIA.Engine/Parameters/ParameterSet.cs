using System.Collections.Frozen;
using System.Collections.Immutable;
using CIA.Engine.Domain;

namespace CIA.Engine.Parameters;

/// <summary>
/// All dated legal figures the rules read: UC scale, PLUS/PLAI/PLS ceilings, APL rent ceilings and zoning,
/// published quartile thresholds. Immutable; <see cref="BuiltInParameters.Create"/> gives the sourced default,
/// and <see cref="WithQuartileThresholds"/> adds thresholds loaded from a file.
/// </summary>
public sealed class ParameterSet
{
    private readonly FrozenDictionary<(EpciCode Epci, int Year), QuartileThresholds> _quartiles;
    private readonly FrozenDictionary<CommuneCode, AplZone> _zones;

    /// <summary>Creates a parameter set.</summary>
    public ParameterSet(
        DatedParameter<UcScale> ucScale,
        DatedParameter<CeilingsByCategory> plusCeilings,
        DatedParameter<Rate> plsRatio,
        DatedParameter<PlaiRatios> plaiRatios,
        IReadOnlyDictionary<AplZone, DatedParameter<AplRentCeilings>> aplRentCeilings,
        IEnumerable<KeyValuePair<CommuneCode, AplZone>> aplZones,
        string aplZonesSource,
        IEnumerable<QuartileThresholds> quartileThresholds)
    {
        UcScale = ucScale;
        PlusCeilings = plusCeilings;
        PlsRatio = plsRatio;
        PlaiRatios = plaiRatios;
        AplRentCeilings = aplRentCeilings.ToFrozenDictionary();
        _zones = aplZones.ToFrozenDictionary();
        AplZonesSource = aplZonesSource;
        var thresholds = new Dictionary<(EpciCode, int), QuartileThresholds>();
        foreach (var t in quartileThresholds)
        {
            if (!(t.Q1 <= t.Q2 && t.Q2 <= t.Q3))
            {
                throw new ArgumentException($"Quartile thresholds of {t.Epci} for {t.Year} are not in order (Q1 ≤ Q2 ≤ Q3).", nameof(quartileThresholds));
            }

            thresholds[(t.Epci, t.Year)] = t; // a later entry (a user's file) replaces a built-in one
        }

        _quartiles = thresholds.ToFrozenDictionary();
    }

    /// <summary>The consumption-unit scale.</summary>
    public DatedParameter<UcScale> UcScale { get; }

    /// <summary>PLUS resource ceilings, "autres régions" (the zone Nantes is in).</summary>
    public DatedParameter<CeilingsByCategory> PlusCeilings { get; }

    /// <summary>PLS ceilings as a ratio of PLUS ceilings.</summary>
    public DatedParameter<Rate> PlsRatio { get; }

    /// <summary>PLAI ceilings as ratios of PLUS ceilings.</summary>
    public DatedParameter<PlaiRatios> PlaiRatios { get; }

    /// <summary>APL rent ceilings by zone.</summary>
    public FrozenDictionary<AplZone, DatedParameter<AplRentCeilings>> AplRentCeilings { get; }

    /// <summary>Where the APL zoning comes from.</summary>
    public string AplZonesSource { get; }

    /// <summary>All published quartile thresholds known, by EPCI and year, in a stable order.</summary>
    public IEnumerable<QuartileThresholds> QuartileThresholds => _quartiles.Values.OrderBy(q => q.Epci.Value, StringComparer.Ordinal).ThenBy(q => q.Year);

    /// <summary>The published thresholds of an EPCI for a year of allocations.</summary>
    /// <exception cref="ParameterNotCoveredException">None known for that EPCI and year.</exception>
    public QuartileThresholds QuartilesFor(EpciCode epci, int year)
    {
        if (_quartiles.TryGetValue((epci, year), out var t))
        {
            return t;
        }

        var known = string.Join(", ", _quartiles.Keys.Where(k => k.Epci == epci).Select(k => k.Year).Order());
        throw new ParameterNotCoveredException(
            $"No published quartile thresholds for EPCI {epci} in {year} (known years: {(known.Length == 0 ? "none" : known)}). Load them from a thresholds file, or compute them from the demand.");
    }

    /// <summary>The PLUS ceiling of a household category on a date.</summary>
    /// <exception cref="ParameterNotCoveredException">No ceiling in force then.</exception>
    public Euros PlusCeiling(int category, DateOnly date) => PlusCeilings.At(date).Value.For(category);

    /// <summary>The PLS ceiling of a category on a date (PLUS × PLS ratio, rounded to the cent).</summary>
    public Euros PlsCeiling(int category, DateOnly date) => PlusCeiling(category, date).Times(PlsRatio.At(date).Value);

    /// <summary>The PLAI ceiling of a category on a date, estimated as PLUS × PLAI ratio rounded to the euro: the ratios are approximate, so the estimate is within 0.2 % of the published ceiling, not equal to it.</summary>
    public Euros PlaiCeilingEstimate(int category, DateOnly date)
    {
        var plus = PlusCeilings.At(date).Value;
        var ratios = PlaiRatios.At(date).Value;
        var cents = category <= 6
            ? plus.For(category).Cents * ratios.For(category).Fraction
            : (plus.Category6.Cents * ratios.Category6.Fraction) + (plus.PerAdditionalPerson.Cents * ratios.PerAdditionalPerson.Fraction * (category - 6));
        return new Euros((long)Math.Round(cents / 100m, MidpointRounding.AwayFromZero) * 100);
    }

    /// <summary>The APL zone of a commune.</summary>
    /// <exception cref="ParameterNotCoveredException">The commune is not in the zoning table.</exception>
    public AplZone ZoneOf(CommuneCode commune) =>
        TryZoneOf(commune, out var zone)
            ? zone
            : throw new ParameterNotCoveredException($"The APL zone of commune {commune} is not known ({AplZonesSource}); it is not in the built-in zoning table (Nantes Métropole's 24 communes).");

    /// <summary>The APL zone of a commune, if known.</summary>
    public bool TryZoneOf(CommuneCode commune, out AplZone zone) => _zones.TryGetValue(commune, out zone);

    /// <summary>The APL rent ceiling for a zone, household shape and date.</summary>
    /// <exception cref="ParameterNotCoveredException">No ceiling known for that zone and date.</exception>
    public DatedValue<AplRentCeilings> AplCeilings(AplZone zone, DateOnly date) =>
        AplRentCeilings.TryGetValue(zone, out var p)
            ? p.At(date)
            : throw new ParameterNotCoveredException($"No APL rent ceilings are known for zone {(int)zone}.");

    /// <summary>A copy with more published thresholds; they replace built-in ones for the same EPCI and year.</summary>
    public ParameterSet WithQuartileThresholds(IEnumerable<QuartileThresholds> thresholds) =>
        new(UcScale, PlusCeilings, PlsRatio, PlaiRatios, AplRentCeilings, _zones, AplZonesSource, _quartiles.Values.Concat(thresholds));

    /// <summary>
    /// A copy with more APL zoning (e.g. from a communes file); an entry replaces the built-in zone of the same
    /// commune, as the file is the more specific source.
    /// </summary>
    /// <param name="zones">Communes and their zones.</param>
    /// <param name="source">Where the zoning comes from, for messages.</param>
    public ParameterSet WithAplZones(IEnumerable<KeyValuePair<CommuneCode, AplZone>> zones, string source)
    {
        var merged = new Dictionary<CommuneCode, AplZone>(_zones);
        foreach (var (commune, zone) in zones)
        {
            merged[commune] = zone;
        }

        return new(UcScale, PlusCeilings, PlsRatio, PlaiRatios, AplRentCeilings, merged, AplZonesSource + "; " + source, _quartiles.Values);
    }

    /// <summary>The communes whose APL zone is known.</summary>
    public ImmutableArray<CommuneCode> ZonedCommunes => [.. _zones.Keys.OrderBy(c => c.Value, StringComparer.Ordinal)];
}
