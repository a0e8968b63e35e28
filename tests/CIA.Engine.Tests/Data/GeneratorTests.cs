using CIA.Engine.Data;
using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Stock;

namespace CIA.Engine.Tests.Data;

public class GeneratorTests
{
    private static (string Stock, string Programmes, string Demand, string Communes) Generate(ulong seed, DataScale scale)
    {
        using StringWriter stock = new(), programmes = new(), demand = new(), communes = new();
        new DataGenerator(PolicyLoader.LoadDefault(), BuiltInParameters.Create()).Generate(seed, scale, new DataWriters(stock, programmes, demand, communes));
        return (stock.ToString(), programmes.ToString(), demand.ToString(), communes.ToString());
    }

    [Fact]
    public void Same_seed_gives_byte_identical_files()
    {
        var a = Generate(7, DataScale.Nantes);
        var b = Generate(7, DataScale.Nantes);
        a.Stock.ShouldBe(b.Stock);
        a.Programmes.ShouldBe(b.Programmes);
        a.Demand.ShouldBe(b.Demand);
        a.Communes.ShouldBe(b.Communes);
    }

    [Fact]
    public void Another_seed_gives_other_files_of_the_same_shape()
    {
        var a = Generate(1, DataScale.Nantes);
        var b = Generate(2, DataScale.Nantes);
        a.Stock.ShouldNotBe(b.Stock);
        a.Demand.ShouldNotBe(b.Demand);
        a.Communes.ShouldBe(b.Communes); // the territory itself does not depend on the seed
        Lines(a.Stock).ShouldBe(Lines(b.Stock)); // 63 650 dwellings whatever the seed
        Lines(a.Demand).ShouldBe(Lines(b.Demand));
    }

