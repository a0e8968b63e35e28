using System.Globalization;
using CIA.Engine.IO;

namespace CIA.Engine.Tests.IO;

/// <summary>
/// <see cref="ExcelCsvWriter"/>: the French-Excel variant of any of our CSV outputs. Expected texts are written by hand
/// from what French Excel expects (a byte-order mark, decimal commas; whole numbers, dates and text unchanged).
/// </summary>
public class ExcelCsvWriterTests
{
    private static string Convert(string csv, Action<TextWriter, string>? write = null)
    {
        var inner = new StringWriter { NewLine = "\n" };
        using (var excel = new ExcelCsvWriter(inner))
        {
            (write ?? ((w, s) => w.Write(s)))(excel, csv);
            excel.Flush();
        }

        return inner.ToString();
    }

    [Fact]
    public void Decimal_points_become_commas_in_number_cells_only()
    {
        Convert("id;uc;share;date;count;name\nA-1.5;1.6;0.253;2025-03-01;12;Rezé 2.0\n")
            .ShouldBe("\uFEFFid;uc;share;date;count;name\nA-1.5;1,6;0,253;2025-03-01;12;Rezé 2.0\n");
    }

    [Fact]
    public void Negative_and_exponent_numbers_are_numbers_too()
    {
        Convert("-0.25;1.5E-05;-3;1.;.5;1e5\n").ShouldBe("\uFEFF-0,25;1,5E-05;-3;1.;.5;1e5\n");
    }

    [Fact]
    public void A_quoted_cell_is_text_and_passes_unchanged_with_its_separators_quotes_and_line_breaks()
    {
        Convert("\"1.5\";\"a;b\";\"say \"\"2.5\"\"\";\"two\nlines 3.5\";4.5\n")
            .ShouldBe("\uFEFF\"1.5\";\"a;b\";\"say \"\"2.5\"\"\";\"two\nlines 3.5\";4,5\n");
    }

    [Fact]
    public void Empty_cells_and_a_last_line_without_line_end_are_kept()
    {
        Convert("a;;b\n;2.5").ShouldBe("\uFEFFa;;b\n;2,5");
    }

    [Fact]
    public void Writing_character_by_character_gives_the_same_bytes_as_whole_strings()
    {
        const string csv = "x;\"q;1.5\";2.75\n3.25;y\n";
        Convert(csv, (w, s) =>
        {
            foreach (var c in s)
            {
                w.Write(c);
            }
        }).ShouldBe(Convert(csv));
    }

    [Fact]
    public void Every_converted_cell_reads_back_as_the_same_number_in_the_french_culture()
    {
        // French number conventions by hand: the tests run in .NET's invariant-globalization mode, without fr-FR.
        var fr = new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u202F" };
        foreach (var text in new[] { "0.5", "1234.56", "-7.125", "2.5E-05" })
        {
            var cell = Convert(text).TrimStart('\uFEFF');
            double.Parse(cell, NumberStyles.Float, fr).ShouldBe(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
    }
}
