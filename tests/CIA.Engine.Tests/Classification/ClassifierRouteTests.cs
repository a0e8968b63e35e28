using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;

namespace CIA.Engine.Tests.Classification;

/// <summary>One route for the policy, the year's figures resolved as the policy says, and the préfet's label.</summary>
public class ClassifierRouteTests
{
    private static readonly CiaPolicy Default = PolicyLoader.LoadDefault();
    private static readonly ParameterSet P = BuiltInParameters.Create();

    // A couple (1.5 UC) declaring 1 362.50 € a month: 16 350 € a year ÷ 1.5 = 10 900 € per UC, exactly Nantes' 2025 Q1.
    private static readonly Application AtQ1 = A.Household(persons14Plus: 2, monthly: 1362.50m);

    [Fact]
    public void A_year_resolved_by_another_classifier_is_refused()
    {
        var inclusive = new HouseholdClassifier(Default, P);
        var exclusive = new HouseholdClassifier(Default with { Quartiles = Default.Quartiles with { Boundary = QuartileBoundary.Exclusive } }, P);
        var year = inclusive.ForYear(2025);
        Should.Throw<ArgumentException>(() => exclusive.Classify(AtQ1, year)).Message.ShouldContain("another classifier");
        Should.Throw<ArgumentException>(() => exclusive.Explain(AtQ1, year));
        var facts = inclusive.Facts(HouseholdInput.Of(AtQ1), year);
        Should.Throw<ArgumentException>(() => exclusive.Classify(in facts));
    }

    [Fact]
    public void Each_classifier_reads_its_own_policy_boundary()
    {
        // Exactly at Q1: inside the first quartile under the inclusive default (≤), in the second under exclusive (<).
        var inclusive = new HouseholdClassifier(Default, P);
        var exclusive = new HouseholdClassifier(Default with { Quartiles = Default.Quartiles with { Boundary = QuartileBoundary.Exclusive } }, P);
        inclusive.Classify(AtQ1, inclusive.ForYear(2025)).Quartile.ShouldBe(1);
        exclusive.Classify(AtQ1, exclusive.ForYear(2025)).Quartile.ShouldBe(2);
        exclusive.Explain(AtQ1, exclusive.ForYear(2025)).Single(f => f.Rule.Id == "HH-QUARTILE-2").Reason.ShouldStartWith("Q1 10 900 € ≤ resources per UC 10 900 € < Q2");
    }

    [Fact]
    public void A_computed_threshold_policy_needs_the_demand_and_computes_from_it()
    {
        var computed = new HouseholdClassifier(Default with { Quartiles = Default.Quartiles with { Thresholds = ThresholdSource.Computed } }, P);
        Should.Throw<InvalidOperationException>(() => computed.ForYear(2025)).Message.ShouldContain("ForYear(year, demand)");

        // Four persons alone declaring 1 000, 2 000, 3 000 and 4 000 € a month: 12 000 … 48 000 € per UC.
        // Type-1 quantiles of 4 values: Q1 = r(⌈0.25·4⌉ = 1) = 12 000, Q2 = r(2) = 24 000, Q3 = r(3) = 36 000.
        var demand = DemandCsv.ReadTable(new StringReader(Header + "A1;2024-01-01;1;0;1000;10000;employed;false;false;;;;;\n"
            + "A2;2024-01-01;1;0;2000;10000;employed;false;false;;;;;\nA3;2024-01-01;1;0;3000;10000;employed;false;false;;;;;\n"
            + "A4;2024-01-01;1;0;4000;10000;employed;false;false;;;;;\n"), "demand.csv");
        var year = computed.ForYear(2025, demand);
        (year.Q1, year.Q2, year.Q3).ShouldBe((Euros.FromEuros(12000), Euros.FromEuros(24000), Euros.FromEuros(36000)));
        year.ThresholdSource.ShouldContain("computed from 4 applications");

        // Published policies ignore the demand: Nantes 2025, Q1 10 900.
        new HouseholdClassifier(Default, P).ForYear(2025, demand).Q1.ShouldBe(Euros.FromEuros(10900));
    }

