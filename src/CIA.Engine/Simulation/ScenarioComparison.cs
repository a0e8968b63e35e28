using System.Collections.Immutable;

namespace CIA.Engine.Simulation;

/// <summary>One scenario of a comparison: its name and its territory (the same inputs under its policy).</summary>
/// <param name="Name">As shown (the scenario file's name, or the policy's).</param>
/// <param name="Territory">The territory prepared under the scenario's policy.</param>
/// <param name="MobilisableCapacity">The mobilisable capacity under that policy, when known.</param>
internal sealed record ComparedScenario(string Name, SimulationTerritory Territory, int? MobilisableCapacity);

/// <summary>An indicator of every scenario, and each scenario's difference from the first.</summary>
/// <param name="Name">The indicator.</param>
/// <param name="Group">Its group.</param>
/// <param name="Unit">What it measures.</param>
/// <param name="Scenarios">Per scenario, its statistics over the seeds (mean, and 95 % interval from two seeds).</param>
/// <param name="Differences">Per scenario, the paired difference from the first scenario (the first's is all zero).</param>
internal sealed record ComparedIndicator(string Name, string Group, IndicatorUnit Unit, ImmutableArray<IndicatorStatistics> Scenarios, ImmutableArray<IndicatorStatistics> Differences);

/// <summary>Households of the demand housed under one scenario and not under the first, or the reverse, in one seed.</summary>
/// <param name="Scenario">The scenario compared with the first (index ≥ 1).</param>
/// <param name="Seed">The seed of the year.</param>
/// <param name="Row">The household's row in the demand.</param>
/// <param name="HousedHere">True: housed under <paramref name="Scenario"/> and not under the first; false: the reverse.</param>
internal sealed record ChangedOutcome(int Scenario, ulong Seed, int Row, bool HousedHere);

/// <summary>
/// Several scenarios of one territory run with the same seeds — common random numbers: every draw (vacancy dates,
/// refusals, arrivals, lapses) is keyed by the seed and the dwelling or application, not by the order of events, so
/// the same seed gives each scenario the same vacancies and the same arrivals, and a difference between two
/// scenarios is the policy's, not noise. For each indicator the difference from the first scenario is computed seed
/// by seed (a paired difference), with a 95 % interval of its mean (Student's t, MathNet.Numerics) from two seeds.
/// </summary>
internal sealed class ScenarioComparison
{
    private ScenarioComparison(ImmutableArray<string> names, ImmutableArray<ulong> seeds, ImmutableArray<ComparedIndicator> indicators, ImmutableArray<ChangedOutcome> changes)
    {
        Names = names;
        Seeds = seeds;
        Indicators = indicators;
        Changes = changes;
    }

    /// <summary>The scenarios' names, the first being the reference.</summary>
    public ImmutableArray<string> Names { get; }

    /// <summary>The seeds every scenario was run with.</summary>
    public ImmutableArray<ulong> Seeds { get; }

    /// <summary>Every indicator, in the first scenario's order.</summary>
    public ImmutableArray<ComparedIndicator> Indicators { get; }

    /// <summary>The households of the demand whose outcome differs from the first scenario's, by scenario, seed and row.</summary>
    public ImmutableArray<ChangedOutcome> Changes { get; }

    /// <summary>
    /// Runs every scenario with every seed (in parallel on <paramref name="threads"/> threads; the result does not depend
    /// on them) and compares. The scenarios must share the demand and the stock. <paramref name="runDone"/> is called
    /// after each run (from the run's thread), for a progress display. <paramref name="bound"/>, when given, computes the
    /// attainability bound of each scenario's first-seed year (indicators <c>target_reachable_share</c>).
    /// </summary>
    public static ScenarioComparison Run(IReadOnlyList<ComparedScenario> scenarios, IReadOnlyList<ulong> seeds, int threads, Action? runDone = null,
        Func<SimulationResult, ImmutableArray<ReachableShare>>? bound = null)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(seeds);
        if (scenarios.Count < 2 || seeds.Count < 1)
        {
            throw new ArgumentException("A comparison needs at least two scenarios and one seed.", nameof(scenarios));
        }

