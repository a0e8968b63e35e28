using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using CIA.Engine.Policy;
using CIA.Engine.Simulation;

namespace CIA.Engine.Benchmarks;

/// <summary>
/// The matching core: finding the candidates for one vacancy. The indexed search (<c>YearRun.FindIndexed</c>: a k-way
/// merge of the queues by commune × household size × partition) against the naive baseline (<c>YearRun.FindByScan</c>:
/// every application checked in turn), in the same run, on the same fixed sample of <see cref="Sample"/> dwellings
/// (drawn with seed 2016), each as if it fell vacant on 1 January, wanting the commission's three candidates. One
/// operation = one vacancy (<c>OperationsPerInvoke</c>). Nantes: the built-in data set; national: the national files
/// (CIA_BENCH_DATA, see <see cref="BenchData"/>). The year is set up (<c>StartProbe</c>) but not run: no application
/// is housed or lapsed yet, so the indexed search finds no dead entry to sweep and repeated calls do the same work.
/// Before measuring, the setup checks that both searches give the same candidates for every dwelling of the sample.
/// <see cref="IndexedWide"/>: the indexed search over 16 384 other dwellings, with colder caches.
/// Results: docs/benchmarks.md.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 5)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByParams)]
[Config(typeof(TrendConfig))]
public class MatchingBenchmarks
{
    /// <summary>Dwellings (vacancies) per invocation.</summary>
    public const int Sample = 256;

    /// <summary>Dwellings per invocation of <see cref="IndexedWide"/>: enough that their queues do not stay in the caches.</summary>
    public const int WideSample = 16_384;

    private YearRun _run = null!;
    private int[] _dwellings = [];
    private int[] _wide = [];
    private int _want;

    /// <summary>nantes or national.</summary>
    [Params(SimulationData.Nantes, SimulationData.National)]
    public string Scale { get; set; } = SimulationData.Nantes;

    /// <summary>How candidates are ranked (cotation adds a second tier of queues).</summary>
    [Params(RankingPolicy.Seniority, RankingPolicy.Cotation)]
    public RankingPolicy Ranking { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var territory = SimulationData.Territory(Scale, Ranking);
        _want = territory.Options.Cal.Candidates;
        _run = new YearRun(territory, 2016);
        _run.StartProbe();
        _dwellings = SampleOf(territory.Stock.Count, Sample, 2016);
        _wide = SampleOf(territory.Stock.Count, WideSample, 2017);
        var found = 0;
        var candidates = 0;
        foreach (var d in _dwellings)
        {
            var scan = _run.FindByScan(d, _want);
            var indexed = _run.FindIndexed(d, _want);
            if (!scan.AsSpan().SequenceEqual(indexed))
            {
                throw new InvalidOperationException($"dwelling {territory.Stock.Ids[d]}: indexed [{string.Join(",", indexed)}] != scan [{string.Join(",", scan)}]");
            }

            found += scan.Length > 0 ? 1 : 0;
            candidates += scan.Length;
        }

        Console.WriteLine($"// sample: {_dwellings.Length} dwellings, {found} with a candidate, {candidates} candidates; indexed = scan for all");
    }

    /// <summary>The naive baseline: every application checked.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Sample)]
    public int Scan()
    {
        var found = 0;
        foreach (var d in _dwellings)
        {
            found += _run.FindByScan(d, _want).Length;
        }

        return found;
    }

    /// <summary>
    /// The indexed search over <see cref="WideSample"/> other dwellings: the same 256 searches repeated keep their queues
    /// and applicants in the caches, as a year's searches, with other work between them, do not.
    /// </summary>
    [Benchmark(OperationsPerInvoke = WideSample)]
    public int IndexedWide()
    {
        var found = 0;
        foreach (var d in _wide)
        {
            found += _run.FindIndexed(d, _want).Length;
        }

        return found;
    }

    /// <summary>Distinct stock rows drawn with a fixed seed.</summary>
    private static int[] SampleOf(int count, int size, int seed)
    {
        var rng = new Random(seed);
        var rows = new HashSet<int>();
        while (rows.Count < Math.Min(size, count))
        {
            rows.Add(rng.Next(count));
        }

        return [.. rows];
    }

    /// <summary>The matching core's indexed search.</summary>
    [Benchmark(OperationsPerInvoke = Sample)]
    public int Indexed()
    {
        var found = 0;
        foreach (var d in _dwellings)
        {
            found += _run.FindIndexed(d, _want).Length;
        }

        return found;
    }
}

/// <summary>Ratios shown as "N× faster" rather than a fraction that rounds to 0.000.</summary>
internal sealed class TrendConfig : ManualConfig
{
    public TrendConfig() => SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend);
}
