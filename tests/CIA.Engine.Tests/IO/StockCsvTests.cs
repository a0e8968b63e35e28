using CIA.Engine.Domain;
using CIA.Engine.IO;

namespace CIA.Engine.Tests.IO;

public class StockCsvTests
{
    [Fact]
    public void Reads_rpls_column_names_and_contingent_codes()
    {
        var stock = StockCsv.ReadFile(Path.Combine("TestData", "stock-sample.csv"));
        stock.Length.ShouldBe(10);
        stock[0].ShouldSatisfyAllConditions(
            d => d.Commune.Value.ShouldBe("44109"),
            d => d.InQpv.ShouldBeFalse(),
            d => d.Rooms.ShouldBe(3),
            d => d.MonthlyRent.ShouldBe(Euros.FromEuros(351.53m)),
            d => d.Reservataire.ShouldBe(Reservataire.Landlord)); // code 7: non réservé
        stock[1].Reservataire.ShouldBe(Reservataire.ActionLogement); // code 3
        stock[4].Qpv.ShouldBe(new QpvCode("QPV01"));
        stock[7].Reservataire.ShouldBe(Reservataire.StateAgents); // code 1
    }

    [Fact]
    public void Reports_bad_rows_all_at_once()
    {
        const string csv = "dwelling_id;DEPCOM;QPV;NBPIECE;SURFHAB;LOYERPRINC;FINAN;CONTINGENT;programme_id;landlord_id\n" +
                           "L1;4410;;3;65;9999;PLUS;8;P1;B1\n" +
                           "L2;44109;HZ;0;65;300;XYZ;7;;B1\n";
        var e = Should.Throw<InputException>(() => StockCsv.Read(new StringReader(csv), "stock.csv"));
        e.Problems.Select(p => $"{p.Line}:{p.ColumnName}").ShouldBe(["2:DEPCOM", "2:LOYERPRINC", "2:CONTINGENT", "3:NBPIECE", "3:FINAN", "3:programme_id"], ignoreOrder: true);
        e.Problems.Single(p => p.ColumnName == "LOYERPRINC").Message.ShouldContain("9999");
    }

    [Fact]
    public void Reads_the_optional_year_first_let_empty_meaning_unknown()
    {
        const string csv = "dwelling_id;DEPCOM;QPV;NBPIECE;LOYERPRINC;FINAN;CONTINGENT;programme_id;landlord_id;LOCAT\n" +
                           "L1;44109;;3;300;PLUS;7;P1;B1;2021\n" +
                           "L2;44109;;3;300;PLUS;7;P1;B1;\n";
        var table = StockCsv.ReadTable(new StringReader(csv), "stock.csv");
        table.FirstLetYearOf(0).ShouldBe(2021);
        table.FirstLetYearOf(1).ShouldBeNull();
        table.ToDwelling(0).FirstLetYear.ShouldBe(2021);

        // A file without the column: every year unknown.
        StockCsv.Read(new StringReader("dwelling_id;DEPCOM;QPV;NBPIECE;LOYERPRINC;FINAN;CONTINGENT;programme_id;landlord_id\nL1;44109;;3;300;PLUS;7;P1;B1\n"), "s.csv")
            .Single().FirstLetYear.ShouldBeNull();
    }

    [Fact]
    public void A_year_first_let_that_is_not_a_year_is_reported_with_its_line()
    {
        const string csv = "dwelling_id;DEPCOM;QPV;NBPIECE;LOYERPRINC;FINAN;CONTINGENT;programme_id;landlord_id;LOCAT\n" +
                           "L1;44109;;3;300;PLUS;7;P1;B1;19x5\n" +
                           "L2;44109;;3;300;PLUS;7;P1;B1;1799\n" +
                           "L3;44109;;3;300;PLUS;7;P1;B1;1800\n";
        var e = Should.Throw<InputException>(() => StockCsv.Read(new StringReader(csv), "stock.csv"));
        e.Problems.Select(p => $"{p.Line}:{p.ColumnName}").ShouldBe(["2:LOCAT", "3:LOCAT"]); // 1800 is the lowest year accepted
        e.Problems[1].Message.ShouldContain("1800 to 2100");
    }

    [Fact]
    public void Programme_shares_must_be_consistent()
    {
        const string csv = "programme_id;dwellings;households;share_under_20;share_under_40\nP1;40;40;0.5;0.3\nP2;40;40;1.5;0.3\n";
        var e = Should.Throw<InputException>(() => ProgrammeCsv.Read(new StringReader(csv), "prog.csv"));
        e.Problems.Select(p => $"{p.Line}:{p.ColumnName}").ShouldBe(["2:share_under_40", "3:share_under_20"], ignoreOrder: true);
    }

    [Fact]
    public void Reads_published_thresholds()
    {
        const string csv = "epci;year;q1;q2;q3;source\n243500139;2025;8743;12000;16000;arrêté\n";
        var t = ThresholdCsv.Read(new StringReader(csv), "t.csv").Single();
        (t.Epci.Value, t.Year, t.Q1.Value).ShouldBe(("243500139", 2025, 8743m));
    }
}
