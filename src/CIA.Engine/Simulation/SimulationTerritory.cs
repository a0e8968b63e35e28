using System.Collections.Immutable;
using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.HousingBenefit;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Stock;
using CIA.Engine.Tables;
using CIA.Engine.Targets;

namespace CIA.Engine.Simulation;

/// <summary>
/// A territory made ready for simulating one year: the demand and the stock as loaded, every application classified
/// once, desired communes resolved against the stock, ids turned into order-independent keys, the year's income
/// ceilings and housing-benefit months resolved. Built once, then <see cref="Simulator.Run(SimulationTerritory, ulong)"/>
/// can replay the year with as many seeds as wanted, from several threads: the territory is immutable.
/// </summary>
/// <remarks>Thread-safe: immutable once built, shared by concurrent runs.</remarks>
public sealed class SimulationTerritory
{
    /// <summary>The most applications (rows and new arrivals) a run can hold: ranks are packed in 23 bits.</summary>
    public const int MaxApplications = (1 << 23) - 1;

    private readonly AplMonth?[] _aplMonths = new AplMonth?[12];

    /// <summary>Prepares a territory.</summary>
    /// <param name="households">Classifies applications under the policy.</param>
    /// <param name="dwellings">Classifies dwellings under the same policy (fragility from the programmes file).</param>
    /// <param name="demand">The applications pending at the start of the year.</param>
    /// <param name="stock">The dwellings.</param>
    /// <param name="year">The calendar year to simulate.</param>
    /// <param name="currentDwellings">For each demand row, the stock row of the dwelling the applicant lives in (−1: none); null when the demand file has no such column.</param>
    /// <exception cref="SimulationException">The inputs cannot be simulated (every reason listed).</exception>
    public SimulationTerritory(HouseholdClassifier households, DwellingClassifier dwellings, DemandTable demand, StockTable stock, int year, int[]? currentDwellings = null)
    {
        ArgumentNullException.ThrowIfNull(households);
        ArgumentNullException.ThrowIfNull(dwellings);
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(stock);
        if (!ReferenceEquals(households.Policy, dwellings.Policy))
        {
            throw new ArgumentException("The household and dwelling classifiers must be built on the same policy.", nameof(dwellings));
        }

        if (currentDwellings is not null && currentDwellings.Length != demand.Count)
        {
            throw new ArgumentException("One current dwelling per demand row is needed.", nameof(currentDwellings));
        }

        var problems = new List<string>();
        Households = households;
        Dwellings = dwellings;
        Policy = households.Policy;
        Options = Policy.Simulation;
        Parameters = households.Parameters;
        Demand = demand;
        Stock = stock;
        Year = year;
        Start = new DateOnly(year, 1, 1);
        End = new DateOnly(year, 12, 31);
        if (demand.Count == 0)
        {
            problems.Add($"{demand.Source}: no application to simulate.");
        }

        if (stock.Count == 0)
        {
            problems.Add($"{stock.Source}: no dwelling to simulate.");
        }

        if (demand.Count > MaxApplications / 2)
        {
            problems.Add($"{demand.Source}: {IO.Counts.Of(demand.Count)} applications; the simulator holds at most {IO.Counts.Of(MaxApplications / 2)} (with the year's arrivals).");
        }

        if (problems.Count > 0)
        {
            throw new SimulationException(problems);
        }

        try
        {
            StockInputs = dwellings.Inputs(stock);
        }
        catch (ParameterNotCoveredException e)
        {
            throw new SimulationException([$"{stock.Source}: {e.Message}"]);
        }

        var arrivalLike = 0;
        for (var row = 0; row < demand.Count && arrivalLike == 0; row++)
        {
            arrivalLike += demand.Ids.Utf8(row).StartsWith("SIM-"u8) ? 1 : 0;
        }

        if (arrivalLike > 0)
        {
            problems.Add($"{demand.Source}: application ids starting with 'SIM-' are kept for the year's new applications; rename them.");
        }

        var late = 0;
        var latest = DateOnly.MinValue;
        for (var row = 0; row < demand.Count; row++)
        {
            var on = demand.RegisteredOn(row);
            if (on >= Start)
            {
                late++;
                latest = on > latest ? on : latest;
            }
        }

        if (late > 0)
        {
            problems.Add($"{demand.Source}: {IO.Counts.Of(late)} application(s) registered on or after {Start:yyyy-MM-dd} (the latest on {latest:yyyy-MM-dd}): the demand file must be the demand pending on 1 January of the simulated year; give a later --year or a snapshot of that date.");
        }
        Evaluator = new TargetEvaluator(Policy);
        Notes = [];
        ClassificationYear = ResolveYear(households, demand, year, problems);
        YearShift = ShiftYears(demand, year);
        if (YearShift != 0)
        {
            Notes.Add($"The demand file's registrations end in {year - 1 - YearShift}: their dates are moved {YearShift} year{(YearShift > 1 ? "s" : string.Empty)} later so that the file is the demand pending on {Start:yyyy-MM-dd}; waiting times are kept.");
        }

        Ceilings = ResolveCeilings(problems);
        for (var m = 0; m < 12; m++)
        {
            _aplMonths[m] = ResolveAplMonth(m + 1, problems);
        }

        if (problems.Count > 0)
        {
            throw new SimulationException(problems);
        }

        BandRegion = Ceilings.ContainsKey(Policy.PlusRegion) ? Policy.PlusRegion : Ceilings.Keys.Min();
        var n = demand.Count;
        RegisteredDay = new int[n];
        BeyondDelayDay = new int[n];
        InitialTier = new byte[n];
        Classes = new HouseholdClassification[n];
        Persons = new byte[n];
        Partition = new byte[n];
        StaticPoints = new int[n];
        CurrentDwellings = currentDwellings ?? (demand.CurrentDwellingCount > 0 ? demand.CurrentDwellingRows(stock) : null);
        var eligibility = new ApplicantTerms[n];
        Eligibility = eligibility;
        var priorityReasons = Policy.Priority.MutationReasons;
        var year0 = ClassificationYear;
        var options = Options;
        var registered = RegisteredDay;
        var classes = Classes;
        var persons = Persons;
        var partition = Partition;
        var points = StaticPoints;
        var shift = YearShift;
        var beyond = BeyondDelayDay;
        var tier = InitialTier;
        var cotation = Options.Ranking == RankingPolicy.Cotation;
        var start = Start.DayNumber;
        Parallel.For(0, (n + 65_535) / 65_536, block =>
        {
            var end = Math.Min(n, (block + 1) * 65_536);
            for (var row = block * 65_536; row < end; row++)
            {
                var h = demand.Household(row);
                var on = shift == 0 ? demand.RegisteredOn(row) : demand.RegisteredOn(row).AddYears(shift);
                registered[row] = on.DayNumber;
                beyond[row] = on.AddMonths(options.AbnormalDelayMonths).DayNumber;
                tier[row] = (byte)(cotation && beyond[row] <= start ? 1 : 0);
                classes[row] = households.Classify(in h, year0);
                persons[row] = (byte)Math.Clamp(h.Persons, 1, 255);
                partition[row] = (byte)(PartitionOf(classes[row].IsPriority, h.ReservedBy) + (8 * BandOf(in h, classes[row].PlusCategory)));
                points[row] = CotationPoints(options, in h, classes[row], priorityReasons);
                var dependants = Math.Max(h.Dependants, h.ChildrenUnder14);
                eligibility[row] = new ApplicantTerms((int)h.TaxIncome.Cents, (int)h.MonthlyResources.Cents, (byte)Math.Clamp(classes[row].PlusCategory, 1, 6), h.DisabledMember,
                    new AplHousehold(h.Persons - dependants >= 2, dependants), h.PrefectoralCriteria, h.UrbanRenewal);
            }
        });

        AffordCents = AffordableRents(eligibility);
        DemandKeys = Keys(demand.Ids);
        Ranks = RanksOf(DemandKeys, demand.Ids);
        DesiredEnds = new int[n];
        AsksAny = new bool[n];
        var desired = new List<ushort>(n * 2);
        var slots = new HashSet<ushort>();
        for (var row = 0; row < n; row++)
        {
            slots.Clear();
            foreach (var c in demand.DesiredCommunes(row))
            {
                var s = stock.Communes.IndexOf(demand.Communes[c]);
                if (s >= 0 && slots.Add((ushort)s))
                {
                    desired.Add((ushort)s);
                }
            }

            DesiredEnds[row] = desired.Count;
            AsksAny[row] = demand.DesiredCommunes(row).IsEmpty;
        }

        Desired = [.. desired];

        SharedDwellings = SharedOf(CurrentDwellings);
        if (CurrentDwellings is { } current && demand.CurrentDwellingCount > 0)
        {
            var missing = current.Count(r => r < 0) - (demand.Count - demand.CurrentDwellingCount);
            if (missing > 0)
            {
                Notes.Add($"{IO.Counts.Of(missing)} current_dwelling_id value(s) of {demand.Source} name no dwelling of {stock.Source}: housing those applicants frees no dwelling.");
            }
        }

        if (Desired.Length == 0 && !AsksAny.Contains(true))
        {
            Notes.Add($"No application of {demand.Source} asks for a commune of {stock.Source}: nobody can be housed. Are the two files of the same territory?");
        }

        StockKeys = Keys(stock.Ids);
        MonthDates = ResolveMonthDates();
        SizesForRooms = SizesByRooms(Options);
        RotationRates = Rotation();
        FluxShares = Options.Management == ReservationManagement.Flux ? Flux() : [];
        _initialQueues = BuildQueues();
        (RecentRows, AnniversaryDay) = ArrivalSources();
    }

