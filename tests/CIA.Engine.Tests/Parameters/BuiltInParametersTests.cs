using CIA.Engine.Domain;
using CIA.Engine.Parameters;

namespace CIA.Engine.Tests.Parameters;

public class BuiltInParametersTests
{
    private static readonly ParameterSet P = BuiltInParameters.Create();

    [Theory] // REFERENCE §3.3
    [InlineData(2015, 1, 20107)]
    [InlineData(2017, 3, 32316)]
    [InlineData(2024, 6, 58200)]
    [InlineData(2026, 1, 23403)]
    [InlineData(2026, 4, 45374)]
    public void Plus_ceilings_by_year_and_category(int year, int category, long euros) =>
        P.PlusCeiling(category, new DateOnly(year, 6, 30)).ShouldBe(Euros.FromEuros(euros));

    [Fact]
    public void Plus_ceiling_above_category_6_adds_the_per_person_amount() =>
        P.PlusCeiling(8, new DateOnly(2026, 1, 1)).ShouldBe(Euros.FromEuros(60156 + (2 * 6710)));

    [Fact]
    public void A_year_not_covered_is_an_error_not_a_fallback()
    {
        var e = Should.Throw<ParameterNotCoveredException>(() => P.PlusCeiling(1, new DateOnly(2027, 1, 1)));
        e.Message.ShouldContain("2027-01-01");
        e.Message.ShouldContain("2026-01-01..2026-12-31");
        Should.Throw<ParameterNotCoveredException>(() => P.PlusCeiling(1, new DateOnly(2014, 12, 31)));
    }

    [Fact]
    public void Pls_is_130_percent_of_plus() => P.PlsCeiling(1, new DateOnly(2022, 5, 1)).ShouldBe(Euros.FromEuros(27480.70m)); // 1.3 × 21 139 (published 27 481)

    [Theory] // PLAI 2017 published values, REFERENCE §3.5: the ratio estimate stays within 0.2 %
    [InlineData(1, 11067)]
    [InlineData(2, 16125)]
    [InlineData(3, 19390)]
    [InlineData(4, 21575)]
    [InlineData(5, 25243)]
    [InlineData(6, 28448)]
    public void Plai_estimate_is_close_to_the_published_ceiling(int category, long published)
    {
        var estimate = P.PlaiCeilingEstimate(category, new DateOnly(2017, 6, 1)).Value;
        Math.Abs(estimate - published).ShouldBeLessThanOrEqualTo(published * 0.002m);
    }

    [Fact]
    public void Apl_ceilings_by_zone_and_date()
    {
        var z2 = P.AplCeilings(AplZone.Zone2, new DateOnly(2016, 1, 1)).Value; // the 2015-10-01 values
        z2.For(couple: false, dependants: 0).ShouldBe(Euros.FromEuros(255.23m));
        z2.For(couple: true, dependants: 0).ShouldBe(Euros.FromEuros(312.40m));
        z2.For(couple: true, dependants: 1).ShouldBe(Euros.FromEuros(351.53m));
        z2.For(couple: true, dependants: 3).ShouldBe(Euros.FromEuros(351.53m + (2 * 51.16m)));
        P.AplCeilings(AplZone.Zone3, new DateOnly(2025, 10, 1)).Value.PersonAlone.ShouldBe(Euros.FromEuros(272.12m));
        Should.Throw<ParameterNotCoveredException>(() => P.AplCeilings(AplZone.Zone3, new DateOnly(2014, 9, 30))); // before the first period built in
        Should.Throw<ParameterNotCoveredException>(() => P.AplCeilings(AplZone.Zone2, new DateOnly(2026, 10, 1)));
    }

    [Fact]
    public void Nantes_quartile_thresholds_2024_to_2026()
    {
        var nantes = EpciCode.Parse("244400404");
        P.QuartilesFor(nantes, 2024).Q1.ShouldBe(Euros.FromEuros(10740));
        P.QuartilesFor(nantes, 2025).ShouldSatisfyAllConditions(t => t.Q1.ShouldBe(Euros.FromEuros(10900)), t => t.Q2.ShouldBe(Euros.FromEuros(15138)), t => t.Q3.ShouldBe(Euros.FromEuros(19980)));
        P.QuartilesFor(nantes, 2026).Q1.ShouldBe(Euros.FromEuros(10745));
        Should.Throw<ParameterNotCoveredException>(() => P.QuartilesFor(nantes, 2023)).Message.ShouldContain("known years: 2024, 2025, 2026");
    }

    [Fact]
    public void Thresholds_loaded_later_replace_built_in_ones()
    {
        var rennes = EpciCode.Parse("243500139");
        var more = P.WithQuartileThresholds([new QuartileThresholds(rennes, 2025, Euros.FromEuros(8743), Euros.FromEuros(12000), Euros.FromEuros(16000), "test")]);
        more.QuartilesFor(rennes, 2025).Q1.ShouldBe(Euros.FromEuros(8743));
        Should.Throw<ParameterNotCoveredException>(() => P.QuartilesFor(rennes, 2025));
    }

    [Fact]
    public void Nantes_metropole_has_24_communes_three_in_apl_zone_3()
    {
        var communes = Territories.NantesMetropole.Communes;
        communes.Length.ShouldBe(24);
        communes.Where(c => c.Zone == AplZone.Zone3).Select(c => c.Code.Value).Order().ShouldBe(["44024", "44094", "44171"]);
        P.ZoneOf(CommuneCode.Parse("44109")).ShouldBe(AplZone.Zone2);
    }

    [Fact]
    public void Every_dated_value_has_a_source_and_periods_do_not_overlap() =>
        Should.Throw<ArgumentException>(() => new DatedParameter<int>("x", [
            new(new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31), 1, "a"),
            new(new DateOnly(2020, 6, 1), new DateOnly(2021, 12, 31), 2, "b"),
        ])).Message.ShouldContain("overlap");
}
