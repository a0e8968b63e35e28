// A landlord's system asks: is this application a priority household under the CIA, and why?
using CIA.Engine.Classification;
using CIA.Engine.DependencyInjection;
using CIA.Engine.Domain;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using Microsoft.Extensions.DependencyInjection;

// The classifier is immutable and thread-safe: build it once and share it.
var classifier = new HouseholdClassifier(PolicyLoader.LoadDefault(), BuiltInParameters.Create());
var year = classifier.ForYear(2026);

// A pseudonymous application: a parent with two children under 14, 1 300 € a month, DALO-designated.
var application = ApplicationBuilder.Create("DEMO-0001")
    .RegisteredOn(new DateOnly(2024, 3, 1))
    .Adults(1).Children(2)
    .MonthlyResources(1300m).TaxIncome(14000m)
    .Employment(EmploymentStatus.Employed)
    .PrefectoralCriteria(PrefectoralCriteria.Dalo)
    .ReservedBy(Reservataire.Prefecture)
    .DesiredCommunes("44109")
    .Build();

var result = classifier.Classify(application, year);
Console.WriteLine($"{application.Id}: priority {result.IsPriority} ({Tokens<PriorityCriteria>.FormatFlags(result.Criteria)}), quartile {result.Quartile}, ménage cible {result.IsTargetHousehold}");
foreach (var firing in classifier.Explain(application, year))
{
    Console.WriteLine($"  {firing.Rule.Id,-24} {firing.Reason}");
    Console.WriteLine($"  {string.Empty,-24} [{firing.Rule.Reference}]");
}

// The same through dependency injection (the CIA.Engine.DependencyInjection package): what a landlord's service
// injects, and mocks in its own tests.
using var services = new ServiceCollection().AddCiaEngine().BuildServiceProvider();
var injected = services.GetRequiredService<IHouseholdClassifier>();
var viaDi = injected.Classify(application, 2026);
Console.WriteLine($"via AddCiaEngine ({injected.PolicyName}): priority {viaDi.IsPriority} ({Tokens<PriorityCriteria>.FormatFlags(viaDi.Criteria)}), quartile {viaDi.Quartile}");
