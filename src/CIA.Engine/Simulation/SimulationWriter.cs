using System.Globalization;
using System.Text;
using System.Text.Json;
using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Policy;
using CIA.Engine.Targets;

namespace CIA.Engine.Simulation;

/// <summary>
/// Writes a simulated year (docs/formats.md): the allocation log (the allocation-records format plus the simulator's
/// columns), the unfilled vacancies, the targets, the indicators and one JSON document with all of it; and a Monte
/// Carlo summary. <c>;</c>-separated, invariant culture, <c>\n</c> line ends; same inputs ⇒ same bytes. Pure: a
/// <see cref="TextWriter"/> or <see cref="Stream"/> in, nothing else touched.
/// </summary>
public static class SimulationWriter
{
    /// <summary>The simulator's columns after those of the allocation records.</summary>
    public static IReadOnlyList<string> LogColumns { get; } =
        ["channel", "rank", "candidates_examined", "refusals_before", "rules", "chain_id", "round"];

    /// <summary>The allocation log's columns: <see cref="AllocationCsv.ColumnNames"/>, then <see cref="LogColumns"/>.</summary>
    public static IReadOnlyList<string> AllocationColumns { get; } = [.. AllocationCsv.ColumnNames, .. LogColumns];

    /// <summary>The unfilled vacancies' columns.</summary>
    public static IReadOnlyList<string> UnfilledColumns { get; } = ["dwelling_id", "vacant_on", "reason", "channel"];

    /// <summary>The targets' columns.</summary>
    public static IReadOnlyList<string> TargetColumns { get; } =
        ["target_id", "scope", "key", "numerator", "denominator", "share", "min", "max", "status", "reference", "share_of_reference"];

    /// <summary>The indicators' columns.</summary>
    public static IReadOnlyList<string> IndicatorColumns { get; } = ["indicator", "group", "unit", "value"];

    /// <summary>The Monte Carlo summary's columns.</summary>
    public static IReadOnlyList<string> MonteCarloColumns { get; } = ["indicator", "group", "unit", "runs", "mean", "sd", "ci95_low", "ci95_high"];

    /// <summary>
    /// Writes the allocation log: one row per lease, in date order, readable by <see cref="AllocationCsv"/> (which
    /// ignores the simulator's columns).
    /// </summary>
    public static void WriteAllocations(TextWriter writer, SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        Header(writer, AllocationColumns);
        var stock = result.Territory.Stock.Ids;
        var line = new StringBuilder(256);
        foreach (var l in result.Leases)
        {
            line.Clear()
                .Append(Date(l.SignedOn)).Append(';')
                .Append(Cell(result.ApplicationId(l.Application))).Append(';')
                .Append(Cell(stock[l.Dwelling])).Append(';')
                .Append(Tokens<Reservataire>.Format(l.Reservataire)).Append(';')
                .Append(Tokens<Reservataire>.Format(l.Channel)).Append(';')
                .Append(Int(l.Rank)).Append(';')
                .Append(Int(l.Examined)).Append(';')
                .Append(Int(l.RefusalsBefore)).Append(';')
                .Append(l.Rules.ToString()).Append(';')
                .Append(Cell(stock[l.Chain])).Append(';')
                .Append(Int(l.Round)).Append('\n');
            writer.Write(line);
        }
    }

    /// <summary>Writes the vacancies left unfilled, by date of vacancy then dwelling id.</summary>
    public static void WriteUnfilled(TextWriter writer, SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        Header(writer, UnfilledColumns);
        foreach (var (u, id) in Unfilled(result))
        {
            writer.Write($"{Cell(id)};{Date(u.VacantOn)};{Tokens<UnfilledReason>.Format(u.Reason)};{Tokens<Reservataire>.Format(u.Channel)}\n");
        }
    }