    /// <summary>
    /// What every run draws its arrivals and lapses from, the same whatever the seed: the rows registered in the
    /// lookback months before the year, in the order of their keys (so that the input's row order does not matter), and
    /// each row's anniversary in the year (29 February → 28 February in a common year).
    /// </summary>
    private (int[] Recent, int[] Anniversary) ArrivalSources()
    {
        var n = Demand.Count;
        var lookbackStart = Start.AddMonths(-Options.ArrivalLookbackMonths).DayNumber;
        var startDay = Start.DayNumber;
        var recent = new List<(ulong Key, int Row)>();
        var anniversary = new int[n];
        var leap = DateTime.IsLeapYear(Year);
        for (var row = 0; row < n; row++)
        {
            var day = RegisteredDay[row];
            if (day >= lookbackStart && day < startDay)
            {
                recent.Add((DemandKeys[row], row));
            }

            var registered = DateOnly.FromDayNumber(day);
            anniversary[row] = (registered.Month == 2 && registered.Day == 29 && !leap ? new DateOnly(Year, 2, 28) : new DateOnly(Year, registered.Month, registered.Day)).DayNumber;
        }

        recent.Sort();
        return ([.. recent.Select(r => r.Row)], anniversary);
    }

    /// <summary>The rows registered in the lookback months before the year, in key order: the profiles new applications are drawn from.</summary>
    internal int[] RecentRows { get; }

