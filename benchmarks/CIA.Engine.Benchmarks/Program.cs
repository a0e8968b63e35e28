using BenchmarkDotNet.Running;

// `held READER [RUNS]`: one reader in this fresh process, with the memory its result holds (HeldMemory).
// `year SCALE [RANKING] [RUNS]`: simulated years in this process, with their set-up and counts (YearProbe).
// Anything else: BenchmarkDotNet (e.g. --filter '*Reader*').
if (args.Length > 0 && args[0] == "held")
{
    return CIA.Engine.Benchmarks.HeldMemory.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "year")
{
    return CIA.Engine.Benchmarks.YearProbe.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(CIA.Engine.Benchmarks.ClassificationBenchmarks).Assembly).Run(args);
return 0;
