using CIA.Engine.Domain;
using CIA.Engine.Parameters;
using CIA.Engine.Quartiles;
using MathNet.Numerics.Statistics;

namespace CIA.Engine.Tests.Quartiles;

public class QuartileCalculatorTests
{
    private static ResourcesPerUc PerUc(decimal annual) => new(Euros.FromEuros(annual), new ConsumptionUnits(10));

    [Fact]
    public void Hand_worked_eight_applicants()
    {
        // Sorted: 1 000 2 000 3 000 4 000 5 000 6 000 7 000 8 000. The poorest quarter is ⌈8/4⌉ = 2 applicants;
        // Q1 is the highest of them: 2 000. Q2 = 4th = 4 000; Q3 = 6th = 6 000.
        var values = new[] { 8000m, 3000m, 1000m, 7000m, 2000m, 6000m, 5000m, 4000m }.Select(PerUc).ToArray();
        var q = QuartileCalculator.Compute(values);
        q.Q1.Rounded.ShouldBe(Euros.FromEuros(2000));
        q.Q2.Rounded.ShouldBe(Euros.FromEuros(4000));
        q.Q3.Rounded.ShouldBe(Euros.FromEuros(6000));
    }

    [Fact]
    public void Hand_worked_five_applicants_rounds_the_rank_up()
    {
        // n = 5: Q1 rank ⌈1.25⌉ = 2, Q2 rank ⌈2.5⌉ = 3, Q3 rank ⌈3.75⌉ = 4.
        var q = QuartileCalculator.Compute(new[] { 10m, 20m, 30m, 40m, 50m }.Select(PerUc).ToArray());
        (q.Q1.Rounded.Value, q.Q2.Rounded.Value, q.Q3.Rounded.Value).ShouldBe((20m, 30m, 40m));
    }

    [Fact]
    public void Uses_resources_per_uc_of_the_applications()
    {
        var apps = new[]
        {
            A.Household(monthly: 1000m, id: "a"),                               // 12 000 / 1.0
            A.Household(persons14Plus: 2, monthly: 1000m, id: "b"),             // 12 000 / 1.5 = 8 000
            A.Household(persons14Plus: 2, childrenUnder14: 2, monthly: 1050m, id: "c"), // 12 600 / 2.1 = 6 000
            A.Household(monthly: 2000m, id: "d"),                               // 24 000
        };
        var q = QuartileCalculator.Compute(apps, BuiltInParameters.Create().UcScale.At(new DateOnly(2025, 1, 1)).Value);
        q.Q1.Rounded.ShouldBe(Euros.FromEuros(6000));
        q.Q2.Rounded.ShouldBe(Euros.FromEuros(8000));
        q.Q3.Rounded.ShouldBe(Euros.FromEuros(12000));
    }

    [Fact]
    public void Agrees_with_mathnet_inverse_cdf_quantiles()
    {
        // An independent route: MathNet's QuantileDefinition.R1 (R type 1) on the same values.
        var rng = new Random(20250101);
        for (var round = 0; round < 20; round++)
        {
            var n = rng.Next(1, 400);
            var euros = Enumerable.Range(0, n).Select(_ => (decimal)rng.Next(0, 4_000_000) / 100m).ToArray();
            var q = QuartileCalculator.Compute(euros.Select(PerUc).ToArray());
            var data = euros.Select(e => (double)e).ToArray();
            ((double)q.Q1.Rounded.Value).ShouldBe(Statistics.QuantileCustom(data, 0.25, QuantileDefinition.R1), 1e-9);
            ((double)q.Q2.Rounded.Value).ShouldBe(Statistics.QuantileCustom(data, 0.50, QuantileDefinition.R1), 1e-9);
            ((double)q.Q3.Rounded.Value).ShouldBe(Statistics.QuantileCustom(data, 0.75, QuantileDefinition.R1), 1e-9);
        }
    }
}