        var demand = scenarios[0].Territory.Demand;
        if (scenarios.Any(s => !ReferenceEquals(s.Territory.Demand, demand) || !ReferenceEquals(s.Territory.Stock, scenarios[0].Territory.Stock)))
        {
            throw new ArgumentException("The scenarios of a comparison must share the demand and the stock.", nameof(scenarios));
        }

        var n = demand.Count;
        var indicators = new IReadOnlyList<SimulationIndicator>[scenarios.Count, seeds.Count];
        var housed = new System.Collections.BitArray[scenarios.Count, seeds.Count];
        Parallel.For(0, scenarios.Count * seeds.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, k =>
        {
            var (s, i) = (k / seeds.Count, k % seeds.Count);
            var result = Simulator.Run(scenarios[s].Territory, seeds[i]);
            indicators[s, i] = SimulationReport.Of(result, scenarios[s].MobilisableCapacity, i == 0 && bound is not null ? bound(result) : []).Indicators;
            var bits = new System.Collections.BitArray(n);
            foreach (var lease in result.Leases)
            {
                if (lease.Application < n)
                {
                    bits[lease.Application] = true;
                }
            }

            housed[s, i] = bits;
            runDone?.Invoke();
        });

        // Every indicator any run has, in order of appearance (the first scenario's first run first).
        var keys = new List<(string Name, string Group, IndicatorUnit Unit)>();
        var known = new HashSet<(string, string)>();
        foreach (var run in indicators)
        {
            foreach (var i in run)
            {
                if (known.Add((i.Name, i.Group)))
                {
                    // A key first met in a later run goes after the last key of its name, as in the Monte Carlo summary.
                    var at = keys.FindLastIndex(k => k.Name == i.Name);
                    keys.Insert(at < 0 ? keys.Count : at + 1, (i.Name, i.Group, i.Unit));
                }
            }
        }

        var compared = ImmutableArray.CreateBuilder<ComparedIndicator>(keys.Count);
        foreach (var key in keys)
        {
            var per = Enumerable.Range(0, scenarios.Count)
                .Select(sc => MonteCarloSummary.Statistics(key.Name, key.Group, key.Unit, Enumerable.Range(0, seeds.Count).Select(i => Value(indicators[sc, i], key) ?? double.NaN)))
                .ToImmutableArray();
            var differences = Enumerable.Range(0, scenarios.Count)
                .Select(sc => MonteCarloSummary.Statistics(key.Name, key.Group, key.Unit, Enumerable.Range(0, seeds.Count).Select(i => (Value(indicators[sc, i], key) - Value(indicators[0, i], key)) ?? double.NaN)))
                .ToImmutableArray();
            compared.Add(new ComparedIndicator(key.Name, key.Group, key.Unit, per, differences));
        }

        var changes = ImmutableArray.CreateBuilder<ChangedOutcome>();
        for (var s = 1; s < scenarios.Count; s++)
        {
            for (var i = 0; i < seeds.Count; i++)
            {
                for (var row = 0; row < n; row++)
                {
                    if (housed[s, i][row] != housed[0, i][row])
                    {
                        changes.Add(new ChangedOutcome(s, seeds[i], row, housed[s, i][row]));
                    }
                }
            }
        }

        return new ScenarioComparison([.. scenarios.Select(s => s.Name)], [.. seeds], compared.ToImmutable(), changes.ToImmutable());
    }

    private static double? Value(IReadOnlyList<SimulationIndicator> run, (string Name, string Group, IndicatorUnit Unit) key)
    {
        foreach (var i in run)
        {
            if (i.Name == key.Name && i.Group == key.Group)
            {
                return double.IsFinite(i.Value) ? i.Value : null;
            }
        }

        // A count a run lacks (no chain of that length) is 0, as in the Monte Carlo summary.
        return key.Unit == IndicatorUnit.Count ? 0 : null;
    }
}
