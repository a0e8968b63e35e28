using CIA.Engine.Domain;
using CIA.Engine.Parameters;
using CIA.Engine.Quartiles;

namespace CIA.Engine.Tests.Quartiles;

/// <summary>The national table of published quartile thresholds (Calculette LEC, 2024–2026), checked against independent figures.</summary>
public class EpciThresholdTableTests
{
    [Fact]
    public void Every_year_2024_to_2026_is_covered_and_every_threshold_is_positive_and_ordered()
    {
        EpciThresholdTable.Years.ShouldBe([2024, 2025, 2026]);
        foreach (var row in EpciThresholdTable.All)
        {
            row.Q1.ShouldBeGreaterThan(Euros.Zero, row.Name);
            (row.Q1 <= row.Q2 && row.Q2 <= row.Q3).ShouldBeTrue(row.Name);
            row.Source.ShouldContain($"quartiles_{row.Year}.json");
            row.Source.ShouldContain("74eaf10");
        }

        EpciThresholdTable.All.Single(r => r.Year == 2026 && r.Name == "Nantes Métropole").Source.ShouldContain("JORFTEXT000054022378");
    }

    [Fact]
    public void Counts_match_the_numbers_of_epcis_concerned()
    {
        // REFERENCE.md §1.1: 464 EPCIs concerned in 2025, 462 in 2026 (426 in 2024). The data files have one row per
        // EPCI and département: 465 / 464 / 462 rows. EPCIs spread over several départements are listed once per
        // département with identical figures; the table merges them, leaving 425 / 425 / 424 EPCIs. So the published
        // counts of 2025/2026 are counts of listings; 2024's 426 (a secondary source) matches neither 465 nor 425.
        int Listings(int year) => EpciThresholdTable.Of(year).Sum(r => r.Departements.Length);
        (Listings(2024), Listings(2025), Listings(2026)).ShouldBe((465, 464, 462));
        (EpciThresholdTable.Of(2024).Count(), EpciThresholdTable.Of(2025).Count(), EpciThresholdTable.Of(2026).Count()).ShouldBe((425, 425, 424));
    }

    [Fact]
    public void The_national_median_of_2026_is_the_published_one()
    {
        // REFERENCE.md §2.2: national median of the Q1 thresholds in 2026 = 10 066.50 € (calculette-lec evolutions.html).
        // 424 EPCIs: the median is the mean of the 212th and 213th values, hence the half euro.
        var q1 = EpciThresholdTable.Of(2026).Select(r => r.Q1.Cents).Order().ToList();
        ((q1[211] + q1[212]) / 2m / 100m).ShouldBe(10066.50m);
    }

    [Theory]
    // 2025 values from the calculette's other data file, assets/data/dataQuartiles_script.js ("Seuil Q1 2025"…),
    // and REFERENCE.md §2.2 (Nantes 2024/2025/2026, Rennes Q1 2024/2025/2026).
    [InlineData("Métropole de Lyon", 2025, 10740, 15472, 20832)]
    [InlineData("Métropole Européenne de Lille", 2025, 9427, 13872, 19200)]
    [InlineData("Bordeaux Métropole", 2025, 11148, 15924, 20880)]
    [InlineData("Toulouse Métropole", 2025, 9763, 13764, 19104)]
    [InlineData("CA du Bassin de Bourg-en-Bresse", 2025, 10896, 14850, 19800)]
    [InlineData("Nantes Métropole", 2024, 10740, 14868, 19545)]
    [InlineData("Nantes Métropole", 2025, 10900, 15138, 19980)]
    [InlineData("Nantes Métropole", 2026, 10745, 14712, 19830)]
    [InlineData("Rennes Métropole", 2024, 8805, 13176, 18432)]
    [InlineData("Rennes Métropole", 2025, 8743, 13255, 18660)]
    [InlineData("Rennes Métropole", 2026, 8768, 13308, 18840)]
    public void A_sample_matches_independent_figures(string name, int year, int q1, int q2, int q3)
    {
        EpciThresholdTable.TryFind(name, year, out var row).ShouldBeTrue();
        row.Q1.ShouldBe(Euros.FromEuros(q1));
        if (!name.StartsWith("Rennes", StringComparison.Ordinal) || year == 2025)
        {
            (row.Q2, row.Q3).ShouldBe((Euros.FromEuros(q2), Euros.FromEuros(q3)));
        }
    }

