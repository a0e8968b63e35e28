using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CIA.Cli.Tests;

/// <summary>
/// The conventions every command follows (docs/cli.md): <c>-o|--output</c> (and the old <c>--out</c>), short aliases,
/// <c>&lt;FILE&gt;</c> placeholders, exit code 2 for usage errors and 1 for input errors, <c>--format ndjson</c>, and
/// <c>--excel</c> wherever CSV is written.
/// </summary>
public sealed class ConventionsCliTests : IDisposable
{
    private static readonly string Sample = Path.Combine("samples", "data", "demand-sample.csv");

    // French number conventions by hand: the tests run in .NET's invariant-globalization mode, without fr-FR.
    private static readonly NumberFormatInfo French = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u202F" };

    private readonly string _folder = Directory.CreateTempSubdirectory("cia-conventions-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> Commands => ["classify", "household", "quartile", "capacity", "rules", "parameters", "policy", "generate", "simulate", "compare", "report"];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_command_that_writes_has_o_output_and_shows_placeholders(string command)
    {
        var (code, help, _) = Cli.Run(command, "--help");
        code.ShouldBe(0);
        help.ShouldContain("-o, --out, --output");
        help.ShouldContain(command is "generate" or "simulate" or "compare" or "report" ? "<DIR>" : "<FILE>");
        help.ShouldNotContain("<--output>");
        help.ShouldNotContain("<--policy>");
    }

    [Fact]
    public void Short_aliases_mean_the_same_as_the_long_names()
    {
        var longNames = Cli.Run("classify", "--demand", Sample, "--year", "2025", "--format", "json");
        var shortNames = Cli.Run("classify", "-d", Sample, "-y", "2025", "-f", "json");
        longNames.Code.ShouldBe(0, longNames.Err);
        shortNames.Out.ShouldBe(longNames.Out);
    }

    [Fact]
    public void Output_and_the_old_out_write_the_same_file()
    {
        var a = Path.Combine(_folder, "a.txt");
        var b = Path.Combine(_folder, "b.txt");
        Cli.Run("rules", "-o", a).Code.ShouldBe(0);
        Cli.Run("rules", "--out", b).Code.ShouldBe(0);
        File.ReadAllText(a).ShouldContain("[household]");
        File.ReadAllText(b).ShouldBe(File.ReadAllText(a));
        Cli.Run("rules").Out.ShouldBe(File.ReadAllText(a)); // the same bytes as on standard output
    }

    [Theory]
    [InlineData("classify", "--no-such-option")]
    [InlineData("classify", "--format", "xml")]
    [InlineData("classify", "--year", "twenty")]
    [InlineData("classify", "--excel", "--format", "json")]
    [InlineData("classify", "--explain")]
    [InlineData("classify", "--summary", "--format", "ndjson")]
    [InlineData("classify", "--epci", "12")]
    [InlineData("quartile", "--epci", "nantes")]
    [InlineData("capacity", "--programmes", "p.csv")]
    [InlineData("rules", "--excel")]
    [InlineData("parameters", "--excel", "--format", "json")]
    [InlineData("simulate", "--force")]
    [InlineData("simulate", "--excel")]
    [InlineData("simulate", "--runs", "0")]
    [InlineData("report", "--excel")]
    [InlineData("report", "--demand", "d.csv")]
    [InlineData("generate")]
    [InlineData("no-such-command")]
    public void A_usage_error_exits_with_2_and_writes_nothing_on_standard_output(params string[] args)
    {
        var (code, output, error) = Cli.Run(args);
        code.ShouldBe(2, error);
        output.ShouldBeEmpty();
        error.ShouldStartWith("error: ");
    }

    [Fact]
    public void An_input_error_exits_with_1()
    {
        Cli.Run("classify", "--demand", Path.Combine(_folder, "missing.csv")).Code.ShouldBe(1);
        var bad = Path.Combine(_folder, "bad.csv");
        File.WriteAllText(bad, "application_id,registered_on\nX,not-a-date\n");
        Cli.Run("classify", "--demand", bad).Code.ShouldBe(1);
        Cli.Run("policy", "--check", bad).Code.ShouldBe(1);
    }

    [Fact]
    public void Classify_ndjson_has_one_line_per_application_each_the_object_json_gives()
    {
        var json = Cli.Run("classify", "-d", Sample, "-y", "2025", "-f", "json", "--explain");
        var ndjson = Cli.Run("classify", "-d", Sample, "-y", "2025", "-f", "ndjson", "--explain");
        ndjson.Code.ShouldBe(0, ndjson.Err);
        var lines = ndjson.Out.Split('\n');
        lines[^1].ShouldBeEmpty(); // every line ends with a line end
        var applications = JsonDocument.Parse(json.Out).RootElement.GetProperty("applications").EnumerateArray().ToList();
        lines.Length.ShouldBe(applications.Count + 1);
        applications.Count.ShouldBe(File.ReadAllLines(Sample).Length - 1);
        for (var i = 0; i < applications.Count; i++)
        {
            lines[i].ShouldNotContain("\r");
            using var line = JsonDocument.Parse(lines[i]);
            JsonSerializer.Serialize(line.RootElement).ShouldBe(JsonSerializer.Serialize(applications[i]));
        }
    }

    [Theory]
    [InlineData("rules")]
    [InlineData("parameters")]
    public void Ndjson_lists_the_same_items_as_json(string command)
    {
        var json = Cli.Run(command, "-f", "json");
        var ndjson = Cli.Run(command, "-f", "ndjson");
        ndjson.Code.ShouldBe(0, ndjson.Err);
        var items = JsonDocument.Parse(json.Out).RootElement.EnumerateArray().Select(e => JsonSerializer.Serialize(e)).ToList();
        var lines = ndjson.Out.TrimEnd('\n').Split('\n').Select(l => JsonSerializer.Serialize(JsonDocument.Parse(l).RootElement)).ToList();
        lines.ShouldBe(items);
    }

    [Fact]
    public void Rules_csv_has_one_row_per_rule_and_the_excel_variant_a_byte_order_mark()
    {
        var rules = JsonDocument.Parse(Cli.Run("rules", "-f", "json").Out).RootElement.GetArrayLength();
        var csv = Cli.Run("rules", "-f", "csv");
        csv.Code.ShouldBe(0, csv.Err);
        var rows = ReadCsv(csv.Out);
        rows[0].ShouldBe(["id", "rule_set", "title", "reference", "description"]);
        rows.Count.ShouldBe(rules + 1);
        var path = Path.Combine(_folder, "rules.csv");
        Cli.Run("rules", "-f", "csv", "--excel", "-o", path).Code.ShouldBe(0);
        var bytes = File.ReadAllBytes(path);
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        ReadCsv(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3)).ShouldBe(rows); // no number in it: the same cells
    }

