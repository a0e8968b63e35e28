using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Tables;

namespace CIA.Engine.Tests.IO;

public class DemandCsvTests
{
    [Fact]
    public void Reads_the_sample_file()
    {
        var apps = DemandCsv.ReadFile(Path.Combine("TestData", "demand-sample.csv"));
        apps.Length.ShouldBe(8);
        var d3 = apps[2];
        d3.Id.Value.ShouldBe("D0003");
        d3.Household.ShouldBe(new Household(1, 2, 2, false, false));
        d3.MonthlyResources.ShouldBe(Euros.FromEuros(900m));
        d3.PrefectoralCriteria.ShouldBe(PrefectoralCriteria.Dalo);
        d3.ReservedBy.ShouldBe(Reservataire.Prefecture);
        d3.DesiredCommunes.Select(c => c.Value).ShouldBe(["44109", "44162"]);
        apps[3].MutationReason.ShouldBe(MutationReason.OverOccupation);
        apps[5].UrbanRenewal.ShouldBe(UrbanRenewal.Anru);
    }

    [Fact]
    public void Reports_every_problem_with_file_line_and_column()
    {
        var e = Should.Throw<InputException>(() => DemandCsv.ReadFile(Path.Combine("TestData", "demand-malformed.csv")));
        var p = e.Problems.Select(x => $"{x.Line}:{x.Column}:{x.ColumnName}").ToList();
        p.ShouldBe(
        [
            "2:2:registered_on",       // bad date
            "3:3:persons_14_plus",     // zero persons
            "4:5:monthly_resources",   // negative resources
            "5:5:monthly_resources",   // bad number
            "6:7:employment",          // unknown enum value
            "6:8:disabled_member",     // not a boolean
            "7:10:mutation_reason",    // reason without mutation
            "8:11:urban_renewal",      // unknown enum value
            "8:12:prefectoral_criteria",
            "8:13:reserved_by",
            "8:14:desired_communes",   // not an INSEE code
            "9:1:application_id",      // duplicate id
        ], ignoreOrder: true);
        e.Problems.ShouldAllBe(x => x.File.EndsWith("demand-malformed.csv"));
        e.Problems.Single(x => x.ColumnName == "registered_on").Message.ShouldContain("yyyy-MM-dd");
        e.Problems.Single(x => x.ColumnName == "employment").Message.ShouldContain("'pilot' is not one of: employed, retired");
        e.Problems.Single(x => x.ColumnName == "application_id").Message.ShouldContain("line 2");
    }

    [Fact]
    public void Reports_every_missing_column()
    {
        var e = Should.Throw<InputException>(() => DemandCsv.ReadFile(Path.Combine("TestData", "demand-missing-column.csv")));
        e.Problems.Select(x => x.ColumnName).ShouldBe(["children_under_14", "desired_communes"], ignoreOrder: true);
        e.Problems.ShouldAllBe(x => x.Line == 1);
    }

    [Fact]
    public void Accepts_semicolons_and_the_optional_columns()
    {
        const string csv = "application_id;registered_on;persons_14_plus;children_under_14;monthly_resources;tax_income;employment;disabled_member;is_mutation;mutation_reason;urban_renewal;prefectoral_criteria;reserved_by;desired_communes;dependants;young_couple\n" +
                           "Y1;2024-01-01;2;0;2500;30000;employed|retired;false;false;;;;;;0;true\n";
        var a = DemandCsv.Read(new StringReader(csv), "inline.csv").Single();
        a.Household.YoungCouple.ShouldBeTrue();
        a.Employment.ShouldBe(EmploymentStatus.Employed | EmploymentStatus.Retired);
    }

    private const string CurrentHeader = "application_id;registered_on;persons_14_plus;children_under_14;monthly_resources;tax_income;employment;disabled_member;is_mutation;mutation_reason;urban_renewal;prefectoral_criteria;reserved_by;desired_communes;current_dwelling_id\n";

