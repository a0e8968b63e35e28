using System.Diagnostics;
using System.Text.Json;
using CIA.Cli;

namespace CIA.Cli.Tests;

/// <summary>
/// <c>cia simulate</c> used as a hostile user would: bad --out places, bad inputs, options that do not go together.
/// Each refusal: exit code 1, standard error starting with <c>error:</c> (after any notes), no stack trace, nothing on
/// standard output, no input changed and no file or folder left behind.
/// </summary>
public sealed class SimulateHostileTests : IDisposable
{
    private static readonly string DemandSample = Path.Combine("samples", "data", "demand-sample.csv");
    private static readonly string StockSample = Path.Combine("samples", "data", "stock-sample.csv");
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cia-simulate-hostile-" + Path.GetRandomFileName())).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string In(string name) => Path.Combine(_dir, name);

    private static (int Code, string Out, string Err) Run(params string[] args) => Cli.Run(args);

    /// <summary>A demand file whose last row is cut short: an input error.</summary>
    private string TruncatedDemand()
    {
        var path = In("truncated.csv");
        var text = File.ReadAllText(DemandSample);
        File.WriteAllText(path, text[..(text.TrimEnd('\n').Length - 10)]);
        return path;
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
    }

    private static string[] Entries(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder).Select(e => Path.GetFileName(e)!).Order(StringComparer.Ordinal)];

    [LinuxFact]
    public void Every_simulation_file_that_cannot_be_replaced_in_the_out_folder_is_listed_before_the_inputs_are_read()
    {
        // Was: found one at a time, after the inputs were read and every run made (hours with --runs), and told to
        // "redirect standard output", which simulate does not write its files to.
        var demand = TruncatedDemand();
        var folder = Directory.CreateDirectory(In("out")).FullName;
        File.CreateSymbolicLink(Path.Combine(folder, "unfilled.csv"), "/dev/null");
        File.CreateSymbolicLink(Path.Combine(folder, "targets.csv"), demand);
        Directory.CreateDirectory(Path.Combine(folder, "indicators.csv"));
        MakeFifo(Path.Combine(folder, "simulation.json"));
        var before = File.ReadAllBytes(demand);

        var error = Cli.Refused("simulate", "--demand", demand, "--stock", StockSample, "--out", folder, "--force");

        error.ShouldStartWith($"error: 4 problem(s) with the --output folder '{folder}'; nothing was written.\n");
        error.ShouldContain($"  cannot write the output to '{folder}/unfilled.csv' (which leads to '/dev/null'): it is a character device, not a regular file, and cia only replaces regular files; remove it or choose another --output folder.\n");
        error.ShouldContain($"  cannot write the output to '{folder}/targets.csv' (which leads to '{demand}'): it is an input file of this command ('{demand}') and would be destroyed; choose another --output folder.\n");
        error.ShouldContain($"  cannot write the output to '{folder}/indicators.csv': it is a folder, and cia only replaces files; remove it or choose another --output folder.\n");
        error.ShouldContain($"  cannot write the output to '{folder}/simulation.json': it is a named pipe (FIFO), not a regular file, and cia only replaces regular files; remove it or choose another --output folder.\n");
        error.ShouldNotContain("redirect");
        error.ShouldNotContain("problem(s) in the input"); // the folder was checked first
        Entries(folder).ShouldBe(["indicators.csv", "simulation.json", "targets.csv", "unfilled.csv"]);
        File.ReadAllBytes(demand).ShouldBe(before);
    }

    [Fact]
    public void A_link_in_the_out_folder_is_not_written_through()
    {
        // Was: with --force, the file the link led to, outside the folder, was replaced by the allocation log.
        var precious = In("precious.txt");
        File.WriteAllText(precious, "keep me\n");
        var folder = Directory.CreateDirectory(In("out")).FullName;
        var link = Path.Combine(folder, "allocations.csv");
        File.CreateSymbolicLink(link, precious);
        File.CreateSymbolicLink(Path.Combine(folder, "unfilled.csv"), In("nowhere.csv")); // dangling: would create a file outside

        var error = Cli.Refused("simulate", "--demand", DemandSample, "--stock", StockSample, "--out", folder, "--force");

        error.ShouldStartWith($"error: 2 problem(s) with the --output folder '{folder}'; nothing was written.\n");
        error.ShouldContain($"  cannot write the output to '{link}': it is a symbolic link (to '{precious}'), and cia does not write through links in an --output folder, which could lead out of it; remove the link or choose another --output folder.\n");
        error.ShouldContain($"'{Path.Combine(folder, "unfilled.csv")}': it is a symbolic link (to '{In("nowhere.csv")}')");
        File.ReadAllText(precious).ShouldBe("keep me\n");
        File.Exists(In("nowhere.csv")).ShouldBeFalse();
        Entries(folder).ShouldBe(["allocations.csv", "unfilled.csv"]);
    }

    [UnwritablePlaceFact]
    public void A_folder_that_takes_no_new_folder_or_file_is_refused_before_the_inputs_are_read()
    {
        // Was: refused only after the inputs were read and every run made.
        var place = UnwritablePlaceFactAttribute.Place!;
        var demand = TruncatedDemand();
        var missing = Path.Combine(place, "cia-" + Path.GetRandomFileName(), "results");

        Cli.Refused("simulate", "--demand", demand, "--stock", StockSample, "--out", missing)
            .ShouldStartWith($"error: cannot create the folder '{missing}': ");
        Cli.Refused("simulate", "--demand", demand, "--stock", StockSample, "--out", place, "--force")
            .ShouldStartWith($"error: cannot write the output to '{Path.Combine(place, "allocations.csv")}': cannot create a file in the folder '{place}' (");
        Directory.Exists(missing).ShouldBeFalse();
    }

    [Fact]
    public void A_folder_created_for_the_output_is_removed_when_the_inputs_are_refused()
    {
        var headerOnly = In("header-only.csv");
        File.WriteAllText(headerOnly, File.ReadLines(DemandSample).First() + "\n");
        var nested = Path.Combine(_dir, "a", "b", "c");

        Cli.Refused("simulate", "--demand", headerOnly, "--stock", StockSample, "--out", nested)
            .ShouldBe($"error: 1 problem(s) prevent the simulation; nothing was written.\n  {headerOnly}: no application to simulate.\n");
        Cli.Refused("simulate", "--demand", TruncatedDemand(), "--stock", StockSample, "--out", nested).ShouldStartWith("error: 1 problem(s) in the input");
        Directory.Exists(In("a")).ShouldBeFalse(); // every level it made, not only the last
    }

    [Fact]
    public void Bad_demand_files_are_input_errors_naming_the_file_and_write_nothing()
    {
        var folder = In("never");
        var header = File.ReadLines(DemandSample).First();
        var row = File.ReadLines(DemandSample).Skip(1).First();
        var cases = new Dictionary<string, byte[]>
        {
            ["empty.csv"] = [],
            ["truncated.csv"] = File.ReadAllBytes(TruncatedDemand()),
            ["huge-field.csv"] = System.Text.Encoding.UTF8.GetBytes(header + "\n" + row.Replace("D0001", new string('D', 100_000), StringComparison.Ordinal) + "\n"),
            ["latin1.csv"] = System.Text.Encoding.Latin1.GetBytes(header + "\n" + row.Replace("employed", "employé", StringComparison.Ordinal) + "\n"),
        };
        foreach (var (name, bytes) in cases)
        {
            var path = In(name);
            File.WriteAllBytes(path, bytes);
            var error = Cli.Refused("simulate", "--demand", path, "--stock", StockSample, "--out", folder);
            error.ShouldContain(" problem(s) in the input; nothing was written.\n", customMessage: name);
            error.ShouldContain($"  {path}:", customMessage: name);
        }

        Cli.Refused("simulate", "--demand", _dir, "--stock", StockSample, "--out", folder).ShouldBe($"error: 1 problem(s) in the input; nothing was written.\n  {_dir}: is a folder, not a file.\n");
        Directory.Exists(folder).ShouldBeFalse();
    }

    [Fact]
    public void Problems_in_every_input_file_are_listed_together()
    {
        // Was: the demand's problems only; the stock's and the programmes' came one run after another.
        var demand = TruncatedDemand();
        var programmes = In("programmes.csv");
        File.WriteAllText(programmes, string.Empty);

        var error = Cli.Refused("simulate", "--demand", demand, "--stock", DemandSample, "--programmes", programmes);

        error.ShouldStartWith("error: 11 problem(s) in the input; nothing was written.\n");
        error.ShouldContain($"  {demand}:9: has 10 fields where the header has 14");
        error.ShouldContain($"  {Path.GetFullPath(DemandSample)}:1: missing column 'dwelling_id'.\n");
        error.ShouldContain($"  {programmes}:1: the file is empty");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_or_blank_out_is_a_usage_error(string name)
    {
        // Was: "Cannot parse argument '' for option '--out' as expected type 'System.IO.DirectoryInfo'", and a folder
        // named with spaces.
        var (code, output, error) = Run("simulate", "--demand", DemandSample, "--stock", StockSample, "--out", name);
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldBe($"error: --output '{name}' is not a folder name: give the folder to write into, e.g. --output results.\n  Run 'cia simulate --help' to see the options.\n");
    }

    [Theory]
    [InlineData("COTATION")]
    [InlineData("Cotation")]
    public void The_ranking_is_read_as_the_policy_file_reads_it_whatever_its_case(string token)
    {
        // Was refused, though 'ranking: COTATION' in the policy file is read.
        var (code, output, error) = Run("simulate", "--demand", DemandSample, "--stock", StockSample, "--ranking", token);
        code.ShouldBe(0, error);
        output.ShouldContain("  ranking               cotation\n");
    }

    [Fact]
    public void Force_without_out_is_refused()
    {
        // Was: silently ignored.
        Cli.Misused("simulate", "--demand", DemandSample, "--stock", StockSample, "--force")
            .ShouldBe("error: --force lets --output write into a folder that is not empty: give it with --output, or leave it out.\n");
    }

    [Fact]
    public void Seeds_past_the_largest_are_refused_and_the_largest_can_be_used()
    {
        // Was: "seeds 18446744073709551615 to 0", the seeds wrapping round.
        Cli.Misused("simulate", "--demand", DemandSample, "--stock", StockSample, "--seed", "18446744073709551615", "--runs", "2")
            .ShouldBe("error: --seed 18446744073709551615 with --runs 2 would need seeds past 18446744073709551615, the largest: give a seed of at most 18446744073709551614, or fewer runs.\n");

        var (code, output, error) = Run("simulate", "--demand", DemandSample, "--stock", StockSample, "--seed", "18446744073709551614", "--runs", "2");
        code.ShouldBe(0, error);
        output.ShouldContain("  seeds                 18446744073709551614 to 18446744073709551615 (2 runs)\n");
        (code, output, error) = Run("simulate", "--demand", DemandSample, "--stock", StockSample, "--seed", "0");
        code.ShouldBe(0, error);
        output.ShouldContain("  seed                  0\n");
    }

    [Fact]
    public void A_single_run_does_not_leave_an_earlier_runs_monte_carlo_files_beside_its_own()
    {
        // Was: with --force, montecarlo.csv and .json of the earlier runs stayed beside the new run's files.
        var folder = In("runs");
        Run("simulate", "--demand", DemandSample, "--stock", StockSample, "--runs", "2", "--out", folder).Code.ShouldBe(0);
        var before = Entries(folder).ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(folder, f)));

        Cli.Refused("simulate", "--demand", DemandSample, "--stock", StockSample, "--seed", "7", "--out", folder, "--force")
            .ShouldBe($"error: '{folder}' holds montecarlo.csv and montecarlo.json of an earlier run with --runs 2 or more; a single run does not replace them, and they would be left beside files they do not describe. Remove them, or choose another folder. Nothing was written.\n");
        Entries(folder).ShouldBe(before.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in before)
        {
            File.ReadAllBytes(Path.Combine(folder, name)).ShouldBe(bytes, name);
        }

        // Another set of runs replaces them, as --force says.
        Run("simulate", "--demand", DemandSample, "--stock", StockSample, "--runs", "3", "--out", folder, "--force").Code.ShouldBe(0);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "montecarlo.json")));
        json.RootElement.GetProperty("runs").GetInt32().ShouldBe(3);
    }

    [Fact]
    public void The_out_folder_may_hold_the_inputs_which_are_left_as_they_were()
    {
        var folder = Directory.CreateDirectory(In("data")).FullName;
        var demand = Path.Combine(folder, "demand.csv");
        var stock = Path.Combine(folder, "stock.csv");
        File.Copy(DemandSample, demand);
        File.Copy(StockSample, stock);

        var (code, _, error) = Run("simulate", "--demand", demand, "--stock", stock, "--out", folder, "--force");

        code.ShouldBe(0, error);
        File.ReadAllBytes(demand).ShouldBe(File.ReadAllBytes(DemandSample));
        File.ReadAllBytes(stock).ShouldBe(File.ReadAllBytes(StockSample));
        Entries(folder).ShouldBe(["allocations.csv", "demand.csv", "indicators.csv", "report.csv", "report.html", "report.json", "report.md", "report.xlsx", "simulation.json", "stock.csv", "targets.csv", "unfilled.csv"]);
    }

    [Fact]
    public void Programmes_of_another_territory_are_said_to_match_none_of_the_stock()
    {
        // Was: silently 'not assessed', and with the built-in stock a note saying the built-in programmes were used.
        var programmes = Path.Combine("samples", "data", "programmes-sample.csv");
        var (code, _, error) = Run("simulate", "--demand", DemandSample, "--programmes", programmes);
        code.ShouldBe(0, error);
        error.ShouldContain($"note: no --stock given: using the stock of the built-in Nantes Métropole data set (synthetic, calibrated; seed 2016), with the programmes of {programmes}.\n");
        error.ShouldContain($"note: none of the 5 programmes of {programmes} is among the 1 121 programmes of the stock (built-in stock.csv): every programme is 'not assessed' for the fragility rule. Are the two files of the same territory?\n");

        // The sample's own stock and programmes match: no such note.
        (code, _, error) = Run("simulate", "--demand", DemandSample, "--stock", StockSample, "--programmes", programmes);
        code.ShouldBe(0, error);
        error.ShouldNotContain("none of the");
    }

    [Fact]
    public void One_application_and_one_dwelling_are_said_in_the_singular()
    {
        var demand = In("one-application.csv");
        File.WriteAllLines(demand, File.ReadLines(DemandSample).Take(2));
        var stock = In("one-dwelling.csv");
        File.WriteAllLines(stock, File.ReadLines(StockSample).Take(2));
        var (code, output, error) = Run("simulate", "--demand", demand, "--stock", stock);
        code.ShouldBe(0, error);
        output.ShouldContain($"  demand                {demand} (1 application pending on 2026-01-01)\n");
        output.ShouldContain($"  stock                 {stock} (1 dwelling)\n");
    }

    [Fact]
    public void A_thousand_runs_of_a_tiny_territory_end_quickly()
    {
        var folder = In("mc");
        var watch = Stopwatch.StartNew();
        var (code, _, error) = Run("simulate", "--demand", DemandSample, "--stock", StockSample, "--runs", "1000", "--out", folder);
        code.ShouldBe(0, error);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "montecarlo.json")));
        json.RootElement.GetProperty("seeds").GetArrayLength().ShouldBe(1000);
    }
}
