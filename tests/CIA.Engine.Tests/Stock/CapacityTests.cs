using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Stock;

namespace CIA.Engine.Tests.Stock;

public class CapacityTests
{
    private static readonly CiaPolicy Policy = PolicyLoader.LoadDefault();
    private static readonly ParameterSet P = BuiltInParameters.Create();

    [Fact]
    public void The_cia_figures_give_1241_mobilisable_dwellings()
    {
        // CIA Annexe 1: (7 487 + 3 405) × 11.4 % = 1 241.688 → 1 241.
        var r = CapacityCalculator.FromDiagnosis(Policy);
        r.RebalancingStock.ShouldBe(10892);
        r.Mobilisable.ShouldBe(1241);
        r.Explanation.Single().Reason.ShouldContain("1241.69, rounded down → 1241");
    }

    private static Dwelling D(decimal rent, int rooms = 3, string commune = "44109", string? qpv = null, string programme = "P") =>
        new(new DwellingId("X"), CommuneCode.Parse(commune), qpv is null ? null : new QpvCode(qpv), rooms, null, Euros.FromEuros(rent), Financing.Plus, Reservataire.Landlord, new ProgrammeId(programme), new LandlordId("B"));

    private static readonly DwellingClassifier Classifier = new(Policy, P, FragilityAssessment.None);

    private static DwellingFacts Facts(Dwelling d)
    {
        var input = Classifier.Input(d);
        return Classifier.Facts(in input, Classifier.At(Policy.Stock.ReferenceDate));
    }

    private static DwellingClassification Classify(Dwelling d)
    {
        var input = Classifier.Input(d);
        return Classifier.Classify(in input, Classifier.At(Policy.Stock.ReferenceDate));
    }

    [Theory] // T3 → couple + 1 dependant; zone 2 ceiling on 2016-01-01 = 351.53 €; margin 30 €
    [InlineData(351.53, true, false)]  // at the ceiling: accessible
    [InlineData(351.54, false, true)]
    [InlineData(381.53, false, true)]  // ceiling + 30 €: potentially accessible
    [InlineData(381.54, false, false)] // beyond
    public void Apl_accessibility_boundaries(decimal rent, bool accessible, bool potentially)
    {
        Facts(D(rent)).AplCeiling.ShouldBe(Euros.FromEuros(351.53m));
        var c = Classify(D(rent));
        c.Accessible.ShouldBe(accessible);
        c.PotentiallyAccessible.ShouldBe(potentially);
    }

    [Fact]
    public void Zone_3_communes_use_the_zone_3_ceiling()
    {
        var f = Facts(D(340m, commune: "44024")); // Brains, zone 3: T3 ceiling 325.15 €
        f.Input.Zone.ShouldBe(AplZone.Zone3);
        f.AplCeiling.ShouldBe(Euros.FromEuros(325.15m));
        Classify(D(340m, commune: "44024")).PotentiallyAccessible.ShouldBeTrue();
    }

    [Theory] // typology → assumed household → ceiling (zone 2, 2015-10 values)
    [InlineData(1, 255.23)]
    [InlineData(2, 312.40)]
    [InlineData(4, 402.69)] // 351.53 + 51.16
    [InlineData(7, 505.01)] // largest listed size (T6, couple + 4) covers bigger dwellings
    public void Ceiling_by_dwelling_size(int rooms, decimal ceiling) => Facts(D(100m, rooms)).AplCeiling.ShouldBe(Euros.FromEuros(ceiling));

    [Fact]
    public void Fragility_by_decile_over_assessed_programmes()
    {
        var options = Policy.Stock.Fragility; // > 30 dwellings, D8, either indicator
        ProgrammeOccupancy O(string id, int dwellings, decimal u20, decimal u40) => new(new ProgrammeId(id), dwellings, dwellings, new Rate(u20), new Rate(u40), null);
        var programmes = new[]
        {
            O("A", 40, 0.05m, 0.20m), O("B", 50, 0.30m, 0.50m), O("C", 35, 0.10m, 0.60m), O("D", 31, 0.08m, 0.25m), O("E", 30, 0.90m, 0.95m),
        };

        // Assessed: A, B, C, D (E has 30 dwellings: "plus de 30" excludes it). D8 of 4 values = the 4th (⌈0.8 × 4⌉ = 4).
        var assessment = FragilityRules.Assess(programmes, options);
        assessment.Cutoffs!.ProgrammesAssessed.ShouldBe(4);
        assessment.Cutoffs.Under20.ShouldBe(new Rate(0.30m));
        assessment.Cutoffs.Under40.ShouldBe(new Rate(0.60m));
        assessment.StatusOf(new ProgrammeId("A")).ShouldBe(FragilityStatus.NonFragile);
        assessment.StatusOf(new ProgrammeId("B")).ShouldBe(FragilityStatus.Fragile); // under-20 at the cut-off
        assessment.StatusOf(new ProgrammeId("C")).ShouldBe(FragilityStatus.Fragile); // under-40 at the cut-off
        assessment.StatusOf(new ProgrammeId("E")).ShouldBe(FragilityStatus.NotAssessed);
        assessment.StatusOf(new ProgrammeId("unknown")).ShouldBe(FragilityStatus.NotAssessed);

        var both = FragilityRules.Assess(programmes, options with { Combination = FragilityCombination.All });
        both.StatusOf(new ProgrammeId("B")).ShouldBe(FragilityStatus.NonFragile);
    }

    [Fact]
    public void Sample_stock_worked_by_hand()
    {
        // samples/data: P2 is fragile (both indicators at D8 of the 4 assessed programmes); P4 (20 dwellings) not assessed.
        // Rebalancing stock: accessible L01 (at ceiling), L07 (T1 at 255.23), L10 (T6, 500 ≤ 505.01);
        // potentially accessible L02 (ceiling + 30), L06 (Brains zone 3: 340 ≤ 325.15 + 30), L08 (T4: 420 ≤ 432.69).
        // L03 is 1 cent too dear, L04 in fragile P2, L05 in QPV, L09 beyond. (3 + 3) × 11.4 % = 0.684 → 0.
        var dwellings = StockCsv.ReadFile(Path.Combine("TestData", "stock-sample.csv"));
        var programmes = ProgrammeCsv.ReadFile(Path.Combine("TestData", "programmes-sample.csv"));
        var r = CapacityCalculator.FromStock(dwellings, programmes, Policy, P, "sample");
        r.Dwellings.ShouldBe(10);
        r.OutsideQpv.ShouldBe(9);
        r.NonFragileOutsideQpv.ShouldBe(8);
        r.Accessible.ShouldBe(3);
        r.PotentiallyAccessible.ShouldBe(3);
        r.Mobilisable.ShouldBe(0);
    }

    [Fact]
    public void A_commune_outside_the_zoning_table_is_a_clear_error() =>
        Should.Throw<ParameterNotCoveredException>(() => Facts(D(300m, commune: "75056"))).Message.ShouldContain("75056");
}
