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
        var network = new Network(result);
        var asked = result.Targets().SelectMany(t => t.ByReservataire.Select(r => (t.Target, (Reservataire?)r.Reservataire)).Prepend((t.Target, null))).ToArray();
        var settled = new Figure[asked.Length];
        Parallel.For(0, asked.Length, i => settled[i] = network.Settle(asked[i].Target, asked[i].Item2, forceSolver));

        // The components left to the solver, figure by figure; a component's graph is built once and kept for the others.
        var graphs = new System.Collections.Concurrent.ConcurrentDictionary<int, ComponentGraph>();
        try
        {
            return [.. settled.Select(f => network.Finish(f, graphs))];
        }
        finally
        {
            foreach (var g in graphs.Values)
            {
                g.Flow.Dispose();
            }
        }
    }

    /// <summary>One figure on its way: its counts, the reachable leases settled so far, and the components left.</summary>
    internal sealed class Figure(string targetId, Reservataire? reservataire, ulong bit, int attained, int denominator)
    {
        public string TargetId { get; } = targetId;

        public Reservataire? Reservataire { get; } = reservataire;

        public ulong Bit { get; } = bit;

        public int Attained { get; } = attained;

        public int Denominator { get; } = denominator;

        public long Reachable { get; set; }

        public BoundMethod Method { get; set; }

        public long[] Capacity { get; set; } = [];

        public List<int> Unsettled { get; } = [];
    }

    private sealed class Network
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
        // The connected components: households ask for communes of one territory (an EPCI, say), so the network falls
        // apart into independent pieces, each settled on its own. Per class and per cell, its component.
        private readonly int[] _classComponent;
        private readonly int[] _cellComponent;
        private readonly int _components;
        private readonly int[][] _componentCells;
        private readonly int[][] _componentClasses;



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
            // Each lease's dwelling classified at its date and counted (in parallel: the classification is the cost).
            var leases = result.Leases;
            var leaseHits = new TargetHits[leases.Length];
            var evaluator = _evaluator;
            Parallel.For(0, (leases.Length + 4095) / 4096, block =>
            {
                for (var i = block * 4096; i < Math.Min(leases.Length, (block + 1) * 4096); i++)
                {
                    var lease = leases[i];
                    var row = result.SourceRow(lease.Application);
                    var input = t.StockInputs.Of(lease.Dwelling);
                    var dc = t.Dwellings.Classify(in input, t.MonthDates[lease.SignedOn.Month - 1]);
                    ref readonly var terms = ref t.Eligibility[row];
                    leaseHits[i] = evaluator.Evaluate(new AllocationFacts(t.Classes[row], terms.Prefectoral, terms.Renewal, dc, lease.Reservataire));
                }
            });

            for (var i = 0; i < leases.Length; i++)
            {
                var lease = leases[i];
                var hits = leaseHits[i];
                _leases.Add((hits.InDenominator, hits.InNumerator, lease.Reservataire));
                if (hits.InDenominator == 0)
                {
                    continue;
                }

                var input = t.StockInputs.Of(lease.Dwelling);
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

            // Per place, the distinct rent steps of its leases: households whose dearest step falls between the same two
            // are alike there (they reach the same step of every cell), so an entry is keyed by that rank, not the step.
            var placeSteps = new int[placeList.Count][];
            for (var p = 0; p < placeList.Count; p++)
            {
                placeSteps[p] = [.. cellsOfPlace[p].SelectMany(c => stepKeys[c]).Distinct().Order()];
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
            // What each row brings, in parallel: its measure mask, its size, and for each kind of place (PLUS region,
            // APL zone) the financings its income allows and the dearest rent step it bears (−1: none).
            var kinds = placeList.Select(p => (p.Region, p.Zone)).Distinct().ToList();
            var placeKind = placeList.Select(p => kinds.IndexOf((p.Region, p.Zone))).ToArray();
            var rows = multiplicity.Length;
            var measures = new ulong[rows];
            var allowedOf = new int[rows * kinds.Count];
            var stepOf = new int[rows * kinds.Count];
            var financings = Enum.GetValues<Financing>();
            Parallel.For(0, (rows + 16383) / 16384, block =>
            {
                for (var row = block * 16384; row < Math.Min(rows, (block + 1) * 16384); row++)
                {
                    ref readonly var h = ref t.Eligibility[row];
                    measures[row] = evaluator.MeasureMask(new AllocationFacts(t.Classes[row], h.Prefectoral, h.Renewal, default, Reservataire.Landlord));
                    for (var k = 0; k < kinds.Count; k++)
                    {
                        var ceilings = t.Ceilings[kinds[k].Region];
                        var allowed = 0;
                        foreach (var f in financings)
                        {
                            var ceiling = ceilings[(int)f, h.Category];
                            if (ceiling < 0 || h.TaxCents <= ceiling)
                            {
                                allowed |= 1 << (int)f;
                            }
                        }

                        var bears = t.Affordability.Of(in h, kinds[k].Zone);
                        allowedOf[(row * kinds.Count) + k] = allowed;
                        stepOf[(row * kinds.Count) + k] = allowed == 0 || bears < 0 ? -1 : bears / RentStep;
                    }
                }
            });

            var entries = new Dictionary<(int Place, int Size, int Financings, int Rank), int>();
            var classes = new Dictionary<ClassKey, long>();
            var entryList = new List<int>(8);
            var arcs = new List<(int, int)>();
            for (var row = 0; row < rows; row++)
            {
                var size = CandidateQueues.SizeIndex(t.Persons[row]);
                entryList.Clear();
                if (t.AsksAny[row])
                {
                    for (var p = 0; p < placeList.Count; p++)
                    {
                        Enter(p, row, size);
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
                                Enter(p, row, size);
                            }
                        }
                    }
                }

                if (entryList.Count == 0)
                {
                    continue;
                }

                entryList.Sort();
                var classKey = new ClassKey(measures[row], [.. entryList]);
                classes[classKey] = classes.GetValueOrDefault(classKey) + multiplicity[row];
            }

            // The classes in the order of their first row (a Dictionary without removals enumerates in insertion order).
            foreach (var (key, count) in classes)
            {
                _classes.Add((count, key.Measure, key.Entries));
            }

            var arcCounts = new int[_classes.Count];
            _classOrder = new int[_classes.Count];
            for (var c = 0; c < arcCounts.Length; c++)
            {
                foreach (var e in _classes[c].Entries)
                {
                    arcCounts[c] += _entries[e].Length;
                }

                _classOrder[c] = c;
            }

            // The greedy's order: the fewest arcs first (a stable sort: ties keep the classes' order).
            var orderKeys = arcCounts.Select((n, c) => ((long)n << 32) | (uint)c).ToArray();
            Array.Sort(orderKeys, _classOrder);

            // Components: cells joined through the classes that may take them (union-find over cells).
            var parent = Enumerable.Range(0, cellList.Count).ToArray();
            int Root(int x)
            {
                while (parent[x] != x)
                {
                    (x, parent[x]) = (parent[x], parent[parent[x]]);
                }

                return x;
            }

            foreach (var (_, _, classEntries) in _classes)
            {
                var first = -1;
                foreach (var e in classEntries)
                {
                    foreach (var (cell, _) in _entries[e])
                    {
                        if (first < 0)
                        {
                            first = Root(cell);
                        }
                        else
                        {
                            var r = Root(cell);
                            if (r != first)
                            {
                                parent[r] = first;
                            }
                        }
                    }
                }
            }

            var id = new Dictionary<int, int>();
            _cellComponent = new int[cellList.Count];
            for (var c = 0; c < cellList.Count; c++)
            {
                var r = Root(c);
                if (!id.TryGetValue(r, out var k))
                {
                    id.Add(r, k = id.Count);
                }

                _cellComponent[c] = k;
            }

            _components = id.Count;
            _classComponent = [.. _classes.Select(c => _cellComponent[_entries[c.Entries[0]][0].Cell])];
            _componentCells = Group(_cellComponent, _components);
            _componentClasses = Group(_classComponent, _components);

            void Enter(int p, int row, int size)
            {
                var k = (row * kinds.Count) + placeKind[p];
                var bears = stepOf[k];
                if (bears < 0)
                {
                    return;
                }

                var allowed = allowedOf[k];
                var rank = Array.BinarySearch(placeSteps[p], bears);
                rank = rank >= 0 ? rank : ~rank - 1; // the place's dearest step it bears (−1: none)
                if (rank < 0)
                {
                    return;
                }

                bears = placeSteps[p][rank];
                var key = (p, size, allowed, rank);
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
                        var at = Array.BinarySearch(stepKeys[c], bears);
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

        private static int[][] Group(int[] component, int components)
        {
            var lists = new List<int>[components];
            for (var k = 0; k < components; k++)
            {
                lists[k] = [];
            }

            for (var i = 0; i < component.Length; i++)
            {
                lists[component[i]].Add(i);
            }

            return [.. lists.Select(l => l.ToArray())];
        }

        /// <summary>
        /// A figure's bound, in two calls: <see cref="Settle"/> (the cheap way: counts, greedy, cuts; figures may be settled in
        /// parallel), then <see cref="Finish"/> for the components left (each solved on its own, in parallel).
        /// </summary>
        public Figure Settle(AllocationTarget target, Reservataire? reservataire, bool forceSolver)
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

            var figure = new Figure(target.Id, reservataire, bit, attained, denominator);

            // The State-agent measure counts a lease by its réservataire, which the year fixes: every such lease in scope
            // counts whoever is housed, and the others cannot, so the year's figure is the most there is.
            if (target.Measure == TargetMeasure.StateAgents || denominator == 0)
            {
                figure.Reachable = attained;
                figure.Method = BoundMethod.Fixed;
                return figure;
            }

            figure.Capacity = Capacities(bit, reservataire);
            var lower = Greedy(bit, figure.Capacity);
            var upper = UpperBound(bit, figure.Capacity);
            figure.Method = BoundMethod.Certified;
            for (var k = 0; k < _components; k++)
            {
                if (!forceSolver && lower[k] == upper[k])
                {
                    figure.Reachable += lower[k];
                }
                else
                {
                    figure.Unsettled.Add(k);
                    figure.Method = BoundMethod.Solver;
                }
            }

            return figure;
        }

        /// <summary>Solves the components <see cref="Settle"/> left, with OR-Tools, in parallel (a component's graph is used by one thread at a time).</summary>
        public (ReachableShare, BoundMethod) Finish(Figure figure, System.Collections.Concurrent.ConcurrentDictionary<int, ComponentGraph> graphs)
        {
            var flows = new long[figure.Unsettled.Count];
            Parallel.For(0, flows.Length, i =>
            {
                var k = figure.Unsettled[i];
                flows[i] = MaximumFlow(graphs.GetOrAdd(k, BuildGraph), figure.Bit, figure.Capacity);
            });
            figure.Reachable += flows.Sum();
            figure.Capacity = [];
            return (new ReachableShare(figure.TargetId, figure.Reservataire, figure.Attained, checked((int)figure.Reachable), figure.Denominator), figure.Method);
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
        /// A feasible flow per component, found greedily: the classes with the fewest arcs first, each filling the
        /// dearest step it bears in each cell it may take, then the cheaper ones. A lower bound of the maximum flow.
        /// </summary>
        private long[] Greedy(ulong bit, long[] capacities)
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

            var flow = new long[_components];
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
                            flow[_classComponent[c]] += take;
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
        /// An upper bound of the maximum flow per component: the smaller of two cuts, the households counted that reach
        /// some lease in scope, and the leases in scope that some counted household reaches.
        /// </summary>
        private long[] UpperBound(ulong bit, long[] capacity)
        {
            // Per position, the leases in scope at it and at every cheaper step of its cell.
            var cumulative = new long[capacity.Length];
            for (var cell = 0; cell < _cellStart.Length; cell++)
            {
                var end = cell + 1 < _cellStart.Length ? _cellStart[cell + 1] : capacity.Length;
                long sum = 0;
                for (var p = _cellStart[cell]; p < end; p++)
                {
                    cumulative[p] = sum += capacity[p];
                }
            }

            var reach = new int[_cellStart.Length]; // per cell, the dearest step a counted household reaches (−1: none)
            Array.Fill(reach, -1);
            var households = new long[_components];
            for (var c = 0; c < _classes.Count; c++)
            {
                var (count, measure, entries) = _classes[c];
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
                        reaches |= cumulative[_cellStart[cell] + step] > 0;
                    }
                }

                households[_classComponent[c]] += reaches ? count : 0;
            }

            var leases = new long[_components];
            for (var cell = 0; cell < reach.Length; cell++)
            {
                if (reach[cell] >= 0)
                {
                    leases[_cellComponent[cell]] += cumulative[_cellStart[cell] + reach[cell]];
                }
            }

            for (var k = 0; k < _components; k++)
            {
                households[k] = Math.Min(households[k], leases[k]);
            }

            return households;
        }

        /// <summary>The maximum flow of one component, by OR-Tools (its graph built on first use, then only its capacities changed).</summary>
        private long MaximumFlow(ComponentGraph g, ulong bit, long[] capacity)
        {
            foreach (var (arc, c) in g.Sources)
            {
                g.Flow.SetArcCapacity(arc, (_classes[c].Measure & bit) != 0 ? _classes[c].Count : 0);
            }

            foreach (var (arc, p) in g.Sinks)
            {
                g.Flow.SetArcCapacity(arc, capacity[p]);
            }

            var status = g.Flow.Solve(Source, Sink);
            if (status != MaxFlow.Status.OPTIMAL)
            {
                throw new InvalidOperationException($"The attainability bound could not be solved: OR-Tools' max flow returned {status}.");
            }

            return g.Flow.OptimalFlow();
        }

        private ComponentGraph BuildGraph(int component)
        {
            var flow = new MaxFlow();
            var unlimited = _households + 1;
            var node = 2;
            var sinks = new List<(int Arc, int Position)>();

            // The ladders: a node per position, each running down to the next cheaper one of its cell; a sink arc each,
            // whose capacity is the figure's leases at that position.
            var positionNode = new Dictionary<int, int>();
            foreach (var cell in _componentCells[component])
            {
                var end = cell + 1 < _cellStart.Length ? _cellStart[cell + 1] : _positions.Length;
                for (var p = _cellStart[cell]; p < end; p++)
                {
                    positionNode[p] = node++;
                    if (p > _cellStart[cell])
                    {
                        flow.AddArcWithCapacity(positionNode[p], positionNode[p - 1], unlimited);
                    }

                    sinks.Add((flow.AddArcWithCapacity(positionNode[p], Sink, 0), p));
                }
            }

            var entryNode = new Dictionary<int, int>();
            var sources = new List<(int Arc, int Class)>();
            foreach (var c in _componentClasses[component])
            {
                var classNode = node++;
                sources.Add((flow.AddArcWithCapacity(Source, classNode, 0), c));
                foreach (var e in _classes[c].Entries)
                {
                    if (!entryNode.TryGetValue(e, out var en))
                    {
                        entryNode.Add(e, en = node++);
                        foreach (var (cell, step) in _entries[e])
                        {
                            flow.AddArcWithCapacity(en, positionNode[_cellStart[cell] + step], unlimited);
                        }
                    }

                    flow.AddArcWithCapacity(classNode, en, unlimited);
                }
            }

            return new ComponentGraph(flow, [.. sources], [.. sinks]);
        }
    }

    /// <summary>One component's OR-Tools graph: its source arcs (and their classes) and sink arcs (and their positions).</summary>
    internal sealed record ComponentGraph(MaxFlow Flow, (int Arc, int Class)[] Sources, (int Arc, int Position)[] Sinks);

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
