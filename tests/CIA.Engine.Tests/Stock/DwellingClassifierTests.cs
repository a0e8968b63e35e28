using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Stock;

namespace CIA.Engine.Tests.Stock;

/// <summary>The per-dwelling classifier: ceilings at a date, income ceilings by financing, and one path for records and tables.</summary>
public class DwellingClassifierTests
{
    private static readonly CiaPolicy Policy = PolicyLoader.LoadDefault();
    private static readonly ParameterSet P = BuiltInParameters.Create();
    private static readonly DwellingClassifier Classifier = new(Policy, P, FragilityAssessment.None);

    private static Dwelling D(decimal rent, int rooms = 3, string commune = "44109", string? qpv = null, Financing financing = Financing.Plus, string programme = "P") =>
        new(new DwellingId("X"), CommuneCode.Parse(commune), qpv is null ? null : new QpvCode(qpv), rooms, null, Euros.FromEuros(rent), financing, Reservataire.Landlord,
            new ProgrammeId(programme), new LandlordId("B"));

    private static DwellingClassification At(Dwelling d, DateOnly date, DwellingClassifier? classifier = null)
    {
        var c = classifier ?? Classifier;
        var input = c.Input(d);
        return c.Classify(in input, c.At(date));
    }

    [Fact]
    public void Apl_ceilings_in_force_at_the_date_are_used_they_change_on_1_october()
    {
        // T3 zone 2 → couple + 1 dependant: 395.77 € until 2025-09-30, 399.89 € from 2025-10-01. Rent 397 €:
        // potentially accessible (≤ 395.77 + 30) on 30 September, accessible the next day.
        var sept = At(D(397m), new DateOnly(2025, 9, 30));
        (sept.Accessible, sept.PotentiallyAccessible).ShouldBe((false, true));
        var oct = At(D(397m), new DateOnly(2025, 10, 1));
        (oct.Accessible, oct.PotentiallyAccessible).ShouldBe((true, false));
        var input = Classifier.Input(D(397m));
        Classifier.Explain(in input, Classifier.At(new DateOnly(2025, 10, 1))).Single(f => f.Rule.Id == "STOCK-ACCESSIBLE").Reason
            .ShouldBe("rent 397 € ≤ APL ceiling 399.89 € (zone 2, T3 → couple + 1 dependant, ceilings in force from 2025-10-01)");
    }

    [Fact]
    public void A_date_without_apl_ceilings_is_a_clear_error()
    {
        // Zone 2 ceilings are built in from 2014-10-01.
        Should.Throw<ParameterNotCoveredException>(() => At(D(300m), new DateOnly(2014, 9, 30))).Message.ShouldContain("2014-09-30");
    }

    [Theory] // the income ceiling of the dwelling's financing, category 3, on 2025-06-01: PLUS 2025 category 3 = 37 259 €
    [InlineData(Financing.Plus, 3725900)]
    [InlineData(Financing.PreReform, 3725900)] // HLM/O conventionné: PLUS ceilings
    [InlineData(Financing.Other, 3725900)]
    [InlineData(Financing.Pls, 4843670)]       // 130 % × 37 259 = 48 436.70
    public void Income_ceiling_of_the_financing(Financing financing, long cents) =>
        Classifier.At(new DateOnly(2025, 6, 1)).IncomeCeiling(financing, 3, PlusRegion.OtherRegions).ShouldBe(new Euros(cents));

    [Fact]
    public void Plai_ceilings_are_estimated_where_their_ratios_are_known_and_refused_elsewhere()
    {
        // 2023: PLUS category 4 = 42 417 € × 0.553 = 23 456.60 → 23 457 €, the published PLAI ceiling of 2023.
        Classifier.At(new DateOnly(2023, 6, 1)).IncomeCeiling(Financing.Plai, 4, PlusRegion.OtherRegions).ShouldBe(Euros.FromEuros(23457));
        Should.Throw<ParameterNotCoveredException>(() => Classifier.At(new DateOnly(2025, 6, 1)).IncomeCeiling(Financing.Plai, 4, PlusRegion.OtherRegions));
        Classifier.At(new DateOnly(2025, 6, 1)).IncomeCeiling(Financing.Pli, 4, PlusRegion.OtherRegions).ShouldBeNull(); // PLI ceilings are not built in
    }

