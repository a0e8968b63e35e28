using System.Text.Json;
using CIA.Engine.Classification;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Service;

namespace CIA.Cli.Tests;

/// <summary>
/// <c>cia household</c>: one household from flags or JSON, no file. The worked case (also the package sample's): one
/// adult and two children under 14 with 1 300 € a month → UC 1 + 0.3 × 2 = 1.6, 1 300 × 12 ÷ 1.6 = 9 750 € per UC a
/// year, under Nantes Métropole's 2026 first-quartile threshold of 10 745 € (REFERENCE.md): quartile 1; the DALO
/// designation makes it a priority household under the préfet's criteria (CIA Axe I §1; CCH L441-2-3).
/// </summary>
public sealed class HouseholdCliTests : IDisposable
{
    private const string Json = """{"application_id":"DEMO-1","persons_14_plus":1,"children_under_14":2,"monthly_resources":1300,"tax_income":14000,"prefectoral_criteria":["dalo"]}""";

    private static readonly string[] Flags = ["household", "--id", "DEMO-1", "--persons-14-plus", "1", "--children-under-14", "2", "--monthly-resources", "1300", "--tax-income", "14000", "--prefectoral", "dalo", "-y", "2026"];

    private readonly string _folder = Directory.CreateTempSubdirectory("cia-household-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Flags_classify_the_worked_household()
    {
        var (code, output, error) = Cli.Run(Flags);
        code.ShouldBe(0, error);
        var lines = output.Split('\n');
        lines[0].ShouldBe("DEMO-1: priority household (prefectoral,first_quartile), quartile 1, not a ménage cible");
        lines[1].ShouldStartWith("  1.6 UC, 9 750 € per UC a year;");
        lines[2].ShouldStartWith("  2026 thresholds (€ per UC a year): Q1 10 745 €,");
        output.ShouldContain("PRIO-1-DALO");
        output.ShouldContain("[Nantes CIA Axe I §1 (1); CCH L441-2-3]");
    }

    [Fact]
    public void Json_on_standard_input_gives_what_the_flags_give_and_what_the_service_answers()
    {
        var fromFlags = Cli.Run([.. Flags, "-f", "json"]);
        var fromStdin = Cli.RunWithInput(Json, "household", "--json", "-", "-y", "2026", "-f", "json");
        fromStdin.Code.ShouldBe(0, fromStdin.Err);
        fromStdin.Out.ShouldBe(fromFlags.Out);

        // The service's own answer to POST /v1/explain for the same body, built in-process by the service's code.
        var state = new ServiceState(new HouseholdClassifier(PolicyLoader.LoadDefault(), BuiltInParameters.Create()), new ServiceOptions());
        using var body = JsonDocument.Parse(Json);
        var problems = new Problems();
        var application = ApplicationReader.Read(body.RootElement, "$", problems)!.Value;
        var expected = JsonSerializer.Serialize(Endpoints.Response(state, state.Year(2026), application, explain: true), CiaWebService.Json(new JsonSerializerOptions()));
        fromStdin.Out.ShouldBe(expected + "\n");
        using var parsed = JsonDocument.Parse(fromStdin.Out);
        parsed.RootElement.GetProperty("application").GetProperty("quartile").GetInt32().ShouldBe(1);
    }

    [Fact]
    public void Json_from_a_file_and_written_to_a_file()
    {
        var input = Path.Combine(_folder, "one.json");
        File.WriteAllText(input, Json);
        var target = Path.Combine(_folder, "out.txt");
        Cli.Run("household", "--json", input, "-y", "2026", "-o", target).Code.ShouldBe(0);
        File.ReadAllText(target).ShouldStartWith("DEMO-1: priority household");

        var refused = Cli.Run("household", "--json", input, "-o", input); // the output named as the input
        refused.Code.ShouldBe(1);
        File.ReadAllText(input).ShouldBe(Json);
    }

    [Fact]
    public void Every_bad_flag_is_named_with_what_was_typed()
    {
        var (code, output, error) = Cli.Run("household", "--persons-14-plus", "abc", "--children-under-14", "2", "--monthly-resources", "-5", "--tax-income", "14000", "--prefectoral", "bogus", "--communes", "4410");
        code.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldStartWith("error: 4 problem(s) in the household from the flags; nothing was written.\n");
        error.ShouldContain("  --persons-14-plus 'abc': must be a whole number from 1 to 50.\n");
        error.ShouldContain("  --monthly-resources '-5': is out of range");
        error.ShouldContain("  --prefectoral 'bogus': must be one of");
        error.ShouldContain("  --communes '4410': must be an INSEE commune code");
    }

    [Fact]
    public void A_too_long_id_is_one_problem_not_also_an_empty_one()
    {
        var (code, _, error) = Cli.Run("household", "--id", new string('x', 201), "--persons-14-plus", "1", "--children-under-14", "0", "--monthly-resources", "100", "--tax-income", "5");
        code.ShouldBe(1);
        error.ShouldStartWith("error: 1 problem(s) in the household from the flags");
        error.ShouldContain("is longer than 200 characters.");
        error.ShouldNotContain("is empty");
    }

    [Fact]
    public void Bad_json_is_placed_by_line_and_column_or_by_path()
    {
        var broken = Cli.RunWithInput("{\n  \"persons_14_plus\": 1,\n  oops\n}", "household", "--json", "-");
        broken.Code.ShouldBe(1);
        broken.Err.ShouldContain("standard input:3:3: not valid JSON");

        var wrong = Cli.RunWithInput("""{"application_id":"X","persons_14_plus":0,"children_under_14":1,"monthly_resources":"many","tax_income":1,"colour":"blue"}""", "household", "--json", "-");
        wrong.Code.ShouldBe(1);
        wrong.Err.ShouldContain("standard input: $.persons_14_plus: 0 is out of range");
        wrong.Err.ShouldContain("standard input: $.monthly_resources:");
        wrong.Err.ShouldContain("standard input: $.colour: is not a field of an application");
    }

    [Fact]
    public void Usage_errors_exit_with_2()
    {
        Cli.Run("household", "--persons-14-plus", "1").Code.ShouldBe(2); // the other required flags are missing
        Cli.RunWithInput(Json, "household", "--json", "-", "--tax-income", "1").Code.ShouldBe(2); // JSON and flags together
        Cli.Run("household", "--json").Code.ShouldBe(2); // --json without its value
    }

    [Fact]
    public void A_missing_file_or_a_folder_is_an_input_error()
    {
        Cli.Run("household", "--json", Path.Combine(_folder, "missing.json")).Code.ShouldBe(1);
        var folder = Cli.Run("household", "--json", _folder);
        folder.Code.ShouldBe(1);
        folder.Err.ShouldContain("is a folder");
    }
}
