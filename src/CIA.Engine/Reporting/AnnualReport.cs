using System.Collections.Immutable;
using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.Stock;
using CIA.Engine.Tables;
using CIA.Engine.Targets;

namespace CIA.Engine.Reporting;

/// <summary>Records of one kind that cannot be counted: how many, and the first few (line and pseudonymous ids only).</summary>
/// <param name="Kind">Why they cannot be counted.</param>
/// <param name="Count">How many records.</param>
/// <param name="Examples">Up to <see cref="AnnualReport.MaxExamples"/> of them, in line order.</param>
public sealed record ProblemGroup(AllocationProblemKind Kind, int Count, ImmutableArray<AllocationProblem> Examples);

/// <summary>Households housed from one group, and where: in a QPV or outside, in new stock or not.</summary>
/// <param name="Group">The group: <c>mutation</c>, <c>mutation_from_qpv</c>, <c>relocation_anru</c>, <c>relocation_non_anru</c>.</param>
/// <param name="Applicants">Applications of the group pending on 1 January (the demand file).</param>
/// <param name="Housed">Leases of the year to households of the group.</param>
/// <param name="HousedInQpv">Of which in a dwelling in a QPV.</param>
public sealed record MoveFigure(string Group, int Applicants, int Housed, int HousedInQpv)
{
    /// <summary>Leases outside QPV.</summary>
    public int HousedOutsideQpv => Housed - HousedInQpv;

    /// <summary>Of the leases, those in new stock: first let as social housing (RPLS <c>LOCAT</c>) in <see cref="AnnualReport.NewStockSince"/> or later.</summary>
    public int HousedInNewStock { get; init; }

    /// <summary>Of the leases, those whose dwelling has no year of first letting in the stock file: neither new nor older.</summary>
    public int HousedAgeUnknown { get; init; }

    /// <summary>Leases in older stock (first let before <see cref="AnnualReport.NewStockSince"/>).</summary>
    public int HousedInOlderStock => Housed - HousedInNewStock - HousedAgeUnknown;
}

/// <summary>Applicants of one group still without a lease on 31 December although registered for longer than the abnormal delay.</summary>
/// <param name="Group">The group: <c>quartile_1</c> or <c>priority</c>.</param>
/// <param name="Applicants">Applications of the group pending on 1 January.</param>
/// <param name="Waiting">Of which not housed in the year and registered for more than the abnormal delay on 31 December.</param>
public sealed record LeastServedFigure(string Group, int Applicants, int Waiting);

/// <summary>A threshold or ceiling used, with its source.</summary>
/// <param name="Name">What it is.</param>
/// <param name="Value">Its value, invariant text (euros with two decimals, shares as fractions).</param>
/// <param name="Source">Where it comes from.</param>
public sealed record ParameterUsed(string Name, string Value, string Source);

/// <summary>What makes a report traceable: engine version, policy and its hash, input files and their hashes, parameters used.</summary>
/// <param name="EngineVersion">The engine's assembly version.</param>
/// <param name="PolicyName">The policy's name.</param>
/// <param name="PolicySha256">SHA-256 of the policy's YAML text (the built-in one or the file given).</param>
/// <param name="Files">The input files.</param>
/// <param name="Parameters">Thresholds and ceilings used, with their sources.</param>
/// <param name="Notes">What the figures rest on that a reader must know (e.g. a simulated year's moved dates), in English.</param>
public sealed record Traceability(string EngineVersion, string PolicyName, string PolicySha256, ImmutableArray<InputFile> Files, ImmutableArray<ParameterUsed> Parameters, ImmutableArray<string> Notes);

/// <summary>
/// The annual attainment report of the CIL's evaluation commission (CIA Axe III, fiche-action 9), computed once
/// from a year's leases: every target with numerator, denominator, share, bounds and status, overall and broken
/// down; mutations and relocations and where they were housed; the least-served; the records that could not be
/// counted; traceability. Rendering is done from a <see cref="ReportDocument"/>, so every format shows the same figures.
/// </summary>
public sealed class AnnualReport
{
    /// <summary>Demand rows per parallel block of classification.</summary>
    private const int Block = 65_536;

    /// <summary>Examples kept per kind of record problem.</summary>
    public const int MaxExamples = 5;

    private AnnualReport()
    {
    }

    /// <summary>The year reported on.</summary>
    public int Year { get; private init; }

    /// <summary>The policy's name.</summary>
    public string PolicyName { get; private init; } = string.Empty;

    /// <summary>Allocation records read.</summary>
    public int Records { get; private init; }

    /// <summary>Leases counted.</summary>
    public int Counted { get; private init; }

    /// <summary>Every target's attainment, in policy order, with its breakdowns.</summary>
    public ImmutableArray<TargetResult> Targets { get; private init; }