    [Fact]
    public void Ile_de_france_income_ceilings_are_those_of_the_dwelling_s_zone()
    {
        // OpenFisca plu/…/categorie_3/ile_de_france.yaml and paris_communes_limitrophes.yaml, 2025: 47 944 € and 52 284 €.
        var at = Classifier.At(new DateOnly(2025, 6, 1));
        at.IncomeCeiling(Financing.Plus, 3, PlusRegion.IleDeFrance).ShouldBe(Euros.FromEuros(47944));
        at.IncomeCeiling(Financing.Plus, 3, PlusRegion.ParisAndAdjacent).ShouldBe(Euros.FromEuros(52284));
        at.IncomeCeiling(Financing.Pls, 3, PlusRegion.ParisAndAdjacent).ShouldBe(Euros.FromEuros(67969.20m)); // 130 % × 52 284

        // PLAI with the zone's own ratios: IDF 2022 category 4, PLUS 52 326 € × 0.55 = 28 779 €, the published figure
        // (OpenFisca plai/…/categorie_4/ile_de_france.yaml); the "autres régions" 0.553 would give 28 936 €.
        Classifier.At(new DateOnly(2022, 6, 1)).IncomeCeiling(Financing.Plai, 4, PlusRegion.IleDeFrance).ShouldBe(Euros.FromEuros(28779));
        Should.Throw<ParameterNotCoveredException>(() => Classifier.At(new DateOnly(2027, 6, 1)).IncomeCeiling(Financing.Plus, 1, PlusRegion.IleDeFrance))
            .Message.ShouldContain("PLUS ceilings (Île-de-France hors Paris et communes limitrophes)");
    }

    [Theory]
    [InlineData("75056", PlusRegion.ParisAndAdjacent)] // Paris
    [InlineData("75101", PlusRegion.ParisAndAdjacent)] // its arrondissements, as RPLS codes them
    [InlineData("75120", PlusRegion.ParisAndAdjacent)]
    [InlineData("75121", PlusRegion.IleDeFrance)]      // not an arrondissement
    [InlineData("92012", PlusRegion.ParisAndAdjacent)] // Boulogne-Billancourt, missing from OpenFisca's codes
    [InlineData("93001", PlusRegion.ParisAndAdjacent)] // Aubervilliers
    [InlineData("93006", PlusRegion.ParisAndAdjacent)] // Bagnolet
    [InlineData("94080", PlusRegion.ParisAndAdjacent)] // Vincennes
    [InlineData("93008", PlusRegion.IleDeFrance)]      // Bobigny (OpenFisca's own test: ile_de_france)
    [InlineData("92002", PlusRegion.IleDeFrance)]      // Antony
    [InlineData("94081", PlusRegion.IleDeFrance)]      // Vitry-sur-Seine
    [InlineData("77288", PlusRegion.IleDeFrance)]      // Melun
    [InlineData("95127", PlusRegion.IleDeFrance)]      // Cergy
    [InlineData("44109", PlusRegion.OtherRegions)]     // Nantes
    [InlineData("13055", PlusRegion.OtherRegions)]     // Marseille
    [InlineData("2A004", PlusRegion.OtherRegions)]     // Ajaccio
    public void The_zone_of_a_dwelling_follows_its_commune_whatever_the_policy_says(string commune, PlusRegion expected)
    {
        var code = CommuneCode.Parse(commune);
        Classifier.RegionOf(code).ShouldBe(expected);
        PlusRegions.Of(code).ShouldBe(expected);
        foreach (var region in Enum.GetValues<PlusRegion>())
        {
            new DwellingClassifier(Policy with { PlusRegion = region }, P, FragilityAssessment.None).RegionOf(code).ShouldBe(expected);
        }
    }

