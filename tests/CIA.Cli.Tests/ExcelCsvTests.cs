using System.Globalization;
using System.Text;
using Sylvan.Data.Csv;

namespace CIA.Cli.Tests;

/// <summary><c>cia classify --excel</c>: the CSV as French Excel opens it (byte-order mark, <c>;</c>, decimal commas).</summary>
public class ExcelCsvTests
{
    // French number conventions as fr-FR has them (decimal comma, narrow no-break space between thousands). Built by hand:
    // the test process runs in .NET's invariant-globalization mode (Directory.Build.props), where fr-FR is not loaded.
    private static readonly NumberFormatInfo French = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u202F" };

    [Fact]
    public void The_excel_csv_reads_back_with_semicolons_and_french_numbers()
    {
        var folder = Directory.CreateTempSubdirectory("cia-excel-").FullName;
        try
        {
            var path = Path.Combine(folder, "classified.csv");
            var (code, _, error) = Cli.Run("classify", "--demand", Path.Combine("samples", "data", "demand-sample.csv"), "--year", "2025", "--excel", "--out", path);
            code.ShouldBe(0, error);
            var bytes = File.ReadAllBytes(path);
            bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }); // UTF-8 byte-order mark: Excel then reads "Rezé" as written

            using var reader = CsvDataReader.Create(new StringReader(new UTF8Encoding(true).GetString(bytes).TrimStart('\uFEFF')), new CsvDataReaderOptions { Delimiter = ';' });
            reader.GetName(1).ShouldBe("uc");
            reader.Read().ShouldBeTrue();

            // D0001: 3 persons of 14+ and a child under 14 → 1 + 0.5 + 0.5 + 0.3 = 2.3 UC; 2 000 €/month × 12 ÷ 2.3 =
            // 10 434.78 € per UC.
            reader.GetString(0).ShouldBe("D0001");
            reader.GetString(1).ShouldBe("2,3");
            decimal.Parse(reader.GetString(1), NumberStyles.Number, French).ShouldBe(2.3m);
            decimal.Parse(reader.GetString(2), NumberStyles.Number, French).ShouldBe(10434.78m);
            reader.GetString(3).ShouldBe("1");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Excel_with_json_or_summary_is_refused()
    {
        var json = Cli.Run("classify", "--demand", Path.Combine("samples", "data", "demand-sample.csv"), "--excel", "--format", "json");
        json.Code.ShouldNotBe(0);
        json.Out.ShouldBeEmpty();
        json.Err.ShouldContain("--excel is a variant of the CSV output");
        Cli.Run("classify", "--demand", Path.Combine("samples", "data", "demand-sample.csv"), "--excel", "--summary").Code.ShouldNotBe(0);
    }
}
