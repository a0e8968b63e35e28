using CIA.Engine.Simulation;

namespace CIA.Engine.Tests.Simulation;

public class MonteCarloSummaryTests
{
    [Fact]
    public void The_interval_of_one_to_five_worked_by_hand()
    {
        // mean 3; sd = √(10 / 4) = 1.58114; t(0.975, 4) = 2.77645; half-width = 2.77645 × 1.58114 ÷ √5 = 1.96324.
        var s = MonteCarloSummary.Statistics("x", "", IndicatorUnit.Count, [1, 2, 3, 4, 5]);
        s.Runs.ShouldBe(5);
        s.Mean.ShouldBe(3, 1e-12);
        s.StandardDeviation!.Value.ShouldBe(Math.Sqrt(2.5), 1e-12);
        s.StandardDeviation.Value.ShouldBe(1.5811, 1e-4);
        s.HalfWidth!.Value.ShouldBe(1.9632, 1e-4);
        s.Low!.Value.ShouldBe(3 - 1.9632, 1e-4);
        s.High!.Value.ShouldBe(3 + 1.9632, 1e-4);
    }

    [Fact]
    public void Two_values_use_t_with_one_degree_of_freedom()
    {
        // t(0.975, 1) = 12.7062; sd of {0, 2} = √2; half-width = 12.7062 × √2 ÷ √2 = 12.7062.
        var s = MonteCarloSummary.Statistics("x", "", IndicatorUnit.Share, [0, 2]);
        s.HalfWidth!.Value.ShouldBe(12.7062, 1e-4);
    }

    [Fact]
    public void Undefined_values_are_left_out_and_one_value_has_no_interval()
    {
        var s = MonteCarloSummary.Statistics("x", "", IndicatorUnit.Share, [double.NaN, 0.25, double.NaN]);
        s.Runs.ShouldBe(1);
        s.Mean.ShouldBe(0.25);
        s.StandardDeviation.ShouldBeNull();
        s.Low.ShouldBeNull();
        var none = MonteCarloSummary.Statistics("x", "", IndicatorUnit.Share, [double.NaN]);
        none.Runs.ShouldBe(0);
        double.IsNaN(none.Mean).ShouldBeTrue();
    }

    [Fact]
    public void Identical_runs_have_a_zero_width_interval()
    {
        var s = MonteCarloSummary.Statistics("x", "", IndicatorUnit.Count, [7, 7, 7]);
        s.StandardDeviation.ShouldBe(0);
        s.Low.ShouldBe(7);
        s.High.ShouldBe(7);
    }

    [Fact]
    public void Runs_are_matched_by_name_and_group_a_missing_count_is_zero_a_missing_share_is_left_out()
    {
        SimulationIndicator Count(string name, string group, double v) => new(name, group, v, IndicatorUnit.Count);
        SimulationIndicator Share(string group, double v) => new("target_share", group, v, IndicatorUnit.Share);
        IReadOnlyList<SimulationIndicator> run1 = [Count("leases", "", 10), Count("chains_by_length", "1", 5), Share("a", 0.2), Share("b", 0.5)];
        IReadOnlyList<SimulationIndicator> run2 = [Count("leases", "", 14), Count("chains_by_length", "1", 3), Count("chains_by_length", "2", 2), Share("a", 0.4)];
        var summary = MonteCarloSummary.Of([1UL, 2UL], [run1, run2]);
        summary.Indicators.Select(s => s.Name + ":" + s.Group).ShouldBe(["leases:", "chains_by_length:1", "chains_by_length:2", "target_share:a", "target_share:b"]);
        var longer = summary.Indicators.Single(s => s.Group == "2");
        longer.Runs.ShouldBe(2);
        longer.Mean.ShouldBe(1); // 0 in the first run, 2 in the second
        var b = summary.Indicators.Single(s => s.Group == "b");
        b.Runs.ShouldBe(1);
        b.Mean.ShouldBe(0.5);
        summary.Indicators.Single(s => s.Name == "leases").Mean.ShouldBe(12);
        summary.Indicators.Single(s => s.Group == "a").Mean.ShouldBe(0.3, 1e-12);
    }

    [Fact]
    public void One_run_is_not_a_summary()
    {
        Should.Throw<ArgumentException>(() => MonteCarloSummary.Of([1UL], [[new SimulationIndicator("leases", "", 1, IndicatorUnit.Count)]]));
        Should.Throw<ArgumentException>(() => MonteCarloSummary.Of([1UL], [[], []]));
    }
}
