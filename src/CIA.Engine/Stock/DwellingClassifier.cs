using System.Collections.Immutable;
using CIA.Engine.Domain;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Rules;
using CIA.Engine.Tables;

namespace CIA.Engine.Stock;

/// <summary>
/// Classifies dwellings under a policy at a date: in QPV or not, fragile or not, accessible or potentially accessible
/// with the APL ceilings in force at that date (they change each 1 October), in the rebalancing stock or not, whose
/// contingent, and — through <see cref="DwellingDate.IncomeCeiling"/> — the income ceiling of its financing for each
/// household category. The one classifier capacity, the simulator and the report use. Immutable: one instance can
/// serve many threads; resolve a date once with <see cref="At"/>, then <see cref="Classify"/> allocates nothing.
/// </summary>
/// <remarks>Thread-safe: immutable once built; one instance serves any number of threads.</remarks>
public sealed class DwellingClassifier
{
    private readonly ulong _inQpv;
    private readonly ulong _fragile;
    private readonly ulong _accessible;
    private readonly ulong _potential;

    /// <summary>Builds the dwelling rules of a policy over an assessment of its programmes' fragility.</summary>
    public DwellingClassifier(CiaPolicy policy, ParameterSet parameters, FragilityAssessment fragility)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(fragility);
        Policy = policy;
        Parameters = parameters;
        Fragility = fragility;
        Rules = DwellingRules.Build(policy);
        _inQpv = Rules.MaskOf("STOCK-IN-QPV");
        _fragile = Rules.MaskOf("STOCK-FRAGILE");
        _accessible = Rules.MaskOf("STOCK-ACCESSIBLE");
        _potential = Rules.MaskOf("STOCK-POTENTIALLY-ACCESSIBLE");
    }

    /// <summary>The policy.</summary>
    public CiaPolicy Policy { get; }

    /// <summary>The parameters.</summary>
    public ParameterSet Parameters { get; }

    /// <summary>The programmes' fragility.</summary>
    public FragilityAssessment Fragility { get; }

    /// <summary>The dwelling rule set.</summary>
    internal RuleSet<DwellingFacts> Rules { get; }

    /// <summary>Resolves the figures in force at a date: APL ceilings of every zone that has them, PLUS/PLS/PLAI ceilings.</summary>
    public DwellingDate At(DateOnly date) => new(this, date);

    /// <summary>The values of a dwelling record (its commune's zones, its programme's fragility).</summary>
    /// <exception cref="ParameterNotCoveredException">The commune's APL zone is not known.</exception>
    public DwellingInput Input(Dwelling dwelling)
    {
        ArgumentNullException.ThrowIfNull(dwelling);
        return new DwellingInput(Parameters.ZoneOf(dwelling.Commune), RegionOf(dwelling.Commune), dwelling.Qpv?.Value, dwelling.Rooms, dwelling.MonthlyRent,
            dwelling.Financing, dwelling.Reservataire, dwelling.Programme.Value, Fragility.StatusOf(dwelling.Programme));
    }

    /// <summary>Resolves, once for a whole table, what its rows need from the parameters and the fragility assessment.</summary>
    /// <exception cref="ParameterNotCoveredException">Some communes' APL zones are not known (all are listed).</exception>
    public StockInputs Inputs(StockTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var zones = new AplZone[table.Communes.Count];
        var regions = new PlusRegion[table.Communes.Count];
        var unknown = new List<CommuneCode>();
        for (var i = 0; i < zones.Length; i++)
        {
            var commune = table.Communes[i];
            if (!Parameters.TryZoneOf(commune, out zones[i]))
            {
                unknown.Add(commune);
            }

            regions[i] = RegionOf(commune);
        }

        ThrowIfUnknown(unknown);
        var fragility = new FragilityStatus[table.Programmes.Count];
        for (var i = 0; i < fragility.Length; i++)
        {
            fragility[i] = Fragility.StatusOf(table.Programmes[i]);
        }

        return new StockInputs(table, zones, regions, fragility);
    }

    /// <summary>Classifies one dwelling at a resolved date.</summary>
    /// <exception cref="ParameterNotCoveredException">No APL ceilings for the dwelling's zone at that date.</exception>
    public DwellingClassification Classify(in DwellingInput dwelling, DwellingDate at)
    {
        var facts = Facts(in dwelling, at);
        var fired = Rules.Evaluate(in facts);
        return new DwellingClassification(fired.Any(_inQpv), dwelling.Fragility, fired.Any(_fragile), fired.Any(_accessible), fired.Any(_potential),
            dwelling.Reservataire, dwelling.Financing, fired);
    }

    /// <summary>The rules that fired for a dwelling at a date, with their reasons.</summary>
    public ImmutableArray<RuleFiring> Explain(in DwellingInput dwelling, DwellingDate at)
    {
        var facts = Facts(in dwelling, at);
        return Rules.Explain(in facts, Rules.Evaluate(in facts));
    }

    /// <summary>The facts the rules read for a dwelling at a date.</summary>
    internal DwellingFacts Facts(in DwellingInput dwelling, DwellingDate at)
    {
        ArgumentNullException.ThrowIfNull(at);
        if (!ReferenceEquals(at.Owner, this))
        {
            throw new ArgumentException("This date was resolved by another dwelling classifier: resolve it with this classifier's At, so that one policy decides.", nameof(at));
        }

        var household = Policy.Stock.HouseholdFor(dwelling.Rooms);
        var ceilings = at.AplCeilings(dwelling.Zone);
        return new DwellingFacts(in dwelling, household, ceilings, ceilings.Value.For(household.Couple, household.Dependants));
    }

    /// <summary>
    /// The PLUS-ceiling zone of a dwelling's commune: Paris (and its arrondissements) and the communes adjacent to it,
    /// the rest of Île-de-France, or "autres régions" (<see cref="PlusRegions.Of"/>). The ceilings follow where the
    /// dwelling is, whatever zone the policy states for its EPCI.
    /// </summary>
