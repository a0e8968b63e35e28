using CIA.Engine.Classification;
using CIA.Engine.Data;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Simulation;
using CIA.Engine.Stock;

namespace CIA.Engine.Tests.Simulation;

/// <summary>
/// <see cref="ScenarioComparison"/>: common random numbers (identical scenarios differ by exactly zero), and the paired
/// differences and changed households checked against separate runs of each scenario, seed by seed.
/// </summary>
public sealed class ScenarioComparisonTests
{
    private static readonly ulong[] Seeds = [7, 8, 9];

    private static SimulationTerritory Territory(CiaPolicy policy) => MatchingCoreTests.DefaultTerritory(policy);

    [Fact]
    public void Two_identical_scenarios_differ_by_exactly_zero_in_every_indicator_and_household()
    {
        var policy = PolicyLoader.LoadDefault();
        var c = ScenarioComparison.Run([new ComparedScenario("a", Territory(policy), 1241), new ComparedScenario("b", Territory(policy), 1241)], Seeds, 2);

        c.Indicators.Length.ShouldBeGreaterThan(30);
        foreach (var i in c.Indicators)
        {
            var d = i.Differences[1];
            if (d.Runs == 0)
            {
                i.Scenarios[0].Runs.ShouldBe(0, $"{i.Name} {i.Group}"); // undefined in both, never in one only
                continue;
            }

            (d.Mean, d.StandardDeviation, d.Low, d.High).ShouldBe((0.0, 0.0, 0.0, 0.0), $"{i.Name} {i.Group}");
            i.Scenarios[1].ShouldBe(i.Scenarios[0] with { }, $"{i.Name} {i.Group}");
        }

        c.Changes.ShouldBeEmpty();
    }

    [Fact]
    public void Differences_and_changed_households_are_those_of_separate_runs_seed_by_seed()
    {
        var seniority = PolicyLoader.LoadDefault();
        var steered = PolicyLoader.LoadDefault(["simulation.ranking=cia_steered"]);
        var (a, b) = (Territory(seniority), Territory(steered));
        var c = ScenarioComparison.Run([new ComparedScenario("seniority", a, null), new ComparedScenario("steered", b, null)], Seeds, 2);

        // By an independent route: each scenario run alone with each seed.
        var leaseDifferences = new List<double>();
        var changed = new List<(ulong Seed, int Row, bool HousedHere)>();
        var n = DefaultData.Demand.Count;
        foreach (var seed in Seeds)
        {
            var ra = Simulator.Run(a, seed);
            var rb = Simulator.Run(b, seed);
            leaseDifferences.Add(rb.Leases.Length - ra.Leases.Length);
            var housedA = ra.Leases.Where(l => l.Application < n).Select(l => l.Application).ToHashSet();
            var housedB = rb.Leases.Where(l => l.Application < n).Select(l => l.Application).ToHashSet();
            changed.AddRange(housedB.Except(housedA).Select(row => (seed, row, true)));
            changed.AddRange(housedA.Except(housedB).Select(row => (seed, row, false)));
        }

        var leases = c.Indicators.Single(i => i.Name == "leases");
        leases.Differences[1].Runs.ShouldBe(3);
        leases.Differences[1].Mean.ShouldBe(leaseDifferences.Average(), 1e-9);
        leaseDifferences.ShouldContain(d => d != 0); // the two rankings do house differently

        // The interval of the mean difference: mean ± t(0.975, 2) × sd ÷ √3, t(0.975, 2) = 4.302653.
        var mean = leaseDifferences.Average();
        var sd = Math.Sqrt(leaseDifferences.Sum(d => (d - mean) * (d - mean)) / 2);
        leases.Differences[1].Low!.Value.ShouldBe(mean - (4.302653 * sd / Math.Sqrt(3)), 1e-4);

        c.Changes.Select(x => (x.Seed, x.Row, x.HousedHere)).OrderBy(x => x).ShouldBe(changed.OrderBy(x => x));
        c.Changes.ShouldAllBe(x => x.Scenario == 1);
    }

    [Fact]
    public void The_html_page_has_one_trade_off_chart_per_bounded_target_and_every_indicator()
    {
        var seniority = PolicyLoader.LoadDefault();
        var steered = PolicyLoader.LoadDefault(["simulation.ranking=cia_steered"]);
        var scenarios = new List<ComparedScenario> { new("seniority", Territory(seniority), null), new("steered <b>", Territory(steered), null) };
        var c = ScenarioComparison.Run(scenarios, [3, 4], 2);
        var w = new StringWriter();
        ComparisonHtml.Write(w, c, scenarios, 2026);
        var html = w.ToString();

        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldNotContain("<script");
        html.ShouldNotContain("src=", Case.Insensitive, "nothing fetched: no image, script or frame");
        html.ShouldNotContain("href=", Case.Insensitive, "no style sheet or link to fetch");
        var bounded = seniority.Targets.Count(t => t.Min is not null || t.Max is not null);
        System.Text.RegularExpressions.Regex.Count(html, "<svg ").ShouldBe(bounded);
        html.ShouldContain("steered &lt;b&gt;");
        System.Text.RegularExpressions.Regex.Count(html, "<tr><td>").ShouldBe(2 + c.Indicators.Length); // scenarios, then indicators
        html.ShouldNotContain("Along each key swept");

        // The same two scenarios as a sweep of one key: one more chart per bounded target, along the key.
        var swept = new StringWriter();
        ComparisonHtml.Write(swept, c, scenarios, 2026, [["simulation.ranking=seniority"], ["simulation.ranking=cia_steered"]]);
        swept.ToString().ShouldContain("Along each key swept");
        System.Text.RegularExpressions.Regex.Count(swept.ToString(), "<svg ").ShouldBe(2 * bounded);
    }
}
