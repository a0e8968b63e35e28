using CIA.Engine.Domain;
using CIA.Engine.IO;

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

    [Fact]
    public void An_empty_file_is_an_error() =>
        Should.Throw<InputException>(() => DemandCsv.Read(new StringReader(string.Empty), "empty.csv")).Problems.Single().Message.ShouldContain("empty");
}
