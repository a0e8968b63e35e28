using System.Diagnostics;
using System.Globalization;
using CIA.Engine.Domain;
using CIA.Engine.Policy;
using CIA.Engine.Simulation;

namespace CIA.Engine.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- year SCALE [RANKING] [RUNS] [ready]</c>: prepares a territory (nantes or national, as
/// <see cref="SimulationData"/>) and simulates its year RUNS times (default 3, seed 2016) in this one process, printing
/// the preparation time, then for each run: the set-up alone (a run's own copy of the queues and the applications'
/// events: <c>new YearRun</c> + <c>StartProbe</c>), the whole year (<c>Simulator.Run</c>) in wall time and in the process's CPU time (less disturbed by other processes on a busy machine, but it counts the GC's threads too), bytes allocated, GC counts,
/// and the year's counts. For looking into where a year's time goes (e.g. under <c>dotnet-trace collect</c>), not a
/// benchmark: BenchmarkDotNet's figures are in <see cref="SimulationBenchmarks"/>.
/// </summary>
internal static class YearProbe
{
    public static int Run(string[] args)
    {
        var ranking = RankingPolicy.Seniority;
        if (args.Length < 1 || args[0] is not (SimulationData.Nantes or SimulationData.National)
            || (args.Length > 1 && !Tokens<RankingPolicy>.TryParse(args[1], out ranking)))
        {
            Console.Error.WriteLine("usage: year nantes|national [seniority|cotation|cia_steered] [runs] [ready]");
            return 2;
        }

        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var ready = args.Length > 3 && args[3] == "ready";
        var watch = Stopwatch.StartNew();
        var territory = SimulationData.Territory(args[0], ranking);
        Console.WriteLine(FormattableString.Invariant($"load + prepare {watch.Elapsed.TotalMilliseconds:F0} ms, server GC {System.Runtime.GCSettings.IsServerGC}, {Environment.ProcessorCount} processors"));
        for (var run = 1; run <= runs; run++)
        {
            watch.Restart();
            var probe = new YearRun(territory, 2016);
            probe.StartProbe();
            var setUp = watch.Elapsed.TotalMilliseconds;
            GC.KeepAlive(probe);
            probe = null;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            using var self = Process.GetCurrentProcess();
            var cpu0 = self.TotalProcessorTime;
            // "ready": the queues of 1 January are copied before the clock starts, as for a territory's last run
            // (Simulator.RunLast, what cia simulate does with one run): the year alone, after loading and preparing.
            var queues = ready ? territory.CopyQueues() : null;
            watch.Restart();
            var result = queues is null ? Simulator.Run(territory, 2016) : new YearRun(territory, 2016, queues).Run();
            var year = watch.Elapsed.TotalMilliseconds;
            self.Refresh();
            var cpu = (self.TotalProcessorTime - cpu0).TotalMilliseconds;
            var allocated2 = GC.GetTotalAllocatedBytes(precise: true);
            Console.WriteLine(FormattableString.Invariant(
                $"run {run}: set-up alone {setUp:F1} ms, year {year:F1} ms (process CPU {cpu:F0} ms), allocated {(allocated2 - allocated) / 1e6:F1} MB, GCs {GC.CollectionCount(0) - gcs.Item1}/{GC.CollectionCount(1) - gcs.Item2}/{GC.CollectionCount(2) - gcs.Item3}"));
            if (run == runs)
            {
                Console.WriteLine(result.Counts);
            }
        }

        using var process = Process.GetCurrentProcess();
        Console.WriteLine(FormattableString.Invariant($"peak working set {process.PeakWorkingSet64 / (1024 * 1024)} MiB"));
        return 0;
    }
}
