using CIA.Engine.Domain;
using CIA.Engine.HousingBenefit;
using CIA.Engine.Parameters;

namespace CIA.Engine.Tests.HousingBenefit;

/// <summary>Rent burden (taux d'effort) and the simplified resource base.</summary>
public class RentBurdenTests
{
    private static readonly ParameterSet P = BuiltInParameters.Create();

    [Fact]
    public void Ratio_is_rent_plus_charges_less_benefit_over_resources()
    {
        var b = new RentBurden(Euros.FromEuros(400m), Euros.FromEuros(60m), Euros.FromEuros(200m), Euros.FromEuros(1000m));
        b.HousingCost.ShouldBe(Euros.FromEuros(260m));
        b.Ratio.ShouldBe(0.26m);
        b.WithinRentBurden(Rate.FromPercent(30m)).ShouldBeTrue();
        b.WithinRentBurden(Rate.FromPercent(25m)).ShouldBeFalse();
    }

    [Fact]
    public void A_household_exactly_at_the_limit_is_within_it()
    {
        var at = new RentBurden(Euros.FromEuros(300m), Euros.Zero, Euros.Zero, Euros.FromEuros(1000m));
        at.WithinRentBurden(Rate.FromPercent(30m)).ShouldBeTrue();
        (at with { Rent = Euros.FromEuros(300.01m) }).WithinRentBurden(Rate.FromPercent(30m)).ShouldBeFalse();
    }

    [Fact]
    public void Without_resources_the_ratio_is_undefined()
    {
        var none = new RentBurden(Euros.FromEuros(300m), Euros.FromEuros(50m), Euros.Zero, Euros.Zero);
        none.Ratio.ShouldBeNull();
        none.WithinRentBurden(Rate.FromPercent(30m)).ShouldBeFalse();
        (none with { HousingBenefit = Euros.FromEuros(350m) }).WithinRentBurden(Rate.FromPercent(30m)).ShouldBeTrue();
    }

    [Fact]
    public void Of_a_computed_benefit_counts_the_charges_forfait_and_the_net_aid()
    {
        // leximpact famille_monoparentale_un_enfant_0.8_smic_d2, 2024-01: zone 3, one dependant, rent 400, APL 211.18;
        // C = 58.08 + 13.17 = 71.25. Resources 1 050 a month: (400 + 71.25 − 211.18) / 1 050 = 260.07 / 1 050 = 0.24769…
        var input = new AplInput(AplZone.Zone3, AplHousehold.WithDependants(1), Euros.FromEuros(400m), Euros.FromEuros(12600m));
        var apl = AplMonth.For(P, 2024, 1).Compute(input);
        var b = RentBurden.Of(input, apl, Euros.FromEuros(1050m));
        b.Charges.ShouldBe(Euros.FromEuros(71.25m));
        b.HousingBenefit.ShouldBe(Euros.FromEuros(211.18m));
        b.HousingCost.ShouldBe(Euros.FromEuros(260.07m));
        b.Ratio.ShouldBe(260.07m / 1050m);
        b.WithinRentBurden(Rate.FromPercent(25m)).ShouldBeTrue();
        b.WithinRentBurden(Rate.FromPercent(24m)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(12000.00, 12000)]
    [InlineData(12000.01, 12100)]
    [InlineData(13999.00, 14000)] // mes-aides 2015: 15 555 − 1 556 = 13 999 → 14 000
    [InlineData(0, 0)]
    [InlineData(-50, 0)]
    public void Resource_base_is_rounded_up_to_the_next_hundred(double annual, int expected) =>
        AplResourceBase.FromTaxIncome(Euros.FromEuros((decimal)annual)).ShouldBe(Euros.FromEuros(expected));

    [Fact]
    public void Resource_base_from_monthly_resources_is_twelve_months_rounded_up() =>
        AplResourceBase.FromMonthlyResources(Euros.FromEuros(1050.50m)).ShouldBe(Euros.FromEuros(12700m)); // 12 606 → 12 700

    [Fact]
    public void Rent_burden_allocates_nothing()
    {
        var b = new RentBurden(Euros.FromEuros(400m), Euros.FromEuros(60m), Euros.FromEuros(200m), Euros.FromEuros(1000m));
        var limit = Rate.FromPercent(30m);
        var within = 0;
        for (var i = 0; i < 1_000; i++)
        {
            within += b.WithinRentBurden(limit) ? 1 : 0;
        }

        const int calls = 100_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            within += b.WithinRentBurden(limit) && b.Ratio < 1m ? 1 : 0;
        }

        ((GC.GetAllocatedBytesForCurrentThread() - before) / calls).ShouldBe(0);
        within.ShouldBe(101_000);
    }
}