    [Fact]
    public void A_national_style_set_is_deterministic_and_loads_through_the_readers()
    {
        var a = Generate(3, DataScale.OfDwellings(40_000));
        var b = Generate(3, DataScale.OfDwellings(40_000));
        a.ShouldBe(b);

        var stock = StockCsv.Read(new StringReader(a.Stock), "stock.csv");
        var programmes = ProgrammeCsv.Read(new StringReader(a.Programmes), "programmes.csv");
        var demand = DemandCsv.Read(new StringReader(a.Demand), "demand.csv");
        var communes = CommuneCsv.Read(new StringReader(a.Communes), "communes.csv");
        stock.Length.ShouldBe(40_000);
        demand.Length.ShouldBe(TerritoryProfiles.National(40_000).Sum(t => t.Applications));
        communes.Select(c => c.Epci).Distinct().Count().ShouldBeGreaterThan(1);
        stock.Select(d => d.Commune).Distinct().ShouldAllBe(c => communes.Any(x => x.Commune.Code == c));
        programmes.Sum(p => p.Dwellings).ShouldBe(40_000);

        // Synthetic communes are outside the built-in zoning: the communes file supplies it.
        var parameters = BuiltInParameters.Create().WithAplZones(communes.Select(c => KeyValuePair.Create(c.Commune.Code, c.Commune.Zone)), "communes.csv");
        var report = CapacityCalculator.FromStock(stock, programmes, PolicyLoader.LoadDefault(), parameters, "stock.csv");
        report.Dwellings.ShouldBe(40_000);
        report.Mobilisable.ShouldBeGreaterThan(0);
        Should.Throw<ParameterNotCoveredException>(() => CapacityCalculator.FromStock(stock, programmes, PolicyLoader.LoadDefault(), BuiltInParameters.Create(), "stock.csv"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(40_000)]
    public void Every_mutation_applicant_and_only_they_live_in_a_distinct_dwelling_of_their_territory(int? dwellings)
    {
        var files = Generate(11, dwellings is { } n ? DataScale.OfDwellings(n) : DataScale.Nantes);
        var stock = StockCsv.ReadTable(new StringReader(files.Stock), "stock.csv");
        var demand = DemandCsv.ReadTable(new StringReader(files.Demand), "demand.csv");
        var epciOf = CommuneCsv.Read(new StringReader(files.Communes), "communes.csv").ToDictionary(c => c.Commune.Code.Value, c => c.Epci);
        var homes = demand.CurrentDwellingRows(stock);
        var mutations = 0;
        for (var row = 0; row < demand.Count; row++)
        {
            var mutation = demand.Household(row).IsMutation;
            demand.TryCurrentDwelling(row, out _).ShouldBe(mutation, demand.Ids[row]);
            if (mutation)
            {
                mutations++;
                homes[row].ShouldBeGreaterThanOrEqualTo(0, $"{demand.Ids[row]} lives in {demand.CurrentDwellingIdOf(row)}, which the stock does not hold");
                var territory = epciOf[stock.Communes[stock.CommuneOf(homes[row])].Value];
                foreach (var c in demand.DesiredCommunes(row))
                {
                    epciOf[demand.Communes[c].Value].ShouldBe(territory); // the applicant asks for communes of the territory they live in
                }
            }
            else
            {
                homes[row].ShouldBe(-1);
            }
        }

        mutations.ShouldBeGreaterThan(demand.Count / 4); // about 32 % of applications are mutations
        demand.CurrentDwellingCount.ShouldBe(mutations);
        homes.Where(h => h >= 0).Distinct().Count().ShouldBe(mutations); // no dwelling twice
    }

    [Fact]
    public void Every_dwelling_has_a_year_first_let_consistent_with_its_financing_and_the_stock_date()
    {
        // The stock is as on 1 January 2026 (the default policy's year): first let up to 2025. Pre-1977 financing
        // (HLMO) means first let before 1977; the rest from 1977. New stock for 2026 (first let 2022 onwards) should be a
        // few per cent, as new social dwellings are some 1.5 % of the stock a year nationally.
        var stock = StockCsv.ReadTable(new StringReader(Generate(3, DataScale.Nantes).Stock), "stock.csv");
        var recent = 0;
        for (var row = 0; row < stock.Count; row++)
        {
            var year = stock.FirstLetYearOf(row) ?? throw new ShouldAssertException($"{stock.Ids[row]} has no LOCAT");
            year.ShouldBeLessThanOrEqualTo(2025);
            if (stock.FinancingOf(row) == Financing.PreReform)
            {
                year.ShouldBeInRange(1950, 1976);
            }
            else
            {
                year.ShouldBeGreaterThanOrEqualTo(1977);
            }

            recent += year >= 2022 ? 1 : 0;
        }

        ((double)recent / stock.Count).ShouldBeInRange(0.02, 0.12);
    }

    [Fact]
    public void National_sets_hold_the_asked_number_of_dwellings_and_start_with_nantes_when_large_enough()
    {
        TerritoryProfiles.National(40_000).Sum(t => t.Dwellings).ShouldBe(40_000);
        TerritoryProfiles.National(40_000).ShouldNotContain(TerritoryProfiles.NantesMetropole);

        var large = TerritoryProfiles.National(1_000_000).ToList();
        large[0].ShouldBe(TerritoryProfiles.NantesMetropole);
        large.Sum(t => t.Dwellings).ShouldBe(1_000_000);
        large.Count.ShouldBe(1 + 231); // 1 250 × 1 M / 5.4 M = 231.5 → 231 synthetic EPCIs, plus Nantes Métropole
        var codes = large.SelectMany(t => t.Communes.Select(c => c.Commune.Code)).ToList();
        codes.Distinct().Count().ShouldBe(codes.Count);
        large.Select(t => t.Epci.Code).Distinct().Count().ShouldBe(large.Count);
    }

    [Fact]
    public void National_scale_is_france_sized()
    {
        var national = TerritoryProfiles.National(TerritoryProfiles.NationalDwellings).ToList();
        national.Count.ShouldBe(1 + 1_250);
        national.Sum(t => t.Dwellings).ShouldBe(5_400_000);
        national.Sum(t => t.Applications).ShouldBeInRange(2_590_000, 2_610_000);
    }

    [Fact]
    public void Split_keeps_the_exact_total_and_the_proportions()
    {
        TerritoryProfiles.Split(10, [1, 1, 1]).ShouldBe([4, 3, 3]);
        TerritoryProfiles.Split(100, [3, 1]).ShouldBe([75, 25]);
        TerritoryProfiles.Split(7, [0.5, 0.25, 0.25]).Sum().ShouldBe(7);
    }

    [Theory]
    [InlineData("nantes", null)]
    [InlineData("NATIONAL", 5_400_000)]
    [InlineData("250000", 250_000)]
    public void Scales_parse(string text, int? dwellings)
    {
        DataScale.TryParse(text, out var scale).ShouldBeTrue();
        scale.TargetDwellings.ShouldBe(dwellings);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("paris")]
    public void Bad_scales_are_refused(string text) => DataScale.TryParse(text, out _).ShouldBeFalse();

    private static int Lines(string text) => text.Count(c => c == '\n');
}
