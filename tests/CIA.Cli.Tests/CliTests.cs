using System.Text.Json;
using CIA.Cli;

namespace CIA.Cli.Tests;

public class CliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => Cli.Run(args);

    private static string Sample(string name) => Path.Combine("samples", "data", name); // the repository's own paths: samples/data/…

    [Fact]
    public void Capacity_with_no_file_prints_the_cias_1241()
    {
        var (code, output, _) = Run("capacity", "--format", "json");
        code.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("mobilisable").GetInt32().ShouldBe(1241);
        json.RootElement.GetProperty("accessible").GetInt32().ShouldBe(7487);
        json.RootElement.GetProperty("potentially_accessible").GetInt32().ShouldBe(3405);
        output.ShouldContain("\"mobilisable\": 1241");
    }

    [Fact]
    public void Capacity_from_the_sample_stock()
    {
        var (code, output, _) = Run("capacity", "--stock", Sample("stock-sample.csv"), "--programmes", Sample("programmes-sample.csv"), "--format", "json");
        code.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("accessible").GetInt32().ShouldBe(3);
        json.RootElement.GetProperty("potentially_accessible").GetInt32().ShouldBe(3);
        json.RootElement.GetProperty("non_fragile_outside_qpv").GetInt32().ShouldBe(8);
    }

    [Fact]
    public void Classify_the_sample_demand_worked_by_hand()
    {
        // 2026: Q1 10 745, Q2 14 712, Q3 19 830; 60 % of PLUS 2026: cat 1 14 041.80, cat 2 18 752.40, cat 3 22 550.40, cat 5 32 025.60.
        var (code, output, error) = Run("classify", "--demand", Sample("demand-sample.csv"), "--year", "2026");
        error.ShouldBe("note: the policy 'Nantes Métropole CIA 2016-2017 + LEC targets' was adopted for 2017–2022; it is applied here to 2026, with 2026's thresholds and ceilings.\n"); // the policy's time frame is stated
        code.ShouldBe(0);
        var rows = output.TrimEnd('\n').Split('\n');
        rows[0].ShouldBe("application_id;uc;resources_per_uc;quartile;priority;priority_criteria;target_household;plus_category;fired_rules");
        rows.Length.ShouldBe(9);
        string Row(string id) => rows.Single(r => r.StartsWith(id + ";", StringComparison.Ordinal));
        Row("D0001").ShouldStartWith("D0001;2.3;10434.78;1;true;first_quartile;false;4;");          // 24 000 / 2.3
        Row("D0002").ShouldStartWith("D0002;1.0;14400.00;2;false;;true;1;");                       // 15 000 > 14 041.80
        Row("D0003").ShouldStartWith("D0003;1.6;6750.00;1;true;prefectoral;false;4;");             // DALO; contingenté, so not criterion 4
        Row("D0004").ShouldStartWith("D0004;2.4;17500.00;3;true;mutation;true;5;");                // 40 000 > 32 025.60
        Row("D0005").ShouldStartWith("D0005;1.5;24000.00;4;false;;true;2;");                       // retired, 34 000 > 18 752.40
        Row("D0006").ShouldStartWith("D0006;1.0;13200.00;2;true;urban_renewal;false;1;");          // unemployed: not a ménage cible
        Row("D0007").ShouldStartWith("D0007;1.5;17600.00;3;false;;false;3;");                      // disabled: cat 3, 20 000 < 22 550.40
        Row("D0008").ShouldStartWith("D0008;1.0;21600.00;4;false;;true;1;");                       // mutation for "other": not priority
        Row("D0003").ShouldEndWith(";HH-UC|HH-QUARTILE-1|HH-PLUS-CATEGORY|PRIO-1-DALO|PRIO-1-PREFECT-LABEL"); // DALO, and labelled by the préfet's contingent
    }

    [Fact]
    public void Classify_json_with_explanations_is_deterministic()
    {
        var first = Run("classify", "--demand", Sample("demand-sample.csv"), "--year", "2025", "--format", "json", "--explain");
        var second = Run("classify", "--demand", Sample("demand-sample.csv"), "--year", "2025", "--format", "json", "--explain");
        first.Code.ShouldBe(0);
        first.Out.ShouldBe(second.Out);
        using var json = JsonDocument.Parse(first.Out);
        json.RootElement.GetProperty("thresholds").GetProperty("q1").GetDecimal().ShouldBe(10900m);
        var d1 = json.RootElement.GetProperty("applications")[0];
        d1.GetProperty("priority_criteria")[0].GetString().ShouldBe("first_quartile");
        d1.GetProperty("explanation").EnumerateArray().Select(e => e.GetProperty("rule").GetString()).ShouldContain("PRIO-4-FIRST-QUARTILE");
    }

    [Fact]
    public void Classify_writes_atomically_to_a_file()
    {
        var target = Path.Combine(Path.GetTempPath(), $"cia-classify-{Environment.ProcessId}.csv");
        try
        {
            Run("classify", "--demand", Sample("demand-sample.csv"), "--out", target).Code.ShouldBe(0);
            File.ReadAllLines(target).Length.ShouldBe(9);
            File.Exists(target + ".partial").ShouldBeFalse();
        }
        finally
        {
            File.Delete(target);
        }
    }

    [Fact]
    public void Malformed_demand_lists_every_problem_and_exits_non_zero()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cia-bad-{Environment.ProcessId}.csv");
        File.WriteAllText(file,
            "application_id,registered_on,persons_14_plus,children_under_14,monthly_resources,tax_income,employment,disabled_member,is_mutation,mutation_reason,urban_renewal,prefectoral_criteria,reserved_by,desired_communes\n" +
            "X1,2024-02-30,1,0,1000,10000,employed,false,false,,,,,44109\n" +
            "X2,2024-01-01,0,0,-1,10000,employed,false,false,,,,,44109\n");
        try
        {
            var (code, output, error) = Run("classify", "--demand", file);
            code.ShouldNotBe(0);
            output.ShouldBeEmpty();
            error.ShouldContain("3 problem(s)");
            error.ShouldContain(":2:2: column 'registered_on'");
            error.ShouldContain(":3:3: column 'persons_14_plus'");
            error.ShouldContain(":3:5: column 'monthly_resources'");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_bad_policy_exits_non_zero_with_every_problem()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cia-policy-{Environment.ProcessId}.yaml");
        File.WriteAllText(file, CIA.Engine.Policy.PolicyLoader.DefaultYaml().Replace("rotation_rate: 0.114", "rotation_rate: 2", StringComparison.Ordinal).Replace("decile: 8", "decile: 0", StringComparison.Ordinal));
        try
        {
            var (code, _, error) = Run("capacity", "--policy", file);
            code.ShouldNotBe(0);
            error.ShouldContain("2 problem(s)");
            error.ShouldContain("stock.rotation_rate");
            error.ShouldContain("stock.fragility.decile");
            Run("policy", "--check", file).Code.ShouldNotBe(0);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_year_without_thresholds_is_a_clear_error()
    {
        var (code, _, error) = Run("classify", "--demand", Sample("demand-sample.csv"), "--year", "2019");
        code.ShouldNotBe(0);
        error.ShouldContain("No published quartile thresholds for EPCI 244400404 in 2019");
    }

    [Fact]
    public void Quartile_computes_thresholds_from_the_demand()
    {
        // Sample resources per UC sorted: 6 750, 10 434.78, 13 200, 14 400, 17 500, 17 600, 21 600, 24 000.
        // n = 8: Q1 = 2nd, Q2 = 4th, Q3 = 6th.
        var (code, output, _) = Run("quartile", "--demand", Sample("demand-sample.csv"), "--format", "json");
        code.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("q1").GetDecimal().ShouldBe(10434.78m);
        json.RootElement.GetProperty("q2").GetDecimal().ShouldBe(14400m);
        json.RootElement.GetProperty("q3").GetDecimal().ShouldBe(17600m);
    }

    [Fact]
    public void Rules_lists_ids_titles_and_references()
    {
        var (code, output, _) = Run("rules", "--format", "json");
        code.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        var rules = json.RootElement.EnumerateArray().ToList();
        rules.Select(r => r.GetProperty("id").GetString()).ShouldContain("PRIO-1-DALO");
        rules.Select(r => r.GetProperty("id").GetString()).ShouldContain("CAP-MOBILISABLE");
        rules.ShouldAllBe(r => r.GetProperty("reference").GetString()!.Length > 0);
        Run("rules").Out.ShouldContain("TARGET-HOUSEHOLD");
    }

    [Fact]
    public void Missing_required_option_is_a_usage_error() => Run("generate").Code.ShouldNotBe(0); // --out is required

    [Fact]
    public void The_readmes_first_command_classifies_the_built_in_data_set()
    {
        var (code, output, error) = Run("classify", "--summary");
        code.ShouldBe(0);
        output.ShouldStartWith("28 441 applications classified for 2026");
        output.ShouldContain("priority households");
        error.ShouldContain("built-in Nantes Métropole data set");
    }

    [Fact]
    public void Classify_without_a_demand_file_writes_a_row_per_built_in_application()
    {
        var (code, output, _) = Run("classify");
        code.ShouldBe(0);
        output.Count(c => c == '\n').ShouldBe(1 + 28_441);
    }

    [Fact]
    public void Summary_counts_agree_with_the_rows()
    {
        var rows = Run("classify", "--demand", Sample("demand-sample.csv"), "--year", "2026").Out.TrimEnd('\n').Split('\n').Skip(1).ToList();
        var (code, output, _) = Run("classify", "--demand", Sample("demand-sample.csv"), "--year", "2026", "--summary", "--format", "json");
        code.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("applications").GetInt32().ShouldBe(8);
        json.RootElement.GetProperty("priority").GetInt32().ShouldBe(rows.Count(r => r.Split(';')[4] == "true"));
        json.RootElement.GetProperty("quartiles").GetProperty("1").GetInt32().ShouldBe(rows.Count(r => r.Split(';')[3] == "1"));
        json.RootElement.GetProperty("target_households").GetInt32().ShouldBe(rows.Count(r => r.Split(';')[6] == "true"));
    }

    [Fact]
    public void Capacity_from_the_built_in_stock_is_near_the_cias_figures()
    {
        var (code, output, _) = Run("capacity", "--builtin-stock", "--format", "json");
        code.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("basis").GetString().ShouldBe("stock");
        json.RootElement.GetProperty("mobilisable").GetInt32().ShouldBeInRange(1_204, 1_278); // 1 241 ± 3 %
    }

    [Fact]
    public void Builtin_stock_cannot_be_mixed_with_a_stock_file()
    {
        var (code, _, error) = Run("capacity", "--builtin-stock", "--stock", Sample("stock-sample.csv"));
        code.ShouldNotBe(0);
        error.ShouldContain("--builtin-stock");
    }

    [Fact]
    public void Generate_writes_four_complete_files_that_the_other_commands_read()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cia-generate-" + Environment.ProcessId + "-" + Environment.CurrentManagedThreadId);
        try
        {
            var (code, output, error) = Run("generate", "--out", dir, "--scale", "30000", "--seed", "5");
            error.ShouldBeEmpty();
            code.ShouldBe(0);
            output.ShouldContain("30 000 dwellings");
            Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(["communes.csv", "demand.csv", "programmes.csv", "stock.csv"]);

            var capacity = Run("capacity", "--stock", Path.Combine(dir, "stock.csv"), "--programmes", Path.Combine(dir, "programmes.csv"), "--communes", Path.Combine(dir, "communes.csv"));
            capacity.Code.ShouldBe(0);
            capacity.Out.ShouldContain("30 000");
            var withoutZoning = Run("capacity", "--stock", Path.Combine(dir, "stock.csv"));
            withoutZoning.Code.ShouldNotBe(0);
            withoutZoning.Err.ShouldContain("APL zone");
            Run("classify", "--demand", Path.Combine(dir, "demand.csv"), "--summary").Code.ShouldBe(0);
            var demand = File.ReadLines(Path.Combine(dir, "demand.csv")).Select(l => l.Split(';')).ToList();
            demand[0][^3..].ShouldBe(["dependants", "young_couple", "current_dwelling_id"]);
            demand.Skip(1).Count(r => (r[8] == "true") != (r[16].Length > 0)).ShouldBe(0); // a current dwelling for mutation applicants, and only them
            demand.Skip(1).Count(r => r[16].Length > 0).ShouldBeGreaterThan(0);

            var first = File.ReadAllBytes(Path.Combine(dir, "stock.csv"));
            Run("generate", "--out", dir, "--scale", "30000", "--seed", "5", "--force").Code.ShouldBe(0); // earlier files: --force
            File.ReadAllBytes(Path.Combine(dir, "stock.csv")).ShouldBe(first);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("paris")]
    [InlineData("0")]
    public void Generate_refuses_an_unknown_scale(string scale)
    {
        var (code, _, error) = Run("generate", "--out", Path.GetTempPath(), "--scale", scale);
        code.ShouldNotBe(0);
        error.ShouldContain("--scale");
    }

    [Fact]
    public void Quartile_without_a_demand_file_uses_the_built_in_data_set()
    {
        var (code, output, _) = Run("quartile", "--format", "json");
        code.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("applications").GetInt32().ShouldBe(28_441);
        json.RootElement.GetProperty("q1").GetDecimal().ShouldBeInRange(10_584m, 10_906m); // published 2026 Q1 10 745 € ± 1.5 %
    }
}