    [Fact]
    public void Computed_thresholds_from_an_empty_demand_are_a_clear_error()
    {
        var computed = new HouseholdClassifier(Default with { Quartiles = Default.Quartiles with { Thresholds = ThresholdSource.Computed } }, P);
        var empty = DemandCsv.ReadTable(new StringReader(Header), "empty.csv");
        Should.Throw<ParameterNotCoveredException>(() => computed.ForYear(2025, empty)).Message.ShouldContain("no application");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1899)]
    [InlineData(2200)]
    [InlineData(99999)]
    public void Years_no_calendar_the_engine_knows_are_refused(int year) =>
        Should.Throw<ParameterNotCoveredException>(() => new HouseholdClassifier(Default, P).ForYear(year)).Message.ShouldContain("1900 to 2199");

    [Fact]
    public void An_application_labelled_in_the_prefect_contingent_meets_criterion_1_by_itself()
    {
        // 3 000 € a month alone: 36 000 € per UC, quartile 4 — no other criterion can hold.
        var labelled = A.Household(monthly: 3000m, reservedBy: Reservataire.Prefecture);
        var f = new ClassifierFixture();
        var (result, fired, _) = f.Run(labelled, 2025);
        result.Criteria.ShouldBe(PriorityCriteria.Prefectoral);
        fired.ShouldContain("PRIO-1-PREFECT-LABEL");

        var off = new ClassifierFixture(Default with { Priority = Default.Priority with { PrefectoralLabel = false } });
        off.Run(labelled, 2025).Result.IsPriority.ShouldBeFalse();

        // The State agents' share of the contingent is not a priority label.
        f.Run(A.Household(monthly: 3000m, reservedBy: Reservataire.StateAgents), 2025).Result.IsPriority.ShouldBeFalse();
    }

    [Fact]
    public void An_epci_in_ile_de_france_does_not_silently_get_other_regions_ceilings()
    {
        var epci = EpciCode.Parse("200054781");
        var parameters = P.WithCommunes([(CommuneCode.Parse("75056"), AplZone.Zone1, epci), (CommuneCode.Parse("92012"), AplZone.Zone1, epci)], "test communes")
            .WithQuartileThresholds([new QuartileThresholds(epci, 2025, Euros.FromEuros(9000), Euros.FromEuros(15000), Euros.FromEuros(21000), "test")]);
        var policy = Default with { Epci = epci };
        var refused = Should.Throw<ParameterNotCoveredException>(() => new HouseholdClassifier(policy, parameters)).Message;
        refused.ShouldContain("Île-de-France");
        refused.ShouldContain("paris_and_adjacent: its communes in Île-de-France are Paris or adjacent to it"); // 75056 and 92012

        // The zone said, its built-in ceilings are used: OpenFisca plu/par_categorie_de_menage/categorie_1/ile_de_france.yaml, 2025: 26 687 €.
        var idf = new HouseholdClassifier(policy with { PlusRegion = PlusRegion.IleDeFrance }, parameters);
        idf.ForYear(2025).Plus.Value.Category1.ShouldBe(Euros.FromEuros(26687));
        new HouseholdClassifier(policy with { PlusRegion = PlusRegion.ParisAndAdjacent }, parameters).ForYear(2025).Plus.Value.Category3.ShouldBe(Euros.FromEuros(52284));

        // Ceilings loaded from a file (test values, not the published ones) take precedence for the period they cover:
        // category 1 at 30 000 €, so a ménage cible needs a tax income above 60 % × 30 000 = 18 000 €.
        var ceilings = PlusCeilingCsv.Read(new StringReader(
            "region;from;until;category_1;category_2;category_3;category_4;category_5;category_6;per_additional_person;source\n" +
            "ile_de_france;2025-01-01;2025-12-31;30000;40000;48000;57000;68000;76000;8500;test values\n"), "plus.csv");
        var loaded = new HouseholdClassifier(policy with { PlusRegion = PlusRegion.IleDeFrance }, PlusCeilingCsv.Apply(parameters, ceilings));
        var year = loaded.ForYear(2025);
        year.Plus.Value.Category1.ShouldBe(Euros.FromEuros(30000));
        loaded.Classify(A.Household(monthly: 2500m, taxIncome: 18000m), year).IsTargetHousehold.ShouldBeFalse(); // not above 18 000
        loaded.Classify(A.Household(monthly: 2500m, taxIncome: 18000.01m), year).IsTargetHousehold.ShouldBeTrue();
        loaded.Parameters.PlusCeiling(1, new DateOnly(2024, 6, 1), PlusRegion.IleDeFrance).ShouldBe(Euros.FromEuros(26044)); // the built-in 2024 stays
    }

    [Fact]
    public void The_refusal_names_the_zone_of_the_epci_s_communes()
    {
        var epci = EpciCode.Parse("200057875"); // test EPCI: Montreuil (adjacent to Paris) and Bobigny (not)
        var mixed = P.WithCommunes([(CommuneCode.Parse("93048"), AplZone.Zone1, epci), (CommuneCode.Parse("93008"), AplZone.Zone1, epci)], "test communes");
        Should.Throw<ParameterNotCoveredException>(() => new HouseholdClassifier(Default with { Epci = epci }, mixed))
            .Message.ShouldContain("ile_de_france or paris_and_adjacent: 1 of its 2 communes in Île-de-France are Paris or adjacent to it");
        var outer = P.WithCommunes([(CommuneCode.Parse("93008"), AplZone.Zone1, epci)], "test communes");
        Should.Throw<ParameterNotCoveredException>(() => new HouseholdClassifier(Default with { Epci = epci }, outer))
            .Message.ShouldContain("ile_de_france: none of its communes is Paris or adjacent to it");
    }

    internal const string Header = "application_id;registered_on;persons_14_plus;children_under_14;monthly_resources;tax_income;employment;disabled_member;is_mutation;mutation_reason;urban_renewal;prefectoral_criteria;reserved_by;desired_communes\n";
}
