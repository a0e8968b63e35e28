using BenchmarkDotNet.Running;

// `held READER [RUNS]`: one reader in this fresh process, with the memory its result holds (HeldMemory).
// Anything else: BenchmarkDotNet (e.g. --filter '*Reader*').
if (args.Length > 0 && args[0] == "held")
{
    return CIA.Engine.Benchmarks.HeldMemory.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(CIA.Engine.Benchmarks.ClassificationBenchmarks).Assembly).Run(args);
return 0;
