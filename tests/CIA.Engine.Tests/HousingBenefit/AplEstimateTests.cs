using CIA.Engine.Domain;
using CIA.Engine.HousingBenefit;
using CIA.Engine.Parameters;
using Shouldly;
using Xunit;

namespace CIA.Engine.Tests.HousingBenefit;

/// <summary>
/// The simulator's floating-point estimate of the APL against the exact formula (<see cref="AplMonth.Compute"/>,
/// itself checked against OpenFisca's cases): within <see cref="AplMonth.EstimateError"/> on random households,
/// dwellings and months, and NaN only where it says so.
/// </summary>
public sealed class AplEstimateTests
{
    private static readonly ParameterSet P = BuiltInParameters.Create();

    [Theory]
    [InlineData(2016, 1)] // before dégressivité
    [InlineData(2017, 3)] // dégressivité, no RLS
    [InlineData(2019, 10)] // RLS
    [InlineData(2024, 11)]
    [InlineData(2026, 9)]
    public void The_estimate_is_within_two_cents_of_the_exact_amount(int year, int month)
    {
        var apl = AplMonth.For(P, year, month);
        var random = new Random(year * 100 + month);
        var largest = 0.0;
        var estimated = 0;
        var paid = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var zone = (AplZone)random.Next(1, 4);
            var household = new AplHousehold(random.Next(2) == 1, random.Next(0, 8));
            var rent = (long)random.Next(0, 150_000); // 0 to 1 500 €, any cent
            var resources = (long)random.Next(0, 600) * 10_000; // R rounded up to 100 €: 0 to 60 000 €
            var conventionne = random.Next(4) != 0;
            var disabled = random.Next(10) == 0;
            var exact = apl.Compute(new AplInput(zone, household, new Euros(rent), new Euros(resources), conventionne, disabled)).Amount.Value;
            var estimate = apl.Estimate(zone, household, rent, resources, conventionne, disabled);
            if (double.IsNaN(estimate))
            {
                continue;
            }

            estimated++;
            paid += exact > 0 ? 1 : 0;
            largest = Math.Max(largest, Math.Abs(estimate - (double)exact));
        }

        largest.ShouldBeLessThanOrEqualTo(0.02 + 1e-9);
        estimated.ShouldBeGreaterThan(19_900); // NaN only at the payment threshold, where the formula jumps
        paid.ShouldBeGreaterThan(5_000); // the sample is not all zero amounts
    }

    [Fact]
    public void Around_the_payment_threshold_the_estimate_follows_the_jump()
    {
        // A person alone in zone 2, 2024-11, in a dwelling that is not conventionné (AL: a 10 € payment threshold; the APL
        // has none since March 2018). Just below 10 € before the threshold nothing is paid, from 10 € the amount is: the
        // estimate must be on the same side of the jump as the exact formula (within 2 cents), or give no estimate.
        var apl = AplMonth.For(P, 2024, 11);
        var household = AplHousehold.PersonAlone;
        apl.PaymentThresholdsValue.Value.For(false).Value.ShouldBe(10m);
        int below = 0, above = 0;
        for (long r = 0; r < 3_000_000; r += 700)
        {
            for (long rent = 20_000; rent < 60_000; rent += 137)
            {
                var result = apl.Compute(new AplInput(AplZone.Zone2, household, new Euros(rent), new Euros(r), false, false));
                if (Math.Abs(result.AmountBeforeThreshold - 10m) > 0.05m)
                {
                    continue;
                }

                var estimate = apl.Estimate(AplZone.Zone2, household, rent, r, false, false);
                if (!double.IsNaN(estimate))
                {
                    Math.Abs(estimate - (double)result.Amount.Value).ShouldBeLessThanOrEqualTo(0.02 + 1e-9);
                }

                if (result.AmountBeforeThreshold < 10m)
                {
                    below++;
                }
                else
                {
                    above++;
                }
            }
        }

        below.ShouldBeGreaterThan(10); // both sides of the jump were tried
        above.ShouldBeGreaterThan(10);
    }

    [Fact]
    public void Households_beyond_the_table_and_unknown_zones_are_left_to_the_exact_formula()
    {
        var apl = AplMonth.For(P, 2024, 11);
        apl.Estimate(AplZone.Zone1, AplHousehold.WithDependants(13), 50_000, 1_000_000, true, false).ShouldBe(double.NaN);
        apl.Estimate((AplZone)7, AplHousehold.PersonAlone, 50_000, 1_000_000, true, false).ShouldBe(double.NaN);
        apl.Estimate(AplZone.Zone1, AplHousehold.WithDependants(12), 50_000, 1_000_000, true, false).ShouldNotBe(double.NaN);
    }
}
