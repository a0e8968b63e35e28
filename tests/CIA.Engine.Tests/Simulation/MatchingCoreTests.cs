using CIA.Engine.Classification;
using CIA.Engine.Data;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Simulation;
using CIA.Engine.Stock;
using Xunit;

namespace CIA.Engine.Tests.Simulation;

/// <summary>The indexed search (queues by commune × size × partition) finds exactly what a full scan of the demand finds.</summary>
public sealed class MatchingCoreTests
{
    [Theory]
    [InlineData(RankingPolicy.Seniority)]
    [InlineData(RankingPolicy.Cotation)]
    public void Indexed_search_equals_the_full_scan_on_the_default_territory(RankingPolicy ranking)
    {
        var policy = PolicyLoader.LoadDefault();
        policy = policy with { Simulation = policy.Simulation with { Ranking = ranking } };
        var parameters = BuiltInParameters.Create();
        var territory = new SimulationTerritory(new HouseholdClassifier(policy, parameters),
            new DwellingClassifier(policy, parameters, FragilityRules.Assess(DefaultData.Programmes, policy.Stock.Fragility)), DefaultData.Demand, DefaultData.Stock, 2026);
        var run = new YearRun(territory, 5);
        run.StartProbe();
        var checkedOnes = 0;
        for (var dwelling = 0; dwelling < territory.Stock.Count; dwelling += 397)
        {
            var scan = run.FindByScan(dwelling, 3);
            run.FindIndexed(dwelling, 3).ShouldBe(scan, $"dwelling {territory.Stock.Ids[dwelling]}");
            checkedOnes += scan.Length > 0 ? 1 : 0;
        }

        checkedOnes.ShouldBeGreaterThan(100);
    }
}
