using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CIA.Engine.Domain;
using CIA.Engine.Policy;
using CIA.Engine.Simulation;
using CIA.Engine.Targets;
using Google.OrTools.Graph;

namespace CIA.Engine.Attainability;

/// <summary>How a figure's bound was settled.</summary>
internal enum BoundMethod
{
    /// <summary>Nothing to solve: no lease in scope, or a measure the year's réservataires decide (State agents).</summary>
    Fixed,

    /// <summary>A greedy flow met an upper bound (a cut): both are the maximum.</summary>
    Certified,

    /// <summary>OR-Tools' max flow.</summary>
    Solver,
}

/// <summary>
/// The attainability bound of a simulated year (issue 11 §4): for every target figure, the most of the year's leases
/// in the target's scope that could have gone to households its measure counts, each lease to a household of the
/// year's demand that passes the simulator's eligibility rules for that dwelling, each household housed at most once.
/// It is the maximum flow of a network over eligibility classes, solved exactly.
/// </summary>
/// <remarks>
/// <para>
/// The year's leases fix the dwellings, their réservataire of imputation and their scope (so the denominator is the
/// year's); the demand is every application of the year (those pending on 1 January and the arrivals). What it relaxes,
/// so that it is an upper bound that no run can beat: the order of events (a household may take a dwelling that fell
/// vacant before it applied), the channels, the commission's ranking and refusals, and a mutation applicant's own
/// dwelling. The income-ceiling, rooms and commune rules are exact; the rent burden is relaxed to "the rent is at most
/// the highest the household could bear in the dwelling's APL zone in any month" (<see cref="RentAffordability"/>),
/// which every eligible pair passes. Each target is bounded on its own, not jointly with the others.
/// </para>
/// <para>
/// The network: source → household class (capacity: the class's households that the measure counts) → entry
/// (place, size, financings its income allows, affordable-rent step) → the rent ladder of each (place, rooms,
/// financing) cell the entry may take, entered at the dearest step it bears and running down to cheaper steps → sink,
/// one arc per step and lease signature (scope mask, réservataire), the number of such leases as capacity. One network
/// serves every figure: only the source and sink capacities change.
/// </para>
/// <para>
/// Each figure is settled the cheap way when it can be: a greedy flow is a lower bound of the maximum, and the smaller of
/// "the households that reach a lease in scope" and "the leases in scope that some such household reaches" an upper one
/// (two cuts); when they meet, that is the maximum. Otherwise Google OR-Tools' max flow (push-relabel) solves it.
/// </para>
/// </remarks>
public static class AttainabilityBound
{
    /// <summary>Rent steps of 10 € (1 000 cents): a dwelling at rent r is on step ⌊r / step⌋, a household that bears a at most reaches step ⌊a / step⌋, so every eligible pair is kept.</summary>
    private const int RentStep = 1_000;

    /// <summary>The bound of every target figure of a simulated year, in the order of <see cref="SimulationResult.Targets"/>: each target's overall figure, then its réservataire figures.</summary>
    /// <param name="result">The simulated year.</param>
    public static ImmutableArray<ReachableShare> Of(SimulationResult result) => [.. Figures(result, forceSolver: false).Select(f => f.Share)];

    /// <summary>The bound with how each figure was settled; <paramref name="forceSolver"/> sends every figure to OR-Tools (for tests).</summary>
    internal static List<(ReachableShare Share, BoundMethod Method)> Figures(SimulationResult result, bool forceSolver)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var network = new Network(result);
        var figures = new List<(ReachableShare, BoundMethod)>();
        foreach (var target in result.Targets())
        {
            figures.Add(network.Solve(target.Target, null, forceSolver));
            foreach (var r in target.ByReservataire)
            {
                figures.Add(network.Solve(target.Target, r.Reservataire, forceSolver));
            }
        }

