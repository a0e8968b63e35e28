using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;

namespace CIA.Engine.Tests.Quartiles;

/// <summary>Households classified under three EPCIs other than Nantes Métropole, against their published 2026 Q1 thresholds.</summary>
public class OtherEpciClassificationTests
{
    private static readonly CiaPolicy Default = PolicyLoader.LoadDefault();
    private static readonly ParameterSet P = BuiltInParameters.Create();

    private static int Quartile(string siren, Application household)
    {
        var classifier = new HouseholdClassifier(Default with { Epci = EpciCode.Parse(siren) }, P);
        return classifier.Classify(household, classifier.ForYear(2026)).Quartile;
    }

    [Fact]
    public void Lille_person_alone_around_9456()
    {
        // Métropole Européenne de Lille 2026: Q1 9 456, Q2 13 935. A person alone is 1 UC: resources per UC = 12 × monthly.
        // 787 € → 9 444 ≤ 9 456: first quartile. 789 € → 9 468 > 9 456: second. (In Nantes, Q1 10 745, both are first.)
        Quartile("200093201", A.Household(persons14Plus: 1, monthly: 787m)).ShouldBe(1);
        Quartile("200093201", A.Household(persons14Plus: 1, monthly: 789m)).ShouldBe(2);
        Quartile("244400404", A.Household(persons14Plus: 1, monthly: 789m)).ShouldBe(1);
    }

    [Fact]
    public void Lyon_couple_around_10800()
    {
        // Métropole de Lyon 2026: Q1 10 800. A couple is 1 + 0.5 = 1.5 UC: resources per UC = 12 × monthly ÷ 1.5 = 8 × monthly.
        // 1 349 € → 10 792 ≤ 10 800: first. 1 350 € → exactly 10 800: first under the inclusive default (≤).
        // 1 351 € → 10 808: second.
        Quartile("200046977", A.Household(persons14Plus: 2, monthly: 1349m)).ShouldBe(1);
        Quartile("200046977", A.Household(persons14Plus: 2, monthly: 1350m)).ShouldBe(1);
        Quartile("200046977", A.Household(persons14Plus: 2, monthly: 1351m)).ShouldBe(2);
    }

    [Fact]
    public void Bordeaux_couple_with_a_young_child_around_11100()
    {
        // Bordeaux Métropole 2026: Q1 11 100. Couple + child under 14 = 1 + 0.5 + 0.3 = 1.8 UC.
        // 1 664 € → 19 968 ÷ 1.8 = 11 093.33 ≤ 11 100: first. 1 666 € → 19 992 ÷ 1.8 = 11 106.67: second.
        Quartile("243300316", A.Household(persons14Plus: 2, childrenUnder14: 1, monthly: 1664m)).ShouldBe(1);
        Quartile("243300316", A.Household(persons14Plus: 2, childrenUnder14: 1, monthly: 1666m)).ShouldBe(2);
    }

    [Fact]
    public void An_epci_without_built_in_thresholds_is_a_clear_error()
    {
        var classifier = new HouseholdClassifier(Default with { Epci = EpciCode.Parse("200000628") }, P); // CC Rhône Lez Provence: not concerned
        Should.Throw<ParameterNotCoveredException>(() => classifier.ForYear(2026)).Message.ShouldContain("No published quartile thresholds for EPCI 200000628 in 2026");
    }
}