    /// <summary>Each demand row's anniversary in the year (the day it lapses if not renewed), as a day number.</summary>
    internal int[] AnniversaryDay { get; }

    /// <summary>The policy.</summary>
    public CiaPolicy Policy { get; }

    /// <summary>The simulator's settings (the policy's <c>simulation</c> section).</summary>
    public SimulationOptions Options { get; }

    /// <summary>The legal figures.</summary>
    public ParameterSet Parameters { get; }

    /// <summary>The household classifier.</summary>
    public HouseholdClassifier Households { get; }

    /// <summary>The dwelling classifier.</summary>
    public DwellingClassifier Dwellings { get; }

    /// <summary>The target evaluator of the policy.</summary>
    public TargetEvaluator Evaluator { get; }

    /// <summary>The demand.</summary>
    public DemandTable Demand { get; }

    /// <summary>The stock.</summary>
    public StockTable Stock { get; }

    /// <summary>The stock with zones, regions and fragility resolved.</summary>
    public StockInputs StockInputs { get; }

    /// <summary>The simulated year.</summary>
    public int Year { get; }

    /// <summary>1 January of the year.</summary>
    public DateOnly Start { get; }

    /// <summary>31 December of the year.</summary>
    public DateOnly End { get; }

    /// <summary>The quartile thresholds and PLUS ceilings of the year.</summary>
    public ClassificationYear ClassificationYear { get; } = null!;

    /// <summary>Whole years added to the registration dates (0 when the file ends the year before).</summary>
    public int YearShift { get; }

    /// <summary>What the reader of the results should know about how the inputs were taken (year shift, figures carried forward).</summary>
    public List<string> Notes { get; }

    internal int[] RegisteredDay { get; }

    /// <summary>The day each demand row passes the abnormal delay.</summary>
    internal int[] BeyondDelayDay { get; } = [];

    /// <summary>Cotation tier on 1 January (1: beyond the abnormal delay).</summary>
    internal byte[] InitialTier { get; } = [];

    /// <summary>The queues on 1 January: each run works on a copy, but for a last run, which takes them (<see cref="TakeQueues"/>).</summary>
    private CandidateQueues? _initialQueues;

    private readonly Lock _queuesLock = new();

