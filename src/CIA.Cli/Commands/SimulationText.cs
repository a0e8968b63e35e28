using System.Collections.Immutable;
using System.Globalization;
using CIA.Engine.Domain;
using CIA.Engine.Policy;
using CIA.Engine.Simulation;
using CIA.Engine.Targets;

namespace CIA.Cli;

/// <summary>The plain-text report of <c>cia simulate</c>: aligned, deterministic, no timings.</summary>
internal static class SimulationText
{
    private const int LabelWidth = 46;
    private static readonly NumberFormatInfo Spaces = new() { NumberGroupSeparator = " ", NumberDecimalSeparator = "." };

    public static void WriteHeader(TextWriter w, SimulationTerritory t, ulong seed, int runs, int? capacity)
    {
        w.WriteLine($"Simulation of {t.Year.ToString(CultureInfo.InvariantCulture)} under the policy '{t.Policy.Name}'");
        w.WriteLine(runs == 1
            ? $"  seed                  {seed.ToString(CultureInfo.InvariantCulture)}"
            : $"  seeds                 {seed.ToString(CultureInfo.InvariantCulture)} to {unchecked(seed + (ulong)(runs - 1)).ToString(CultureInfo.InvariantCulture)} ({runs.ToString(CultureInfo.InvariantCulture)} runs)");
        w.WriteLine($"  ranking               {Tokens<RankingPolicy>.Format(t.Options.Ranking)}");
        w.WriteLine($"  management            {Tokens<ReservationManagement>.Format(t.Options.Management)}");
        w.WriteLine($"  demand                {t.Demand.Source} ({Count(t.Demand.Count)} application{(t.Demand.Count == 1 ? "" : "s")} pending on {t.Start:yyyy-MM-dd})");
        w.WriteLine($"  stock                 {t.Stock.Source} ({Count(t.Stock.Count)} dwelling{(t.Stock.Count == 1 ? "" : "s")})");
        w.WriteLine(capacity is { } c
            ? $"  mobilisable capacity  {Count(c)} a year (computed from the stock, CIA Annexe 1)"
            : "  mobilisable capacity  unknown");
        foreach (var note in t.Notes)
        {
            w.WriteLine("  note: " + note);
        }
    }

    /// <summary>The targets and indicators of one run.</summary>
    public static void WriteRun(TextWriter w, SimulationReport report)
    {
        var width = IdWidth(report.Targets);
        w.WriteLine();
        w.WriteLine("Targets (the year's leases)");
        foreach (var t in report.Targets)
        {
            var line = $"  {t.Target.Id.PadRight(width)} {t.Overall}";
            if (t.ReferenceFigure is { } reference)
            {
                line += t.ShareOfReference is { } s
                    ? $"; {Count(t.Overall.Numerator)} = {Percent((double)s)} of the mobilisable capacity ({Count(reference)})"
                    : $"; mobilisable capacity {Count(reference)}";
            }

            w.WriteLine(line);
            foreach (var r in t.ByReservataire)
            {
                w.WriteLine($"    {Tokens<Reservataire>.Format(r.Reservataire).PadRight(width - 2)} {r.Figure}");
            }
        }

        WriteAttainability(w, report, width);
        w.WriteLine();
        w.WriteLine("Indicators");
        var values = report.Indicators.ToDictionary(i => (i.Name, i.Group), i => i.Value);
        foreach (var i in report.Indicators)
        {
            if (IsPlain(i.Name))
            {
                w.WriteLine($"  {Label(i.Name, i.Group).PadRight(LabelWidth)} {Single(i.Value, i.Unit, i.Name),12}");
            }
        }

        w.WriteLine($"  {"waiting time of the housed (months)".PadRight(LabelWidth)} {"housed",12} {"mean",8} {"median",8}");
        foreach (var wt in report.WaitingTimes)
        {
            var g = SimulationReport.GroupToken(wt.Group);
            w.WriteLine($"    {wt.Group.PadRight(LabelWidth - 2)} {Count(wt.Housed),12} {Months(values[("wait_mean_months", g)]),8} {Months(values[("wait_median_months", g)]),8}");
        }

        w.WriteLine($"  {"vacancy chains by length".PadRight(LabelWidth)} {"chains",12}");
        foreach (var i in report.Indicators.Where(i => i.Name == "chains_by_length"))
        {
            w.WriteLine($"    {Label(i.Name, i.Group).PadRight(LabelWidth - 2)} {Count((int)i.Value),12}");
        }
    }

    /// <summary>The heading of the attainability section, and what "reachable" means.</summary>
    internal const string AttainabilityHeading = "Attainability (reachable: the most of the year's leases in the target's scope that could have gone to the households it counts, each to an eligible household of the year's demand; docs/whatif.md)";

