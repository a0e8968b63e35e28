using CIA.Engine.Data;
using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Tables;

namespace CIA.Engine.Tests.Tables;

/// <summary>The columnar tables hold exactly what the records hold, and the streaming visitor sees the same rows.</summary>
public class TableTests
{
    [Fact]
    public void The_built_in_demand_table_round_trips_to_the_same_records()
    {
        // The records are made from the table; check them against values read independently from the text.
        var table = DefaultData.Demand;
        table.Count.ShouldBe(28_441);
        var a = table.ToApplication(0);
        a.Id.Value.ShouldBe(table.Ids[0]);
        a.Household.Persons14Plus.ShouldBe(table.Household(0).Persons14Plus);
        HouseholdInput.Of(a).ShouldBe(table.Household(0));
        a.DesiredCommunes.Length.ShouldBe(table.DesiredCommunes(0).Length);
    }

    [Fact]
    public void Sample_demand_values_are_held_exactly()
    {
        var table = DemandCsv.ReadTable(Path.Combine("TestData", "demand-sample.csv"));
        table.Count.ShouldBe(8);
        var d3 = table.Ids.IndexOf("D0003");
        d3.ShouldBe(2);
        table.RegisteredOn(d3).ShouldBe(new DateOnly(2022, 11, 30));
        table.Household(d3).ShouldBe(new HouseholdInput(1, 2, 2, false, false, Euros.FromEuros(900), Euros.FromEuros(9500), EmploymentStatus.Unemployed,
            false, MutationReason.None, UrbanRenewal.None, PrefectoralCriteria.Dalo, Reservataire.Prefecture));
        var desired = table.DesiredCommunes(d3).ToArray().Select(i => table.Communes[i].Value);
        desired.ShouldBe(["44109", "44162"]);
        table.Ids.IndexOf("D9999").ShouldBe(-1);
    }

    [Fact]
    public void Scanning_sees_the_rows_the_table_holds()
    {
        var path = Path.Combine("TestData", "demand-sample.csv");
        var table = DemandCsv.ReadTable(path);
        var seen = new Collector();
        DemandCsv.Scan(path, seen).ShouldBe(8);
        seen.Households.ShouldBe(Enumerable.Range(0, table.Count).Select(table.Household));
        seen.Lines.ShouldBe([2, 3, 4, 5, 6, 7, 8, 9]);
    }

    [Fact]
    public void Sample_stock_values_are_held_exactly()
    {
        var table = StockCsv.ReadTable(Path.Combine("TestData", "stock-sample.csv"));
        table.Count.ShouldBe(10);
        var l5 = table.Ids.IndexOf("L05");
        table.Communes[table.CommuneOf(l5)].Value.ShouldBe("44162");
        table.Qpvs[table.QpvOf(l5)].ShouldBe("QPV01");
        table.QpvOf(table.Ids.IndexOf("L01")).ShouldBe(-1);
        table.RentOf(table.Ids.IndexOf("L02")).ShouldBe(Euros.FromEuros(381.53m));
        table.ReservataireOf(table.Ids.IndexOf("L08")).ShouldBe(Reservataire.StateAgents); // RPLS contingent code 1
        table.Programmes[table.ProgrammeOf(table.Ids.IndexOf("L10"))].ShouldBe("P3");
        table.Landlords[table.LandlordOf(table.Ids.IndexOf("L10"))].ShouldBe("B1");
        table.SurfaceOf(table.Ids.IndexOf("L10")).ShouldBe(110m);
    }

    [Fact]
    public void Tables_hold_far_less_than_records()
    {
        // About 45 bytes an application: the built-in demand (28 441 rows) in under 2 MB. About 36 bytes a dwelling, plus,
        // once an id has been looked up (other tests do it on the same shared table), the id index: 4 bytes a slot, two
        // slots a row at most.
        DefaultData.Demand.SizeInBytes.ShouldBeLessThan(2_000_000);
        DefaultData.Stock.SizeInBytes.ShouldBeLessThan(64_000 * (40 + 8));
    }

    [Fact]
    public void Ids_are_found_among_many_and_duplicates_far_apart_are_reported_with_both_lines()
    {
        var text = new System.Text.StringBuilder(ClassificationHeader);
        for (var i = 0; i < 100_000; i++)
        {
            var id = i == 99_999 ? "A0000005" : $"A{i:D7}"; // the last row reuses row 6's id (line 7)
            text.Append(id).Append(";2024-01-01;1;0;1000;10000;employed;false;false;;;;;\n");
        }

        var e = Should.Throw<InputException>(() => DemandCsv.ReadTable(new StringReader(text.ToString()), "big.csv"));
        var p = e.Problems.Single();
        (p.Line, p.Column, p.ColumnName).ShouldBe((100_001, 1, "application_id"));
        p.Message.ShouldContain("already used on line 7");
    }

    private const string ClassificationHeader = "application_id;registered_on;persons_14_plus;children_under_14;monthly_resources;tax_income;employment;disabled_member;is_mutation;mutation_reason;urban_renewal;prefectoral_criteria;reserved_by;desired_communes\n";

    private sealed class Collector : IDemandVisitor
    {
        public List<HouseholdInput> Households { get; } = [];

        public List<int> Lines { get; } = [];

        public void Visit(in DemandRow row)
        {
            row.IsValid.ShouldBeTrue();
            Households.Add(row.Household);
            Lines.Add(row.Line);
        }
    }
}