    /// <summary>A copy of the queues on 1 January for a run to change (rebuilt first if a last run took them).</summary>
    internal CandidateQueues CopyQueues()
    {
        // Copies are made one at a time (each copy is itself parallel), so that a last run never takes queues being copied.
        lock (_queuesLock)
        {
            _initialQueues ??= BuildQueues();
            return _initialQueues.Clone();
        }
    }

    /// <summary>
    /// The queues on 1 January themselves, for a run that is the territory's last: no copy is made (at national scale a
    /// copy takes about a second and 200 MB). A later run finds them gone and has them rebuilt, the same as before.
    /// </summary>
    internal CandidateQueues TakeQueues()
    {
        lock (_queuesLock)
        {
            var queues = _initialQueues ?? BuildQueues();
            _initialQueues = null;
            return queues;
        }
    }

    /// <summary>The dwelling figures of each month (APL ceilings carried forward past the last known period).</summary>
    internal DwellingDate[] MonthDates { get; } = [];

    /// <summary>For each number of rooms, the household sizes (1–7, 7 for 7 or more) that may take it.</summary>
    internal int[][] SizesForRooms { get; } = [];

    /// <summary>
    /// For tests that work allocations out by hand: each stock row's vacancy day (days after 1 January, −1: none) in
    /// place of the rotation draws.
    /// </summary>
    internal int[]? FixedVacancyDays { get; set; }

    /// <summary>Each dwelling's chance of falling vacant in the year.</summary>
    internal double[] RotationRates { get; } = [];

    /// <summary>Flux shares by landlord × réservataire (8 per landlord).</summary>
    internal decimal[] FluxShares { get; } = [];

    /// <summary>The rank key of an application: seniority (registration day), or cotation points then seniority.</summary>
    internal long RankKey(int row, int registeredDay)
    {
        if (Options.Ranking != RankingPolicy.Cotation)
        {
            return registeredDay;
        }

        // Points grow by m per month (30.4375 days = 487/16): 487 × points = 487 × S + 16 × m × (day − registered).
        // The day term is the same for everyone at a sitting, so −(487 × S − 16 × m × registered) orders candidates at
        // any date; the registration day breaks ties (seniority).
        var m = (long)Options.PointsOf(CotationCriterion.MonthWaiting);
        return (((16L * m * registeredDay) - (487L * StaticPoints[row])) << 20) + registeredDay;
    }

    internal HouseholdClassification[] Classes { get; }

    internal byte[] Persons { get; }

    internal byte[] Partition { get; }

    internal int[] StaticPoints { get; }


    /// <summary>What the eligibility checks read about each demand row, packed together (one cache line per check).</summary>
    internal ApplicantTerms[] Eligibility { get; }

    /// <summary>
    /// By demand row, a rent in cents above which the household surely fails the rent burden whatever the dwelling's
    /// zone and the month: see <see cref="RentAffordability"/>. Queue entries carry it, so that a search skips the
    /// entries a dwelling's rent rules out without reading anything else about them.
    /// </summary>
    internal int[] AffordCents { get; }

    /// <summary>The rent above which a household surely fails the rent burden, by APL zone (<see cref="RentAffordability"/>).</summary>
    internal RentAffordability Affordability { get; private set; } = null!;

    /// <summary>By demand row, <see cref="Affordability"/> in any of the stock's zones.</summary>
    private int[] AffordableRents(ApplicantTerms[] eligibility)
    {
        var zones = new List<AplZone>();
        foreach (var c in Stock.Communes.Codes)
        {
            if (Parameters.TryZoneOf(c, out var zone))
            {
                zones.Add(zone);
            }
        }

        var months = new List<AplMonth>(12);
        for (var m = 1; m <= 12; m++)
        {
            months.Add(AplMonthOf(m));
        }

        var affordability = new RentAffordability(months, zones, (double)Options.RentBurdenLimit.Fraction);
        Affordability = affordability;
        var afford = new int[eligibility.Length];
        for (var row = 0; row < afford.Length; row++)
        {
            afford[row] = affordability.Of(in eligibility[row]);
        }

        return afford;
    }

    internal int[]? CurrentDwellings { get; }

    /// <summary>
    /// The dwellings that more than one application names as its current dwelling (two members of a household applying
    /// separately, say), with how many: such a dwelling is freed only when the last of them is housed.
    /// </summary>
    internal IReadOnlyDictionary<int, int> SharedDwellings { get; }