    /// <summary>Each target figure as asked, attained and reachable: "≥ 25 % asked, 19.00 % attained, 31.00 % reachable".</summary>
    private static void WriteAttainability(TextWriter w, SimulationReport report, int width)
    {
        if (report.Reachable.IsEmpty)
        {
            return;
        }

        w.WriteLine();
        w.WriteLine(AttainabilityHeading);
        var k = 0;
        foreach (var t in report.Targets)
        {
            w.WriteLine($"  {t.Target.Id.PadRight(width)} {Asked(t.Overall)}{Percent(Share(t.Overall))} attained, {Percent(report.Reachable[k++].Share)} reachable");
            foreach (var r in t.ByReservataire)
            {
                w.WriteLine($"    {Tokens<Reservataire>.Format(r.Reservataire).PadRight(width - 2)} {Asked(r.Figure)}{Percent(Share(r.Figure))} attained, {Percent(report.Reachable[k++].Share)} reachable");
            }
        }
    }

    /// <summary>The Monte Carlo form of <see cref="WriteAttainability(TextWriter, SimulationReport, int)"/>: attained as the mean over the runs, reachable in the first seed's year.</summary>
    private static void WriteAttainability(TextWriter w, SimulationReport first, Dictionary<(string Name, string Group), IndicatorStatistics> stats, int runs, int width)
    {
        if (first.Reachable.IsEmpty)
        {
            return;
        }

        w.WriteLine();
        w.WriteLine(AttainabilityHeading);
        w.WriteLine($"  attained: mean over {runs.ToString(CultureInfo.InvariantCulture)} runs [95 % confidence interval of the mean]; reachable: in the first seed's year");
        var k = 0;
        foreach (var t in first.Targets)
        {
            Line(t.Target.Id, t.Target.Id, t.Overall, 2);
            foreach (var r in t.ByReservataire)
            {
                var token = Tokens<Reservataire>.Format(r.Reservataire);
                Line(t.Target.Id + "/" + token, token, r.Figure, 4);
            }
        }

        void Line(string group, string label, TargetFigure figure, int indent) =>
            w.WriteLine($"{new string(' ', indent)}{label.PadRight(width + 2 - indent)} {Asked(figure)}{Interval(stats[("target_share", group)], runs)} attained, {Percent(first.Reachable[k++].Share)} reachable");
    }

    /// <summary>"≥ 25 % asked, " (nothing for an indicator).</summary>
    private static string Asked(TargetFigure f) => (f.Min, f.Max) switch
    {
        ({ } lo, { } hi) => $"{lo}–{hi} asked, ",
        ({ } lo, null) => $"≥ {lo} asked, ",
        (null, { } hi) => $"≤ {hi} asked, ",
        _ => "indicator, ",
    };

    private static double Share(TargetFigure figure) => figure.Share is { } s ? (double)s : double.NaN;

    /// <summary>The mean and 95 % confidence interval of every indicator over the runs, and how often each target was met.</summary>
    public static void WriteMonteCarlo(TextWriter w, SimulationReport first, MonteCarloSummary summary, IReadOnlyList<TargetStatus[]> statuses)
    {
        var stats = summary.Indicators.ToDictionary(s => (s.Name, s.Group));
        var runs = summary.Seeds.Length;
        var width = IdWidth(first.Targets);
        w.WriteLine();
        w.WriteLine($"Targets (share of the leases: mean over {runs} runs [95 % confidence interval of the mean]; status in how many runs)");
        var k = 0;
        foreach (var t in first.Targets)
        {
            var status = t.Kind == TargetKind.Indicator ? ": indicator" : ": " + StatusCounts(statuses, k, runs);
            k++;
            var line = $"  {t.Target.Id.PadRight(width)} {Interval(stats[("target_share", t.Target.Id)], runs)}{Bounds(t.Overall)}{status}";
            if (stats.TryGetValue(("target_share_of_capacity", t.Target.Id), out var ofCapacity) && t.ReferenceFigure is { } reference)
            {
                line += $"; {Interval(ofCapacity, runs)} of the mobilisable capacity ({Count(reference)})";
            }

            w.WriteLine(line);
            foreach (var r in t.ByReservataire)
            {
                var token = Tokens<Reservataire>.Format(r.Reservataire);
                w.WriteLine($"    {token.PadRight(width - 2)} {Interval(stats[("target_share", t.Target.Id + "/" + token)], runs)}{Bounds(r.Figure)}: {StatusCounts(statuses, k++, runs)}");
            }
        }

        WriteAttainability(w, first, stats, runs, width);
        w.WriteLine();
        w.WriteLine($"Indicators (mean over {runs} runs [95 % confidence interval of the mean])");
        foreach (var s in summary.Indicators)
        {
            if (IsPlain(s.Name))
            {
                w.WriteLine($"  {Label(s.Name, s.Group).PadRight(LabelWidth)} {Interval(s, runs)}");
            }
        }

        w.WriteLine($"  waiting time of the housed (months): housed; mean wait; median wait");
        foreach (var wt in first.WaitingTimes)
        {
            var g = SimulationReport.GroupToken(wt.Group);
            w.WriteLine($"    {wt.Group.PadRight(LabelWidth - 2)} {Interval(stats[("housed", g)], runs)}; {Interval(stats[("wait_mean_months", g)], runs)}; {Interval(stats[("wait_median_months", g)], runs)}");
        }

        w.WriteLine("  vacancy chains by length: chains");
        foreach (var s in summary.Indicators.Where(s => s.Name == "chains_by_length"))
        {
            w.WriteLine($"    {Label(s.Name, s.Group).PadRight(LabelWidth - 2)} {Interval(s, runs)}");
        }
    }

