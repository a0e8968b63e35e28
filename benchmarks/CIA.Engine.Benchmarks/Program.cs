using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(CIA.Engine.Benchmarks.ClassificationBenchmarks).Assembly).Run(args);
