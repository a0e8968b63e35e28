using System.Text.Json;
using Sylvan.Data.Csv;

namespace CIA.Cli.Tests;

/// <summary><c>cia parameters</c>: every dated legal figure with its period and source, as text, CSV and JSON.</summary>
public class ParametersCliTests
{
    [Fact]
    public void Text_lists_an_epci_by_siren_and_name_with_each_period_and_its_source()
    {
        // Nantes Métropole's published first-quartile thresholds (REFERENCE.md §2.2): 10 740 (2024), 10 900 (2025), 10 745 (2026).
        var (code, output, error) = Cli.Run("parameters", "--name", "nantes");
        code.ShouldBe(0, error);
        output.ShouldContain("244400404 (Nantes Métropole)");
        output.ShouldContain("2024-01-01 – 2024-12-31  {\"q1\":10740,");
        output.ShouldContain("2025-01-01 – 2025-12-31  {\"q1\":10900,");
        output.ShouldContain("2026-01-01 – 2026-12-31  {\"q1\":10745,");
        output.ShouldContain("source: arrêté fixant le seuil de ressources des demandeurs du premier quartile");
        output.ShouldContain("1 figure(s), 3 period(s).");
    }

    [Fact]
    public void Json_and_csv_hold_the_same_periods_each_with_a_source()
    {
        var json = Cli.Run("parameters", "--format", "json");
        json.Code.ShouldBe(0);
        using var document = JsonDocument.Parse(json.Out);
        var periods = document.RootElement.EnumerateArray().SelectMany(e => e.GetProperty("periods").EnumerateArray()).ToList();
        periods.Count.ShouldBeGreaterThan(1000); // PLUS ceilings, APL tables, ~430 EPCIs × up to 3 years
        periods.ShouldAllBe(p => !string.IsNullOrWhiteSpace(p.GetProperty("source").GetString()));

        // The CSV read back with a real CSV reader (quoted JSON values, ';' inside sources): one row per period.
        var csv = Cli.Run("parameters", "--format", "csv");
        csv.Code.ShouldBe(0);
        using var reader = CsvDataReader.Create(new StringReader(csv.Out), new CsvDataReaderOptions { Delimiter = ';' });
        reader.GetName(5).ShouldBe("value");
        var rows = 0;
        var lyon2026 = string.Empty;
        while (reader.Read())
        {
            rows++;
            reader.GetString(6).ShouldNotBeNullOrWhiteSpace();
            if (reader.GetString(1) == "200046977" && reader.GetString(3) == "2026-01-01")
            {
                reader.GetString(2).ShouldBe("Métropole de Lyon");
                lyon2026 = reader.GetString(5);
            }
        }

        rows.ShouldBe(periods.Count);
        JsonDocument.Parse(lyon2026).RootElement.GetProperty("q1").GetDecimal().ShouldBe(10800m); // quartiles_2026.json
    }

    [Fact]
    public void A_filter_that_matches_nothing_says_so()
    {
        var (code, output, error) = Cli.Run("parameters", "--name", "no such figure");
        code.ShouldBe(0);
        output.ShouldContain("0 figure(s)");
        error.ShouldContain("no figure's name or scope contains 'no such figure'");
    }
}
