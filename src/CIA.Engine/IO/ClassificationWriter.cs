using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CIA.Engine.Classification;
using CIA.Engine.Domain;

namespace CIA.Engine.IO;

/// <summary>One classified application, ready to write.</summary>
/// <param name="Id">The application's id.</param>
/// <param name="Result">Its classification.</param>
/// <param name="Explanation">The fired rules with reasons, when asked for.</param>
public sealed record ClassifiedApplication(string Id, HouseholdClassification Result, ImmutableArray<RuleFiringView>? Explanation);

/// <summary>A fired rule as written out.</summary>
/// <param name="Rule">Rule id.</param>
/// <param name="Reason">Reason.</param>
/// <param name="Reference">Reference.</param>
public sealed record RuleFiringView(string Rule, string Reason, string Reference);

/// <summary>Writes classifications as CSV (one row per application) or JSON; same input ⇒ same bytes.</summary>
public static class ClassificationWriter
{
    /// <summary>The CSV columns, in order.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
        ["application_id", "uc", "resources_per_uc", "quartile", "priority", "priority_criteria", "target_household", "plus_category", "fired_rules"];

    /// <summary>Writes CSV with <c>;</c> separators and invariant numbers.</summary>
    public static void WriteCsv(TextWriter writer, HouseholdClassifier classifier, IEnumerable<ClassifiedApplication> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(rows);
        writer.Write(string.Join(';', CsvColumns));
        writer.Write('\n');
        var line = new StringBuilder(256);
        foreach (var row in rows)
        {
            var r = row.Result;
            line.Clear()
                .Append(Escape(row.Id)).Append(';')
                .Append(r.Uc.ToString()).Append(';')
                .Append(r.ResourcesPerUc.ToString()).Append(';')
                .Append(r.Quartile.ToString(CultureInfo.InvariantCulture)).Append(';')
                .Append(r.IsPriority ? "true" : "false").Append(';')
                .Append(Tokens<PriorityCriteria>.FormatFlags(r.Criteria)).Append(';')
                .Append(r.IsTargetHousehold ? "true" : "false").Append(';')
                .Append(r.PlusCategory.ToString(CultureInfo.InvariantCulture)).Append(';')
                .Append(classifier.Rules.FiredIds(r.Fired)).Append('\n');
            writer.Write(line);
        }
    }

    /// <summary>
    /// Writes the CSV as French Excel opens it: a UTF-8 byte-order mark first (the writer must encode UTF-8), <c>;</c>
    /// separators and decimal commas (<c>1,6</c>, <c>9750,00</c>); otherwise the same columns and values as <see cref="WriteCsv(TextWriter, HouseholdClassifier, IEnumerable{ClassifiedApplication})"/>.
    /// </summary>
    public static void WriteExcelCsv(TextWriter writer, HouseholdClassifier classifier, IEnumerable<ClassifiedApplication> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var excel = new ExcelCsvWriter(writer);
        WriteCsv(excel, classifier, rows);
        excel.Flush();
    }

    /// <summary>
    /// Writes newline-delimited JSON: one line per application, each the same object as in <see cref="WriteJson"/>'s
    /// <c>applications</c> array (the year's figures, which JSON gives once at the top, are not repeated).
    /// </summary>
    public static void WriteNdjson(Stream stream, HouseholdClassifier classifier, IEnumerable<ClassifiedApplication> rows)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(rows);
        using var json = new Utf8JsonWriter(stream, JsonText.Compact);
        foreach (var row in rows)
        {
            WriteApplication(json, classifier, row);
            json.Flush();
            json.Reset();
            stream.WriteByte((byte)'\n');
        }
    }

    /// <summary>Writes JSON: the year's thresholds, then one object per application.</summary>
    public static void WriteJson(Stream stream, HouseholdClassifier classifier, ClassificationYear year, IEnumerable<ClassifiedApplication> rows)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(year);
        ArgumentNullException.ThrowIfNull(rows);
        using var json = new Utf8JsonWriter(stream, JsonText.Options);
        json.WriteStartObject();
        WriteFigures(json, classifier, year);
        json.WriteStartArray("applications");
        foreach (var row in rows)
        {
            WriteApplication(json, classifier, row);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>One application's object, as JSON and NDJSON write it.</summary>
    private static void WriteApplication(Utf8JsonWriter json, HouseholdClassifier classifier, ClassifiedApplication row)
    {
        var r = row.Result;
        json.WriteStartObject();
        json.WriteString("application_id", row.Id);
        json.WriteNumber("uc", r.Uc.Value);
        json.WriteNumber("resources_per_uc", r.ResourcesPerUc.Rounded.Value);
        json.WriteNumber("quartile", r.Quartile);
        json.WriteBoolean("priority", r.IsPriority);
        json.WriteStartArray("priority_criteria");
        foreach (var c in Tokens<PriorityCriteria>.FormatFlags(r.Criteria).Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            json.WriteStringValue(c);
        }

        json.WriteEndArray();
        json.WriteBoolean("target_household", r.IsTargetHousehold);
        json.WriteNumber("plus_category", r.PlusCategory);
        json.WriteStartArray("fired_rules");
        foreach (var id in classifier.Rules.FiredIds(r.Fired).Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            json.WriteStringValue(id);
        }

        json.WriteEndArray();
        if (row.Explanation is { } explanation)
        {
            json.WriteStartArray("explanation");
            foreach (var f in explanation)
            {
                json.WriteStartObject();
                json.WriteString("rule", f.Rule);
                json.WriteString("reason", f.Reason);
                json.WriteString("reference", f.Reference);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// Writes the policy, the year and the figures a classification used — thresholds and PLUS ceilings with their
    /// source and period — so that any output can be traced and reproduced.
    /// </summary>
    public static void WriteFigures(Utf8JsonWriter json, HouseholdClassifier classifier, ClassificationYear year)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(year);
        json.WriteString("policy", classifier.Policy.Name);
        if (classifier.Policy.Period is { } period)
        {
            json.WriteStartObject("policy_period");
            json.WriteNumber("from", period.From);
            json.WriteNumber("until", period.Until);
            json.WriteBoolean("covers_year", classifier.Policy.Covers(year.Year));
            json.WriteEndObject();
        }

        json.WriteNumber("year", year.Year);
        json.WriteStartObject("thresholds");
        json.WriteNumber("q1", year.Q1.Value);
        json.WriteNumber("q2", year.Q2.Value);
        json.WriteNumber("q3", year.Q3.Value);
        json.WriteString("boundary", Tokens<Policy.QuartileBoundary>.Format(classifier.Policy.Quartiles.Boundary));
        json.WriteString("source", year.ThresholdSource);
        json.WriteEndObject();
        json.WriteStartObject("plus_ceilings");
        json.WriteString("region", Tokens<PlusRegion>.Format(classifier.Policy.PlusRegion));
        json.WriteString("from", year.Plus.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("until", year.Plus.Until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("source", year.Plus.Source);
        json.WriteEndObject();
    }

    private static string Escape(string s) => Csv.CsvCells.Quote(s);
}
