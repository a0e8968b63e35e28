using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace CIA.Engine.Reporting;

/// <summary>
/// The report as an XLSX workbook (MiniExcel), the commission working in Excel: one sheet per table, a first sheet
/// with the summary's paragraphs. Counts and shares are numbers, not text, so they can be summed and charted; shares
/// carry a percent format, written the French way ("0,0 %" as Excel shows it in French) in a French report. A masked
/// cell holds the word for it, never the value.
/// </summary>
public static class ReportXlsx
{
    /// <summary>Writes the workbook.</summary>
    public static void Write(Stream stream, ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(document);
        var text = ReportText.Of(document.Language);
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var intro = new List<Dictionary<string, object?>>();
        var column = text.T("Rapport", "Report");
        intro.Add(new() { [column] = document.Title });
        foreach (var section in document.Sections)
        {
            intro.Add(new() { [column] = section.Title });
            foreach (var p in section.Paragraphs)
            {
                intro.Add(new() { [column] = p });
            }
        }

        sheets.Add(Name(text.T("synthese", "summary"), used), intro);
        var shareHeaders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in document.Sections.SelectMany(s => s.Tables))
        {
            var rows = new List<Dictionary<string, object?>>();
            var headers = Unique(table.Columns.Select(c => c.Header).ToList());
            for (var i = 0; i < table.Columns.Length; i++)
            {
                if (table.Columns[i].Kind == CellKind.Share)
                {
                    shareHeaders.Add(headers[i]);
                }
            }

            foreach (var row in table.Rows)
            {
                var values = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i < headers.Count; i++)
                {
                    values[headers[i]] = i < row.Cells.Length ? Value(row.Cells[i], text) : null;
                }

                rows.Add(values);
            }

            if (rows.Count == 0)
            {
                rows.Add(headers.ToDictionary(h => h, _ => (object?)null, StringComparer.Ordinal));
            }

            sheets.Add(Name(table.Id, used), rows);
        }

        var format = text.T("0.0 %", "0.0%");
        var configuration = new OpenXmlConfiguration
        {
            FastMode = false,
            EnableAutoWidth = true,
            DynamicColumns = [.. shareHeaders.Order(StringComparer.Ordinal).Select(h => new DynamicExcelColumn(h) { Format = format })],
        };
        stream.SaveAs(sheets, printHeader: true, excelType: ExcelType.XLSX, configuration: configuration);
    }

    private static object? Value(ReportCell cell, ReportText text)
    {
        if (cell.Masked)
        {
            return text.Masked;
        }

        return cell.Kind switch
        {
            CellKind.Count => cell.Number is { } n ? (object)(long)n : ReportText.Undefined,
            CellKind.Share => cell.Number is { } s ? decimal.Round(s, 6) : ReportText.Undefined,
            CellKind.Points => cell.Number is { } p ? decimal.Round(p, 1) : ReportText.Undefined,
            _ => ReportCells.Format(cell, text),
        };
    }

    /// <summary>A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook.</summary>
    private static string Name(string id, HashSet<string> used)
    {
        var clean = new string([.. id.Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? '-' : c)]);
        var name = clean.Length <= 31 ? clean : clean[..31];
        for (var i = 2; !used.Add(name); i++)
        {
            var suffix = "~" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            name = (clean.Length + suffix.Length <= 31 ? clean : clean[..(31 - suffix.Length)]) + suffix;
        }

        return name;
    }

    private static List<string> Unique(List<string> headers)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. headers.Select(h =>
        {
            var name = h;
            for (var i = 2; !seen.Add(name); i++)
            {
                name = $"{h} ({i})";
            }

            return name;
        })];
    }
}