    private static Dictionary<int, int> SharedOf(int[]? current)
    {
        var shared = new Dictionary<int, int>();
        if (current is null)
        {
            return shared;
        }

        var seen = new HashSet<int>();
        foreach (var d in current)
        {
            if (d >= 0 && !seen.Add(d))
            {
                shared[d] = shared.TryGetValue(d, out var k) ? k + 1 : 2;
            }
        }

        return shared;
    }

    internal ulong[] DemandKeys { get; }

    internal int[] Ranks { get; }

    internal int[] DesiredEnds { get; }

    internal ushort[] Desired { get; }

    internal bool[] AsksAny { get; }

    internal ulong[] StockKeys { get; }

    /// <summary>Income ceilings in cents by region, financing and PLUS category (−1: none built in).</summary>
    internal Dictionary<PlusRegion, long[,]> Ceilings { get; }

    internal ReadOnlySpan<ushort> DesiredOf(int row)
    {
        var start = row == 0 ? 0 : DesiredEnds[row - 1];
        return Desired.AsSpan(start, DesiredEnds[row] - start);
    }

    /// <summary>The housing-benefit figures of a month of the year (the last known month's when the month is not covered).</summary>
    internal AplMonth AplMonthOf(int month) => _aplMonths[month - 1]!;

    /// <summary>
    /// Partitions of the candidate queues: income band (<see cref="BandOf"/>) × priority household × the réservataire
    /// whose label the application carries. A vacancy merges only the partitions its channel proposes and its
    /// financing admits, so candidates above the ceiling are never scanned.
    /// </summary>
    internal const int Partitions = 32;

    /// <summary>The region whose ceilings set the income bands.</summary>
    internal PlusRegion BandRegion { get; }

    /// <summary>The income bands a dwelling admits (bit b for band b).</summary>
    internal int BandsFor(in DwellingInput dwelling) => dwelling.Region != BandRegion ? 0b1111 : dwelling.Financing switch
    {
        Financing.Plai => 0b0001,
        Financing.Pls => 0b0111,
        Financing.Pli => 0b1111,
        _ => 0b0011,
    };

    /// <summary>Income band of a household: 0 within the PLAI ceiling, 1 within PLUS, 2 within PLS, 3 above.</summary>
    private int BandOf(in HouseholdInput h, int category)
    {
        var c = Ceilings[BandRegion];
        var tax = h.TaxIncome.Cents;
        category = Math.Clamp(category, 1, 6);
        return tax <= c[(int)Financing.Plai, category] ? 0 : tax <= c[(int)Financing.Plus, category] ? 1 : tax <= c[(int)Financing.Pls, category] ? 2 : 3;
    }

    internal static byte PartitionOf(bool priority, Reservataire label) => (byte)((priority ? 4 : 0) + label switch
    {
        Reservataire.StateAgents => 1,
        Reservataire.ActionLogement => 2,
        Reservataire.Commune => 3,
        _ => 0,
    });

    internal static int CotationPoints(SimulationOptions options, in HouseholdInput h, in HouseholdClassification c, ImmutableArray<MutationReason> priorityReasons)
    {
        if (options.Ranking != RankingPolicy.Cotation)
        {
            return 0;
        }

        var points = 0;
        if ((h.PrefectoralCriteria & PrefectoralCriteria.Dalo) != 0)
        {
            points += options.PointsOf(CotationCriterion.Dalo);
        }

        if ((c.Criteria & PriorityCriteria.Prefectoral) != 0 && (h.PrefectoralCriteria & PrefectoralCriteria.Dalo) == 0)
        {
            points += options.PointsOf(CotationCriterion.PrefectoralPriority);
        }

        if (h.UrbanRenewal != UrbanRenewal.None)
        {
            points += options.PointsOf(CotationCriterion.UrbanRenewal);
        }

        if (h.IsMutation && priorityReasons.Contains(h.MutationReason))
        {
            points += options.PointsOf(CotationCriterion.MutationReason);
        }

        if (c.Quartile == 1)
        {
            points += options.PointsOf(CotationCriterion.FirstQuartile);
        }

        return points;
    }

