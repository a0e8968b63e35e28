using System.Diagnostics;
using CIA.Cli;
using CIA.Engine.Policy;

namespace CIA.Cli.Tests;

/// <summary>
/// Bad input through the command line: exit code 1, standard error starting with <c>error:</c>, no stack trace, nothing
/// on standard output, no output file created and an existing one left as it was.
/// </summary>
public sealed class HostileInputCliTests : IDisposable
{
    private static readonly string Demand = Path.Combine("samples", "data", "demand-sample.csv");
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cia-hostile-cli-" + Path.GetRandomFileName())).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string In(string name) => Path.Combine(_dir, name);

    private static (int Code, string Out, string Err) Run(params string[] args) => Cli.Run(args);

    /// <summary>Runs a command that must fail: exit 1, nothing on standard output, standard error starting with 'error:'.</summary>
    private static string Refused(params string[] args)
    {
        var (code, output, error) = Run(args);
        code.ShouldBe(1, error);
        output.ShouldBeEmpty();
        error.ShouldStartWith("error: ");
        return error;
    }

    [Theory]
    [InlineData("0", "error: --year 0 is not a year the engine can use: give a year from 1900 to 2199.")]
    [InlineData("-1", "error: --year -1 is not a year the engine can use: give a year from 1900 to 2199.")]
    [InlineData("99999", "error: --year 99999 is not a year the engine can use: give a year from 1900 to 2199.")]
    [InlineData("abc", "error: --year 'abc' is not a year: give one as digits, e.g. 2026.")] // was exit 70: the validator's GetValue threw
    [InlineData("\u0662\u0660\u0662\u0666", "error: --year '\u0662\u0660\u0662\u0666' is not a year: give one as digits, e.g. 2026.")]
    [InlineData("2026.0", "error: --year '2026.0' is not a year: give one as digits, e.g. 2026.")]
    public void A_year_no_calendar_has_is_a_usage_error(string year, string message)
    {
        Cli.Misused("classify", "--demand", Demand, "--year", year).ShouldBe($"{message}\n  Run 'cia classify --help' to see the options.\n");
        Cli.Misused("quartile", "--demand", Demand, "--year", year).ShouldStartWith(message);
    }

    [Fact]
    public void Usage_errors_start_with_error_and_print_no_help_on_standard_output()
    {
        Cli.Misused("classify", "--bogus").ShouldBe("error: Unrecognized command or argument '--bogus'.\n  Run 'cia classify --help' to see the options.\n");
        Cli.Misused().ShouldBe("error: Required command was not provided.\n  Run 'cia --help' to see the commands.\n");
        Cli.Misused("generate").ShouldStartWith("error: Option '--output' is required.");
        var (code, output, _) = Run("classify", "--bogus", "--help"); // asking for help still gets it
        code.ShouldBe(0);
        output.ShouldContain("--demand");
    }

    [Fact]
    public void Help_with_a_value_that_does_not_parse_is_help_not_a_crash()
    {
        // Found by the command-line fuzz: the input files were read from the parse result (to protect them from --out)
        // even when --help made the rest of the line irrelevant, and a value that is no file name threw (exit 70).
        var (code, output, error) = Run("policy", "-h", "--check", string.Empty);
        code.ShouldBe(0);
        output.ShouldContain("--check");
        error.ShouldBeEmpty();
    }

    [Fact]
    public void An_unknown_format_with_explain_is_a_usage_error_not_a_crash()
    {
        // Found by the command-line fuzz: the --explain check read --format in a validator, which throws when the
        // format is not one of the allowed ones (exit 70).
        Cli.Misused("classify", "--demand", Demand, "--format", "xml", "--explain").ShouldStartWith("error: Argument 'xml' not recognized. Must be one of:");
        Cli.Misused("classify", "--demand", Demand, "--explain").ShouldBe("error: --explain adds reasons to each application's JSON: give it with --format json or ndjson, and without --summary.\n");
    }