#pragma warning disable CA1822 // An instance member: the classifier answers for its dwellings, as its callers ask it.
    public PlusRegion RegionOf(CommuneCode commune) => PlusRegions.Of(commune);
#pragma warning restore CA1822

    internal static void ThrowIfUnknown(List<CommuneCode> unknown)
    {
        if (unknown.Count > 0)
        {
            var shown = string.Join(", ", unknown.Take(10).Select(c => c.Value));
            throw new ParameterNotCoveredException(
                $"The APL zone of {unknown.Count} commune(s) is not known: {shown}{(unknown.Count > 10 ? ", …" : string.Empty)}. The built-in zoning covers Nantes Métropole's 24 communes: give a communes file (commune;name;epci;epci_name;apl_zone).");
        }
    }
}

/// <summary>
/// The figures in force at one date for classifying dwellings: APL rent ceilings by zone (revalued each 1 October)
/// and the PLUS, PLS and PLAI income ceilings. Resolved once by <see cref="DwellingClassifier.At"/>.
/// </summary>
/// <remarks>Thread-safe: its figures are resolved in the constructor and only read afterwards.</remarks>
public sealed class DwellingDate
{
    private readonly Dictionary<AplZone, DatedValue<AplRentCeilings>> _apl = [];
    private readonly Dictionary<PlusRegion, CeilingsByCategory> _plus = [];
    private readonly Rate? _pls;
    private readonly Dictionary<PlusRegion, PlaiRatios> _plai = [];

    internal DwellingDate(DwellingClassifier owner, DateOnly date)
    {
        Owner = owner;
        Date = date;
        var parameters = owner.Parameters;
        foreach (var (zone, parameter) in parameters.AplRentCeilings)
        {
            if (parameter.Values.Any(v => v.Covers(date)))
            {
                _apl[zone] = parameter.At(date);
            }
        }

        foreach (var (region, parameter) in parameters.PlusCeilingsByRegion)
        {
            if (parameter.Values.Any(v => v.Covers(date)))
            {
                _plus[region] = parameter.At(date).Value;
            }
        }

        _pls = parameters.PlsRatio.Values.FirstOrDefault(v => v.Covers(date))?.Value;
        foreach (var (region, parameter) in parameters.PlaiRatiosByRegion)
        {
            if (parameter.Values.FirstOrDefault(v => v.Covers(date)) is { } ratios)
            {
                _plai[region] = ratios.Value;
            }
        }
    }

    /// <summary>The date.</summary>
    public DateOnly Date { get; }

    internal DwellingClassifier Owner { get; }

    /// <summary>The APL rent ceilings of a zone in force at the date, with their period and source.</summary>
    /// <exception cref="ParameterNotCoveredException">None known for that zone and date.</exception>
    public DatedValue<AplRentCeilings> AplCeilings(AplZone zone) =>
        _apl.TryGetValue(zone, out var c) ? c : Owner.Parameters.AplCeilings(zone, Date); // throws the parameter's own message

    /// <summary>
    /// The yearly income ceiling (revenu fiscal de référence) of a dwelling's financing for a household category at the
    /// date: PLAI dwellings take the PLAI ceilings (estimated from PLUS with the region's ratios), PLS dwellings 130 % of PLUS, and PLUS,
    /// pre-1977 (HLM/O) and other conventionné dwellings the PLUS ceilings. Null for PLI, whose ceilings are not built in.
    /// </summary>
    /// <exception cref="ParameterNotCoveredException">The ceilings needed are not known for that date or region.</exception>
    public Euros? IncomeCeiling(Financing financing, int category, PlusRegion region)
    {
        if (financing == Financing.Pli)
        {
            return null;
        }

        if (!_plus.TryGetValue(region, out var plus))
        {
            plus = Owner.Parameters.PlusCeilingsOf(region).At(Date).Value; // throws the parameter's own message
        }

        return financing switch
        {
            Financing.Plai => ParameterSet.PlaiEstimate(plus, _plai.TryGetValue(region, out var ratios) ? ratios : Owner.Parameters.PlaiRatiosOf(region).At(Date).Value, category),
            Financing.Pls => plus.For(category).Times(_pls ?? Owner.Parameters.PlsRatio.At(Date).Value),
            _ => plus.For(category),
        };
    }
}

/// <summary>A <see cref="StockTable"/> with what its rows need resolved once: zones, regions, fragility by index.</summary>
public sealed class StockInputs
{
    private readonly StockTable _table;
    private readonly AplZone[] _zones;
    private readonly PlusRegion[] _regions;
    private readonly FragilityStatus[] _fragility;

    internal StockInputs(StockTable table, AplZone[] zones, PlusRegion[] regions, FragilityStatus[] fragility)
    {
        _table = table;
        _zones = zones;
        _regions = regions;
        _fragility = fragility;
    }

    /// <summary>The table.</summary>
    public StockTable Table => _table;

    /// <summary>The values the dwelling rules read for a row (no allocation).</summary>
    public DwellingInput Of(int row)
    {
        var t = _table;
        var commune = t.CommuneOf(row);
        var qpv = t.QpvOf(row);
        var programme = t.ProgrammeOf(row);
        return new DwellingInput(_zones[commune], _regions[commune], qpv < 0 ? null : t.Qpvs[qpv], t.RoomsOf(row), t.RentOf(row), t.FinancingOf(row),
            t.ReservataireOf(row), t.Programmes[programme], _fragility[programme]);
    }
}
