using BenchmarkDotNet.Attributes;
using CIA.Engine.Policy;
using CIA.Engine.Reporting;
using CIA.Engine.Simulation;

namespace CIA.Engine.Benchmarks;

/// <summary>
/// The annual report on a year of leases, after loading (issue 9: a national year in ≤ 2 s). The year is simulated
/// once in the set-up (seed 2016) on the territory of <see cref="SimulationData"/>; the benchmarks take its leases as
/// the report takes allocation records: <see cref="Build"/> classifies every lease and counts every target, breakdown,
/// move and the least-served (<see cref="AnnualReport.Build"/>); <see cref="BuildAndWrite"/> adds composing the
/// document and writing the five formats to memory. Results: docs/benchmarks.md.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 5)]
public class ReportingBenchmarks
{
    private ReportInput _input = null!;

    /// <summary>nantes or national.</summary>
    [Params(SimulationData.Nantes, SimulationData.National)]
    public string Scale { get; set; } = SimulationData.Nantes;

    [GlobalSetup]
    public void Setup()
    {
        var territory = SimulationData.Territory(Scale, RankingPolicy.Seniority);
        var result = Simulator.Run(territory, 2016);
        _input = ReportInput.FromSimulation(result, 1241, []);
        Console.WriteLine(FormattableString.Invariant($"// {Scale}: {_input.Leases.Length:N0} leases, {_input.Demand.Count:N0} applications"));
    }

    [Benchmark]
    public AnnualReport Build() => AnnualReport.Build(_input, string.Empty);

    [Benchmark]
    public long BuildAndWrite()
    {
        var document = ReportComposer.Compose(AnnualReport.Build(_input, string.Empty));
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, leaveOpen: true))
        {
            ReportMarkdown.Write(writer, document);
            ReportCsv.Write(writer, document);
            ReportHtml.Write(writer, document, ReportChartSlots.For(document));
        }

        ReportJson.Write(stream, document);
        ReportXlsx.Write(stream, document);
        return stream.Length;
    }
}
