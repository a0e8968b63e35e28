using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Targets;

namespace CIA.Engine.Reporting;

/// <summary>How a cell is written as text in a format for people (Markdown, HTML, JSON's tables): the report's language, the mask, "—" for undefined.</summary>
internal static class ReportCells
{
    /// <summary>A cell as text.</summary>
    public static string Format(ReportCell cell, ReportText text)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(text);
        if (cell.Masked)
        {
            return text.Masked;
        }

        var value = cell.Kind switch
        {
            CellKind.Text => cell.Text ?? string.Empty,
            CellKind.Count => cell.Number is { } n ? text.Count(n) : ReportText.Undefined,
            CellKind.Share => cell.Number is { } s ? text.Share(s) : ReportText.Undefined,
            CellKind.Points => cell.Number is { } p ? text.Points(p) : ReportText.Undefined,
            CellKind.Status => cell.Status is { } st ? text.Status(st) : string.Empty,
            _ => string.Empty,
        };
        if (cell.Interval is { } i)
        {
            value += $" [{text.Share((decimal)i.Low)} ; {text.Share((decimal)i.High)}]".Replace(" ;", text.T(" ;", ","), StringComparison.Ordinal);
        }

        return value;
    }
}

/// <summary>The report in Markdown: title, sections, paragraphs and pipe tables, in the report's language.</summary>
public static class ReportMarkdown
{
    /// <summary>Writes the document.</summary>
    public static void Write(TextWriter writer, ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(document);
        var text = ReportText.Of(document.Language);
        writer.Write($"# {document.Title}\n");
        foreach (var section in document.Sections)
        {
            writer.Write($"\n## {section.Title}\n");
            foreach (var p in section.Paragraphs)
            {
                writer.Write($"\n{p}\n");
            }

            foreach (var table in section.Tables)
            {
                writer.Write($"\n### {table.Title}\n\n");
                writer.Write("| " + string.Join(" | ", table.Columns.Select(c => Escape(c.Header))) + " |\n");
                writer.Write("|" + string.Join("|", table.Columns.Select(c => c.Kind is CellKind.Text or CellKind.Status ? "---" : "---:")) + "|\n");
                foreach (var row in table.Rows)
                {
                    writer.Write("| " + string.Join(" | ", row.Cells.Select(c => Escape(ReportCells.Format(c, text)))) + " |\n");
                }
            }
        }
    }

    private static string Escape(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}

/// <summary>
/// Every figure as CSV (docs/formats.md): <c>;</c>-separated, invariant numbers (shares as fractions, 6 decimals),
/// <c>\n</c> line ends. A masked number is written empty, with its <c>*_masked</c> flag true: the value never leaves.
/// </summary>
public static class ReportCsv
{
    /// <summary>The columns.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["key", "section", "label", "numerator", "denominator", "share", "min", "max", "status", "reference", "numerator_masked", "denominator_masked", "ci95_low", "ci95_high", "previous_share"];

    /// <summary>Writes the figures.</summary>
    public static void Write(TextWriter writer, ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(document);
        writer.Write(string.Join(';', Columns) + "\n");
        foreach (var f in document.Figures)
        {
            var cells = new[]
            {
                Cell(f.Key), Cell(f.Section), Cell(f.Label),
                f.NumeratorMasked ? string.Empty : Int(f.Numerator),
                f.DenominatorMasked || f.Denominator is null ? string.Empty : Int(f.Denominator.Value),
                f.ShareMasked ? string.Empty : Number(f.Share),
                Number(f.Min), Number(f.Max),
                f.Status is { } s ? Tokens<TargetStatus>.Format(s) : string.Empty,
                f.Reference is { } r ? Int(r) : string.Empty,
                f.NumeratorMasked ? "true" : "false",
                f.DenominatorMasked ? "true" : "false",
                f.Interval is { } i ? Number((decimal)i.Low) : string.Empty,
                f.Interval is { } j ? Number((decimal)j.High) : string.Empty,
                Number(f.PreviousShare),
            };
            writer.Write(string.Join(';', cells) + "\n");
        }
    }

    internal static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Number(decimal? value) => value is { } v ? decimal.Round(v, 6, MidpointRounding.AwayFromZero).ToString("0.######", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>A cell quoted when it holds the separator, a quote or a line break.</summary>
    private static string Cell(string s) => IO.Csv.CsvCells.Quote(s);
}

/// <summary>
/// The report as JSON: its metadata, every figure (machine values, masked ones null with their flag) and every
/// section as text. Read back with <see cref="ReadPrevious(string, string)"/> as next year's <c>--previous</c>.
/// </summary>
public static class ReportJson
{
    /// <summary>The format's name and version, checked when read back.</summary>
    public const string Format = "cia-annual-report/1";

