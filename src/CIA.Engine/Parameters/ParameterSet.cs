using System.Collections.Frozen;
using System.Collections.Immutable;
using CIA.Engine.Domain;

namespace CIA.Engine.Parameters;

/// <summary>
/// All dated legal figures the rules read: UC scale, PLUS ceilings and PLAI ratios by region, PLS ratio, APL rent ceilings by zone,
/// the APL zoning of communes (and their EPCI), published quartile thresholds. Immutable and safe to share between
/// threads; <see cref="BuiltInParameters.Create"/> gives the sourced default, and the <c>With…</c> methods return
/// copies with figures loaded from files.
/// </summary>
/// <remarks>Thread-safe: immutable; the <c>With…</c> methods return new sets.</remarks>
public sealed class ParameterSet
{
    private readonly FrozenDictionary<(EpciCode Epci, int Year), QuartileThresholds> _quartiles;
    private readonly FrozenDictionary<CommuneCode, AplZone> _zones;
    private readonly FrozenDictionary<CommuneCode, EpciCode> _epcis;

    /// <summary>Creates a parameter set without the figures of the housing-benefit formula (<see cref="Apl"/> covers no date).</summary>
    /// <exception cref="ArgumentException">Quartile thresholds out of order, or twice for one EPCI and year.</exception>
    public ParameterSet(
        DatedParameter<UcScale> ucScale,
        IReadOnlyDictionary<PlusRegion, DatedParameter<CeilingsByCategory>> plusCeilings,
        DatedParameter<Rate> plsRatio,
        IReadOnlyDictionary<PlusRegion, DatedParameter<PlaiRatios>> plaiRatios,
        IReadOnlyDictionary<AplZone, DatedParameter<AplRentCeilings>> aplRentCeilings,
        IEnumerable<KeyValuePair<CommuneCode, AplZone>> aplZones,
        string aplZonesSource,
        IEnumerable<QuartileThresholds> quartileThresholds,
        IEnumerable<KeyValuePair<CommuneCode, EpciCode>>? communeEpcis = null)
        : this(ucScale, plusCeilings, plsRatio, plaiRatios, aplRentCeilings, aplZones, aplZonesSource, quartileThresholds, communeEpcis, AplParameters.None)
    {
    }

    /// <summary>Creates a parameter set with the figures of the housing-benefit formula.</summary>
    /// <exception cref="ArgumentException">Quartile thresholds out of order, or twice for one EPCI and year.</exception>
    public ParameterSet(
        DatedParameter<UcScale> ucScale,
        IReadOnlyDictionary<PlusRegion, DatedParameter<CeilingsByCategory>> plusCeilings,
        DatedParameter<Rate> plsRatio,
        IReadOnlyDictionary<PlusRegion, DatedParameter<PlaiRatios>> plaiRatios,
        IReadOnlyDictionary<AplZone, DatedParameter<AplRentCeilings>> aplRentCeilings,
        IEnumerable<KeyValuePair<CommuneCode, AplZone>> aplZones,
        string aplZonesSource,
        IEnumerable<QuartileThresholds> quartileThresholds,
        IEnumerable<KeyValuePair<CommuneCode, EpciCode>>? communeEpcis,
        AplParameters apl)
    {
        ArgumentNullException.ThrowIfNull(apl);
        Apl = apl;
        UcScale = ucScale;
        PlusCeilingsByRegion = plusCeilings.ToFrozenDictionary();
        PlsRatio = plsRatio;
        PlaiRatiosByRegion = plaiRatios.ToFrozenDictionary();
        AplRentCeilings = aplRentCeilings.ToFrozenDictionary();
        _zones = aplZones.ToFrozenDictionary();
        _epcis = (communeEpcis ?? []).ToFrozenDictionary();
        AplZonesSource = aplZonesSource;
        var thresholds = new Dictionary<(EpciCode, int), QuartileThresholds>();
        foreach (var t in quartileThresholds)
        {
            if (!(t.Q1 <= t.Q2 && t.Q2 <= t.Q3))
            {
                throw new ArgumentException($"Quartile thresholds of {t.Epci} for {t.Year} are not in order (Q1 ≤ Q2 ≤ Q3).", nameof(quartileThresholds));
            }

            if (!thresholds.TryAdd((t.Epci, t.Year), t))
            {
                throw new ArgumentException($"Quartile thresholds of {t.Epci} for {t.Year} are given twice.", nameof(quartileThresholds));
            }
        }

        _quartiles = thresholds.ToFrozenDictionary();
    }

    /// <summary>The consumption-unit scale.</summary>
    public DatedParameter<UcScale> UcScale { get; }

    /// <summary>PLUS resource ceilings by region (built in: all three zones, 2015–2026).</summary>
    public FrozenDictionary<PlusRegion, DatedParameter<CeilingsByCategory>> PlusCeilingsByRegion { get; }

    /// <summary>PLUS resource ceilings of "autres régions", the region Nantes is in.</summary>
    public DatedParameter<CeilingsByCategory> PlusCeilings => PlusCeilingsOf(PlusRegion.OtherRegions);