    private CandidateQueues BuildQueues()
    {
        var tiers = Options.Ranking == RankingPolicy.Cotation ? 2 : 1;
        var queues = new CandidateQueues(Stock.Communes.Count, Partitions * tiers);
        var counts = new int[queues.Slots];
        for (var pass = 0; pass < 2; pass++)
        {
            for (var row = 0; row < Demand.Count; row++)
            {
                var p = Partition[row] + (InitialTier[row] * Partitions);
                if (AsksAny[row])
                {
                    Place(queues.IndexOf(queues.AnySlot, Persons[row], p), row, pass);
                    continue;
                }

                foreach (var slot in DesiredOf(row))
                {
                    Place(queues.IndexOf(slot, Persons[row], p), row, pass);
                }
            }

            if (pass == 0)
            {
                for (var i = 0; i < counts.Length; i++)
                {
                    if (counts[i] > 0)
                    {
                        // Room for the year's arrivals, as a run's copy has (CandidateQueues.Clone): a last run works on
                        // these queues themselves. The spare part is not written, so its pages are never touched.
                        queues.Set(i, new CandidateQueue(GC.AllocateUninitializedArray<QueueEntry>(counts[i] + Math.Max(4, counts[i] / 2)), 0, (byte)(i % queues.Partitions >= Partitions ? 1 : 0)));
                    }
                }
            }
        }

        void Place(int index, int row, int pass)
        {
            if (pass == 0)
            {
                counts[index]++;
                return;
            }

            var q = queues[index]!;
            q.Items[q.Count++] = new QueueEntry(RankKey(row, RegisteredDay[row]), Ranks[row], row, AffordCents[row]);
        }

        var filled = new List<CandidateQueue>();
        for (var i = 0; i < counts.Length; i++)
        {
            if (queues[i] is { } q)
            {
                filled.Add(q);
            }
        }

        Parallel.ForEach(filled, q =>
        {
            Array.Sort(q.Items, 0, q.Count, EntryOrder.Instance);
            q.RefreshHead();
        });
        return queues;
    }

    private sealed class EntryOrder : IComparer<QueueEntry>
    {
        public static readonly EntryOrder Instance = new();

        public int Compare(QueueEntry x, QueueEntry y) => x.Key != y.Key ? x.Key.CompareTo(y.Key) : x.Rank.CompareTo(y.Rank);
    }

    private DwellingDate[] ResolveMonthDates()
    {
        var zones = new HashSet<AplZone>();
        foreach (var c in Stock.Communes.Codes)
        {
            if (Parameters.TryZoneOf(c, out var zone))
            {
                zones.Add(zone);
            }
        }

        var dates = new DwellingDate[12];
        DwellingDate? last = null;
        for (var m = 0; m < 12; m++)
        {
            var at = Dwellings.At(new DateOnly(Year, m + 1, 1));
            var covered = zones.All(z => Parameters.AplRentCeilings.TryGetValue(z, out var p) && p.Values.Any(v => v.Covers(at.Date)));
            if (!covered && last is not null)
            {
                Carried($"APL rent ceilings (to classify dwellings) taken from {last.Date:yyyy-MM}, the last known, for", at.Date);
                at = last;
            }

            dates[m] = at;
            last = at;
        }

        return dates;
    }

    private static int[][] SizesByRooms(SimulationOptions options)
    {
        const int maxRooms = 20;
        var result = new int[maxRooms + 1][];
        for (var rooms = 0; rooms <= maxRooms; rooms++)
        {
            var sizes = new List<int>();
            for (var persons = 1; persons <= CandidateQueues.Sizes; persons++)
            {
                var (min, max) = options.RoomsFor(persons);
                if (rooms >= min && rooms <= max)
                {
                    sizes.Add(persons);
                }
            }

            result[rooms] = [.. sizes];
        }

        return result;
    }

    private double[] Rotation()
    {
        var r = Options.Rotation;
        var baseRate = (double)(r.Rate ?? Policy.Stock.RotationRate).Fraction;
        var byLandlord = new double?[Stock.Landlords.Count];
        foreach (var o in r.Landlords)
        {
            var i = Stock.Landlords.IndexOf(o.Key);
            if (i >= 0)
            {
                byLandlord[i] = (double)o.Rate.Fraction;
            }
        }

        var byCommune = new double?[Stock.Communes.Count];
        foreach (var o in r.Communes)
        {
            if (CommuneCode.TryParse(o.Key, out var code) && Stock.Communes.IndexOf(code) is var i and >= 0)
            {
                byCommune[i] = (double)o.Rate.Fraction;
            }
        }

        var rates = new double[Stock.Count];
        for (var row = 0; row < Stock.Count; row++)
        {
            rates[row] = byCommune[Stock.CommuneOf(row)] ?? byLandlord[Stock.LandlordOf(row)]
                ?? (r.InQpv is { } q && Stock.QpvOf(row) >= 0 ? (double)q.Fraction : baseRate);
        }

        return rates;
    }

