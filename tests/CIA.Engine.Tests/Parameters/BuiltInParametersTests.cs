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

    // Expected figures copied from OpenFisca-France (commit a7038ee4), openfisca_france/parameters/prestations_sociales/
    // aides_logement/logement_social/plu/par_categorie_de_menage/categorie_1..6/{ile_de_france,paris_communes_limitrophes}.yaml
    // and plu/par_personne_supplementaire/{ile_de_france,paris_communes_limitrophes}.yaml; 2023 also matches weblex.fr's table.
    [Theory]
    [InlineData(PlusRegion.IleDeFrance, 2015, 23127, 34565, 41550, 49769, 58917, 66300, 7388)]
    [InlineData(PlusRegion.IleDeFrance, 2019, 23721, 35452, 42616, 51046, 60429, 68001, 7577)]
    [InlineData(PlusRegion.IleDeFrance, 2023, 25165, 37611, 45210, 54154, 64108, 72142, 8038)]
    [InlineData(PlusRegion.IleDeFrance, 2026, 26920, 40233, 48362, 57930, 68577, 77171, 8598)]
    [InlineData(PlusRegion.ParisAndAdjacent, 2015, 23127, 34565, 45311, 54098, 64365, 72429, 8070)]
    [InlineData(PlusRegion.ParisAndAdjacent, 2019, 23721, 35452, 46473, 55486, 66017, 74286, 8278)]
    [InlineData(PlusRegion.ParisAndAdjacent, 2023, 25165, 37611, 49303, 58865, 70036, 78809, 8782)]
    [InlineData(PlusRegion.ParisAndAdjacent, 2026, 26920, 40233, 52740, 62968, 74919, 84304, 9394)]
    public void Ile_de_france_plus_ceilings_are_openfisca_s(PlusRegion region, int year, long c1, long c2, long c3, long c4, long c5, long c6, long extra)
    {
        var date = new DateOnly(year, 6, 30);
        long[] expected = [c1, c2, c3, c4, c5, c6];
        for (var category = 1; category <= 6; category++)
        {
            P.PlusCeiling(category, date, region).ShouldBe(Euros.FromEuros(expected[category - 1]), $"category {category}");
        }

        P.PlusCeilingsOf(region).At(date).Value.PerAdditionalPerson.ShouldBe(Euros.FromEuros(extra));
        P.PlusCeiling(8, date, region).ShouldBe(Euros.FromEuros(c6 + (2 * extra)));
        P.PlsCeiling(1, date, region).ShouldBe(Euros.FromEuros(c1).Times(new Rate(1.30m)));
    }

    [Fact]
    public void Ile_de_france_ceilings_are_looked_up_by_date_and_name_their_source()
    {
        // 31 December 2024 is in the 2024 period, 1 January 2025 in the next (OpenFisca: 74 662 → 76 504, Paris 81 562 → 83 575).
        P.PlusCeiling(6, new DateOnly(2024, 12, 31), PlusRegion.IleDeFrance).ShouldBe(Euros.FromEuros(74662));
        P.PlusCeiling(6, new DateOnly(2025, 1, 1), PlusRegion.IleDeFrance).ShouldBe(Euros.FromEuros(76504));
        P.PlusCeiling(6, new DateOnly(2024, 12, 31), PlusRegion.ParisAndAdjacent).ShouldBe(Euros.FromEuros(81562));
        P.PlusCeiling(6, new DateOnly(2025, 1, 1), PlusRegion.ParisAndAdjacent).ShouldBe(Euros.FromEuros(83575));

        var idf = P.PlusCeilingsOf(PlusRegion.IleDeFrance).At(new DateOnly(2024, 3, 1));
        (idf.From, idf.Until).ShouldBe((new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)));
        idf.Source.ShouldContain("ile_de_france.yaml");
        idf.Source.ShouldContain("arrêté du 18 décembre 2023");
        P.PlusCeilingsOf(PlusRegion.ParisAndAdjacent).At(new DateOnly(2019, 3, 1)).Source.ShouldContain("paris_communes_limitrophes.yaml");
        P.PlusCeilingsOf(PlusRegion.ParisAndAdjacent).At(new DateOnly(2019, 3, 1)).Source.ShouldContain("arrêté du 28 décembre 2018");

        // The same twelve years as "autres régions", no more: before 2015 and after 2026 is an error, not a fallback.
        foreach (var region in Enum.GetValues<PlusRegion>())
        {
            P.PlusCeilingsOf(region).Values.Select(v => v.From.Year).ShouldBe(Enumerable.Range(2015, 12));
            Should.Throw<ParameterNotCoveredException>(() => P.PlusCeiling(1, new DateOnly(2014, 12, 31), region));
            Should.Throw<ParameterNotCoveredException>(() => P.PlusCeiling(1, new DateOnly(2027, 1, 1), region)).Message.ShouldContain("2026-01-01..2026-12-31");
        }
    }

    // Published PLAI ceilings copied from OpenFisca-France (commit a7038ee4), openfisca_france/parameters/prestations_sociales/
    // aides_logement/logement_social/plai/plafond_ressources/par_categorie_de_menage/categorie_1..6/<zone>.yaml and
    // par_personne_supplementaire/<zone>.yaml (2017-2022); 2023 from weblex.fr, "Plafonds de ressources annuelles pour
    // l'attribution de logements locatifs sociaux – Année 2023" [secondary]. Paris 2022 is left out: OpenFisca's category 2
    // reads 218 805, a typo for 21 805.
    [Theory]
    [InlineData(PlusRegion.IleDeFrance, 2017, 12733, 20756, 24949, 27394, 32432, 36495, 4065)]
    [InlineData(PlusRegion.IleDeFrance, 2020, 13207, 21527, 25876, 28412, 33637, 37850, 4216)]
    [InlineData(PlusRegion.IleDeFrance, 2022, 13378, 21805, 26210, 28779, 34071, 38339, 4270)]
    [InlineData(PlusRegion.IleDeFrance, 2023, 13845, 22567, 27126, 29784, 35261, 39678, 4419)]
    [InlineData(PlusRegion.ParisAndAdjacent, 2017, 12733, 20756, 27207, 29781, 35427, 39868, 4442)]
    [InlineData(PlusRegion.ParisAndAdjacent, 2021, 13268, 21626, 28348, 31029, 36912, 41539, 4628)]
    [InlineData(PlusRegion.ParisAndAdjacent, 2023, 13845, 22567, 29581, 32380, 38518, 43347, 4829)]
    public void Ile_de_france_plai_estimates_are_close_to_the_published_ceilings(PlusRegion region, int year, long c1, long c2, long c3, long c4, long c5, long c6, long extra)
    {
        var date = new DateOnly(year, 6, 1);
        long[] published = [c1, c2, c3, c4, c5, c6, c6 + extra];
        for (var category = 1; category <= 7; category++)
        {
            var estimate = P.PlaiCeilingEstimate(category, date, region).Value;
            Math.Abs(estimate - published[category - 1]).ShouldBeLessThanOrEqualTo(published[category - 1] * 0.002m, $"category {category}");
        }
    }

    [Fact]
    public void Ile_de_france_plai_ratios_are_their_own_category_4_is_0_55_not_0_553()
    {
        // IDF 2022 category 4: PLUS 52 326 € × 0.55 = 28 779.30 → 28 779 €, the published PLAI ceiling (OpenFisca
        // plai/…/categorie_4/ile_de_france.yaml). The "autres régions" ratio 0.553 would give 28 936 €, 0.5 % too high.
        var date = new DateOnly(2022, 6, 1);
        P.PlaiCeilingEstimate(4, date, PlusRegion.IleDeFrance).ShouldBe(Euros.FromEuros(28779));
        P.PlaiRatiosOf(PlusRegion.IleDeFrance).At(date).Value.Category4.ShouldBe(new Rate(0.55m));
        P.PlaiRatiosOf(PlusRegion.ParisAndAdjacent).At(date).Value.Category4.ShouldBe(new Rate(0.55m));
        P.PlaiRatiosOf(PlusRegion.OtherRegions).At(date).Value.Category4.ShouldBe(new Rate(0.553m));
        P.PlaiRatios.ShouldBeSameAs(P.PlaiRatiosOf(PlusRegion.OtherRegions));
        ParameterSet.PlaiEstimate(P.PlusCeilingsOf(PlusRegion.IleDeFrance).At(date).Value, P.PlaiRatios.At(date).Value, 4).ShouldBe(Euros.FromEuros(28936));

        // A parameter set without a region's ratios does not borrow another region's.
        var otherOnly = new ParameterSet(P.UcScale, P.PlusCeilingsByRegion, P.PlsRatio,
            new Dictionary<PlusRegion, DatedParameter<PlaiRatios>> { [PlusRegion.OtherRegions] = P.PlaiRatios }, P.AplRentCeilings, [], "test", []);
        Should.Throw<ParameterNotCoveredException>(() => otherOnly.PlaiCeilingEstimate(4, date, PlusRegion.IleDeFrance)).Message.ShouldContain("ile_de_france");
        otherOnly.PlaiCeilingEstimate(4, date).ShouldBe(P.PlaiCeilingEstimate(4, date));
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
        var rennes = EpciCode.Parse("200000628"); // CC Rhône Lez Provence: an EPCI the quotas do not concern, nothing built in
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