    /// <summary>PLS ceilings as a ratio of PLUS ceilings.</summary>
    public DatedParameter<Rate> PlsRatio { get; }

    /// <summary>PLAI ceilings as ratios of PLUS ceilings, by region: category 4's differs between "autres régions" and Île-de-France.</summary>
    public FrozenDictionary<PlusRegion, DatedParameter<PlaiRatios>> PlaiRatiosByRegion { get; }

    /// <summary>PLAI/PLUS ratios of "autres régions", the region Nantes is in.</summary>
    public DatedParameter<PlaiRatios> PlaiRatios => PlaiRatiosOf(PlusRegion.OtherRegions);

    /// <summary>APL rent ceilings by zone: the "L" of the housing-benefit formula, also the accessibility test of dwellings.</summary>
    public FrozenDictionary<AplZone, DatedParameter<AplRentCeilings>> AplRentCeilings { get; }

    /// <summary>The other figures of the housing-benefit formula (charges forfait, P0, R0, TF, TL, dégressivité, RLS…).</summary>
    public AplParameters Apl { get; }

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
            $"No published quartile thresholds for EPCI {epci} in {year} (known years: {(known.Length == 0 ? "none" : known)}; the built-in national table knows by SIREN {string.Join(", ", Quartiles.EpciThresholdTable.WithSiren.Select(t => t.Epci.Value).Distinct().Order(StringComparer.Ordinal))}, docs/epci.md). Load them from a thresholds file, or compute them from the demand.");
    }

    /// <summary>The PLUS ceilings of a region.</summary>
    /// <exception cref="ParameterNotCoveredException">None known for that region.</exception>
    public DatedParameter<CeilingsByCategory> PlusCeilingsOf(PlusRegion region) =>
        PlusCeilingsByRegion.TryGetValue(region, out var p)
            ? p
            : throw new ParameterNotCoveredException(
                $"No PLUS ceilings are known for the zone '{Tokens<PlusRegion>.Format(region)}' in this parameter set. Load the zone's ceilings from a file (--plus-ceilings, docs/formats.md).");

    /// <summary>The PLAI/PLUS ratios of a region.</summary>
    /// <exception cref="ParameterNotCoveredException">None known for that region.</exception>
    public DatedParameter<PlaiRatios> PlaiRatiosOf(PlusRegion region) =>
        PlaiRatiosByRegion.TryGetValue(region, out var p)
            ? p
            : throw new ParameterNotCoveredException(
                $"No PLAI/PLUS ratios are known for the zone '{Tokens<PlusRegion>.Format(region)}' in this parameter set: its PLAI ceilings cannot be estimated (another zone's ratios are not used).");

    /// <summary>The PLUS ceiling of a household category on a date.</summary>
    /// <exception cref="ParameterNotCoveredException">No ceiling in force then, or none for the region.</exception>
    public Euros PlusCeiling(int category, DateOnly date, PlusRegion region = PlusRegion.OtherRegions) => PlusCeilingsOf(region).At(date).Value.For(category);

    /// <summary>The PLS ceiling of a category on a date (PLUS × PLS ratio, rounded to the cent).</summary>
    public Euros PlsCeiling(int category, DateOnly date, PlusRegion region = PlusRegion.OtherRegions) => PlusCeiling(category, date, region).Times(PlsRatio.At(date).Value);

    /// <summary>The PLAI ceiling of a category on a date, estimated as PLUS × the region's PLAI ratio rounded to the euro: the ratios are approximate, so the estimate is within 0.2 % of the published ceiling, not equal to it.</summary>
    public Euros PlaiCeilingEstimate(int category, DateOnly date, PlusRegion region = PlusRegion.OtherRegions) =>
        PlaiEstimate(PlusCeilingsOf(region).At(date).Value, PlaiRatiosOf(region).At(date).Value, category);

    internal static Euros PlaiEstimate(CeilingsByCategory plus, PlaiRatios ratios, int category)
    {
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
            : throw new ParameterNotCoveredException($"The APL zone of commune {commune} is not known ({AplZonesSource}); it is not in the built-in zoning table (Nantes Métropole's 24 communes): give a communes file.");

    /// <summary>The APL zone of a commune, if known.</summary>
    public bool TryZoneOf(CommuneCode commune, out AplZone zone) => _zones.TryGetValue(commune, out zone);

    /// <summary>The communes known to belong to an EPCI (from the built-in table or a communes file), in code order.</summary>
    public ImmutableArray<CommuneCode> CommunesOf(EpciCode epci) =>
        [.. _epcis.Where(p => p.Value == epci).Select(p => p.Key).OrderBy(c => c.Value, StringComparer.Ordinal)];

    /// <summary>The EPCI of a commune, from the built-in table or a communes file, if known.</summary>
    internal bool TryEpciOf(CommuneCode commune, out EpciCode epci) => _epcis.TryGetValue(commune, out epci);

    /// <summary>The APL rent ceiling for a zone, household shape and date.</summary>
    /// <exception cref="ParameterNotCoveredException">No ceiling known for that zone and date.</exception>
    public DatedValue<AplRentCeilings> AplCeilings(AplZone zone, DateOnly date) =>
        AplRentCeilings.TryGetValue(zone, out var p)
            ? p.At(date)
            : throw new ParameterNotCoveredException($"No APL rent ceilings are known for zone {(int)zone}: load them from a file (--apl-ceilings, docs/formats.md).");

    /// <summary>A copy with more published thresholds; they replace built-in ones for the same EPCI and year.</summary>
    public ParameterSet WithQuartileThresholds(IEnumerable<QuartileThresholds> thresholds)
    {
        var added = thresholds.ToList();
        var replaced = added.Select(t => (t.Epci, t.Year)).ToHashSet();
        return Copy(quartiles: _quartiles.Values.Where(t => !replaced.Contains((t.Epci, t.Year))).Concat(added));
    }

    /// <summary>A copy with other figures of the housing-benefit formula (the rent ceilings stay those of this set).</summary>
    public ParameterSet WithAplParameters(AplParameters apl)
    {
        ArgumentNullException.ThrowIfNull(apl);
        return new(UcScale, PlusCeilingsByRegion, PlsRatio, PlaiRatiosByRegion, AplRentCeilings, _zones, AplZonesSource, _quartiles.Values, _epcis, apl);
    }

    /// <summary>A copy where PLUS ceilings of a region loaded from a file take precedence over the built-in ones for the periods they cover.</summary>
    public ParameterSet WithPlusCeilings(PlusRegion region, IEnumerable<DatedValue<CeilingsByCategory>> values)
    {
        var plus = new Dictionary<PlusRegion, DatedParameter<CeilingsByCategory>>(PlusCeilingsByRegion);
        plus[region] = plus.TryGetValue(region, out var existing)
            ? existing.Overlay(values)
            : new DatedParameter<CeilingsByCategory>($"PLUS ceilings ({Tokens<PlusRegion>.Format(region)})", values);
        return Copy(plusCeilings: plus);
    }

    /// <summary>A copy where APL rent ceilings of a zone loaded from a file take precedence over the built-in ones for the periods they cover.</summary>
    public ParameterSet WithAplCeilings(AplZone zone, IEnumerable<DatedValue<AplRentCeilings>> values)
    {
        var apl = new Dictionary<AplZone, DatedParameter<AplRentCeilings>>(AplRentCeilings);
        apl[zone] = apl.TryGetValue(zone, out var existing)
            ? existing.Overlay(values)
            : new DatedParameter<AplRentCeilings>($"APL rent ceilings, zone {(int)zone}", values);
        return Copy(aplCeilings: apl);
    }

    /// <summary>
    /// A copy with more APL zoning (e.g. from a communes file); an entry replaces the built-in zone of the same
    /// commune, as the file is the more specific source.
    /// </summary>
    /// <param name="zones">Communes and their zones.</param>
    /// <param name="source">Where the zoning comes from, for messages.</param>
    public ParameterSet WithAplZones(IEnumerable<KeyValuePair<CommuneCode, AplZone>> zones, string source) => WithCommunes(zones.Select(z => (z.Key, z.Value, (EpciCode?)null)), source);

    /// <summary>A copy with communes' APL zones and EPCIs (from a communes file); entries replace built-in ones.</summary>
    /// <param name="communes">Communes with their zone and, when known, their EPCI.</param>
    /// <param name="source">Where they come from, for messages.</param>
    public ParameterSet WithCommunes(IEnumerable<(CommuneCode Commune, AplZone Zone, EpciCode? Epci)> communes, string source)
    {
        var zones = new Dictionary<CommuneCode, AplZone>(_zones);
        var epcis = new Dictionary<CommuneCode, EpciCode>(_epcis);
        foreach (var (commune, zone, epci) in communes)
        {
            zones[commune] = zone;
            if (epci is { } e)
            {
                epcis[commune] = e;
            }
        }

        return Copy(zones: zones, zonesSource: AplZonesSource + "; " + source, epcis: epcis);
    }

    /// <summary>The communes whose APL zone is known.</summary>
    public ImmutableArray<CommuneCode> ZonedCommunes => [.. _zones.Keys.OrderBy(c => c.Value, StringComparer.Ordinal)];

    private ParameterSet Copy(
        IReadOnlyDictionary<PlusRegion, DatedParameter<CeilingsByCategory>>? plusCeilings = null,
        IReadOnlyDictionary<AplZone, DatedParameter<AplRentCeilings>>? aplCeilings = null,
        IEnumerable<KeyValuePair<CommuneCode, AplZone>>? zones = null,
        string? zonesSource = null,
        IEnumerable<QuartileThresholds>? quartiles = null,
        IEnumerable<KeyValuePair<CommuneCode, EpciCode>>? epcis = null) =>
        new(UcScale, plusCeilings ?? PlusCeilingsByRegion, PlsRatio, PlaiRatiosByRegion, aplCeilings ?? AplRentCeilings, zones ?? _zones, zonesSource ?? AplZonesSource,
            quartiles ?? _quartiles.Values, epcis ?? _epcis, Apl);
}