    /// <summary>The mobilisable capacity the rebalancing indicators compare to, null when unknown.</summary>
    public int? MobilisableCapacity { get; private init; }

    /// <summary>Mutation applicants housed: all, and those living in a QPV (their current dwelling is in a QPV of the stock).</summary>
    public ImmutableArray<MoveFigure> Mutations { get; private init; }

    /// <summary>Relocations by urban renewal housed, by kind.</summary>
    public ImmutableArray<MoveFigure> Relocations { get; private init; }

    /// <summary>
    /// The first year of first letting that counts as new stock: the year reported on minus the policy's
    /// <see cref="Policy.StockOptions.NewStockYears"/> plus one (2021 for 2025 with the CIA's 5 years).
    /// </summary>
    public int NewStockSince { get; private init; }

    /// <summary>The territory's abnormal delay (délai anormalement long), months.</summary>
    public int AbnormalDelayMonths { get; private init; }

    /// <summary>The least-served groups.</summary>
    public ImmutableArray<LeastServedFigure> LeastServed { get; private init; }

    /// <summary>Records that cannot be counted, by kind (only kinds that occur).</summary>
    public ImmutableArray<ProblemGroup> Problems { get; private init; }

    /// <summary>Traceability.</summary>
    public Traceability Trace { get; private init; } = null!;

    /// <summary>
    /// The records that cannot be counted, by kind: each record under one reason only (the first in
    /// <see cref="AllocationProblemKind"/> order, so that counted + every reason = the records read), and the examples'
    /// messages naming the input files by their name alone, never their folder (the report must not depend on where
    /// the files were, nor show it).
    /// </summary>
    private static ImmutableArray<ProblemGroup> ProblemGroups(ReportInput input)
    {
        return [.. input.Problems
            .GroupBy(p => p.Row)
            .Select(g => g.MinBy(p => p.Kind)!)
            .Select(p => p with { Problem = p.Problem with { File = Path.GetFileName(p.Problem.File), Message = Local(input, p.Problem.Message) } })
            .GroupBy(p => p.Kind)
            .OrderBy(g => g.Key)
            .Select(g => new ProblemGroup(g.Key, g.Count(), [.. g.OrderBy(p => p.Row).Take(MaxExamples)]))];
    }