    /// <summary>
    /// Writes the targets: per target a row <c>overall</c>, a row <c>reservataire</c> per réservataire figure of a
    /// <c>per: reservataire</c> target, then its breakdown rows (<c>by_reservataire</c>, <c>by_landlord</c>,
    /// <c>by_commune</c>, <c>by_qpv</c>), for information.
    /// </summary>
    public static void WriteTargets(TextWriter writer, IEnumerable<TargetResult> targets)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(targets);
        Header(writer, TargetColumns);
        foreach (var t in targets)
        {
            var id = Cell(t.Target.Id);
            TargetRow(writer, id, "overall", "", t.Overall, t.ReferenceFigure, t.ShareOfReference);
            foreach (var r in t.ByReservataire)
            {
                TargetRow(writer, id, "reservataire", Tokens<Reservataire>.Format(r.Reservataire), r.Figure, null, null);
            }

            foreach (var row in t.Breakdown)
            {
                if (row.Dimension != TargetBreakdown.Total)
                {
                    TargetRow(writer, id, "by_" + Tokens<TargetBreakdown>.Format(row.Dimension), Cell(row.Name), row.Figure, null, null);
                }
            }
        }
    }

    /// <summary>Writes indicators, one row each: name, group, unit, value (empty when undefined).</summary>
    public static void WriteIndicators(TextWriter writer, IEnumerable<SimulationIndicator> indicators)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(indicators);
        Header(writer, IndicatorColumns);
        foreach (var i in indicators)
        {
            writer.Write($"{i.Name};{Cell(i.Group)};{Tokens<IndicatorUnit>.Format(i.Unit)};{Number(i.Value)}\n");
        }
    }

    /// <summary>Writes the Monte Carlo summary: per indicator the runs where it is defined, mean, standard deviation and 95 % confidence interval of the mean.</summary>
    public static void WriteMonteCarlo(TextWriter writer, MonteCarloSummary summary)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(summary);
        Header(writer, MonteCarloColumns);
        foreach (var s in summary.Indicators)
        {
            writer.Write($"{s.Name};{Cell(s.Group)};{Tokens<IndicatorUnit>.Format(s.Unit)};{Int(s.Runs)};{Number(s.Mean)};{Number(s.StandardDeviation)};{Number(s.Low)};{Number(s.High)}\n");
        }
    }

    /// <summary>
    /// Writes one JSON document with everything about the year: how it was simulated (policy, year, seed, ranking,
    /// sources, notes), counts, unfilled vacancies by reason, waiting times, chain lengths, targets, indicators, every
    /// lease and every unfilled vacancy.
    /// </summary>
    public static void WriteJson(Stream stream, SimulationReport report)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(report);
        var result = report.Result;
        var stock = result.Territory.Stock.Ids;
        using var json = new Utf8JsonWriter(stream, JsonText.Options);
        json.WriteStartObject();
        WriteRunHeader(json, result.Territory, report.MobilisableCapacity, result.Seed);
        var c = result.Counts;
        json.WriteStartObject("counts");
        json.WriteNumber("waiting_at_start", c.Waiting);
        json.WriteNumber("arrivals", c.Arrivals);
        json.WriteNumber("lapsed", c.Lapsed);
        json.WriteNumber("vacancies", c.Vacancies);
        json.WriteNumber("chain_vacancies", c.ChainVacancies);
        json.WriteNumber("skipped_chains", c.SkippedChains);
        json.WriteNumber("leases", c.Leases);
        json.WriteNumber("unfilled", result.Unfilled.Length);
        json.WriteNumber("refusals", c.Refusals);
        json.WriteNumber("fallbacks", c.Fallbacks);
        json.WriteNumber("waiting_at_end", c.WaitingAtEnd);
        json.WriteNumber("signed_after_year", c.SignedAfterYear);
        json.WriteNumber("mean_queue", c.MeanQueue);
        json.WriteNumber("satisfaction_rate", c.SatisfactionRate);
        json.WriteEndObject();
        json.WriteStartObject("unfilled_by_reason");
        foreach (var u in report.UnfilledByReason)
        {
            json.WriteNumber(Tokens<UnfilledReason>.Format(u.Reason), u.Vacancies);
        }

        json.WriteEndObject();
        json.WriteStartArray("waiting_times");
        foreach (var w in report.WaitingTimes)
        {
            json.WriteStartObject();
            json.WriteString("group", SimulationReport.GroupToken(w.Group));
            json.WriteNumber("housed", w.Housed);
            Number(json, "mean_months", w.MeanMonths);
            Number(json, "median_months", w.MedianMonths);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("chain_lengths");
        for (var length = 1; length < result.ChainLengths.Length; length++)
        {
            json.WriteStartObject();
            json.WriteNumber("length", length);
            json.WriteNumber("chains", result.ChainLengths[length]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("targets");
        foreach (var t in report.Targets)
        {
            WriteTarget(json, t);
        }

        json.WriteEndArray();
        json.WriteStartArray("indicators");
        foreach (var i in report.Indicators)
        {
            json.WriteStartObject();
            json.WriteString("indicator", i.Name);
            json.WriteString("group", i.Group);
            json.WriteString("unit", Tokens<IndicatorUnit>.Format(i.Unit));
            Number(json, "value", i.Value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("leases");
        foreach (var l in result.Leases)
        {
            json.WriteStartObject();
            json.WriteString("lease_signed_on", Date(l.SignedOn));
            json.WriteString("application_id", result.ApplicationId(l.Application));
            json.WriteString("dwelling_id", stock[l.Dwelling]);
            json.WriteString("reservataire", Tokens<Reservataire>.Format(l.Reservataire));
            json.WriteString("channel", Tokens<Reservataire>.Format(l.Channel));
            json.WriteNumber("rank", l.Rank);
            json.WriteNumber("candidates_examined", l.Examined);
            json.WriteNumber("refusals_before", l.RefusalsBefore);
            json.WriteStartArray("rules");
            foreach (var rule in l.Rules.Rules())
            {
                json.WriteStringValue(rule.Id);
            }

            json.WriteEndArray();
            json.WriteString("chain_id", stock[l.Chain]);
            json.WriteNumber("round", l.Round);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("unfilled");
        foreach (var (u, id) in Unfilled(result))
        {
            json.WriteStartObject();
            json.WriteString("dwelling_id", id);
            json.WriteString("vacant_on", Date(u.VacantOn));
            json.WriteString("reason", Tokens<UnfilledReason>.Format(u.Reason));
            json.WriteString("channel", Tokens<Reservataire>.Format(u.Channel));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes the Monte Carlo summary as JSON: how the runs were made (policy, year, seeds, ranking, sources, notes), then every indicator's statistics.</summary>
    public static void WriteMonteCarloJson(Stream stream, SimulationTerritory territory, int? mobilisableCapacity, MonteCarloSummary summary)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(territory);
        ArgumentNullException.ThrowIfNull(summary);
        using var json = new Utf8JsonWriter(stream, JsonText.Options);
        json.WriteStartObject();
        WriteRunHeader(json, territory, mobilisableCapacity, null);
        json.WriteNumber("runs", summary.Seeds.Length);
        json.WriteStartArray("seeds");
        foreach (var s in summary.Seeds)
        {
            json.WriteNumberValue(s);
        }

        json.WriteEndArray();
        json.WriteNumber("confidence", MonteCarloSummary.Confidence);
        json.WriteString("interval", "mean ± t(0.975, n − 1) × sd ÷ √n (Student's t, n = runs where the indicator is defined)");
        json.WriteStartArray("indicators");
        foreach (var s in summary.Indicators)
        {
            json.WriteStartObject();
            json.WriteString("indicator", s.Name);
            json.WriteString("group", s.Group);
            json.WriteString("unit", Tokens<IndicatorUnit>.Format(s.Unit));
            WriteStatistics(json, s);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRunHeader(Utf8JsonWriter json, SimulationTerritory t, int? mobilisableCapacity, ulong? seed)
    {
        json.WriteString("policy", t.Policy.Name);
        json.WriteNumber("year", t.Year);
        if (seed is { } s)
        {
            json.WriteNumber("seed", s);
        }

        json.WriteString("ranking", Tokens<RankingPolicy>.Format(t.Options.Ranking));
        json.WriteString("management", Tokens<ReservationManagement>.Format(t.Options.Management));
        json.WriteString("demand", t.Demand.Source);
        json.WriteNumber("applications", t.Demand.Count);
        json.WriteString("stock", t.Stock.Source);
        json.WriteNumber("dwellings", t.Stock.Count);
        if (mobilisableCapacity is { } capacity)
        {
            json.WriteNumber("mobilisable_capacity", capacity);
        }
        else
        {
            json.WriteNull("mobilisable_capacity");
        }

        json.WriteStartArray("notes");
        foreach (var n in t.Notes)
        {
            json.WriteStringValue(n);
        }

        json.WriteEndArray();
    }

    private static void WriteTarget(Utf8JsonWriter json, TargetResult t)
    {
        json.WriteStartObject();
        json.WriteString("id", t.Target.Id);
        json.WriteString("title", t.Target.Title);
        json.WriteString("reference", t.Target.Reference);
        json.WriteString("kind", t.Kind switch
        {
            TargetKind.Minimum => "minimum",
            TargetKind.Maximum => "maximum",
            TargetKind.Band => "band",
            _ => "indicator",
        });
        json.WriteString("per", Tokens<TargetPer>.Format(t.Target.Per));
        json.WriteStartObject("overall");
        WriteFigure(json, t.Overall);
        json.WriteEndObject();
        json.WriteStartArray("reservataires");
        foreach (var r in t.ByReservataire)
        {
            json.WriteStartObject();
            json.WriteString("reservataire", Tokens<Reservataire>.Format(r.Reservataire));
            WriteFigure(json, r.Figure);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (t.ReferenceFigure is { } reference)
        {
            json.WriteNumber("reference_figure", reference);
            if (t.ShareOfReference is { } share)
            {
                json.WriteNumber("share_of_reference", share);
            }
            else
            {
                json.WriteNull("share_of_reference");
            }
        }

        json.WriteStartArray("breakdown");
        foreach (var row in t.Breakdown)
        {
            json.WriteStartObject();
            json.WriteString("dimension", Tokens<TargetBreakdown>.Format(row.Dimension));
            json.WriteString("key", row.Name);
            WriteFigure(json, row.Figure);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteFigure(Utf8JsonWriter json, TargetFigure f)
    {
        json.WriteNumber("numerator", f.Numerator);
        json.WriteNumber("denominator", f.Denominator);
        if (f.Share is { } share)
        {
            json.WriteNumber("share", share);
        }
        else
        {
            json.WriteNull("share");
        }

        if (f.Min is { } min)
        {
            json.WriteNumber("min", min.Fraction);
        }
        else
        {
            json.WriteNull("min");
        }

        if (f.Max is { } max)
        {
            json.WriteNumber("max", max.Fraction);
        }
        else
        {
            json.WriteNull("max");
        }

        json.WriteString("status", Tokens<TargetStatus>.Format(f.Status));
    }

    private static void TargetRow(TextWriter writer, string id, string scope, string key, TargetFigure f, int? reference, decimal? shareOfReference)
    {
        writer.Write($"{id};{scope};{key};{Int(f.Numerator)};{Int(f.Denominator)};{Share(f.Share)};{Share(f.Min?.Fraction)};{Share(f.Max?.Fraction)};{Tokens<TargetStatus>.Format(f.Status)};{(reference is { } r ? Int(r) : "")};{Share(shareOfReference)}\n");
    }

    /// <summary>Unfilled vacancies with their dwelling ids, by date of vacancy then id (ordinal).</summary>
    private static IEnumerable<(UnfilledVacancy Vacancy, string Id)> Unfilled(SimulationResult result)
    {
        var ids = result.Territory.Stock.Ids;
        return result.Unfilled.Select(u => (u, ids[u.Dwelling]))
            .OrderBy(p => p.u.VacantOn)
            .ThenBy(p => p.Item2, StringComparer.Ordinal);
    }

    /// <summary>An indicator's statistics over runs as JSON fields: runs, mean, sd, ci95_low, ci95_high (null when undefined).</summary>
    internal static void WriteStatistics(Utf8JsonWriter json, IndicatorStatistics s)
    {
        json.WriteNumber("runs", s.Runs);
        Number(json, "mean", s.Mean);
        Number(json, "sd", s.StandardDeviation);
        Number(json, "ci95_low", s.Low);
        Number(json, "ci95_high", s.High);
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Header(TextWriter writer, IReadOnlyList<string> columns)
    {
        writer.Write(string.Join(';', columns));
        writer.Write('\n');
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A share as a decimal with at most 6 places (numerator and denominator are exact beside it); empty when null.</summary>
    private static string Share(decimal? value) => value is { } v ? Math.Round(v, 6, MidpointRounding.ToEven).ToString("0.######", CultureInfo.InvariantCulture) : "";

    /// <summary>Shortest text that reads back as the same double; empty when undefined.</summary>
    internal static string Number(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>A cell quoted when it holds the separator, a quote or a line break.</summary>
    private static string Cell(string s) => IO.Csv.CsvCells.Quote(s);
}
