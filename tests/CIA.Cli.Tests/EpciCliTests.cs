namespace CIA.Cli.Tests;

/// <summary><c>cia classify --epci</c>: another EPCI's published thresholds instead of the policy's.</summary>
public class EpciCliTests
{
    private static string Sample(string name) => Path.Combine("samples", "data", name);

    private static string Quartile(string output, string id) =>
        output.TrimEnd('\n').Split('\n').Single(r => r.StartsWith(id + ";", StringComparison.Ordinal)).Split(';')[3];

    [Fact]
    public void Classify_under_lille_uses_lilles_2026_thresholds()
    {
        // Sample demand: D0001 declares 10 434.78 € per UC, D0002 14 400 € per UC (CliTests works them out).
        // Nantes 2026: Q1 10 745, Q2 14 712 → D0001 in Q1, D0002 in Q2.
        // Métropole Européenne de Lille 2026: Q1 9 456, Q2 13 935, Q3 19 380 → D0001 in Q2, D0002 in Q3.
        var nantes = Cli.Run("classify", "--demand", Sample("demand-sample.csv"), "--year", "2026");
        var lille = Cli.Run("classify", "--demand", Sample("demand-sample.csv"), "--year", "2026", "--epci", "200093201");
        (nantes.Code, lille.Code).ShouldBe((0, 0));
        (Quartile(nantes.Out, "D0001"), Quartile(nantes.Out, "D0002")).ShouldBe(("1", "2"));
        (Quartile(lille.Out, "D0001"), Quartile(lille.Out, "D0002")).ShouldBe(("2", "3"));
    }

    [Fact]
    public void An_epci_name_is_a_usage_error_and_an_unknown_siren_an_input_error()
    {
        var named = Cli.Run("classify", "--demand", Sample("demand-sample.csv"), "--epci", "Bordeaux Métropole");
        named.Code.ShouldBe(2); // --epci takes a SIREN: a name is a value the option does not take
        named.Out.ShouldBeEmpty();
        named.Err.ShouldContain("--epci 243300316");

        var unknown = Cli.Run("classify", "--demand", Sample("demand-sample.csv"), "--year", "2026", "--epci", "200000628");
        unknown.Code.ShouldBe(1);
        unknown.Out.ShouldBeEmpty();
        unknown.Err.ShouldContain("No published quartile thresholds for EPCI 200000628 in 2026");
    }

    [Fact]
    public void Quartile_shows_the_published_thresholds_of_the_epci_asked()
    {
        // Métropole de Lyon 2026 (quartiles_2026.json): Q1 10 800, Q2 15 600, Q3 21 083.
        var (code, output, _) = Cli.Run("quartile", "--demand", Sample("demand-sample.csv"), "--year", "2026", "--epci", "200046977", "--format", "json");
        code.ShouldBe(0);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var published = json.RootElement.GetProperty("published");
        (published.GetProperty("q1").GetDecimal(), published.GetProperty("q2").GetDecimal(), published.GetProperty("q3").GetDecimal()).ShouldBe((10800m, 15600m, 21083m));
        Cli.Run("quartile", "--demand", Sample("demand-sample.csv"), "--year", "2026", "--epci", "Lyon").Code.ShouldBe(2);
    }

    private static string TempFile(string folder, string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string DemandHeader = "application_id,registered_on,persons_14_plus,children_under_14,monthly_resources,tax_income,employment,disabled_member,is_mutation,mutation_reason,urban_renewal,prefectoral_criteria,reserved_by,desired_communes\n";

    [Fact]
    public void The_epci_comes_from_the_communes_asked_for_and_its_thresholds_from_its_name()
    {
        // Aurillac Agglomération has no SIREN in the national table for 2026 (the register names it otherwise): the
        // communes file gives its SIREN (241500230) and its name. Aurillac 2026 (quartiles_2026.json): Q1 9 105, Q2 13 123.
        // Persons alone (1 UC): 758 €/month → 9 096 ≤ 9 105, first quartile; 759 €/month → 9 108, second. Under Nantes
        // (Q1 10 745) both would be first.
        var folder = Directory.CreateTempSubdirectory("cia-epci-").FullName;
        try
        {
            var communes = TempFile(folder, "communes.csv", "commune;name;epci;epci_name;apl_zone\n15014;Aurillac;241500230;Aurillac Agglomération;3\n59350;Lille;200093201;Métropole Européenne de Lille;2\n");
            var aurillac = TempFile(folder, "aurillac.csv", DemandHeader + "X1,2024-01-09,1,0,758.00,9000,employed,false,false,,,,,15014\nX2,2024-01-09,1,0,759.00,9000,employed,false,false,,,,,15014\n");
            var (code, output, error) = Cli.Run("classify", "--demand", aurillac, "--year", "2026", "--communes", communes);
            code.ShouldBe(0, error);
            error.ShouldContain("EPCI 241500230");
            (Quartile(output, "X1"), Quartile(output, "X2")).ShouldBe(("1", "2"));

            // Communes of two EPCIs in one demand: an input error naming both.
            var mixed = TempFile(folder, "mixed.csv", DemandHeader + "X1,2024-01-09,1,0,758.00,9000,employed,false,false,,,,,15014\nX2,2024-01-09,1,0,842.00,9000,employed,false,false,,,,,59350\n");
            var both = Cli.Run("classify", "--demand", mixed, "--year", "2026", "--communes", communes);
            both.Code.ShouldBe(1);
            both.Out.ShouldBeEmpty();
            both.Err.ShouldContain("200093201 (59350)");
            both.Err.ShouldContain("241500230 (15014)");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