    [Fact]
    public void Simulate_and_report_excel_write_their_csv_files_with_french_numbers()
    {
        var plain = Path.Combine(_folder, "plain");
        var excel = Path.Combine(_folder, "excel");
        var a = Cli.Run("simulate", "-o", plain);
        a.Code.ShouldBe(0, a.Err);
        var b = Cli.Run("simulate", "-o", excel, "--excel");
        b.Code.ShouldBe(0, b.Err);
        foreach (var (file, column) in new[] { ("indicators.csv", "value"), ("report.csv", "share"), ("targets.csv", "share") })
        {
            var invariant = ReadCsv(File.ReadAllText(Path.Combine(plain, file)));
            var bytes = File.ReadAllBytes(Path.Combine(excel, file));
            bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, file);
            var french = ReadCsv(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
            french.Count.ShouldBe(invariant.Count, file);
            var c = Array.IndexOf(invariant[0], column);
            c.ShouldBeGreaterThanOrEqualTo(0, $"{file} has a {column} column");
            var decimals = 0;
            for (var i = 1; i < invariant.Count; i++)
            {
                if (invariant[i][c].Length == 0)
                {
                    french[i][c].ShouldBeEmpty();
                    continue;
                }

                double.Parse(french[i][c], NumberStyles.Float, French).ShouldBe(double.Parse(invariant[i][c], NumberStyles.Float, CultureInfo.InvariantCulture), $"{file} row {i}");
                decimals += invariant[i][c].Contains('.', StringComparison.Ordinal) ? 1 : 0;
                french[i][c].ShouldNotContain(".");
            }

            decimals.ShouldBeGreaterThan(0, $"{file} has decimal values to convert");
        }

        // The other files are the same bytes: --excel changes the CSV files only.
        foreach (var file in new[] { "simulation.json", "report.md", "report.json" })
        {
            File.ReadAllText(Path.Combine(excel, file)).ShouldBe(File.ReadAllText(Path.Combine(plain, file)), file);
        }
    }

    /// <summary>A <c>;</c>-separated text as rows of cells (quotes handled), by Sylvan's reader.</summary>
    private static List<string[]> ReadCsv(string text)
    {
        using var reader = Sylvan.Data.Csv.CsvDataReader.Create(new StringReader(text), new Sylvan.Data.Csv.CsvDataReaderOptions { Delimiter = ';', HasHeaders = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.GetString(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
