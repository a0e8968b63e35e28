using System.Text.Json;

namespace CIA.Cli.Tests;

/// <summary><c>cia compare</c>: scenarios side by side with the same seeds; its files; its errors.</summary>
public sealed class CompareCliTests : IDisposable
{
    private readonly TempFolder _temp = new("cia-compare-");

    public void Dispose() => _temp.Dispose();

    private string Write(string name, string text) => _temp.Write(name, text);

    [Fact]
    public void The_builtin_policy_against_itself_differs_by_zero_everywhere()
    {
        var same = Write("same.yaml", "extends: builtin\n");
        var (code, output, error) = Cli.Run("compare", "builtin", same, "--runs", "2");
        code.ShouldBe(0, error);
        output.ShouldContain("A  builtin:");
        output.ShouldContain("B  same:");
        var rows = output.Split('\n').SkipWhile(l => !l.StartsWith("indicator", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.Length > 0).ToList();
        rows.Count.ShouldBeGreaterThan(30);
        rows.ShouldAllBe(l => l.EndsWith("0.00 pts [0.00, 0.00]", StringComparison.Ordinal) || l.EndsWith("0.0 [0.0, 0.0]", StringComparison.Ordinal) || l.EndsWith("n/a", StringComparison.Ordinal)
            || (l.StartsWith("target_reachable_share ", StringComparison.Ordinal) && l.EndsWith(" 0.00 pts", StringComparison.Ordinal))); // the bound: first seed only, no interval
        output.ShouldContain("housed under B, not under A: 0.0 ");
    }

    [Fact]
    public void Output_writes_the_table_the_changes_and_json_that_agree()
    {
        var steered = Write("steered.yaml", "extends: builtin\nsimulation: {ranking: cia_steered}\n");
        var folder = Path.Combine(_temp.Path, "out");
        var (code, _, error) = Cli.Run("compare", "builtin", steered, "--runs", "2", "-o", folder);
        code.ShouldBe(0, error);
        var csv = File.ReadAllLines(Path.Combine(folder, "compare.csv"));
        csv[0].ShouldBe("indicator;group;unit;scenario;runs;mean;sd;ci95_low;ci95_high;diff_runs;diff_mean;diff_sd;diff_ci95_low;diff_ci95_high");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "compare.json")));
        var indicators = json.RootElement.GetProperty("indicators");
        csv.Length.ShouldBe(1 + (2 * indicators.GetArrayLength())); // one row per indicator and scenario

        // leases: the CSV's difference is the JSON's, and B's mean minus A's (every seed defines it).
        var leases = csv.Where(l => l.StartsWith("leases;", StringComparison.Ordinal)).Select(l => l.Split(';')).ToList();
        var meanA = double.Parse(leases[0][5], System.Globalization.CultureInfo.InvariantCulture);
        var meanB = double.Parse(leases[1][5], System.Globalization.CultureInfo.InvariantCulture);
        double.Parse(leases[1][10], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(meanB - meanA, 1e-9);

        // Every changed household is listed once per seed, and the JSON's totals count them.
        var changes = File.ReadAllLines(Path.Combine(folder, "changes.csv"));
        changes[0].ShouldBe("scenario;reference;seed;application_id;quartile;priority;housed_under");
        var totals = json.RootElement.GetProperty("changed_households").EnumerateArray().Sum(e => e.GetProperty("total").GetInt32());
        (changes.Length - 1).ShouldBe(totals);
        totals.ShouldBeGreaterThan(0);
        File.ReadAllText(Path.Combine(folder, "compare.html")).ShouldContain("<svg ");
        changes.Skip(1).Select(l => string.Join(';', l.Split(';')[2..4])).Distinct().Count().ShouldBe(changes.Length - 1);
    }

    [Fact]
    public void Usage_and_input_errors()
    {
        Cli.Run("compare", "builtin").Code.ShouldBe(2); // one scenario is not a comparison
        Cli.Run("compare", "builtin", "builtin", "--excel").Code.ShouldBe(2);

        var bad1 = Write("bad1.yaml", "extends: builtin\nsimulation: {ranking: best}\n");
        var bad2 = Write("bad2.yaml", "extends: nowhere.yaml\n");
        var (code, output, error) = Cli.Run("compare", bad1, bad2, Path.Combine(_temp.Path, "missing.yaml"));
        code.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldContain("bad1.yaml: line 2, column 23: simulation.ranking: 'best' is not one of");
        error.ShouldContain("bad2.yaml: line 1, column 10: extends: cannot read the policy it extends");
        error.ShouldContain("missing.yaml");
        error.ShouldStartWith("error: the scenarios have 3 problem(s); nothing was written.");
    }

    [Fact]
    public void A_sweep_makes_one_scenario_per_point_of_the_grid_first_key_slowest()
    {
        var grid = CompareCommand.Grid(["simulation.ranking=seniority,cia_steered", "priority.prefectoral_criteria=[dalo],[dalo, chrs_exit]"], out var problem)!;
        problem.ShouldBeNull();
        grid.Select(p => string.Join(" ", p)).ShouldBe([
            "simulation.ranking=seniority priority.prefectoral_criteria=[dalo]",
            "simulation.ranking=seniority priority.prefectoral_criteria=[dalo, chrs_exit]",
            "simulation.ranking=cia_steered priority.prefectoral_criteria=[dalo]",
            "simulation.ranking=cia_steered priority.prefectoral_criteria=[dalo, chrs_exit]",
        ]);

        CompareCommand.Grid(["nokey"], out problem).ShouldBeNull();
        problem.ShouldNotBeNull().ShouldContain("is not KEY=V1,V2,…");
        CompareCommand.Grid(["a=1,,2"], out _).ShouldBeNull();
        CompareCommand.Grid(["a=1,1"], out problem).ShouldBeNull();
        problem.ShouldNotBeNull().ShouldContain("lists a value twice");
        CompareCommand.Grid(["a=1,2,3,4,5,6,7,8", "b=1,2,3,4,5,6,7,8", "c=1,2"], out problem).ShouldBeNull(); // 128 points
        problem.ShouldNotBeNull().ShouldContain("more than 64 points");
    }

    [Fact]
    public void Sweeping_a_setting_seniority_ignores_changes_nothing_at_all()
    {
        // The steering window only matters to the cia_steered ranking: under seniority the two points are the same year.
        var (code, output, error) = Cli.Run("compare", "--sweep", "simulation.steering_window=5,40", "--runs", "2");
        code.ShouldBe(0, error);
        output.ShouldContain("A  steering_window=5:");
        output.ShouldContain("B  steering_window=40:");
        var rows = output.Split('\n').SkipWhile(l => !l.StartsWith("indicator", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.Length > 0).ToList();
        rows.ShouldAllBe(l => l.EndsWith("0.00 pts [0.00, 0.00]", StringComparison.Ordinal) || l.EndsWith("0.0 [0.0, 0.0]", StringComparison.Ordinal) || l.EndsWith("n/a", StringComparison.Ordinal)
            || (l.StartsWith("target_reachable_share ", StringComparison.Ordinal) && l.EndsWith(" 0.00 pts", StringComparison.Ordinal))); // the bound: first seed only, no interval
    }

    [Fact]
    public void A_sweep_with_two_scenarios_or_a_bad_value_is_refused()
    {
        Cli.Run("compare", "builtin", "builtin", "--sweep", "simulation.ranking=seniority,cotation").Code.ShouldBe(2);
        Cli.Run("compare", "--sweep", "simulation.ranking").Code.ShouldBe(2);
        var bad = Cli.Run("compare", "--sweep", "simulation.cal.candidates=3,many", "--runs", "1");
        bad.Code.ShouldBe(1);
        bad.Err.ShouldContain("--set 'simulation.cal.candidates=many'");
    }
}
