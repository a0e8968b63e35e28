using System.Reflection;
using CIA.Engine.Classification;
using CIA.Engine.Parameters;

namespace CIA.Engine.Tests.Package;

/// <summary>
/// What the package shows its users (docs/package.md): classification, explanation, policy, parameters, domain
/// types, reading files, stock, targets, simulation and report entry points; not the generator, the columnar
/// plumbing, the rules' facts structs or rule-set builders. PublicAPI.*.txt pins every member; this guards the kinds.
/// </summary>
public sealed class PublicApiTests
{
    private static readonly Type[] Exported = typeof(HouseholdClassifier).Assembly.GetExportedTypes();

    [Fact]
    public void The_data_generator_and_the_chart_plumbing_are_not_public()
    {
        Exported.ShouldNotContain(t => t.Namespace == "CIA.Engine.Data");
        Exported.ShouldNotContain(t => t.Namespace == "CIA.Engine.Reporting.Charts");
        Exported.ShouldNotContain(t => t.Namespace == "CIA.Engine.IO.Csv");
    }

    [Fact]
    public void Rule_facts_structs_and_rule_set_builders_are_not_public()
    {
        Exported.ShouldNotContain(t => t.Name.EndsWith("Facts", StringComparison.Ordinal));
        Exported.ShouldNotContain(t => t.Name.StartsWith("RuleSetBuilder", StringComparison.Ordinal) || t.Name.StartsWith("RuleBuilder", StringComparison.Ordinal));
        Exported.ShouldNotContain(t => t.Name.EndsWith("Rules", StringComparison.Ordinal) && t.IsAbstract && t.IsSealed); // static rule-set factories
    }

    [Fact]
    public void Columnar_tables_show_only_the_tables_themselves()
    {
        var tables = Exported.Where(t => t.Namespace == "CIA.Engine.Tables").Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();
        tables.ShouldNotContain("IdColumn");
        tables.ShouldNotContain("CommuneIndex");
        tables.ShouldNotContain("TextIndex");
        tables.ShouldNotContain("DemandRow");
        tables.ShouldNotContain("StockRow");
        tables.ShouldNotContain("IDemandVisitor");
        tables.ShouldNotContain("IStockVisitor");
    }

    [Fact]
    public void What_a_landlords_system_needs_is_public()
    {
        var names = Exported.Select(t => t.FullName).ToHashSet(StringComparer.Ordinal);
        foreach (var name in new[]
        {
            "CIA.Engine.Classification.HouseholdClassifier", "CIA.Engine.Classification.HouseholdClassification",
            "CIA.Engine.Classification.ClassificationYear", "CIA.Engine.Rules.RuleFiring", "CIA.Engine.Policy.PolicyLoader",
            "CIA.Engine.Policy.CiaPolicy", "CIA.Engine.Parameters.BuiltInParameters", "CIA.Engine.Parameters.ParameterSet",
            "CIA.Engine.Domain.Application", "CIA.Engine.Domain.ApplicationBuilder", "CIA.Engine.Quartiles.QuartileCalculator",
            "CIA.Engine.Stock.DwellingClassifier", "CIA.Engine.IO.DemandCsv", "CIA.Engine.IO.StockCsv",
            "CIA.Engine.IO.Json.DomainJsonConverters", "CIA.Engine.Simulation.Simulator", "CIA.Engine.Reporting.ReportComposer",
        })
        {
            names.ShouldContain(name);
        }
    }

    [Fact]
    public void The_version_year_is_the_vintage_of_the_built_in_legal_figures()
    {
        var assembly = typeof(HouseholdClassifier).Assembly;
        var vintage = int.Parse(
            assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LegalFiguresVintage").Value!,
            System.Globalization.CultureInfo.InvariantCulture);
        assembly.GetName().Version!.Major.ShouldBe(vintage);

        // Independent route: the newest year the built-in figures cover for Nantes Métropole is the vintage.
        var parameters = BuiltInParameters.Create();
        parameters.QuartilesFor(BuiltInParameters.NantesMetropole, vintage).Year.ShouldBe(vintage);
        Should.Throw<ParameterNotCoveredException>(() => parameters.QuartilesFor(BuiltInParameters.NantesMetropole, vintage + 1));
    }
}

/// <summary>The package README's JSON example, as written there.</summary>
public sealed class PackageReadmeJsonTests
{
    [Fact]
    public void An_application_built_with_the_builder_serialises_with_the_domain_converters()
    {
        var application = CIA.Engine.Domain.ApplicationBuilder.Create("DEMO-0001")
            .RegisteredOn(new DateOnly(2024, 3, 1))
            .Adults(1).Children(2)
            .MonthlyResources(1300m).TaxIncome(14000m)
            .PrefectoralCriteria(CIA.Engine.Domain.PrefectoralCriteria.Dalo)
            .ReservedBy(CIA.Engine.Domain.Reservataire.Prefecture)
            .DesiredCommunes("44109")
            .Build();
        var options = CIA.Engine.IO.Json.DomainJsonConverters.AddTo(new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        var json = System.Text.Json.JsonSerializer.Serialize(application, options);
        json.ShouldContain("\"id\":\"DEMO-0001\"");
        json.ShouldContain("\"monthlyResources\":1300");
        json.ShouldContain("\"desiredCommunes\":[\"44109\"]");
        json.ShouldContain("\"dalo\"");
    }
}