    /// <summary>Writes the document, followed by a line end.</summary>
    public static void Write(Stream stream, ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(document);
        var text = ReportText.Of(document.Language);
        using (var json = new Utf8JsonWriter(stream, JsonText.Options))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteString("title", document.Title);
            json.WriteNumber("year", document.Year);
            json.WriteString("language", Tokens<ReportLanguage>.Format(document.Language));
            json.WriteString("engine_version", document.EngineVersion);
            json.WriteNumber("mask_below", document.MaskBelow);
            json.WriteStartArray("figures");
            foreach (var f in document.Figures)
            {
                json.WriteStartObject();
                json.WriteString("key", f.Key);
                json.WriteString("section", f.Section);
                json.WriteString("label", f.Label);
                Nullable(json, "numerator", f.NumeratorMasked ? null : f.Numerator);
                Nullable(json, "denominator", f.DenominatorMasked ? null : f.Denominator);
                Decimal(json, "share", f.ShareMasked ? null : f.Share);
                Decimal(json, "min", f.Min);
                Decimal(json, "max", f.Max);
                if (f.Status is { } s)
                {
                    json.WriteString("status", Tokens<TargetStatus>.Format(s));
                }
                else
                {
                    json.WriteNull("status");
                }

                Nullable(json, "reference", f.Reference);
                json.WriteBoolean("numerator_masked", f.NumeratorMasked);
                json.WriteBoolean("denominator_masked", f.DenominatorMasked);
                if (f.Interval is { } i)
                {
                    json.WriteStartArray("ci95");
                    json.WriteNumberValue(Math.Round(i.Low, 6));
                    json.WriteNumberValue(Math.Round(i.High, 6));
                    json.WriteEndArray();
                }

                Decimal(json, "previous_share", f.PreviousShare);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("sections");
            foreach (var section in document.Sections)
            {
                json.WriteStartObject();
                json.WriteString("id", section.Id);
                json.WriteString("title", section.Title);
                json.WriteStartArray("paragraphs");
                foreach (var p in section.Paragraphs)
                {
                    json.WriteStringValue(p);
                }

                json.WriteEndArray();
                json.WriteStartArray("tables");
                foreach (var table in section.Tables)
                {
                    json.WriteStartObject();
                    json.WriteString("id", table.Id);
                    json.WriteString("title", table.Title);
                    json.WriteStartArray("columns");
                    foreach (var c in table.Columns)
                    {
                        json.WriteStringValue(c.Header);
                    }

                    json.WriteEndArray();
                    json.WriteStartArray("rows");
                    foreach (var row in table.Rows)
                    {
                        json.WriteStartArray();
                        foreach (var cell in row.Cells)
                        {
                            json.WriteStringValue(ReportCells.Format(cell, text));
                        }

                        json.WriteEndArray();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    /// <summary>Reads a report written by <see cref="Write"/> as the previous year's.</summary>
    /// <exception cref="InputException">Not JSON, or not a report of this format; with line and column.</exception>
    public static PreviousReport ReadPrevious(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string content;
        try
        {
            content = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException([new InputProblem(path, 0, 0, string.Empty, $"cannot be read: {e.Message}")]);
        }

        return ReadPrevious(content, path);
    }

    /// <summary>Reads a previous report from its text.</summary>
    /// <param name="content">The JSON text.</param>
    /// <param name="source">Its name, for messages.</param>
    /// <exception cref="InputException">Not JSON, or not a report of this format.</exception>
    public static PreviousReport ReadPrevious(string content, string source)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(source);
        InputException Problem(int line, int column, string message) => new([new InputProblem(source, line, column, string.Empty, message)]);
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
            {
                throw Problem(1, 1, $"is not an annual report written by cia report (its \"format\" is not \"{Format}\"): give the report.json of an earlier year.");
            }

            if (!root.TryGetProperty("year", out var year) || !year.TryGetInt32(out var y) || !root.TryGetProperty("figures", out var figures) || figures.ValueKind != JsonValueKind.Array)
            {
                throw Problem(1, 1, "has no \"year\" or no \"figures\": give the report.json of an earlier year, as cia report wrote it.");
            }

            // Every figure must be as cia report writes it: a string key and a share that is a number (or null when
            // masked or undefined); all the figures that are not are listed together.
            var shares = ImmutableSortedDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
            var problems = new List<InputProblem>();
            var i = 0;
            foreach (var f in figures.EnumerateArray())
            {
                var at = string.Create(CultureInfo.InvariantCulture, $"figures[{i++}]");
                if (f.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(new InputProblem(source, 0, 0, string.Empty, $"{at}: expected an object with \"key\" and \"share\"."));
                    continue;
                }

                if (!f.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.String || key.GetString() is not { Length: > 0 } k)
                {
                    problems.Add(new InputProblem(source, 0, 0, string.Empty, $"{at}.key: expected a non-empty string."));
                    continue;
                }

                if (!f.TryGetProperty("share", out var share) || share.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null))
                {
                    problems.Add(new InputProblem(source, 0, 0, string.Empty, $"{at}.share: expected a number from 0 to 1, or null."));
                }
                else if (share.ValueKind == JsonValueKind.Number)
                {
                    if (!share.TryGetDecimal(out var s) || s < 0 || s > 1)
                    {
                        problems.Add(new InputProblem(source, 0, 0, string.Empty, $"{at}.share: expected a number from 0 to 1, or null."));
                    }
                    else
                    {
                        shares[k] = s;
                    }
                }
            }

            if (problems.Count > 0)
            {
                throw new InputException(problems);
            }

            return new PreviousReport(y, shares.ToImmutable());
        }
        catch (JsonException e)
        {
            throw Problem((int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, "is not valid JSON: " + (e.Message.Split(" Path:")[0]));
        }
    }

    private static void Nullable(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Decimal(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, decimal.Round(v, 6, MidpointRounding.AwayFromZero) / 1.000000000000000000000000000000000m); // no trailing zeros: 0.3, not 0.30
        }
        else
        {
            json.WriteNull(name);
        }
    }
}

/// <summary>
/// The report as one self-contained HTML page: inline CSS, no script, no network; French by default. Each table may
/// be preceded by a chart: the chart function given to <see cref="Write"/> returns the SVG for a table (or null), so
/// charts slot in without the page depending on how they are drawn.
/// </summary>
public static class ReportHtml
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#fff}
        main{max-width:70rem;margin:0 auto;padding:1rem 1.5rem 3rem}
        h1{font-size:1.6rem;border-bottom:3px solid #000091;padding-bottom:.4rem}
        h2{font-size:1.25rem;margin-top:2.2rem;color:#000091}
        h3{font-size:1rem;margin-top:1.4rem}
        table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}
        th,td{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top}
        th{background:#f0f0f7;text-align:left}
        td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
        td.masked{color:#777;font-style:italic;text-align:right}
        .met,.within{color:#18753c;font-weight:600}
        .not_met,.below{color:#ce0500;font-weight:600}
        .above{color:#b34000;font-weight:600}
        .no_allocations,.indicator{color:#555}
        figure.chart{margin:.5rem 0}
        figure.chart svg{max-width:100%;height:auto}
        p{line-height:1.45;max-width:60rem}
        """;

    /// <summary>Writes the page.</summary>
    /// <param name="writer">Where to.</param>
    /// <param name="document">The document.</param>
    /// <param name="chart">The SVG of a table's chart, or null for none (its <see cref="ReportTable.Chart"/> says what it would show).</param>
    public static void Write(TextWriter writer, ReportDocument document, Func<ReportTable, ReportText, string?>? chart = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(document);
        var text = ReportText.Of(document.Language);
        var lang = Tokens<ReportLanguage>.Format(document.Language);
        writer.Write($"<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        writer.Write($"<title>{E(document.Title)}</title>\n<style>\n{Style}\n</style>\n</head>\n<body>\n<main>\n<h1>{E(document.Title)}</h1>\n");
        foreach (var section in document.Sections)
        {
            writer.Write($"<section id=\"{E(section.Id)}\">\n<h2>{E(section.Title)}</h2>\n");
            foreach (var p in section.Paragraphs)
            {
                writer.Write($"<p>{E(p)}</p>\n");
            }

            foreach (var table in section.Tables)
            {
                writer.Write($"<h3>{E(table.Title)}</h3>\n");
                if (chart?.Invoke(table, text) is { Length: > 0 } svg)
                {
                    writer.Write($"<figure class=\"chart\" data-chart=\"{table.Chart.ToString().ToLowerInvariant()}\">{svg}</figure>\n");
                }

                writer.Write($"<table id=\"{E(table.Id)}\">\n<thead><tr>");
                foreach (var c in table.Columns)
                {
                    writer.Write($"<th scope=\"col\">{E(c.Header)}</th>");
                }

                writer.Write("</tr></thead>\n<tbody>\n");
                foreach (var row in table.Rows)
                {
                    writer.Write("<tr>");
                    foreach (var cell in row.Cells)
                    {
                        var css = cell.Masked ? "masked" : cell.Kind switch
                        {
                            CellKind.Count or CellKind.Share or CellKind.Points => "n",
                            CellKind.Status when cell.Status is { } s => Tokens<TargetStatus>.Format(s),
                            _ => string.Empty,
                        };
                        writer.Write(css.Length > 0 ? $"<td class=\"{css}\">" : "<td>");
                        writer.Write(E(ReportCells.Format(cell, text)));
                        writer.Write("</td>");
                    }

                    writer.Write("</tr>\n");
                }

                writer.Write("</tbody>\n</table>\n");
            }

            writer.Write("</section>\n");
        }

        writer.Write("</main>\n</body>\n</html>\n");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
