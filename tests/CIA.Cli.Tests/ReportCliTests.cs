using System.Text.Json;
using CIA.Cli;

namespace CIA.Cli.Tests;

/// <summary><c>cia report</c>: with no input, on files, and refusing what it cannot do without writing anything.</summary>
public sealed class ReportCliTests : IDisposable
{
    // Three applicants alone in 2025 (Q1 10 900 € per UC): P1 800 €/month → 9 600 €/UC, quartile 1, priority;
    // N1 and N2 1 000 €/month → 12 000 €/UC, quartile 2, not priority.
    private const string Demand =
        "application_id;registered_on;persons_14_plus;children_under_14;monthly_resources;tax_income;employment;disabled_member;is_mutation;mutation_reason;urban_renewal;prefectoral_criteria;reserved_by;desired_communes\n"
        + "P1;2023-01-01;1;0;800;9000;unemployed;false;false;;;;;\n"
        + "N1;2023-01-01;1;0;1000;10000;employed;false;false;;;;;\n"
        + "N2;2023-01-01;1;0;1000;10000;employed;false;false;;;;;\n";

    private const string Stock =
        "dwelling_id;DEPCOM;QPV;NBPIECE;LOYERPRINC;FINAN;CONTINGENT;programme_id;landlord_id\n"
        + "O1;44109;;3;300.00;PLUS;7;P1;L1\n"
        + "O2;44109;;3;300.00;PLUS;7;P1;L1\n"
        + "O3;44109;;3;300.00;PLUS;7;P1;L1\n";