    /// <summary>A message with the demand's and the stock's paths replaced by their file names.</summary>
    private static string Local(ReportInput input, string text)
    {
        foreach (var source in (ReadOnlySpan<string>)[input.Demand.Source, input.Stock.Source])
        {
            if (source.Length > 0 && Path.GetFileName(source) is { Length: > 0 } name && name != source)
            {
                text = text.Replace(source, name, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>Computes the report: every application classified once (in parallel), one pass over the leases, one over the demand.</summary>
    public static AnnualReport Build(ReportInput input, string policySha256)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(policySha256);
        var evaluator = new TargetEvaluator(input.Policy);
        var tally = evaluator.CreateTally();
        var stock = input.Stock;
        var stockInputs = input.Dwellings.Inputs(stock);
        var demand = input.Demand;
        var classYear = input.ClassificationYear;
        var currentRows = demand.CurrentDwellingRows(stock);

        // Every application classified once, in parallel blocks: the leases read their household's class from here.
        var classes = new HouseholdClassification[demand.Count];
        Parallel.For(0, (demand.Count + Block - 1) / Block, block =>
        {
            var end = Math.Min(demand.Count, (block + 1) * Block);
            for (var row = block * Block; row < end; row++)
            {
                var h = demand.Household(row);
                classes[row] = input.Households.Classify(in h, classYear);
            }
        });

        // The dwellings let, classified in parallel with the APL ceilings of each lease date (resolved once per date:
        // ceilings change on 1 October); then one sequential pass counts.
        var leases = input.Leases;
        var dates = new Dictionary<int, DwellingDate>();
        var ceilings = new CeilingDates(input);
        foreach (var lease in leases)
        {
            if (!dates.ContainsKey(lease.SignedOn.DayNumber))
            {
                dates.Add(lease.SignedOn.DayNumber, ceilings.At(lease.SignedOn));
            }
        }

        var let = new DwellingClassification[leases.Length];
        Parallel.For(0, (leases.Length + Block - 1) / Block, block =>
        {
            var end = Math.Min(leases.Length, (block + 1) * Block);
            for (var i = block * Block; i < end; i++)
            {
                let[i] = input.Dwellings.Classify(stockInputs.Of(leases[i].DwellingRow), dates[leases[i].SignedOn.DayNumber]);
            }
        });

        var housed = new bool[demand.Count];
        var newSince = input.Year - input.Policy.Stock.NewStockYears + 1;
        var moves = new MoveCount[4]; // mutation, mutation from QPV, anru, non_anru
        for (var i = 0; i < leases.Length; i++)
        {
            var lease = leases[i];
            var dwelling = let[i];
            var household = demand.Household(lease.HouseholdRow);
            var facts = new AllocationFacts(classes[lease.HouseholdRow], household.PrefectoralCriteria, household.UrbanRenewal, dwelling, lease.Reservataire);
            tally.Add(in facts, stock.LandlordOf(lease.DwellingRow), stock.CommuneOf(lease.DwellingRow), stock.QpvOf(lease.DwellingRow));
            if (lease.DemandRow >= 0)
            {
                housed[lease.DemandRow] = true;
            }

            var firstLet = stock.FirstLetYearOf(lease.DwellingRow);
            var age = firstLet is null ? MoveCount.AgeUnknown : firstLet >= newSince ? MoveCount.New : MoveCount.Older;
            if (household.IsMutation)
            {
                moves[0].Add(dwelling.InQpv, age);
                var current = currentRows[lease.HouseholdRow];
                if (current >= 0 && stock.QpvOf(current) >= 0)
                {
                    moves[1].Add(dwelling.InQpv, age);
                }
            }

            var relocation = household.UrbanRenewal switch { UrbanRenewal.Anru => 2, UrbanRenewal.NonAnru => 3, _ => -1 };
            if (relocation >= 0)
            {
                moves[relocation].Add(dwelling.InQpv, age);
            }
        }

        // The demand: applicants by group, and the least-served (pending on 1 January, not housed, registered for
        // longer than the abnormal delay on 31 December).
        var delay = input.Policy.Simulation.AbnormalDelayMonths;
        var cutoff = new DateOnly(input.Year, 12, 31).AddMonths(-delay);
        int mutations = 0, fromQpv = 0, anru = 0, nonAnru = 0, q1 = 0, q1Waiting = 0, priority = 0, priorityWaiting = 0;
        for (var row = 0; row < demand.Count; row++)
        {
            var household = demand.Household(row);
            if (household.IsMutation)
            {
                mutations++;
                var current = currentRows[row];
                fromQpv += current >= 0 && stock.QpvOf(current) >= 0 ? 1 : 0;
            }

            anru += household.UrbanRenewal == UrbanRenewal.Anru ? 1 : 0;
            nonAnru += household.UrbanRenewal == UrbanRenewal.NonAnru ? 1 : 0;
            var c = classes[row];
            var waiting = !housed[row] && input.RegisteredOn(row) < cutoff ? 1 : 0;
            if (c.Quartile == 1)
            {
                q1++;
                q1Waiting += waiting;
            }

            if (c.IsPriority)
            {
                priority++;
                priorityWaiting += waiting;
            }
        }

        return new AnnualReport
        {
            Year = input.Year,
            PolicyName = input.Policy.Name,
            Records = input.Records,
            Counted = input.Leases.Length,
            Targets = tally.Results(input.MobilisableCapacity, Attainment.Names(stock)),
            MobilisableCapacity = input.MobilisableCapacity,
            Mutations = [moves[0].Figure("mutation", mutations), moves[1].Figure("mutation_from_qpv", fromQpv)],
            Relocations = [moves[2].Figure("relocation_anru", anru), moves[3].Figure("relocation_non_anru", nonAnru)],
            NewStockSince = newSince,
            AbnormalDelayMonths = delay,
            LeastServed = [new LeastServedFigure("quartile_1", q1, q1Waiting), new LeastServedFigure("priority", priority, priorityWaiting)],
            Problems = ProblemGroups(input),
            Trace = new Traceability(EngineVersion, input.Policy.Name, policySha256, input.Files, [.. ParametersUsed(input), .. ceilings.Carried], [.. input.Notes.Select(n => Local(input, n))]),
        };
    }

    /// <summary>One group's leases counted by where they are and how old the dwelling is.</summary>
    private struct MoveCount
    {
        public const int New = 0, Older = 1, AgeUnknown = 2;

        private int _housed, _inQpv, _new, _ageUnknown;

        public void Add(bool inQpv, int age)
        {
            _housed++;
            _inQpv += inQpv ? 1 : 0;
            _new += age == New ? 1 : 0;
            _ageUnknown += age == AgeUnknown ? 1 : 0;
        }

        public readonly MoveFigure Figure(string group, int applicants) =>
            new(group, applicants, _housed, _inQpv) { HousedInNewStock = _new, HousedAgeUnknown = _ageUnknown };
    }

    /// <summary>The engine's version (assembly version: stable between builds of one release, unlike a commit hash).</summary>
    public static string EngineVersion { get; } =
        typeof(AnnualReport).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    private static ImmutableArray<ParameterUsed> ParametersUsed(ReportInput input)
    {
        var y = input.ClassificationYear;
        var p = input.Policy;
        var list = ImmutableArray.CreateBuilder<ParameterUsed>();
        list.Add(new ParameterUsed("quartile_thresholds_per_uc", $"Q1 {y.Q1}; Q2 {y.Q2}; Q3 {y.Q3}", y.ThresholdSource));
        list.Add(new ParameterUsed("quartile_boundary", Tokens<CIA.Engine.Policy.QuartileBoundary>.Format(p.Quartiles.Boundary), "policy quartiles.boundary"));
        var plus = y.Plus;
        list.Add(new ParameterUsed("plus_ceilings", string.Join("; ", Enumerable.Range(1, 6).Select(c => $"cat. {c} {plus.Value.For(c)}")),
            $"{plus.Source} (in force {plus.From:yyyy-MM-dd} to {plus.Until:yyyy-MM-dd})"));
        list.Add(new ParameterUsed("target_households_plus_share", p.TargetHouseholds.PlusCeilingShare.ToString(), "policy target_households.plus_ceiling_share (CIA Axe II §4)"));
        foreach (var (zone, ceilings) in input.Parameters.AplRentCeilings.OrderBy(z => z.Key))
        {
            var mid = new DateOnly(input.Year, 7, 1);
            if (ceilings.Values.Any(v => v.Covers(mid)))
            {
                var v = ceilings.At(mid);
                list.Add(new ParameterUsed($"apl_rent_ceilings_{Tokens<AplZone>.Format(zone)}", $"alone {v.Value.PersonAlone}; couple {v.Value.Couple}; one dependant {v.Value.OneDependant}; per extra dependant {v.Value.PerExtraDependant}", $"{v.Source} (in force {v.From:yyyy-MM-dd} to {v.Until:yyyy-MM-dd}; leases use the ceilings in force on their date)"));
            }
        }

        list.Add(new ParameterUsed("potentially_accessible_margin", p.Stock.PotentiallyAccessibleMargin.ToString(), "policy stock.potentially_accessible_margin (CIA Annexe 1)"));
        list.Add(new ParameterUsed("abnormal_delay_months", p.Simulation.AbnormalDelayMonths.ToString(System.Globalization.CultureInfo.InvariantCulture), "policy simulation.abnormal_delay_months (délai anormalement long, CCH L441-1-4)"));
        list.Add(new ParameterUsed("mobilisable_capacity", input.MobilisableCapacity?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown", input.CapacitySource));
        foreach (var t in p.Targets)
        {
            var bounds = (t.Min, t.Max) switch
            {
                ({ } lo, { } hi) => $"{lo}–{hi}",
                ({ } lo, null) => $"≥ {lo}",
                (null, { } hi) => $"≤ {hi}",
                _ => "indicator",
            };
            list.Add(new ParameterUsed("target " + t.Id, bounds, t.Reference));
        }

        return list.ToImmutable();
    }

    /// <summary>
    /// The APL ceilings for a lease date: those in force, or, past the last period known for a zone of the stock, the
    /// last known ones, as the simulator does; said in the traceability block, never silently.
    /// </summary>
    private sealed class CeilingDates(ReportInput input)
    {
        private readonly AplZone[] _zones = [.. input.Stock.Communes.Codes
            .Select(c => input.Parameters.TryZoneOf(c, out var z) ? z : (AplZone?)null).OfType<AplZone>().Distinct().Order()];

        private DateOnly? _carriedFrom;
        private DwellingDate? _last;

        public IEnumerable<ParameterUsed> Carried => _carriedFrom is { } from && _last is { } last
            ? [new ParameterUsed("apl_rent_ceilings_carried_forward", $"leases from {from:yyyy-MM-dd}", $"no APL rent ceilings are known for their date: those in force on {last.Date:yyyy-MM-dd}, the last known, are used")]
            : [];

        public DwellingDate At(DateOnly date)
        {
            if (Covered(date))
            {
                return input.Dwellings.At(date);
            }

            // The last date every zone is covered: the earliest of the zones' last days.
            var lastDay = _zones.Select(z => input.Parameters.AplRentCeilings.TryGetValue(z, out var p) && p.Values.Length > 0 ? p.Values.Max(v => v.Until) : DateOnly.MinValue).Min();
            if (lastDay == DateOnly.MinValue || lastDay >= date)
            {
                return input.Dwellings.At(date); // a gap, not an end: the parameter's own error says which
            }

            _last ??= input.Dwellings.At(lastDay);
            _carriedFrom = _carriedFrom is { } f && f < date ? f : date;
            return _last;
        }

        private bool Covered(DateOnly date) =>
            _zones.All(z => input.Parameters.AplRentCeilings.TryGetValue(z, out var p) && p.Values.Any(v => v.Covers(date)));
    }
}
