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
        var territory = DefaultTerritory(policy with { Simulation = policy.Simulation with { Ranking = ranking } });
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

    [Fact]
    public void The_affordable_rent_bound_never_rules_out_an_eligible_household()
    {
        // The bound lets searches skip queue entries without reading them: it must hold for every household, dwelling and
        // month. Checked here on every application against a spread of dwellings (cheap to dear), in January and in
        // October (the APL figures change on 1 October).
        var territory = DefaultTerritory(PolicyLoader.LoadDefault());
        var run = new YearRun(territory, 5);
        run.StartProbe();
        int eligible = 0, ruledOut = 0, never = 0;
        for (var dwelling = 0; dwelling < territory.Stock.Count; dwelling += 1201)
        {
            var rent = territory.Stock.RentOf(dwelling).Cents;
            foreach (var month in new[] { 1, 10 })
            {
                for (var a = 0; a < territory.Demand.Count; a += 3)
                {
                    var afford = territory.AffordCents[a];
                    never += afford < 0 ? 1 : 0;
                    if (run.EligibleAt(dwelling, a, month))
                    {
                        eligible++;
                        rent.ShouldBeLessThanOrEqualTo(afford, $"application {territory.Demand.Ids[a]}, dwelling {territory.Stock.Ids[dwelling]}, month {month}");
                    }
                    else
                    {
                        ruledOut += rent > afford ? 1 : 0;
                    }
                }
            }
        }

        eligible.ShouldBeGreaterThan(10_000);
        ruledOut.ShouldBeGreaterThan(10_000); // and it does rule out many who fail
        never.ShouldBeGreaterThan(0); // households with no resources fail at any rent
    }

    [Fact]
    public void A_household_with_no_resources_is_skipped_at_any_rent()
    {
        var territory = DefaultTerritory(PolicyLoader.LoadDefault());
        var none = Enumerable.Range(0, territory.Demand.Count).Where(a => territory.Demand.Household(a).MonthlyResources.Cents == 0).ToList();
        none.ShouldNotBeEmpty();
        none.ShouldAllBe(a => territory.AffordCents[a] == -1);
    }

    /// <summary>The built-in Nantes territory for 2026 under a policy.</summary>
    internal static SimulationTerritory DefaultTerritory(CiaPolicy policy)
    {
        var parameters = BuiltInParameters.Create();
        return new SimulationTerritory(new HouseholdClassifier(policy, parameters),
            new DwellingClassifier(policy, parameters, FragilityRules.Assess(DefaultData.Programmes, policy.Stock.Fragility)), DefaultData.Demand, DefaultData.Stock, 2026);
    }
}
