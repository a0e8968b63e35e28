using BenchmarkDotNet.Attributes;
using CIA.Engine.Data;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;

namespace CIA.Engine.Benchmarks;

/// <summary>
/// The data generator writing to null writers: the cost of generation and formatting alone, without the disk.
/// Nantes = 63 650 dwellings + 28 441 applications; 540 000 = a tenth of the national scale.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private DataGenerator _generator = null!;

    /// <summary>Scale: nantes or a number of dwellings.</summary>
    [Params("nantes", "540000")]
    public string Scale { get; set; } = "nantes";

    [GlobalSetup]
    public void Setup() => _generator = new DataGenerator(PolicyLoader.LoadDefault(), BuiltInParameters.Create());

    [Benchmark]
    public int Generate()
    {
        if (!DataScale.TryParse(Scale, out var scale))
        {
            throw new InvalidOperationException("bad scale " + Scale);
        }

        return _generator.Generate(DataGenerator.DefaultSeed, scale, new DataWriters(TextWriter.Null, TextWriter.Null, TextWriter.Null, TextWriter.Null)).Dwellings;
    }
}
