using System.Collections.Immutable;
using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Tables;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Rules;

namespace CIA.Engine.Stock;

/// <summary>What the capacity rule reads.</summary>
/// <param name="Accessible">Accessible dwellings of the non-fragile stock outside QPV.</param>
/// <param name="PotentiallyAccessible">Potentially accessible ones.</param>
/// <param name="RotationRate">Yearly rotation.</param>
internal readonly record struct CapacityFacts(int Accessible, int PotentiallyAccessible, Rate RotationRate)
{
    /// <summary>Accessible + potentially accessible.</summary>
    public int Base => Accessible + PotentiallyAccessible;

    /// <summary>Base × rotation, before rounding.</summary>
    public decimal Exact => Base * RotationRate.Fraction;

    /// <summary>Dwellings that can be mobilised a year: the exact figure rounded down (10 892 × 11.4 % = 1 241.69 → 1 241, as the CIA has it).</summary>
    public int Mobilisable => (int)decimal.Floor(Exact);
}

/// <summary>The stock-side figures of the CIA.</summary>
/// <param name="Basis">Where the counts come from: the CIA's own diagnosis or a stock file.</param>
/// <param name="Source">Source text.</param>
/// <param name="Dwellings">Dwellings in the stock file (null for the diagnosis).</param>
/// <param name="OutsideQpv">Dwellings outside QPV (null for the diagnosis).</param>
/// <param name="NonFragileOutsideQpv">Of which in non-fragile programmes (null for the diagnosis).</param>
/// <param name="NonFragileShareOutsideQpv">Share of the stock outside QPV that is non-fragile.</param>
/// <param name="Accessible">Accessible dwellings of the non-fragile stock outside QPV.</param>
/// <param name="PotentiallyAccessible">Potentially accessible dwellings of it.</param>
/// <param name="RotationRate">Rotation rate.</param>
/// <param name="Mobilisable">Mobilisable dwellings a year.</param>
/// <param name="Cutoffs">Fragility cut-offs used (stock file only).</param>
/// <param name="Explanation">The capacity rule's reason.</param>
/// <param name="ReferenceDate">The date whose APL ceilings were used (stock file only).</param>
/// <param name="AplCeilings">The APL ceilings used, by zone, with their period and source (stock file only).</param>
public sealed record CapacityReport(
    string Basis,
    string Source,
    int? Dwellings,
    int? OutsideQpv,
    int? NonFragileOutsideQpv,
    Rate? NonFragileShareOutsideQpv,
    int Accessible,
    int PotentiallyAccessible,
    Rate RotationRate,
    int Mobilisable,
    FragilityCutoffs? Cutoffs,
    ImmutableArray<RuleFiring> Explanation,
    DateOnly? ReferenceDate = null,
    ImmutableArray<(AplZone Zone, DatedValue<AplRentCeilings> Ceilings)> AplCeilings = default)
{
    /// <summary>Accessible + potentially accessible.</summary>
    public int RebalancingStock => Accessible + PotentiallyAccessible;
}

/// <summary>
/// Computes the mobilisable capacity (CIA Annexe 1, étape 3) from the CIA's figures or from a stock: each dwelling is
/// classified by the <see cref="DwellingClassifier"/> at the policy's reference date, then counted.
/// </summary>
/// <remarks>Thread-safe: static and stateless; each call keeps its own counts.</remarks>
public static class CapacityCalculator
{
    /// <summary>The capacity rule set.</summary>
    internal static RuleSet<CapacityFacts> Rules { get; } = BuildRules();

    /// <summary>The CIA's own figures: (7 487 + 3 405) × 11.4 % ⇒ 1 241.</summary>
    public static CapacityReport FromDiagnosis(CiaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var d = policy.Stock.Diagnosis;
        var facts = new CapacityFacts(d.Accessible, d.PotentiallyAccessible, policy.Stock.RotationRate);
        return new CapacityReport("diagnosis", d.Source, null, null, null, d.NonFragileShareOutsideQpv, d.Accessible, d.PotentiallyAccessible,
            policy.Stock.RotationRate, facts.Mobilisable, null, Rules.Explain(in facts, Rules.Evaluate(in facts)));
    }

    /// <summary>Computes from dwelling records and programme occupancy.</summary>
    /// <exception cref="ParameterNotCoveredException">APL zones of communes (all listed) or APL ceilings are not known.</exception>
    public static CapacityReport FromStock(IReadOnlyCollection<Dwelling> dwellings, IReadOnlyCollection<ProgrammeOccupancy> programmes, CiaPolicy policy, ParameterSet parameters, string source)
    {
        ArgumentNullException.ThrowIfNull(dwellings);
        var classifier = Classifier(programmes, policy, parameters);
        DwellingClassifier.ThrowIfUnknown([.. dwellings.Select(d => d.Commune).Distinct().Where(c => !parameters.TryZoneOf(c, out _)).OrderBy(c => c.Value, StringComparer.Ordinal)]);
        var counter = new Counter(classifier);
        foreach (var d in dwellings)
        {
            counter.Add(classifier.Input(d));
        }

        return counter.Report(source);
    }