    // Landlord leases outside QPV: P1 priority, N1 not → CIA priority share 1 / 2 = 50 %: met. Line 4 names an
    // application the demand does not hold: listed, not counted.
    private const string Allocations =
        "lease_signed_on;application_id;dwelling_id;reservataire\n"
        + "2025-03-01;P1;O1;landlord\n"
        + "2025-04-01;N1;O2;landlord\n"
        + "2025-05-01;Q9;O3;landlord\n";

    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cia-report-" + Path.GetRandomFileName())).FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, content);
        return path;
    }

    private string[] Inputs() => ["report", "--allocations", Write("allocations.csv", Allocations), "--demand", Write("demand.csv", Demand), "--stock", Write("stock.csv", Stock)];

    private static string Refused(params string[] args)
    {
        var (code, output, error) = Cli.Run(args);
        code.ShouldBe(1, error);
        output.ShouldBeEmpty();
        error.ShouldContain("error: ");
        return error;
    }

    [Fact]
    public void With_no_arguments_it_reports_on_a_simulated_year_of_the_built_in_territory()
    {
        var (code, output, error) = Cli.Run("report");
        code.ShouldBe(0, error);
        error.ShouldContain("note: no --allocations given: reporting on one simulated year (2026, seed 2016)");
        output.ShouldStartWith("# Rapport annuel d'évaluation de la CIA — attributions 2026\n");
        output.ShouldContain("## Synthèse");
        output.ShouldContain("## Traçabilité");

        // What the simulated figures rest on is said in the report, not only on the console.
        output.ShouldContain("their dates are moved 10 years later so that the file is the demand pending on 2026-01-01");
    }

    [Fact]
    public void On_files_it_writes_the_five_formats_and_the_json_reads_back_as_previous()
    {
        var folder = Path.Combine(_root, "out");
        var (code, output, error) = Cli.Run([.. Inputs(), "--year", "2025", "--mask-below", "0", "--lang", "en", "--out", folder]);
        code.ShouldBe(0, error);
        output.ShouldBe($"Wrote report.md, report.csv, report.json, report.html, report.xlsx into {new DirectoryInfo(folder).FullName}.\n");
        error.ShouldContain("note: 1 of 3 allocation records cannot be counted");
        Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe(["report.csv", "report.html", "report.json", "report.md", "report.xlsx"]);

        // 1 priority household of 2 landlord leases: 50 %, met; the unknown application is reported with its line.
        File.ReadAllText(Path.Combine(folder, "report.csv")).ShouldContain("\ncia-priority-share;summary;Priority households in the allocations of landlords, communes and Action Logement;1;2;0.5;0.25;;met;");
        var md = File.ReadAllText(Path.Combine(folder, "report.md"));
        md.ShouldContain("| application not in the demand | 4 | application_id | 'Q9' is not an application of ");
        md.ShouldContain("| allocations | allocations.csv | SHA-256 ");
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json"))))
        {
            json.RootElement.GetProperty("year").GetInt32().ShouldBe(2025);
        }

        // A report of the same year is refused as --previous: the trend compares with an earlier year.
        var next = Path.Combine(_root, "next");
        var sameYear = Refused([.. Inputs(), "--year", "2025", "--previous", Path.Combine(folder, "report.json"), "--out", next]);
        sameYear.ShouldContain("is the report of 2025: give the report of a year before 2025");
        Directory.Exists(next).ShouldBeFalse();

        // The same figures as 2024's report (its year changed): every change is 0.
        var lastYear = Write("report-2024.json", File.ReadAllText(Path.Combine(folder, "report.json")).Replace("\"year\": 2025", "\"year\": 2024", StringComparison.Ordinal));
        var (again, _, err) = Cli.Run([.. Inputs(), "--year", "2025", "--previous", lastYear, "--lang", "en", "--out", next]);
        again.ShouldBe(0, err);
        File.ReadAllText(Path.Combine(next, "report.md")).ShouldContain("| Priority households in the allocations of landlords, communes and Action Logement | 50.0% | 50.0% | 0.0 pt |");
    }

    [Fact]
    public void A_malformed_input_exits_1_with_file_line_and_column_and_writes_nothing()
    {
        var folder = Path.Combine(_root, "never");
        var bad = Write("bad.csv", "lease_signed_on;application_id;dwelling_id;reservataire\n2025-02-30;P1;O1;landlord\n");
        var error = Refused("report", "--allocations", bad, "--demand", Write("demand.csv", Demand), "--stock", Write("stock.csv", Stock), "--out", folder);
        error.ShouldContain($"  {bad}:2:1: ");
        error.ShouldContain("nothing was written");
        Directory.Exists(folder).ShouldBeFalse();
    }

    [Fact]
    public void A_previous_report_that_is_not_one_is_refused()
    {
        var error = Refused([.. Inputs(), "--previous", Write("old.json", "{\"year\": 2024}")]);
        error.ShouldContain("old.json:1:1");
        error.ShouldContain("is not an annual report written by cia report");
    }

    [Fact]
    public void An_output_named_as_an_input_is_refused_and_the_input_left_as_it_was()
    {
        // The allocations file is called report.csv and lives in the --out folder: writing the report would destroy it.
        var folder = Directory.CreateDirectory(Path.Combine(_root, "data")).FullName;
        var allocations = Path.Combine(folder, "report.csv");
        File.WriteAllText(allocations, Allocations);
        var error = Refused("report", "--allocations", allocations, "--demand", Write("demand.csv", Demand), "--stock", Write("stock.csv", Stock), "--out", folder, "--force");
        error.ShouldContain("it is an input file of this command");
        File.ReadAllText(allocations).ShouldBe(Allocations);
        Directory.EnumerateFileSystemEntries(folder).Count().ShouldBe(1);
    }

    [Fact]
    public void Options_that_do_not_go_together_are_refused()
    {
        Cli.Misused("report", "--demand", Write("demand.csv", Demand)).ShouldContain("--demand given without --allocations");
        Cli.Misused("report", "--allocations", Write("allocations.csv", Allocations)).ShouldContain("--allocations needs --demand and --stock");
        Cli.Misused("report", "--mask-below", "-1").ShouldContain("--mask-below '-1' is not a threshold");
        Cli.Misused("report", "--lang", "de").ShouldContain("--lang 'de' is not a language of the report: give fr or en.");
        Cli.Misused("report", "--force").ShouldContain("--force lets --output write into a folder that is not empty");
    }
}