    private decimal[] Flux()
    {
        var landlords = Math.Max(1, Stock.Landlords.Count);
        var shares = new decimal[landlords * 8];
        if (!Options.FluxShares.IsEmpty)
        {
            var sum = Options.FluxShares.Sum(s => s.Share.Fraction);
            for (var l = 0; l < landlords; l++)
            {
                foreach (var s in Options.FluxShares)
                {
                    shares[(l * 8) + (int)s.Reservataire] += s.Share.Fraction;
                }

                shares[(l * 8) + (int)Reservataire.Landlord] += Math.Max(0, 1 - sum);
            }

            return shares;
        }

        // No shares given: each réservataire keeps, as a share of each landlord's flow, its share of that landlord's dwellings.
        var counts = new int[landlords * 8];
        var totals = new int[landlords];
        for (var row = 0; row < Stock.Count; row++)
        {
            var l = Stock.LandlordOf(row);
            counts[(l * 8) + (int)YearRun.ChannelOf(Stock.ReservataireOf(row))]++;
            totals[l]++;
        }

        for (var i = 0; i < shares.Length; i++)
        {
            shares[i] = totals[i / 8] == 0 ? 0 : (decimal)counts[i] / totals[i / 8];
        }

        return shares;
    }

    private static ClassificationYear ResolveYear(HouseholdClassifier households, DemandTable demand, int year, List<string> problems)
    {
        try
        {
            return households.Policy.Quartiles.Thresholds == ThresholdSource.Computed ? households.ForYear(year, demand) : households.ForYear(year);
        }
        catch (Exception e) when (e is ParameterNotCoveredException or ArgumentException or InvalidOperationException)
        {
            problems.Add($"The households cannot be classified for {year}: {e.Message}");
            return null!;
        }
    }

    private static int ShiftYears(DemandTable demand, int year)
    {
        var latest = int.MinValue;
        for (var row = 0; row < demand.Count; row++)
        {
            latest = Math.Max(latest, demand.RegisteredOn(row).Year);
        }

        return latest == int.MinValue || latest >= year - 1 ? 0 : year - 1 - latest;
    }

    private Dictionary<PlusRegion, long[,]> ResolveCeilings(List<string> problems)
    {
        var result = new Dictionary<PlusRegion, long[,]>();
        var at = Dwellings.At(Start);
        var regions = new HashSet<PlusRegion>();
        foreach (var c in Stock.Communes.Codes)
        {
            regions.Add(Dwellings.RegionOf(c));
        }

        foreach (var region in regions)
        {
            var table = new long[8, 7];
            foreach (var financing in Enum.GetValues<Financing>())
            {
                for (var category = 1; category <= 6; category++)
                {
                    table[(int)financing, category] = CeilingOf(at, financing, category, region, problems);
                }
            }

            result[region] = table;
        }

        return result;
    }

    private long CeilingOf(DwellingDate at, Financing financing, int category, PlusRegion region, List<string> problems)
    {
        try
        {
            return at.IncomeCeiling(financing, category, region) is { } c ? c.Cents : -1;
        }
        catch (ParameterNotCoveredException) when (financing == Financing.Plai
            && Parameters.PlaiRatiosByRegion.TryGetValue(region, out var ratios) && ratios.Values.Length > 0
            && Parameters.PlusCeilingsByRegion.TryGetValue(region, out var plusCeilings) && plusCeilings.Values.Any(v => v.Covers(Start)))
        {
            // The PLAI/PLUS ratios are known up to their last period only; they have not changed since 2017. Only the
            // region's own ratios are used (category 4 differs between Île-de-France and "autres régions").
            var last = ratios.Values[^1];
            var plus = plusCeilings.At(Start).Value;
            var note = $"PLAI ceilings for {Year} ({Tokens<PlusRegion>.Format(region)}) estimated with the PLAI/PLUS ratios of {last.From:yyyy}–{last.Until:yyyy} ({last.Source}), the last known.";
            if (!Notes.Contains(note))
            {
                Notes.Add(note);
            }

            return ParameterSet.PlaiEstimate(plus, last.Value, category).Cents;
        }
        catch (ParameterNotCoveredException e)
        {
            var message = $"The income ceilings of {Year} in the zone '{Tokens<PlusRegion>.Format(region)}' are needed for the dwellings there: {e.Message}";
            if (!problems.Contains(message))
            {
                problems.Add(message);
            }

            return -1;
        }
    }