    /// <summary>The status of every target figure shown, in the order the report lists them: each target's overall figure, then its réservataire figures.</summary>
    public static TargetStatus[] Statuses(ImmutableArray<TargetResult> targets) =>
        [.. targets.SelectMany(t => t.ByReservataire.Select(r => r.Figure.Status).Prepend(t.Overall.Status))];

    /// <summary>The indicators listed one per line (the others are in the tables and the targets).</summary>
    private static bool IsPlain(string name) => name is not ("housed" or "wait_mean_months" or "wait_median_months" or "chains_by_length" or "target_share" or "target_share_of_capacity" or "target_reachable_share");

    internal static string Label(string name, string group) => name switch
    {
        "waiting_at_start" => "applications waiting on 1 January",
        "arrivals" => "new applications",
        "lapsed" => "applications lapsed (not renewed)",
        "vacancies" => "vacancies",
        "chain_vacancies" => "  of which vacancy-chain follow-ons",
        "skipped_chains" => "chain follow-ons not opened",
        "leases" => "leases signed",
        "unfilled" => "vacancies unfilled",
        "unfilled_by_reason" => "  " + group.Replace('_', ' '),
        "refusals" => "offers refused",
        "fallbacks" => "vacancies back to the landlord for a turn",
        "waiting_at_end" => "applications waiting on 31 December",
        "signed_after_year" => "offers accepted, lease signed after 31 December",
        "mean_queue" => "applications waiting, mean over the year",
        "satisfaction_rate" => "satisfaction rate (leases ÷ applications)",
        "chains_by_length" => group == "1" ? "1 vacancy (no follow-on)" : group + " vacancies",
        _ => group.Length == 0 ? name : $"{name} {group}",
    };

    private static string StatusCounts(IReadOnlyList<TargetStatus[]> statuses, int figure, int runs) =>
        string.Join(", ", statuses.Select(s => s[figure]).GroupBy(s => s).OrderBy(g => g.Key)
            .Select(g => $"{Tokens<TargetStatus>.Format(g.Key).Replace('_', ' ')} {g.Count().ToString(CultureInfo.InvariantCulture)}/{runs.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>The bounds as <see cref="TargetFigure.ToString"/> shows them: " (≥ 25 %)".</summary>
    private static string Bounds(TargetFigure f) => (f.Min, f.Max) switch
    {
        ({ } lo, { } hi) => $" ({lo}–{hi})",
        ({ } lo, null) => $" (≥ {lo})",
        (null, { } hi) => $" (≤ {hi})",
        _ => string.Empty,
    };

    private static int IdWidth(ImmutableArray<TargetResult> targets) => Math.Max(28, targets.Select(t => t.Target.Id.Length).DefaultIfEmpty(0).Max() + 1);

    private static string Single(double value, IndicatorUnit unit, string name) => unit switch
    {
        IndicatorUnit.Share => Percent(value),
        IndicatorUnit.Months => Months(value),
        _ => name == "mean_queue" ? Decimal(value) : Count((int)Math.Round(value)),
    };

    /// <summary>"22.42 % [22.31 %, 22.53 %]", saying in how many runs when the indicator is undefined in some (a share of no allocation).</summary>
    internal static string Interval(IndicatorStatistics s, int runs)
    {
        string Format(double v) => s.Unit switch
        {
            IndicatorUnit.Share => Percent(v),
            IndicatorUnit.Months => Months(v),
            _ => Decimal(v),
        };

        if (s.Runs == 0)
        {
            return "n/a (defined in no run)";
        }

        var interval = s.Low is { } low && s.High is { } high ? $" [{Format(low)}, {Format(high)}]" : string.Empty;
        var partial = s.Runs < runs ? $" (defined in {s.Runs.ToString(CultureInfo.InvariantCulture)} of {runs.ToString(CultureInfo.InvariantCulture)} runs)" : string.Empty;
        return Format(s.Mean) + interval + partial;
    }

    internal static string Count(int value) => value.ToString("#,0", Spaces);

    private static string Decimal(double value) => double.IsFinite(value) ? value.ToString("#,0.0", Spaces) : "n/a";

    private static string Months(double value) => double.IsFinite(value) ? value.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";

    private static string Percent(double share) => double.IsFinite(share) ? (share * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %" : "n/a";
}
