using System.Text.Json;
using CIA.Cli;

namespace CIA.Cli.Tests;

/// <summary>The figures a run used are stated, and yearly figures can come from files.</summary>
public class CliFiguresTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => Cli.Run(args);

    private static string Sample(string name) => Path.Combine("samples", "data", name);

    private static string TempFile(string name, string text)
    {
        var folder = Directory.CreateTempSubdirectory("cia-figures-").FullName;
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Classify_json_states_the_policy_period_thresholds_and_ceilings_it_used()
    {
        var (code, output, _) = Run("classify", "--demand", Sample("demand-sample.csv"), "--year", "2025", "--format", "json");
        code.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("policy_period").GetProperty("from").GetInt32().ShouldBe(2017);
        root.GetProperty("policy_period").GetProperty("covers_year").GetBoolean().ShouldBeFalse();
        root.GetProperty("thresholds").GetProperty("source").GetString()!.ShouldContain("quartiles_2025");
        var plus = root.GetProperty("plus_ceilings");
        (plus.GetProperty("region").GetString(), plus.GetProperty("from").GetString(), plus.GetProperty("until").GetString()).ShouldBe(("other_regions", "2025-01-01", "2025-12-31"));
        plus.GetProperty("source").GetString()!.ShouldContain("arrêté du 23/12/2024");
    }

    [Fact]
    public void A_year_outside_the_policy_period_gets_a_note_and_a_year_no_calendar_has_an_error()
    {
        Run("classify", "--demand", Sample("demand-sample.csv"), "--year", "2025").Err.ShouldContain("adopted for 2017–2022; it is applied here to 2025");
        var (code, _, error) = Run("classify", "--demand", Sample("demand-sample.csv"), "--year", "99999");
        code.ShouldNotBe(0);
        error.ShouldContain("1900 to 2199");
    }

    [Fact]
    public void Explain_with_csv_is_refused_rather_than_ignored()
    {
        var (code, _, error) = Run("classify", "--demand", Sample("demand-sample.csv"), "--explain");
        code.ShouldNotBe(0);
        error.ShouldContain("--format json");
    }

    [Fact]
    public void Plus_ceilings_from_a_file_make_a_later_year_usable()
    {
        // 2027: no published Nantes thresholds and no built-in PLUS ceilings. With thresholds and ceilings given as files
        // (test values), the sample classifies. D0002 (alone, employed, tax 15 000 €) is a ménage cible when 60 % of the
        // category-1 ceiling is below 15 000: with a 2027 ceiling of 24 000 €, 14 400 < 15 000 → true.
        var thresholds = TempFile("t.csv", "epci;year;q1;q2;q3;source\n244400404;2027;11000;15000;20000;test values\n");
        var ceilings = TempFile("plus.csv", "region;from;until;category_1;category_2;category_3;category_4;category_5;category_6;per_additional_person;source\n"
            + "other_regions;2027-01-01;2027-12-31;24000;32000;38500;46500;54700;61600;6870;test values\n");
        Run("classify", "--demand", Sample("demand-sample.csv"), "--year", "2027", "--thresholds", thresholds).Err.ShouldContain("PLUS ceilings (autres régions)");
        var (code, output, error) = Run("classify", "--demand", Sample("demand-sample.csv"), "--year", "2027", "--thresholds", thresholds, "--plus-ceilings", ceilings);
        code.ShouldBe(0, error);
        output.Split('\n').Single(l => l.StartsWith("D0002;", StringComparison.Ordinal)).Split(';')[6].ShouldBe("true");
    }

    [Fact]
    public void Capacity_states_the_apl_ceilings_it_used_and_takes_them_from_a_file()
    {
        var (code, output, _) = Run("capacity", "--stock", Sample("stock-sample.csv"), "--programmes", Sample("programmes-sample.csv"), "--format", "json");
        code.ShouldBe(0);
        using (var json = JsonDocument.Parse(output))
        {
            json.RootElement.GetProperty("reference_date").GetString().ShouldBe("2016-01-01");
            var zones = json.RootElement.GetProperty("apl_ceilings").EnumerateArray().Select(z => (z.GetProperty("zone").GetInt32(), z.GetProperty("from").GetString())).ToList();
            zones.ShouldBe([(2, "2015-10-01"), (3, "2015-10-01")]);
        }

        // Zone 2 ceilings of 2016 replaced by a file (test values: one dependant 381.53 € instead of 351.53 €, so T3 381.53,
        // T4 432.69, T6 535.01). Built in, the sample has 3 accessible (L01, L07, L10) + 3 potentially (L02, L06, L08).
        // Now accessible: L01, L02 (381.53), L07, L08 (T4, 420 ≤ 432.69), L10 (500 ≤ 535.01) = 5; potentially: L03
        // (381.54 ≤ 411.53) and L06 (Brains, zone 3, unchanged) = 2; L09 (T5, 600 > 483.85 + 30) stays out.
        var apl = TempFile("apl.csv", "zone;from;until;person_alone;couple;one_dependant;per_extra_dependant;source\n2;2015-10-01;2016-09-30;255.23;312.40;381.53;51.16;test values\n");
        var (code2, output2, error2) = Run("capacity", "--stock", Sample("stock-sample.csv"), "--programmes", Sample("programmes-sample.csv"), "--apl-ceilings", apl, "--format", "json");
        code2.ShouldBe(0, error2);
        using var json2 = JsonDocument.Parse(output2);
        json2.RootElement.GetProperty("accessible").GetInt32().ShouldBe(5);
        json2.RootElement.GetProperty("potentially_accessible").GetInt32().ShouldBe(2);
        json2.RootElement.GetProperty("apl_ceilings")[0].GetProperty("source").GetString().ShouldBe("test values");
    }
}
