using System.Collections.Immutable;
using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;

namespace CIA.Engine.Tests;

/// <summary>Builds applications for tests: one household, every field defaulted to "nothing special".</summary>
internal static class A
{
    public static Application Household(
        int persons14Plus = 1,
        int childrenUnder14 = 0,
        decimal monthly = 1000m,
        decimal taxIncome = 10000m,
        EmploymentStatus employment = EmploymentStatus.Employed,
        bool disabled = false,
        int? dependants = null,
        bool youngCouple = false,
        bool isMutation = false,
        MutationReason mutationReason = MutationReason.None,
        UrbanRenewal urbanRenewal = UrbanRenewal.None,
        PrefectoralCriteria prefectoral = PrefectoralCriteria.None,
        Reservataire reservedBy = Reservataire.None,
        string id = "T0001") =>
        new(new DemandId(id), new DateOnly(2024, 1, 1),
            new CIA.Engine.Domain.Household(persons14Plus, childrenUnder14, dependants ?? childrenUnder14, youngCouple, disabled),
            Euros.FromEuros(monthly), Euros.FromEuros(taxIncome), employment, isMutation, mutationReason, urbanRenewal, prefectoral, reservedBy,
            ImmutableArray<CommuneCode>.Empty);
}

/// <summary>A classifier fixture on the default policy, to test one rule at a time (NRules' RulesTestFixture, in small).</summary>
internal sealed class ClassifierFixture
{
    public ClassifierFixture(CiaPolicy? policy = null)
    {
        Classifier = new HouseholdClassifier(policy ?? PolicyLoader.LoadDefault(), BuiltInParameters.Create());
    }

    public HouseholdClassifier Classifier { get; }

    public (HouseholdClassification Result, IReadOnlyList<string> Fired, IReadOnlyList<string> Reasons) Run(Application a, int year)
    {
        var y = Classifier.ForYear(year);
        var result = Classifier.Classify(a, y);
        var firings = Classifier.Explain(a, y);
        return (result, firings.Select(f => f.Rule.Id).ToList(), firings.Select(f => f.Reason).ToList());
    }
}
