using CIA.Engine.Classification;
using CIA.Engine.Data;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Simulation;
using CIA.Engine.Stock;
using Xunit;
using Xunit.Abstractions;

namespace CIA.Engine.Tests.Simulation;

public sealed class SmokeTests(ITestOutputHelper output)
{
    [Fact]
    public void Default_territory_runs()
    {
        var policy = PolicyLoader.LoadDefault();
        var parameters = BuiltInParameters.Create();
        var households = new HouseholdClassifier(policy, parameters);
        var dwellings = new DwellingClassifier(policy, parameters, FragilityRules.Assess(DefaultData.Programmes, policy.Stock.Fragility));
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var territory = new SimulationTerritory(households, dwellings, DefaultData.Demand, DefaultData.Stock, 2026);
        output.WriteLine($"prepare {sw.ElapsedMilliseconds} ms");
        foreach (var n in territory.Notes) output.WriteLine(n);
        for (var i = 0; i < 3; i++)
        {
            sw.Restart();
            var result = Simulator.Run(territory, 1);
            output.WriteLine($"run {sw.ElapsedMilliseconds} ms: {result.Counts}");
        }
        var r = Simulator.Run(territory, 1);
        foreach (var w in r.WaitingTimes()) output.WriteLine(w.ToString());
        foreach (var t in r.Targets()) output.WriteLine($"{t.Target.Id} {t.Overall}");
        output.WriteLine(string.Join(",", r.ChainLengths));
        foreach (var g in r.Unfilled.GroupBy(u => u.Reason)) output.WriteLine($"{g.Key}: {g.Count()}");
    }
}
