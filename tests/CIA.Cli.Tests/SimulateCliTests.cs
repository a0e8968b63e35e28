using System.Text.Json;
using CIA.Cli;
using CIA.Engine.IO;
using CIA.Engine.Policy;

namespace CIA.Cli.Tests;

/// <summary>
/// <c>cia simulate</c> on the built-in data set, run once with <c>--out</c> for the whole class (a run of the Nantes
/// territory takes about a second): the tests read its output and files.
/// </summary>
public sealed class DefaultSimulation : IDisposable
{
    public DefaultSimulation()
    {
        (Code, Out, Err) = SimulateCliTests.Run("simulate", "--out", Folder);
    }

    public string Root { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cia-simulate-" + Path.GetRandomFileName())).FullName;

    public string Folder => Path.Combine(Root, "first");

    public int Code { get; }

    public string Out { get; }

    public string Err { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

public sealed class SimulateCliTests(DefaultSimulation run) : IClassFixture<DefaultSimulation>
{
    private static readonly string DemandSample = Path.Combine("samples", "data", "demand-sample.csv");
    private static readonly string StockSample = Path.Combine("samples", "data", "stock-sample.csv");

    internal static (int Code, string Out, string Err) Run(params string[] args) => Cli.Run(args);

    private string In(string name) => Path.Combine(run.Root, name);

    [Fact]
    public void The_default_run_prints_every_target_and_the_indicators()
    {
        run.Code.ShouldBe(0, run.Err);
        var lines = run.Out.Split('\n');
        lines[0].ShouldBe("Simulation of 2026 under the policy 'Nantes Métropole CIA 2016-2017 + LEC targets'");
        run.Out.ShouldContain("  seed                  2016\n");
        run.Out.ShouldContain("  ranking               seniority\n");
        run.Out.ShouldContain("  demand                built-in demand.csv (28 441 applications pending on 2026-01-01)\n");
        run.Out.ShouldContain("  stock                 built-in stock.csv (");
        run.Out.ShouldContain("  mobilisable capacity  ");
        run.Out.ShouldContain("  note: The demand file's registrations end in 2015"); // the territory's notes
        foreach (var target in PolicyLoader.LoadDefault().Targets)
        {
            lines.ShouldContain(l => l.StartsWith("  " + target.Id + " ", StringComparison.Ordinal), $"target {target.Id}");
        }

        lines.ShouldContain(l => l.StartsWith("    landlord ", StringComparison.Ordinal)); // per-réservataire figures
        foreach (var label in new[]
        {
            "vacancies", "leases signed", "vacancies unfilled", "  pending at year end", "offers refused", "applications lapsed (not renewed)",
            "new applications", "satisfaction rate (leases ÷ applications)", "waiting time of the housed (months)", "  all housed", "  quartile 1", "  priority",
            "vacancy chains by length",
        })
        {
            lines.ShouldContain(l => l.StartsWith("  " + label + " ", StringComparison.Ordinal), label);
        }

        run.Out.ShouldNotContain("timing");
        run.Err.ShouldContain("note: no --demand given");
    }

    [Fact]
    public void Out_writes_files_that_read_back()
    {
        run.Code.ShouldBe(0, run.Err);
        Directory.EnumerateFiles(run.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe(["allocations.csv", "indicators.csv", "report.csv", "report.html", "report.json", "report.md", "report.xlsx", "simulation.json", "targets.csv", "unfilled.csv"]);
        run.Out.ShouldContain($"Wrote allocations.csv, unfilled.csv, targets.csv, indicators.csv, simulation.json, report.md, report.csv, report.json, report.html, report.xlsx into {run.Folder}.");

        var log = AllocationCsv.ReadTable(Path.Combine(run.Folder, "allocations.csv")); // throws on any problem
        log.Count.ShouldBeGreaterThan(1000);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Folder, "simulation.json")));
        json.RootElement.GetProperty("seed").GetUInt64().ShouldBe(2016UL);
        json.RootElement.GetProperty("leases").GetArrayLength().ShouldBe(log.Count);
        File.ReadAllText(Path.Combine(run.Folder, "targets.csv")).ShouldStartWith("target_id;scope;key;numerator;denominator;share;min;max;status;");
        File.ReadAllText(Path.Combine(run.Folder, "unfilled.csv")).ShouldStartWith("dwelling_id;vacant_on;reason;channel\n");
        File.ReadAllText(Path.Combine(run.Folder, "indicators.csv")).ShouldContain("\nleases;;count;" + log.Count + "\n");
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_a_non_empty_folder_needs_force()
    {
        run.Code.ShouldBe(0, run.Err);
        var again = Directory.CreateDirectory(In("again")).FullName;
        File.WriteAllText(Path.Combine(again, "mine.txt"), "keep me");

        var refused = Cli.Refused("simulate", "--out", again);
        refused.ShouldBe($"error: '{again}' is not empty (it holds mine.txt); give --force to write the simulation's files into it anyway, replacing any of allocations.csv, unfilled.csv, targets.csv, indicators.csv, simulation.json, report.md, report.csv, report.json, report.html, report.xlsx, or choose another folder. Nothing was written.\n");
        Directory.EnumerateFileSystemEntries(again).Count().ShouldBe(1);

        var (code, output, error) = Run("simulate", "--out", again, "--force");
        code.ShouldBe(0, error);
        output.Replace(again, run.Folder, StringComparison.Ordinal).ShouldBe(run.Out);
        foreach (var file in Directory.EnumerateFiles(run.Folder))
        {
            File.ReadAllBytes(Path.Combine(again, Path.GetFileName(file))).ShouldBe(File.ReadAllBytes(file), Path.GetFileName(file));
        }

        File.ReadAllText(Path.Combine(again, "mine.txt")).ShouldBe("keep me");
    }

    [Fact]
    public void Several_runs_write_the_monte_carlo_files_and_the_first_seeds_log()
    {
        run.Code.ShouldBe(0, run.Err);
        var folder = In("runs2");
        var (code, output, error) = Run("simulate", "--runs", "2", "--out", folder);
        code.ShouldBe(0, error);
        output.ShouldContain("  seeds                 2016 to 2017 (2 runs)\n");
        output.ShouldContain("Indicators (mean over 2 runs [95 % confidence interval of the mean])");
        File.ReadAllBytes(Path.Combine(folder, "allocations.csv")).ShouldBe(File.ReadAllBytes(Path.Combine(run.Folder, "allocations.csv")));
        File.ReadAllText(Path.Combine(folder, "montecarlo.csv")).ShouldStartWith("indicator;group;unit;runs;mean;sd;ci95_low;ci95_high\n");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "montecarlo.json")));
        json.RootElement.GetProperty("seeds").EnumerateArray().Select(s => s.GetUInt64()).ShouldBe([2016UL, 2017UL]);
    }

    [Fact]
    public void Three_steered_runs_give_a_confidence_interval_for_every_indicator()
    {
        var folder = In("steered");
        var (code, output, error) = Run("simulate", "--ranking", "cia_steered", "--runs", "3", "--seed", "5", "--out", folder);
        code.ShouldBe(0, error);
        output.ShouldContain("  ranking               cia_steered\n");
        output.ShouldContain("  seeds                 5 to 7 (3 runs)\n");
        var rows = File.ReadAllText(Path.Combine(folder, "montecarlo.csv")).TrimEnd('\n').Split('\n');
        var header = rows[0].Split(';');
        var low = Array.IndexOf(header, "ci95_low");
        var high = Array.IndexOf(header, "ci95_high");
        low.ShouldBeGreaterThan(0);
        var leases = rows.Single(r => r.StartsWith("leases;", StringComparison.Ordinal)).Split(';');
        leases[3].ShouldBe("3");
        double.Parse(leases[low], System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeLessThanOrEqualTo(double.Parse(leases[4], System.Globalization.CultureInfo.InvariantCulture));
        double.Parse(leases[high], System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThanOrEqualTo(double.Parse(leases[4], System.Globalization.CultureInfo.InvariantCulture));
        rows.ShouldContain(r => r.StartsWith("target_share;cia-priority-share;share;3;", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "simulation.json")));
        json.RootElement.GetProperty("ranking").GetString().ShouldBe("cia_steered");
        JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "montecarlo.json"))).Dispose();
    }

    [Theory]
    [InlineData("--seed", "abc", "error: --seed 'abc' is not a seed: give a whole number from 0 to 18446744073709551615, e.g. 2016.")]
    [InlineData("--seed", "-1", "error: --seed '-1' is not a seed: give a whole number from 0 to 18446744073709551615, e.g. 2016.")]
    [InlineData("--seed", "18446744073709551616", "error: --seed '18446744073709551616' is not a seed: give a whole number from 0 to 18446744073709551615, e.g. 2016.")]
    [InlineData("--runs", "0", "error: --runs 0 is out of range: give a number of runs from 1 to 1000.")]
    [InlineData("--runs", "1001", "error: --runs 1001 is out of range: give a number of runs from 1 to 1000.")]
    [InlineData("--runs", "two", "error: --runs 'two' is not a number of runs: give a whole number from 1 to 1000.")]
    [InlineData("--ranking", "best", "error: --ranking 'best' is not a ranking: give one of seniority, cotation, cia_steered.")]
    public void Bad_options_are_usage_errors(string option, string value, string message)
    {
        var error = Cli.Misused("simulate", option, value);
        error.ShouldStartWith(message);
        error.ShouldEndWith("  Run 'cia simulate --help' to see the options.\n");
    }

    [Fact]
    public void A_file_in_place_of_the_folder_is_refused()
    {
        var file = In("a-file");
        File.WriteAllText(file, "x");
        Cli.Refused("simulate", "--out", file).ShouldBe($"error: cannot write into '{file}': it is a file, not a folder. --output names the folder to write allocations.csv, unfilled.csv, targets.csv, indicators.csv, simulation.json, report.md, report.csv, report.json, report.html, report.xlsx into.\n");
        File.ReadAllText(file).ShouldBe("x");
    }

    [Fact]
    public void Inputs_that_cannot_be_simulated_are_listed()
    {
        var headerOnly = In("header-only.csv");
        File.WriteAllText(headerOnly, File.ReadLines(DemandSample).First() + "\n");
        var error = Cli.Refused("simulate", "--demand", headerOnly, "--out", In("never"));
        error.ShouldBe($"error: 1 problem(s) prevent the simulation; nothing was written.\n  {Path.GetFullPath(headerOnly)}: no application to simulate.\n");
        Directory.Exists(In("never")).ShouldBeFalse();
    }

    [Fact]
    public void An_input_in_the_output_folder_is_never_replaced()
    {
        var folder = Directory.CreateDirectory(In("inputs")).FullName;
        var demand = Path.Combine(folder, "allocations.csv"); // a demand file under the name of an output
        File.Copy(DemandSample, demand);
        var before = File.ReadAllBytes(demand);
        var error = Cli.Refused("simulate", "--demand", demand, "--stock", StockSample, "--out", folder, "--force");
        error.ShouldContain("it is an input file of this command");
        error.ShouldStartWith($"error: 1 problem(s) with the --output folder '{folder}'; nothing was written.\n"); // before the inputs are read
        File.ReadAllBytes(demand).ShouldBe(before);
        Directory.EnumerateFileSystemEntries(folder).Count().ShouldBe(1); // no temporary file left
    }

    [Fact]
    public void A_small_territory_from_files_runs()
    {
        var (code, output, error) = Run("simulate", "--demand", DemandSample, "--stock", StockSample, "--year", "2026", "--ranking", "cotation", "--timings");
        code.ShouldBe(0, error);
        output.ShouldContain("  ranking               cotation\n");
        output.ShouldContain("(8 applications pending on 2026-01-01)");
        error.ShouldContain("note: no --programmes given");
        error.ShouldContain("timing: run ");
        error.ShouldContain("peak working set");
        output.ShouldNotContain("timing");
    }
}