    [Fact]
    public void Computed_thresholds_on_a_demand_with_no_application_are_a_clear_error()
    {
        var policy = In("computed.yaml");
        File.WriteAllText(policy, PolicyLoader.DefaultYaml().Replace("thresholds: published", "thresholds: computed", StringComparison.Ordinal));
        var headerOnly = In("header-only.csv");
        File.WriteAllText(headerOnly, File.ReadLines(Demand).First() + "\n");
        var target = In("out.csv");
        const string expected = "error: Quartile thresholds cannot be computed from a demand with no application: give a demand file with applications, or use the published thresholds (quartiles.thresholds: published).\n";

        Refused("classify", "--policy", policy, "--demand", headerOnly, "--out", target).ShouldBe(expected);
        Refused("classify", "--policy", policy, "--demand", headerOnly, "--summary").ShouldBe(expected);
        Refused("quartile", "--demand", headerOnly).ShouldBe(expected);
        File.Exists(target).ShouldBeFalse();

        // With published thresholds the same file is simply no application.
        Run("classify", "--demand", headerOnly, "--summary").Out.ShouldStartWith("0 applications classified for 2026");
    }

    [Fact]
    public void A_folder_as_the_policy_is_an_input_error()
    {
        Refused("classify", "--policy", _dir, "--demand", Demand).ShouldBe($"error: 1 problem(s) in the input; nothing was written.\n  {_dir}: is a folder, not a file.\n");
        Refused("policy", "--check", _dir).ShouldBe($"error: 1 problem(s) in the input; nothing was written.\n  {_dir}: is a folder, not a file.\n");
    }

    [Fact]
    public void A_missing_input_and_a_symlink_loop_are_input_errors()
    {
        var missing = In("missing.csv");
        Refused("classify", "--demand", missing, "--summary").ShouldBe($"error: 1 problem(s) in the input; nothing was written.\n  {missing}: does not exist.\n");
        var a = In("a");
        File.CreateSymbolicLink(a, In("b"));
        File.CreateSymbolicLink(In("b"), a);
        Refused("capacity", "--stock", a).ShouldContain($"  {a}: cannot be opened: ");
    }

    [Fact]
    public void Malformed_yaml_is_a_policy_error_with_its_line()
    {
        var policy = In("unclosed.yaml");
        File.WriteAllText(policy, "name: x\nepci: [1, 2\nquartiles: {}\n");
        Refused("policy", "--check", policy).ShouldStartWith($"error: the policy has 1 problem(s); nothing was written.\n  {policy}: line 2, column ");
    }

    [Fact]
    public void Dev_zero_and_random_bytes_as_the_demand_end_quickly_and_write_nothing()
    {
        var random = In("random.bin");
        var bytes = new byte[1 << 20];
        new Random(11).NextBytes(bytes);
        File.WriteAllBytes(random, bytes);
        var target = In("out.csv");
        foreach (var input in File.Exists("/dev/zero") ? new[] { "/dev/zero", random } : [random])
        {
            var watch = Stopwatch.StartNew();
            Refused("classify", "--demand", input, "--summary").ShouldStartWith("error: ");
            Refused("classify", "--demand", input, "--out", target).ShouldStartWith("error: ");
            watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
            File.Exists(target).ShouldBeFalse();
        }

        Directory.EnumerateFileSystemEntries(_dir).Select(Path.GetFileName).ShouldBe(["random.bin"]); // no temporary file left
    }

    [Fact]
    public void Bad_input_leaves_an_existing_output_file_as_it_was()
    {
        var bad = In("bad.csv");
        File.WriteAllText(bad, File.ReadLines(Demand).First() + "\nX1,2024-01-01,x,0,1000,10000,employed,false,false,,,,,44109\n");
        var target = In("result.csv");
        File.WriteAllText(target, "yesterday's results\n");
        Refused("classify", "--demand", bad, "--out", target).ShouldBe($"error: 1 problem(s) in the input; nothing was written.\n  {bad}:2:3: column 'persons_14_plus': 'x' is not a whole number (digits only, no sign).\n");
        File.ReadAllText(target).ShouldBe("yesterday's results\n");
        Directory.EnumerateFileSystemEntries(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(["bad.csv", "result.csv"]);
    }
}
