using System.IO.Compression;
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
public static partial class ReportXlsx
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
        var countHeaders = new HashSet<string>(StringComparer.Ordinal);
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
                else if (table.Columns[i].Kind == CellKind.Count)
                {
                    countHeaders.Add(headers[i]);
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
            FastMode = true,
            EnableAutoWidth = true,
            // Format codes are stored the same in every language; Excel shows them with the reader's separators, so a
            // French Excel writes "25,3 %" and "1 241". A header that is both (never, today) takes the share format.
            DynamicColumns =
            [
                .. shareHeaders.Order(StringComparer.Ordinal).Select(h => new DynamicExcelColumn(h) { Format = format }),
                .. countHeaders.Except(shareHeaders).Order(StringComparer.Ordinal).Select(h => new DynamicExcelColumn(h) { Format = "#,##0" }),
            ],
        };
        using var workbook = new MemoryStream();
        workbook.SaveAs(sheets, printHeader: true, excelType: ExcelType.XLSX, configuration: configuration);
        workbook.Position = 0;
        Deterministic(workbook, stream);
    }

    /// <summary>
    /// Copies a zip with every entry's time set to 1 January 1980 (the zip format's first date) and the workbook's
    /// relationship ids renumbered <c>rId1</c>, <c>rId2</c>…: MiniExcel stamps entries with the wall clock and names
    /// relationships with random GUIDs, and the same inputs must give the same bytes.
    /// </summary>
    private static void Deterministic(Stream zip, Stream output)
    {
        var fixedTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var source = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        var contents = source.Entries.Select(e =>
        {
            using var from = e.Open();
            using var buffer = new MemoryStream();
            from.CopyTo(buffer);
            return (e.FullName, Bytes: buffer.ToArray());
        }).ToList();

        // Random ids appear in the workbook and its relationships: map them, in order of appearance, to rId1, rId2…
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        string Renumber(string text) => RandomId().Replace(text, m =>
        {
            if (!ids.TryGetValue(m.Value, out var id))
            {
                id = "rId" + (ids.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                ids.Add(m.Value, id);
            }

            return id;
        });

        foreach (var name in new[] { "xl/_rels/workbook.xml.rels", "xl/workbook.xml" })
        {
            var i = contents.FindIndex(c => c.FullName == name);
            if (i >= 0)
            {
                contents[i] = (name, System.Text.Encoding.UTF8.GetBytes(Renumber(System.Text.Encoding.UTF8.GetString(contents[i].Bytes))));
            }
        }

        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, bytes) in contents)
        {
            var copy = target.CreateEntry(name, CompressionLevel.Optimal);
            copy.LastWriteTime = fixedTime;
            using var to = copy.Open();
            to.Write(bytes);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("\\bR[0-9a-f]{32}\\b")]
    private static partial System.Text.RegularExpressions.Regex RandomId();

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