    [Fact]
    public void Ile_de_france_has_one_regional_quartile_per_year()
    {
        // REFERENCE.md §2.1: in Île-de-France a regional quartile is used; the files give every EPCI/EPT the same figures.
        foreach (var year in new[] { 2024, 2025, 2026 })
        {
            var idf = EpciThresholdTable.Of(year).Where(r => r.InIleDeFrance).ToList();
            idf.Count.ShouldBeGreaterThan(10);
            idf.Select(r => (r.Q1, r.Q2, r.Q3)).Distinct().Count().ShouldBe(1);
        }

        EpciThresholdTable.TryFind("Paris", 2026, out var paris).ShouldBeTrue();
        paris.Q1.ShouldBe(Euros.FromEuros(12083));
    }

    [Fact]
    public void Epcis_are_found_by_siren_or_by_name_without_case_or_accents()
    {
        EpciThresholdTable.TryFind("200093201", 2026, out var bySiren).ShouldBeTrue();
        bySiren.Name.ShouldBe("Métropole Européenne de Lille");
        EpciThresholdTable.TryFind("  METROPOLE europeenne de LILLE ", 2026, out var byName).ShouldBeTrue();
        byName.ShouldBeSameAs(bySiren);
        EpciThresholdTable.TryFind("Métropole de Nulle Part", 2026, out _).ShouldBeFalse();
        EpciThresholdTable.TryFind("Lille", 2023, out _).ShouldBeFalse();
    }

    [Fact]
    public void Mapped_epcis_are_built_in_by_siren_and_the_others_are_listed_in_the_catalogue()
    {
        var p = BuiltInParameters.Create();
        p.QuartilesFor(EpciCode.Parse("200046977"), 2026).Q1.ShouldBe(Euros.FromEuros(10800)); // Métropole de Lyon
        p.QuartilesFor(EpciCode.Parse("243300316"), 2024).Q1.ShouldBe(Euros.FromEuros(10920)); // Bordeaux Métropole
        p.QuartilesFor(EpciCode.Parse("242900314"), 2026).Q1.ShouldBe(Euros.FromEuros(10092)); // Brest Métropole, SIREN from the register

        // CC Rhône Lez Provence (200000628): an EPCI of the register that the quotas do not concern: nothing published.
        var missing = Should.Throw<ParameterNotCoveredException>(() => p.QuartilesFor(EpciCode.Parse("200000628"), 2026));
        missing.Message.ShouldContain("200093201");
        var aurillac = ParameterCatalogue.All(p).Single(e => e.Scope == "Aurillac Agglomération (15 - Cantal)");
        aurillac.Periods.Select(x => x.From.Year).ShouldBe([2024, 2026]);
        aurillac.Periods.ShouldAllBe(x => x.Source.Contains("Calculette LEC"));

        // One entry a SIREN (its names over the years may differ), one a name for the rest.
        var expected = EpciThresholdTable.All.Where(r => r.Siren is not null).Select(r => r.Siren).Distinct().Count()
            + EpciThresholdTable.All.Where(r => r.Siren is null).Select(r => r.Name).Distinct().Count();
        ParameterCatalogue.All(p).Count(e => e.Name.StartsWith("Published quartile", StringComparison.Ordinal)).ShouldBe(expected);
    }

    [Fact]
    public void A_name_given_where_a_siren_is_expected_gets_a_pointed_message()
    {
        EpciThresholdTable.NotASiren("Bordeaux Métropole").ShouldContain("--epci 243300316");
        EpciThresholdTable.NotASiren("Brest Métropole").ShouldContain("--epci 242900314");
        EpciThresholdTable.NotASiren("Est Ensemble").ShouldContain("without a SIREN mapping"); // a territoire of the Grand Paris, not in the EPCI register
        EpciThresholdTable.NotASiren("12").ShouldContain("not an EPCI SIREN");
    }
}