        return figures;
    }

    private sealed class Network : IDisposable
    {
        private const int Source = 0;
        private const int Sink = 1;

        private readonly TargetEvaluator _evaluator;

        // Per lease: the targets whose denominator and numerator count it, and its réservataire of imputation.
        private readonly List<(ulong Denominator, ulong Numerator, Reservataire Reservataire)> _leases = [];

        // The rent ladders: per cell, its steps' positions in one flat array (_cellStart), and per position its
        // signatures (a range of _signatures): how many leases of each scope mask and réservataire it holds.
        private readonly int[] _cellStart;
        private readonly (int Start, int Count)[] _positions;
        private readonly List<(long Count, ulong Scope, Reservataire Reservataire)> _signatures = [];

        // The entries: per entry, the (cell, step) it enters each cell's ladder at.
        private readonly List<(int Cell, int Step)[]> _entries = [];

        // The household classes: how many households, the targets their measure counts them for, their entries.
        private readonly List<(long Count, ulong Measure, int[] Entries)> _classes = [];

        // The greedy's order of the classes: the fewest arcs first.
        private readonly int[] _classOrder;

        private readonly long _households;
        private MaxFlow? _flow;
        private int[] _sourceArcs = [];
        private int[] _sinkArcs = [];

        public Network(SimulationResult result)
        {
            var t = result.Territory;
            _evaluator = t.Evaluator;
            var stock = t.Stock;
            var roomsTable = t.SizesForRooms;

            // 1. The leases: places (commune, PLUS region, APL zone), cells (place, rooms, financing), rent steps, and
            //    per step and signature the number of leases.
            var places = new Dictionary<(int Commune, PlusRegion Region, AplZone Zone), int>();
            var placeList = new List<(int Commune, PlusRegion Region, AplZone Zone)>();
            var cells = new Dictionary<(int Place, int Rooms, Financing Financing), int>();
            var cellList = new List<(int Place, int Rooms, Financing Financing)>();
            var steps = new List<SortedDictionary<int, Dictionary<(ulong, Reservataire), long>>>();
            foreach (var lease in result.Leases)
            {
                var row = result.SourceRow(lease.Application);
                var input = t.StockInputs.Of(lease.Dwelling);
                var dc = t.Dwellings.Classify(in input, t.MonthDates[lease.SignedOn.Month - 1]);
                ref readonly var terms = ref t.Eligibility[row];
                var hits = _evaluator.Evaluate(new AllocationFacts(t.Classes[row], terms.Prefectoral, terms.Renewal, dc, lease.Reservataire));
                _leases.Add((hits.InDenominator, hits.InNumerator, lease.Reservataire));
                if (hits.InDenominator == 0)
                {
                    continue;
                }

                var placeKey = (stock.CommuneOf(lease.Dwelling), input.Region, input.Zone);
                if (!places.TryGetValue(placeKey, out var place))
                {
                    places.Add(placeKey, place = placeList.Count);
                    placeList.Add(placeKey);
                }

                var cellKey = (place, Math.Min(stock.RoomsOf(lease.Dwelling), roomsTable.Length - 1), input.Financing);
                if (!cells.TryGetValue(cellKey, out var cell))
                {
                    cells.Add(cellKey, cell = cellList.Count);
                    cellList.Add(cellKey);
                    steps.Add([]);
                }

                var step = (int)(input.Rent.Cents / RentStep);
                if (!steps[cell].TryGetValue(step, out var signatures))
                {
                    steps[cell].Add(step, signatures = []);
                }

                var signature = (hits.InDenominator, lease.Reservataire);
                signatures[signature] = signatures.GetValueOrDefault(signature) + 1;
            }

            // 2. The ladders, flattened.
            var stepKeys = new int[cellList.Count][];
            _cellStart = new int[cellList.Count];
            var positions = new List<(int Start, int Count)>();
            for (var c = 0; c < cellList.Count; c++)
            {
                stepKeys[c] = [.. steps[c].Keys];
                _cellStart[c] = positions.Count;
                foreach (var (_, signatures) in steps[c])
                {
                    positions.Add((_signatures.Count, signatures.Count));
                    foreach (var ((scope, reservataire), count) in signatures.OrderBy(s => s.Key.Item1).ThenBy(s => s.Key.Item2))
                    {
                        _signatures.Add((count, scope, reservataire));
                    }
                }
            }

            _positions = [.. positions];
            var cellsOfPlace = new List<int>[placeList.Count];
            for (var p = 0; p < cellsOfPlace.Length; p++)
            {
                cellsOfPlace[p] = [];
            }

            for (var c = 0; c < cellList.Count; c++)
            {
                cellsOfPlace[cellList[c].Place].Add(c);
            }

            var placesOfCommune = new Dictionary<int, List<int>>();
            for (var p = 0; p < placeList.Count; p++)
            {
                if (!placesOfCommune.TryGetValue(placeList[p].Commune, out var list))
                {
                    placesOfCommune.Add(placeList[p].Commune, list = []);
                }

                list.Add(p);
            }

            // 3. The households: each application of the year (a demand row, and each arrival drawn from it), grouped
            //    by what the bound reads of them.
            var multiplicity = new int[t.Demand.Count];
            Array.Fill(multiplicity, 1);
            foreach (var source in result.ArrivalSources)
            {
                multiplicity[source]++;
            }

            _households = t.Demand.Count + (long)result.ArrivalSources.Length;
            var entries = new Dictionary<(int Place, int Size, int Financings, int Step), int>();
            var classes = new Dictionary<ClassKey, long>();
            var entryList = new List<int>(8);
            var arcs = new List<(int, int)>();
            var financings = Enum.GetValues<Financing>();
            var zones = Enum.GetValues<AplZone>();
            var afford = new int[zones.Max(z => (int)z) + 1];
            for (var row = 0; row < multiplicity.Length; row++)
            {
                var h = t.Eligibility[row];
                var size = CandidateQueues.SizeIndex(t.Persons[row]);
                foreach (var z in zones)
                {
                    afford[(int)z] = t.Affordability.Of(in h, z);
                }

                entryList.Clear();
                if (t.AsksAny[row])
                {
                    for (var p = 0; p < placeList.Count; p++)
                    {
                        Enter(p, in h, size);
                    }
                }
                else
                {
                    foreach (var commune in t.DesiredOf(row))
                    {
                        if (placesOfCommune.TryGetValue(commune, out var ps))
                        {
                            foreach (var p in ps)
                            {
                                Enter(p, in h, size);
                            }
                        }
                    }
                }

                if (entryList.Count == 0)
                {
                    continue;
                }

                entryList.Sort();
                var measure = _evaluator.MeasureMask(new AllocationFacts(t.Classes[row], h.Prefectoral, h.Renewal, default, Reservataire.Landlord));
                var classKey = new ClassKey(measure, [.. entryList]);
                classes[classKey] = classes.GetValueOrDefault(classKey) + multiplicity[row];
            }

            // The classes in a fixed order, so that nothing depends on hashing.
            foreach (var (key, count) in classes.OrderBy(c => c.Key))
            {
                _classes.Add((count, key.Measure, key.Entries));
            }

            _classOrder = [.. Enumerable.Range(0, _classes.Count).OrderBy(c => _classes[c].Entries.Sum(e => _entries[e].Length)).ThenBy(c => c)];

            void Enter(int p, in ApplicantTerms h, int size)
            {
                var (_, region, zone) = placeList[p];
                var bears = afford[(int)zone];
                if (bears < 0)
                {
                    return;
                }

                var ceilings = t.Ceilings[region];
                var allowed = 0;
                foreach (var f in financings)
                {
                    var ceiling = ceilings[(int)f, h.Category];
                    if (ceiling < 0 || h.TaxCents <= ceiling)
                    {
                        allowed |= 1 << (int)f;
                    }
                }

                if (allowed == 0)
                {
                    return;
                }

                var key = (p, size, allowed, bears / RentStep);
                if (!entries.TryGetValue(key, out var entry))
                {
                    arcs.Clear();
                    foreach (var c in cellsOfPlace[p])
                    {
                        var (_, rooms, financing) = cellList[c];
                        if ((allowed & (1 << (int)financing)) == 0 || Array.IndexOf(roomsTable[rooms], size + 1) < 0)
                        {
                            continue;
                        }

                        // The dearest step the household bears: the last step at or below its own.
                        var at = Array.BinarySearch(stepKeys[c], bears / RentStep);
                        at = at >= 0 ? at : ~at - 1;
                        if (at >= 0)
                        {
                            arcs.Add((c, at));
                        }
                    }

                    if (arcs.Count == 0)
                    {
                        entry = -1; // nothing it may take: not an entry
                    }
                    else
                    {
                        entry = _entries.Count;
                        _entries.Add([.. arcs]);
                    }

                    entries.Add(key, entry);
                }

                if (entry >= 0)
                {
                    entryList.Add(entry);
                }
            }
        }

        public void Dispose() => _flow?.Dispose();

        public (ReachableShare, BoundMethod) Solve(AllocationTarget target, Reservataire? reservataire, bool forceSolver)
        {
            var bit = 1UL << _evaluator.IndexOf(target.Id);
            int denominator = 0, attained = 0;
            foreach (var (d, n, r) in _leases)
            {
                if ((d & bit) != 0 && (reservataire is null || r == reservataire))
                {
                    denominator++;
                    attained += (n & bit) != 0 ? 1 : 0;
                }
            }

            // The State-agent measure counts a lease by its réservataire, which the year fixes: every such lease in scope
            // counts whoever is housed, and the others cannot, so the year's figure is the most there is.
            if (target.Measure == TargetMeasure.StateAgents || denominator == 0)
            {
                return (new ReachableShare(target.Id, reservataire, attained, attained, denominator), BoundMethod.Fixed);
            }

            var capacity = Capacities(bit, reservataire);
            if (!forceSolver)
            {
                var lower = Greedy(bit, capacity);
                if (lower == UpperBound(bit, capacity))
                {
                    return (new ReachableShare(target.Id, reservataire, attained, checked((int)lower), denominator), BoundMethod.Certified);
                }
            }

            return (new ReachableShare(target.Id, reservataire, attained, checked((int)MaximumFlow(bit, reservataire)), denominator), BoundMethod.Solver);
        }

        /// <summary>Per ladder position, the leases in the figure's scope.</summary>
        private long[] Capacities(ulong bit, Reservataire? reservataire)
        {
            var capacity = new long[_positions.Length];
            for (var p = 0; p < capacity.Length; p++)
            {
                var (start, count) = _positions[p];
                for (var k = start; k < start + count; k++)
                {
                    var (n, scope, r) = _signatures[k];
                    if ((scope & bit) != 0 && (reservataire is null || r == reservataire))
                    {
                        capacity[p] += n;
                    }
                }
            }

            return capacity;
        }

        /// <summary>
        /// A feasible flow, found greedily: the classes with the fewest arcs first, each filling the dearest step it
        /// bears in each cell it may take, then the cheaper ones. A lower bound of the maximum flow.
        /// </summary>
        private long Greedy(ulong bit, long[] capacities)
        {
            var capacity = (long[])capacities.Clone();
            var below = new int[capacity.Length]; // the next position to look at from this one: itself while it has room
            for (var p = 0; p < below.Length; p++)
            {
                below[p] = capacity[p] > 0 ? p : p - 1;
            }

            int Find(int p)
            {
                var root = p;
                while (root >= 0 && below[root] != root)
                {
                    root = below[root];
                }

                while (p >= 0 && below[p] != p)
                {
                    (p, below[p]) = (below[p], root);
                }

                return root;
            }

            long flow = 0;
            foreach (var c in _classOrder)
            {
                var (left, measure, entries) = _classes[c];
                if ((measure & bit) == 0)
                {
                    continue;
                }

                foreach (var entry in entries)
                {
                    foreach (var (cell, step) in _entries[entry])
                    {
                        while (left > 0)
                        {
                            var p = Find(_cellStart[cell] + step);
                            if (p < _cellStart[cell])
                            {
                                break;
                            }

                            var take = Math.Min(left, capacity[p]);
                            capacity[p] -= take;
                            left -= take;
                            flow += take;
                            if (capacity[p] == 0)
                            {
                                below[p] = p - 1;
                            }
                        }
                    }
                }
            }

            return flow;
        }

        /// <summary>
        /// An upper bound of the maximum flow: the smaller of two cuts, the households counted that reach some lease in
        /// scope, and the leases in scope that some counted household reaches.
        /// </summary>
        private long UpperBound(ulong bit, long[] capacity)
        {
            var reach = new int[_cellStart.Length]; // per cell, the dearest step a counted household reaches (−1: none)
            Array.Fill(reach, -1);
            long households = 0;
            foreach (var (count, measure, entries) in _classes)
            {
                if ((measure & bit) == 0)
                {
                    continue;
                }

                var reaches = false;
                foreach (var entry in entries)
                {
                    foreach (var (cell, step) in _entries[entry])
                    {
                        reach[cell] = Math.Max(reach[cell], step);
                        for (var p = _cellStart[cell]; p <= _cellStart[cell] + step && !reaches; p++)
                        {
                            reaches = capacity[p] > 0;
                        }
                    }
                }

                households += reaches ? count : 0;
            }

            long leases = 0;
            for (var cell = 0; cell < reach.Length; cell++)
            {
                for (var p = _cellStart[cell]; p <= _cellStart[cell] + reach[cell]; p++)
                {
                    leases += capacity[p];
                }
            }

            return Math.Min(households, leases);
        }

        /// <summary>The maximum flow, by OR-Tools (the graph built on first use, then only its capacities changed).</summary>
        private long MaximumFlow(ulong bit, Reservataire? reservataire)
        {
            var flow = _flow ??= BuildGraph();
            for (var c = 0; c < _classes.Count; c++)
            {
                flow.SetArcCapacity(_sourceArcs[c], (_classes[c].Measure & bit) != 0 ? _classes[c].Count : 0);
            }

            for (var k = 0; k < _signatures.Count; k++)
            {
                var (count, scope, r) = _signatures[k];
                flow.SetArcCapacity(_sinkArcs[k], (scope & bit) != 0 && (reservataire is null || r == reservataire) ? count : 0);
            }

            var status = flow.Solve(Source, Sink);
            if (status != MaxFlow.Status.OPTIMAL)
            {
                throw new InvalidOperationException($"The attainability bound could not be solved: OR-Tools' max flow returned {status}.");
            }

            return flow.OptimalFlow();
        }

        private MaxFlow BuildGraph()
        {
            var flow = new MaxFlow();
            var unlimited = _households + 1;
            var node = 2;

            // The ladders: a node per position, each running down to the next cheaper one of its cell; sink arcs.
            var positionNode = new int[_positions.Length];
            _sinkArcs = new int[_signatures.Count];
            for (var cell = 0; cell < _cellStart.Length; cell++)
            {
                var end = cell + 1 < _cellStart.Length ? _cellStart[cell + 1] : _positions.Length;
                for (var p = _cellStart[cell]; p < end; p++)
                {
                    positionNode[p] = node++;
                    if (p > _cellStart[cell])
                    {
                        flow.AddArcWithCapacity(positionNode[p], positionNode[p - 1], unlimited);
                    }

                    var (start, count) = _positions[p];
                    for (var k = start; k < start + count; k++)
                    {
                        _sinkArcs[k] = flow.AddArcWithCapacity(positionNode[p], Sink, 0);
                    }
                }
            }

            var entryNode = new int[_entries.Count];
            for (var e = 0; e < _entries.Count; e++)
            {
                entryNode[e] = node++;
                foreach (var (cell, step) in _entries[e])
                {
                    flow.AddArcWithCapacity(entryNode[e], positionNode[_cellStart[cell] + step], unlimited);
                }
            }

            _sourceArcs = new int[_classes.Count];
            for (var c = 0; c < _classes.Count; c++)
            {
                var classNode = node++;
                _sourceArcs[c] = flow.AddArcWithCapacity(Source, classNode, 0);
                foreach (var e in _classes[c].Entries)
                {
                    flow.AddArcWithCapacity(classNode, entryNode[e], unlimited);
                }
            }

            return flow;
        }
    }

    /// <summary>A household class: the targets its measure counts it for, and the entries it may take.</summary>
    private sealed class ClassKey(ulong measure, int[] entries) : IEquatable<ClassKey>, IComparable<ClassKey>
    {
        public ulong Measure { get; } = measure;

        public int[] Entries { get; } = entries;

        public bool Equals(ClassKey? other) => other is not null && other.Measure == Measure && Entries.AsSpan().SequenceEqual(other.Entries);

        public override bool Equals(object? obj) => Equals(obj as ClassKey);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(Measure);
            hash.AddBytes(MemoryMarshal.AsBytes(Entries.AsSpan()));
            return hash.ToHashCode();
        }

        public int CompareTo(ClassKey? other)
        {
            if (other is null)
            {
                return 1;
            }

            var c = Entries.AsSpan().SequenceCompareTo(other.Entries);
            return c != 0 ? c : Measure.CompareTo(other.Measure);
        }
    }
}
