using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using CIA.Engine.IO;
using CIA.Engine.Tables;

namespace CIA.Engine.Benchmarks;

/// <summary>
/// The file readers at national scale, old against new on the same files: the pre-rewrite reader (CsvHelper, one
/// record per row, frozen in <see cref="Baseline"/>) against <see cref="DemandCsv.ReadTable(string)"/> (columnar) and
/// <see cref="DemandCsv.Scan(string, IDemandVisitor)"/> (row by row to a visitor that does nothing), and the same for the
/// stock. Every method parses and validates the whole file. Data: <see cref="BenchData.National"/> (set CIA_BENCH_DATA
/// to a folder made by <c>cia generate --scale national</c>, or let the setup generate one into the temp folder).
/// </summary>
/// <remarks>
/// A read takes from about one second (new) to about fifteen (old), so each benchmark is run as a macro-benchmark:
/// one read per iteration, one warm-up read (the file is then in the page cache), three measured reads, in one process.
/// The Ratio column compares each reader with the baseline of its category.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ReaderBenchmarks
{
    private string _demand = string.Empty;
    private string _stock = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var folder = BenchData.National();
        _demand = Path.Join(folder, "demand.csv");
        _stock = Path.Join(folder, "stock.csv");
    }

    /// <summary>The pre-rewrite demand reader: CsvHelper, one <see cref="Domain.Application"/> per row.</summary>
    [Benchmark(Baseline = true, Description = "Demand: old reader (CsvHelper, records)")]
    [BenchmarkCategory("Demand")]
    public int DemandBaseline() => Baseline.DemandCsv.ReadFile(_demand).Length;

    /// <summary>The columnar table.</summary>
    [Benchmark(Description = "Demand: DemandCsv.ReadTable")]
    [BenchmarkCategory("Demand")]
    public int DemandTable() => DemandCsv.ReadTable(_demand).Count;

    /// <summary>Row by row, holding only the ids (to report duplicates).</summary>
    [Benchmark(Description = "Demand: DemandCsv.Scan (no-op visitor)")]
    [BenchmarkCategory("Demand")]
    public int DemandScan() => DemandCsv.Scan(_demand, new NoDemandVisitor());

    /// <summary>The pre-rewrite stock reader: CsvHelper, one <see cref="Domain.Dwelling"/> per row.</summary>
    [Benchmark(Baseline = true, Description = "Stock: old reader (CsvHelper, records)")]
    [BenchmarkCategory("Stock")]
    public int StockBaseline() => Baseline.StockCsv.ReadFile(_stock).Length;

    /// <summary>The columnar table.</summary>
    [Benchmark(Description = "Stock: StockCsv.ReadTable")]
    [BenchmarkCategory("Stock")]
    public int StockTable() => StockCsv.ReadTable(_stock).Count;

    /// <summary>Row by row, holding only the ids and the communes met.</summary>
    [Benchmark(Description = "Stock: StockCsv.Scan (no-op visitor)")]
    [BenchmarkCategory("Stock")]
    public int StockScan() => StockCsv.Scan(_stock, new CommuneIndex(), new NoStockVisitor());

    /// <summary>Receives each application and does nothing with it.</summary>
    internal sealed class NoDemandVisitor : IDemandVisitor
    {
        public void Visit(in DemandRow row)
        {
        }
    }

    /// <summary>Receives each dwelling and does nothing with it.</summary>
    internal sealed class NoStockVisitor : IStockVisitor
    {
        public void Visit(in StockRow row)
        {
        }
    }
}