    /// <summary>One note per figure carried forward, naming the months it covers ("for 2026-10 to 2026-12").</summary>
    private void Carried(string what, DateOnly month)
    {
        var prefix = what + " ";
        var i = Notes.FindIndex(n => n.StartsWith(prefix, StringComparison.Ordinal));
        var text = month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        if (i < 0)
        {
            Notes.Add($"{prefix}{text}.");
            return;
        }

        var first = Notes[i][prefix.Length..(prefix.Length + 7)];
        Notes[i] = $"{prefix}{first} to {text}.";
    }

    private AplMonth? ResolveAplMonth(int month, List<string> problems)
    {
        var date = new DateOnly(Year, month, 1);
        for (var back = 0; back < 24; back++)
        {
            var tried = date.AddMonths(-back);
            try
            {
                var result = AplMonth.For(Parameters, tried);
                if (back > 0)
                {
                    Carried($"Housing benefit computed with the figures of {tried:yyyy-MM}, the last known, for", date);
                }

                return result;
            }
            catch (ParameterNotCoveredException) when (back < 23)
            {
            }
            catch (ParameterNotCoveredException)
            {
                var message = $"No housing-benefit figures for {Year} or the two years before (the figures known cover {Parameters.Apl.Charges.Coverage}): the rent-burden rule cannot be applied.";
                if (!problems.Contains(message))
                {
                    problems.Add(message);
                }
            }
        }

        return null;
    }

    /// <summary>A stable 64-bit key of each id (FNV-1a over its UTF-8 bytes, mixed): draws and ties depend on it, never on row order.</summary>
    private static ulong[] Keys(IdColumn ids)
    {
        var keys = new ulong[ids.Count];
        Parallel.For(0, (ids.Count + 65_535) / 65_536, block =>
        {
            var end = Math.Min(ids.Count, (block + 1) * 65_536);
            for (var row = block * 65_536; row < end; row++)
            {
                keys[row] = KeyOf(ids.Utf8(row));
            }
        });
        return keys;
    }

    internal static ulong KeyOf(ReadOnlySpan<byte> utf8)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var b in utf8)
        {
            h = (h ^ b) * 0x100000001B3UL;
        }

        return Data.KeyedRandom.Mix(h);
    }

    /// <summary>Each row's place in the order of the id keys (ties, almost never, by the ids' bytes): independent of row order.</summary>
    private static int[] RanksOf(ulong[] keys, IdColumn ids)
    {
        var order = new int[keys.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var sorted = (ulong[])keys.Clone();
        Array.Sort(sorted, order);
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] == sorted[i - 1])
            {
                var j = i + 1;
                while (j < sorted.Length && sorted[j] == sorted[i])
                {
                    j++;
                }

                Array.Sort(order, i - 1, j - i + 1, Comparer<int>.Create((a, b) => ids.Utf8(a).SequenceCompareTo(ids.Utf8(b))));
                i = j - 1;
            }
        }

        var ranks = new int[keys.Length];
        for (var i = 0; i < order.Length; i++)
        {
            ranks[order[i]] = i;
        }

        return ranks;
    }
}

/// <summary>What the eligibility checks read about an application.</summary>
internal readonly struct ApplicantTerms(int taxCents, int monthlyCents, byte category, bool disabled, AplHousehold household, PrefectoralCriteria prefectoral, UrbanRenewal renewal)
{
    private readonly byte _prefectoral = (byte)prefectoral;
    private readonly byte _renewal = (byte)renewal;

    /// <summary>The préfet's criteria the application carries (what the target rules read, with the classification).</summary>
    public PrefectoralCriteria Prefectoral => (PrefectoralCriteria)_prefectoral;

    /// <summary>The urban-renewal relocation the application is for.</summary>
    public UrbanRenewal Renewal => (UrbanRenewal)_renewal;

    /// <summary>The household as the housing-benefit formula sees it (couple, dependants).</summary>
    public readonly AplHousehold Household = household;

    public readonly int TaxCents = taxCents;
    public readonly int MonthlyCents = monthlyCents;
    public readonly byte Category = category;
    public readonly bool Disabled = disabled;
}

/// <summary>Inputs that cannot be simulated, with every reason.</summary>
public sealed class SimulationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SimulationException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception.</summary>
    public SimulationException()
        : this(["The inputs cannot be simulated."])
    {
    }

    /// <summary>Creates the exception.</summary>
    public SimulationException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception.</summary>
    public SimulationException(string message, Exception inner)
        : base(message, inner)
    {
        Problems = [message];
    }

    /// <summary>Every reason.</summary>
    public IReadOnlyList<string> Problems { get; }
}