    [Fact]
    public void Paris_has_29_adjacent_communes()
    {
        var adjacent = PlusRegions.AdjacentToParis;
        adjacent.Length.ShouldBe(29);
        adjacent.Select(c => c.Code).Distinct().Count().ShouldBe(29);
        adjacent.GroupBy(c => c.Code.Value[..2]).ToDictionary(g => g.Key, g => g.Count()).ShouldBe(new Dictionary<string, int> { ["92"] = 11, ["93"] = 8, ["94"] = 10 });
        adjacent.ShouldContain((CommuneCode.Parse("92012"), "Boulogne-Billancourt"));
        adjacent.ShouldContain((CommuneCode.Parse("93001"), "Aubervilliers"));
        adjacent.ShouldAllBe(c => PlusRegions.Of(c.Code) == PlusRegion.ParisAndAdjacent);
        PlusRegions.ParisAndAdjacentSource.ShouldContain("paris_communes_limitrophes");
    }

    [Fact]
    public void Rebalancing_stock_is_outside_qpv_non_fragile_and_within_reach_of_apl()
    {
        var fragile = new FragilityAssessment(null, new Dictionary<ProgrammeId, FragilityStatus> { [new("F")] = FragilityStatus.Fragile, [new("N")] = FragilityStatus.NonFragile });
        var c = new DwellingClassifier(Policy, P, fragile);
        var date = Policy.Stock.ReferenceDate;
        At(D(300m, programme: "N"), date, c).InRebalancingStock.ShouldBeTrue();
        At(D(300m, programme: "F"), date, c).ShouldSatisfyAllConditions(x => x.CountsFragile.ShouldBeTrue(), x => x.InRebalancingStock.ShouldBeFalse());
        At(D(300m, qpv: "NMQ01", programme: "N"), date, c).ShouldSatisfyAllConditions(x => x.InQpv.ShouldBeTrue(), x => x.NonFragileOutsideQpv.ShouldBeFalse());
        At(D(500m, programme: "N"), date, c).ShouldSatisfyAllConditions(x => x.NonFragileOutsideQpv.ShouldBeTrue(), x => x.InRebalancingStock.ShouldBeFalse());

        // Programmes not assessed count as non-fragile by default, as fragile when the policy says so.
        At(D(300m, programme: "unknown"), date, c).CountsFragile.ShouldBeFalse();
        var strict = new DwellingClassifier(Policy with { Stock = Policy.Stock with { Fragility = Policy.Stock.Fragility with { NotAssessedAreFragile = true } } }, P, fragile);
        At(D(300m, programme: "unknown"), date, strict).CountsFragile.ShouldBeTrue();
    }

    [Fact]
    public void Records_and_table_rows_classify_the_same()
    {
        var text = File.ReadAllText(Path.Combine("TestData", "stock-sample.csv"));
        var programmes = ProgrammeCsv.ReadFile(Path.Combine("TestData", "programmes-sample.csv"));
        var c = new DwellingClassifier(Policy, P, FragilityRules.Assess(programmes, Policy.Stock.Fragility));
        var table = StockCsv.ReadTable(new StringReader(text), "stock.csv");
        var records = StockCsv.Read(new StringReader(text), "stock.csv");
        var inputs = c.Inputs(table);
        var at = c.At(new DateOnly(2025, 10, 1));
        for (var row = 0; row < table.Count; row++)
        {
            var fromRecord = c.Input(records[row]);
            var fromTable = inputs.Of(row);
            fromTable.ShouldBe(fromRecord);
            c.Classify(in fromTable, at).ShouldBe(c.Classify(in fromRecord, at));
        }
    }

    [Fact]
    public void A_date_resolved_by_another_classifier_is_refused()
    {
        var other = new DwellingClassifier(Policy, P, FragilityAssessment.None);
        var input = Classifier.Input(D(300m));
        Should.Throw<ArgumentException>(() => Classifier.Classify(in input, other.At(new DateOnly(2025, 1, 1))));
    }

    [Fact]
    public void Unknown_communes_are_all_listed()
    {
        var table = StockCsv.ReadTable(new StringReader("dwelling_id;DEPCOM;QPV;NBPIECE;LOYERPRINC;FINAN;CONTINGENT;programme_id;landlord_id\n"
            + "X1;35238;;3;300;PLUS;7;P;B\nX2;44109;;3;300;PLUS;7;P;B\nX3;69123;;3;300;PLUS;7;P;B\n"), "stock.csv");
        var e = Should.Throw<ParameterNotCoveredException>(() => Classifier.Inputs(table));
        e.Message.ShouldContain("2 commune(s)");
        e.Message.ShouldContain("35238, 69123");
    }
}