    /// <summary>Computes from a columnar stock table and programme occupancy.</summary>
    /// <exception cref="ParameterNotCoveredException">APL zones of communes (all listed) or APL ceilings are not known.</exception>
    public static CapacityReport FromStock(StockTable stock, IReadOnlyCollection<ProgrammeOccupancy> programmes, CiaPolicy policy, ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(stock);
        var classifier = Classifier(programmes, policy, parameters);
        var inputs = classifier.Inputs(stock);
        var counter = new Counter(classifier);
        for (var row = 0; row < stock.Count; row++)
        {
            counter.Add(inputs.Of(row));
        }

        return counter.Report(stock.Source);
    }

    /// <summary>
    /// Computes from a stock file read row by row, holding no dwelling (only ids, to find duplicates): the way to count
    /// a national stock in little memory.
    /// </summary>
    /// <exception cref="InputException">Every problem in the stock file.</exception>
    /// <exception cref="ParameterNotCoveredException">APL zones of communes (all listed) or APL ceilings are not known.</exception>
    public static CapacityReport FromStockFile(string path, IReadOnlyCollection<ProgrammeOccupancy> programmes, CiaPolicy policy, ParameterSet parameters)
    {
        var classifier = Classifier(programmes, policy, parameters);
        var communes = new CommuneIndex();
        var visitor = new StreamingVisitor(classifier, communes);
        StockCsv.Scan(path, communes, visitor);
        DwellingClassifier.ThrowIfUnknown(visitor.Unknown);
        return visitor.Counter.Report(path);
    }

    private static DwellingClassifier Classifier(IReadOnlyCollection<ProgrammeOccupancy> programmes, CiaPolicy policy, ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(programmes);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(parameters);
        return new DwellingClassifier(policy, parameters, FragilityRules.Assess(programmes, policy.Stock.Fragility));
    }

    private static RuleSet<CapacityFacts> BuildRules()
    {
        var b = new RuleSetBuilder<CapacityFacts>("capacity");
        b.Rule("CAP-MOBILISABLE").Title("Mobilisable capacity of the non-fragile stock outside QPV").Reference("Nantes CIA Annexe 1, étape 3")
            .Description("(accessible + potentially accessible dwellings of the non-fragile stock outside QPV) × rotation rate, rounded down.")
            .When(static (in CapacityFacts _) => true)
            .Because(static (in CapacityFacts f) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"({f.Accessible} + {f.PotentiallyAccessible}) × {f.RotationRate} = {f.Base} × {f.RotationRate} = {f.Exact:0.##}, rounded down → {f.Mobilisable}"));
        return b.Build();
    }

    /// <summary>Counts classified dwellings; the same for records, tables and streamed files.</summary>
    private sealed class Counter(DwellingClassifier classifier)
    {
        private readonly DwellingDate _at = classifier.At(classifier.Policy.Stock.ReferenceDate);
        private readonly HashSet<AplZone> _zones = [];
        private int _dwellings;
        private int _outside;
        private int _nonFragileOutside;
        private int _accessible;
        private int _potential;

        public void Add(in DwellingInput dwelling)
        {
            var c = classifier.Classify(in dwelling, _at);
            _zones.Add(dwelling.Zone);
            _dwellings++;
            if (!c.InQpv)
            {
                _outside++;
            }

            if (c.NonFragileOutsideQpv)
            {
                _nonFragileOutside++;
            }

            if (c.InRebalancingStock)
            {
                if (c.Accessible)
                {
                    _accessible++;
                }
                else
                {
                    _potential++;
                }
            }
        }

        public CapacityReport Report(string source)
        {
            var rotation = classifier.Policy.Stock.RotationRate;
            var cap = new CapacityFacts(_accessible, _potential, rotation);
            Rate? share = _outside == 0 ? null : new Rate((decimal)_nonFragileOutside / _outside);
            var ceilings = _zones.Order().Select(z => (z, _at.AplCeilings(z))).ToImmutableArray();
            return new CapacityReport("stock", source, _dwellings, _outside, _nonFragileOutside, share, _accessible, _potential, rotation,
                cap.Mobilisable, classifier.Fragility.Cutoffs, Rules.Explain(in cap, Rules.Evaluate(in cap)), _at.Date, ceilings);
        }
    }

    /// <summary>Classifies each dwelling as the stock file is read; resolves each commune's zones once, when first met.</summary>
    private sealed class StreamingVisitor(DwellingClassifier classifier, CommuneIndex communes) : IStockVisitor
    {
        private readonly List<(AplZone Zone, PlusRegion Region, bool Known)> _communes = [];
        private readonly TextIndex _names = new();

        public Counter Counter { get; } = new(classifier);

        public List<CommuneCode> Unknown { get; } = [];

        public void Visit(in StockRow row)
        {
            if (!row.IsValid)
            {
                return; // the read throws at the end: this row's values are fallbacks
            }

            while (_communes.Count < communes.Count)
            {
                var code = communes[_communes.Count];
                var known = classifier.Parameters.TryZoneOf(code, out var zone);
                if (!known)
                {
                    Unknown.Add(code);
                }

                _communes.Add((zone, classifier.RegionOf(code), known));
            }

            var (aplZone, region, isKnown) = _communes[row.Commune];
            if (!isKnown)
            {
                return; // reported once at the end, with every other unknown commune
            }

            var fragility = classifier.Fragility.StatusOf(row.Programme, out var programme);
            var qpv = row.Qpv.IsEmpty ? null : _names[_names.Intern(row.Qpv)];
            var input = new DwellingInput(aplZone, region, qpv, row.Rooms, row.Rent, row.Financing, row.Reservataire, programme ?? _names[_names.Intern(row.Programme)], fragility);
            Counter.Add(in input);
        }
    }
}
