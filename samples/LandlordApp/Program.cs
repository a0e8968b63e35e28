// A landlord's system asks: is this application a priority household under the CIA, and why?
using System.Collections.Immutable;
using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;

var classifier = new HouseholdClassifier(PolicyLoader.LoadDefault(), BuiltInParameters.Create());
var year = classifier.ForYear(2026);

// A pseudonymous application: a parent with two children under 14, 1 300 € a month, DALO-designated.
var application = new Application(
    new DemandId("DEMO-0001"),
    new DateOnly(2024, 3, 1),
    new Household(Persons14Plus: 1, ChildrenUnder14: 2, Dependants: 2, YoungCouple: false, DisabledMember: false),
    MonthlyResources: Euros.FromEuros(1300m),
    TaxIncome: Euros.FromEuros(14000m),
    EmploymentStatus.Employed,
    IsMutation: false,
    MutationReason.None,
    UrbanRenewal.None,
    PrefectoralCriteria.Dalo,
    ReservedBy: Reservataire.Prefecture,
    DesiredCommunes: [CommuneCode.Parse("44109")]);

var result = classifier.Classify(application, year);
Console.WriteLine($"{application.Id}: priority {result.IsPriority} ({Tokens<PriorityCriteria>.FormatFlags(result.Criteria)}), quartile {result.Quartile}, ménage cible {result.IsTargetHousehold}");
foreach (var firing in classifier.Explain(application, year))
{
    Console.WriteLine($"  {firing.Rule.Id,-24} {firing.Reason}");
    Console.WriteLine($"  {string.Empty,-24} [{firing.Rule.Reference}]");
}