    [Fact]
    public void The_current_dwelling_is_read_into_the_table_the_records_and_the_rows()
    {
        const string csv = CurrentHeader +
                           "M1;2024-01-01;1;0;1000;10000;employed;false;true;over_occupation;;;;44109;L02\n" +
                           "M2;2024-01-01;1;0;1000;10000;employed;false;true;health;;;;44109;\n" +
                           "F1;2024-01-01;1;0;1000;10000;employed;false;false;;;;;44109;\n" +
                           "M3;2024-01-01;1;0;1000;10000;employed;false;true;;;;;44109; Z-élan 9 \n";
        var table = DemandCsv.ReadTable(new StringReader(csv), "inline.csv");
        table.CurrentDwellingCount.ShouldBe(2);
        table.CurrentDwellingIdOf(0).ShouldBe("L02");
        table.CurrentDwellingIdOf(1).ShouldBeNull();
        table.CurrentDwellingIdOf(2).ShouldBeNull();
        table.CurrentDwellingIdOf(3).ShouldBe("Z-élan 9"); // trimmed, any printable characters, as dwelling ids
        table.TryCurrentDwelling(0, out var utf8).ShouldBeTrue();
        System.Text.Encoding.UTF8.GetString(utf8).ShouldBe("L02");
        table.TryCurrentDwelling(2, out utf8).ShouldBeFalse();
        utf8.IsEmpty.ShouldBeTrue();
        Should.Throw<ArgumentOutOfRangeException>(() => table.CurrentDwellingIdOf(4));

        // Resolved against a stock: the stock row, or −1 for none and for an id the stock does not hold.
        var stock = StockCsv.ReadTable(Path.Combine("TestData", "stock-sample.csv"));
        table.CurrentDwellingRows(stock).ShouldBe([stock.Ids.IndexOf("L02"), -1, -1, -1]);

        var records = DemandCsv.Read(new StringReader(csv), "inline.csv");
        records.Select(a => a.CurrentDwellingId).ShouldBe(["L02", null, null, "Z-élan 9"]);

        var seen = new List<string>();
        DemandCsv.Scan(new StringReader(csv), "inline.csv", new CurrentCollector(seen)).ShouldBe(4);
        seen.ShouldBe(["L02", string.Empty, string.Empty, "Z-élan 9"]);
    }

    [Fact]
    public void Without_the_column_no_application_gives_a_current_dwelling()
    {
        var table = DemandCsv.ReadTable(Path.Combine("TestData", "demand-sample.csv"));
        table.CurrentDwellingCount.ShouldBe(0);
        Enumerable.Range(0, table.Count).ShouldAllBe(r => table.CurrentDwellingIdOf(r) == null);
        table.CurrentDwellingRows(StockCsv.ReadTable(Path.Combine("TestData", "stock-sample.csv"))).ShouldAllBe(r => r == -1);
        table.ToApplications().ShouldAllBe(a => a.CurrentDwellingId == null);
    }

    [Fact]
    public void A_current_dwelling_of_a_first_time_applicant_is_a_problem_reported_with_the_others()
    {
        const string csv = CurrentHeader +
                           "M1;2024-01-01;1;0;1000;10000;employed;false;true;over_occupation;;;;44109;L02\n" +
                           "F1;2024-01-01;1;0;1000;10000;employed;false;false;;;;;44109;L03\n" +
                           "F2;2024-13-01;1;0;1000;10000;employed;false;false;;;;;44109;\n" +
                           "F3;2024-01-01;1;0;1000;10000;employed;false;0;;;;;44109;L04\n";
        var e = Should.Throw<InputException>(() => DemandCsv.ReadTable(new StringReader(csv), "inline.csv"));
        e.Problems.Select(x => $"{x.Line}:{x.Column}:{x.ColumnName}").ShouldBe(["3:15:current_dwelling_id", "4:2:registered_on", "5:15:current_dwelling_id"]);
        e.Problems[0].File.ShouldBe("inline.csv");
        e.Problems[0].Message.ShouldContain("is_mutation is false");
    }

    [Fact]
    public void A_current_dwelling_id_has_the_limits_of_a_dwelling_id()
    {
        var csv = CurrentHeader +
                  "M1;2024-01-01;1;0;1000;10000;employed;false;true;;;;;44109;" + new string('D', 201) + "\n" +
                  "M2;2024-01-01;1;0;1000;10000;employed;false;true;;;;;44109;" + new string('D', 200) + "\n" +
                  "M3;2024-01-01;1;0;1000;10000;employed;false;true;;;;;44109;\"D1\u0007\"\n";
        var e = Should.Throw<InputException>(() => DemandCsv.ReadTable(new StringReader(csv), "inline.csv"));
        e.Problems.Select(x => $"{x.Line}:{x.Column}:{x.ColumnName}").ShouldBe(["2:15:current_dwelling_id", "4:15:current_dwelling_id"]);
        e.Problems[0].Message.ShouldContain("at most 200");
        e.Problems[1].Message.ShouldContain("control character");
    }

    [Fact]
    public void An_empty_file_is_an_error() =>
        Should.Throw<InputException>(() => DemandCsv.Read(new StringReader(string.Empty), "empty.csv")).Problems.Single().Message.ShouldContain("empty");

    private sealed class CurrentCollector(List<string> seen) : IDemandVisitor
    {
        public void Visit(in DemandRow row) => seen.Add(row.CurrentDwellingId.ToString());
    }
}
