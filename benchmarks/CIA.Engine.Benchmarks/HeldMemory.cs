using System.Diagnostics;
using System.Globalization;
using CIA.Engine.IO;
using CIA.Engine.Tables;

namespace CIA.Engine.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- held READER [RUNS]</c>: reads a national file RUNS times (default 3) in this one fresh
/// process and prints, for each read, the wall time, CPU time (user / system), page faults, bytes allocated, GC
/// collections, GC pause time, and the memory the result holds: <c>GC.GetTotalMemory(true)</c> with the result alive
/// minus the same before the read, and the table's own <c>SizeInBytes</c>. The first read includes JIT compilation and
/// first touches of memory; later ones show the steady state. READER: demand-old, demand-table, demand-scan,
/// stock-old, stock-table, stock-scan. Data as for <see cref="ReaderBenchmarks"/> (CIA_BENCH_DATA or the temp folder).
/// </summary>
internal static class HeldMemory
{
    public static int Run(string[] args)
    {
        if (args.Length < 1 || !Readers.TryGetValue(args[0], out var reader))
        {
            Console.Error.WriteLine("usage: held demand-old|demand-table|demand-scan|stock-old|stock-table|stock-scan [runs]");
            return 2;
        }

        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var folder = BenchData.National();
        var path = Path.Join(folder, reader.File);
        Console.WriteLine(FormattableString.Invariant($"{args[0]} on {path}, {runs} run(s), server GC {System.Runtime.GCSettings.IsServerGC}, {Environment.ProcessorCount} processors"));
        for (var run = 1; run <= runs; run++)
        {
            Console.WriteLine(Measure(run, () => reader.Read(path)));
        }

        using var process = Process.GetCurrentProcess();
        Console.WriteLine(FormattableString.Invariant($"peak working set {process.PeakWorkingSet64 / (1024 * 1024)} MiB"));
        return 0;
    }

    private static readonly Dictionary<string, (string File, Func<string, Result> Read)> Readers = new(StringComparer.Ordinal)
    {
        ["demand-old"] = ("demand.csv", p => Baseline.DemandCsv.ReadFile(p) is var a ? new Result(a.Length, null, a) : default),
        ["demand-table"] = ("demand.csv", p => DemandCsv.ReadTable(p) is var t ? new Result(t.Count, t.SizeInBytes, t) : default),
        ["demand-scan"] = ("demand.csv", p => new Result(DemandCsv.Scan(p, new ReaderBenchmarks.NoDemandVisitor()), null, null)),
        ["stock-old"] = ("stock.csv", p => Baseline.StockCsv.ReadFile(p) is var a ? new Result(a.Length, null, a) : default),
        ["stock-table"] = ("stock.csv", p => StockCsv.ReadTable(p) is var t ? new Result(t.Count, t.SizeInBytes, t) : default),
        ["stock-scan"] = ("stock.csv", p => new Result(StockCsv.Scan(p, new CommuneIndex(), new ReaderBenchmarks.NoStockVisitor()), null, null)),
    };

    // One read in its own frame, so that nothing of it is still referenced when the next read starts.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string Measure(int run, Func<Result> read)
    {
        using var process = Process.GetCurrentProcess();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var pause = GC.GetTotalPauseDuration();
        var faults = PageFaults();
        process.Refresh();
        var (user, system) = (process.UserProcessorTime, process.PrivilegedProcessorTime);
        var watch = Stopwatch.StartNew();

        var result = read();

        watch.Stop();
        process.Refresh();
        var (user2, system2) = (process.UserProcessorTime, process.PrivilegedProcessorTime);
        var faults2 = PageFaults();
        var pause2 = GC.GetTotalPauseDuration();
        var allocated2 = GC.GetTotalAllocatedBytes(precise: true);
        var gcs2 = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var after = GC.GetTotalMemory(forceFullCollection: true);
        string[] parts =
        [
            FormattableString.Invariant($"run {run}: {result.Rows:N0} rows, wall {watch.Elapsed.TotalMilliseconds:F0} ms"),
            FormattableString.Invariant($"CPU user {(user2 - user).TotalMilliseconds:F0} ms sys {(system2 - system).TotalMilliseconds:F0} ms"),
            FormattableString.Invariant($"page faults minor {faults2.Minor - faults.Minor:N0} major {faults2.Major - faults.Major:N0}"),
            FormattableString.Invariant($"allocated {Mb(allocated2 - allocated)}"),
            FormattableString.Invariant($"GCs {gcs2.Item1 - gcs.Item1}/{gcs2.Item2 - gcs.Item2}/{gcs2.Item3 - gcs.Item3} (gen0/1/2), GC pause {(pause2 - pause).TotalMilliseconds:F0} ms"),
            FormattableString.Invariant($"held {Mb(after - before)} (GetTotalMemory after - before)") + (result.SizeInBytes is { } size ? ", SizeInBytes " + Mb(size) : string.Empty),
        ];
        GC.KeepAlive(result.Value);
        return string.Join(", ", parts);
    }

    private static string Mb(long bytes) => FormattableString.Invariant($"{bytes / 1e6:F1} MB");

    // Minor and major page faults of this process so far (Linux: /proc/self/stat fields 10 and 12); zero elsewhere.
    private static (long Minor, long Major) PageFaults()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[7], CultureInfo.InvariantCulture), long.Parse(fields[9], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }

    private readonly record struct Result(int Rows, long? SizeInBytes, object? Value);
}
