using BenchmarkDotNet.Attributes;
using CIA.Engine.Policy;
using CIA.Engine.Simulation;

namespace CIA.Engine.Benchmarks;

/// <summary>
/// One simulated year of the built-in Nantes data set (63 650 dwellings, 28 441 applications), on one thread, after
/// loading: the territory is prepared in the setup, the benchmark is <c>Simulator.Run(territory, seed)</c> only, one
/// fixed seed (every call replays the same year). Results: docs/benchmarks.md.
/// </summary>
[MemoryDiagnoser]
public class SimulationBenchmarks
{
    private SimulationTerritory _territory = null!;

    /// <summary>The ranking the year is run under.</summary>
    [Params(RankingPolicy.Seniority, RankingPolicy.Cotation, RankingPolicy.CiaSteered)]
    public RankingPolicy Ranking { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _territory = SimulationData.Territory(SimulationData.Nantes, Ranking);
        var counts = Simulator.Run(_territory, 2016).Counts;
        Console.WriteLine($"// year: {counts}");
    }

    [Benchmark]
    public int NantesYear() => Simulator.Run(_territory, 2016).Leases.Length;
}

/// <summary>
/// Monte Carlo throughput on the Nantes year (default policy, seniority): <see cref="Runs"/> runs with seeds 2016,
/// 2017, … one after the other, against the same runs in <c>Parallel.For</c> with at most two threads, as
/// <c>cia simulate --runs</c> makes them (without the report). One operation = one run (<c>OperationsPerInvoke</c>),
/// so the Op/s column is runs per second. Results: docs/benchmarks.md.
/// </summary>
[MemoryDiagnoser]
[OperationsPerSecond]
public class MonteCarloBenchmarks
{
    /// <summary>Runs per invocation.</summary>
    public const int Runs = 8;

    private SimulationTerritory _territory = null!;

    [GlobalSetup]
    public void Setup() => _territory = SimulationData.Territory(SimulationData.Nantes, RankingPolicy.Seniority);

    [Benchmark(Baseline = true, OperationsPerInvoke = Runs)]
    public int Sequential()
    {
        var leases = 0;
        for (var i = 0; i < Runs; i++)
        {
            leases += Simulator.Run(_territory, 2016 + (ulong)i).Leases.Length;
        }

        return leases;
    }

    [Benchmark(OperationsPerInvoke = Runs)]
    public int TwoThreads()
    {
        var leases = new int[Runs];
        Parallel.For(0, Runs, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => leases[i] = Simulator.Run(_territory, 2016 + (ulong)i).Leases.Length);
        return leases.Sum();
    }
}
