using System.Globalization;
using System.Net;
using CIA.Engine.Domain;
using CIA.Engine.Policy;
using CIA.Engine.Reporting.Charts;

namespace CIA.Engine.Simulation;

/// <summary>
/// A comparison as one self-contained HTML page (no script, no network, the same bytes for the same comparison): the
/// scenarios, one trade-off chart per bounded target — its attained share against the waiting time of the households
/// it does not favour — and every indicator side by side with the differences and their intervals.
/// </summary>
internal static class ComparisonHtml
{
    /// <summary>Writes the page.</summary>
    /// <param name="w">Where to write.</param>
    /// <param name="c">The comparison.</param>
    /// <param name="scenarios">Its scenarios.</param>
    /// <param name="year">The year simulated.</param>
    /// <param name="sweep">When the scenarios are a sweep's grid: each scenario's assignments (<c>key=value</c>), in the same order; the page then shows how each bounded target's share moves along each key.</param>
    public static void Write(TextWriter w, ScenarioComparison c, IReadOnlyList<ComparedScenario> scenarios, int year, IReadOnlyList<string[]>? sweep = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(scenarios);
        static string E(string s) => WebUtility.HtmlEncode(s);
        var letters = Enumerable.Range(0, scenarios.Count).Select(Letter).ToList();
        w.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Scenario comparison</title>\n");
        w.Write("<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1b1b1b}"
            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:right}"
            + "td:first-child,th:first-child,.scenarios td{text-align:left}.charts{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0}"
            + "figcaption{font-size:.9em;color:#555;max-width:560px}</style>\n</head>\n<body>\n");
        w.Write($"<h1>Scenario comparison, {year.ToString(CultureInfo.InvariantCulture)}</h1>\n");
        w.Write($"<p>{scenarios.Count.ToString(CultureInfo.InvariantCulture)} scenarios on the same territory with the same {c.Seeds.Length.ToString(CultureInfo.InvariantCulture)} seeds "
            + $"({c.Seeds[0].ToString(CultureInfo.InvariantCulture)}–{c.Seeds[^1].ToString(CultureInfo.InvariantCulture)}): common random numbers, so that a difference is the policy's, not noise. "
            + "Each difference from A is taken seed by seed, with the 95 % interval of its mean.</p>\n");
        w.Write("<table class=\"scenarios\"><tr><th>scenario</th><th>name</th><th>policy</th><th>ranking</th></tr>\n");
        for (var s = 0; s < scenarios.Count; s++)
        {
            var p = scenarios[s].Territory.Households.Policy;
            w.Write($"<tr><td>{letters[s]}</td><td>{E(scenarios[s].Name)}</td><td>{E(p.Name)}</td><td>{E(Tokens<RankingPolicy>.Format(scenarios[s].Territory.Options.Ranking))}</td></tr>\n");
        }

        w.Write("</table>\n<h2>Trade-offs</h2>\n<div class=\"charts\">\n");
        foreach (var target in scenarios[0].Territory.Households.Policy.Targets.Where(t => t.Min is not null || t.Max is not null))
        {
            if (Find(c, "target_share", target.Id) is not { } share)
            {
                continue;
            }

            var (others, wait) = Others(c, target.Measure, scenarios.Count);
            var points = Enumerable.Range(0, scenarios.Count).Select(s => new TradeOffPoint(
                letters[s], scenarios[s].Name, wait[s].Mean, wait[s].Low, wait[s].High, share.Scenarios[s].Mean, share.Scenarios[s].Low, share.Scenarios[s].High)).ToList();
            var bound = (double?)(target.Min ?? target.Max)?.Fraction;
            w.Write("<figure>");
            w.Write(TradeOffChart.Draw($"{target.Id}: share attained against the wait of {others}", $"mean wait of {others} housed (months)", $"{target.Id} (share of leases)", points, bound));
            w.Write($"<figcaption>{E(target.Title)}. The dashed line is A's {(target.Min is not null ? "minimum" : "maximum")}; whiskers are 95 % intervals over the seeds.</figcaption></figure>\n");
        }

        w.Write("</div>\n");
        if (sweep is { Count: > 0 } && sweep.Count == scenarios.Count)
        {
            WriteSweep(w, c, scenarios[0].Territory.Households.Policy, sweep);
        }

        w.Write("<h2>Every indicator</h2>\n<table class=\"indicators\"><tr><th>indicator</th>");
        w.Write(string.Concat(letters.Select(l => $"<th>{l}</th>")));
        w.Write(string.Concat(letters.Skip(1).Select(l => $"<th>{l} − A [95 %]</th>")));
        w.Write("</tr>\n");
        foreach (var i in c.Indicators)
        {
            w.Write($"<tr><td>{E(i.Group.Length == 0 ? i.Name : $"{i.Name} {i.Group}")}</td>");
            w.Write(string.Concat(i.Scenarios.Select(s => $"<td>{E(Format(s.Mean, s.Unit, s.Runs))}</td>")));
            w.Write(string.Concat(i.Differences.Skip(1).Select(d => $"<td>{E(Difference(d))}</td>")));
            w.Write("</tr>\n");
        }

        w.Write("</table>\n</body>\n</html>\n");
    }

    /// <summary>
    /// One chart per swept key and bounded target: the key's values left to right, one line per combination of the
    /// other keys' values.
    /// </summary>
    private static void WriteSweep(TextWriter w, ScenarioComparison c, CiaPolicy policy, IReadOnlyList<string[]> sweep)
    {
        static (string Key, string Value) Split(string assignment)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            return (assignment[..equals], assignment[(equals + 1)..]);
        }

        w.Write("<h2>Along each key swept</h2>\n<div class=\"charts\">\n");
        var keys = sweep[0].Select(a => Split(a).Key).ToList();
        for (var k = 0; k < keys.Count; k++)
        {
            var values = sweep.Select(p => Split(p[k]).Value).Distinct(StringComparer.Ordinal).ToList();
            string Others(string[] point) => string.Join(", ", point.Where((_, j) => j != k));
            var lines = sweep.Select(Others).Distinct(StringComparer.Ordinal).ToList();
            foreach (var target in policy.Targets.Where(t => t.Min is not null || t.Max is not null))
            {
                if (Find(c, "target_share", target.Id) is not { } share)
                {
                    continue;
                }

                var series = lines.Select(line =>
                {
                    var at = values.Select(v => Enumerable.Range(0, sweep.Count).FirstOrDefault(i => Others(sweep[i]) == line && Split(sweep[i][k]).Value == v, -1)).ToList();
                    IndicatorStatistics? Stat(int i) => i < 0 ? null : share.Scenarios[i];
                    return new SweepSeries(line, [.. at.Select(i => Stat(i)?.Mean ?? double.NaN)], [.. at.Select(i => Stat(i)?.Low)], [.. at.Select(i => Stat(i)?.High)]);
                }).ToList();
                w.Write("<figure>");
                w.Write(SweepChart.Draw($"{target.Id} along {keys[k]}", keys[k], values, series, (double?)(target.Min ?? target.Max)?.Fraction));
                w.Write($"<figcaption>{WebUtility.HtmlEncode(target.Title)}: the share attained at each value of {WebUtility.HtmlEncode(keys[k])}; whiskers are 95 % intervals over the seeds; the dashed line is the first scenario's bound.</figcaption></figure>\n");
            }
        }

        w.Write("</div>\n");
    }

    /// <summary>The scenario's letter: A, B, … Z, then A27….</summary>
    internal static string Letter(int index) => index < 26 ? ((char)('A' + index)).ToString() : "A" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static ComparedIndicator? Find(ScenarioComparison c, string name, string group) =>
        c.Indicators.FirstOrDefault(i => i.Name == name && i.Group == group);

    /// <summary>
    /// The households a target does not favour, and their mean wait per scenario: not the priority households for the
    /// priority measures; quartiles 2 to 4 for the first-quartile measure (their means weighted by the households
    /// housed, without an interval); all the housed otherwise.
    /// </summary>
    private static (string Others, IndicatorStatistics[] Wait) Others(ScenarioComparison c, TargetMeasure measure, int scenarios)
    {
        IndicatorStatistics[] Of(string group) => Find(c, "wait_mean_months", group) is { } i ? [.. i.Scenarios] : [.. Enumerable.Repeat(Undefined, scenarios)];
        switch (measure)
        {
            case TargetMeasure.Priority or TargetMeasure.PrefectoralCriteria:
                return ("non-priority households", Of("not_priority"));
            case TargetMeasure.FirstQuartileOrRelocated:
                var waits = Enumerable.Range(2, 3).Select(q => (Wait: Of($"quartile_{q}"), Housed: Find(c, "housed", $"quartile_{q}"))).ToList();
                var result = new IndicatorStatistics[scenarios];
                for (var s = 0; s < scenarios; s++)
                {
                    var weight = waits.Sum(x => x.Housed?.Scenarios[s].Mean ?? 0);
                    var mean = weight > 0 ? waits.Sum(x => x.Wait[s].Mean * (x.Housed?.Scenarios[s].Mean ?? 0)) / weight : double.NaN;
                    result[s] = new IndicatorStatistics("wait_mean_months", "quartiles_2_to_4", IndicatorUnit.Months, c.Seeds.Length, mean, null, null, null);
                }

                return ("quartiles 2–4", result);
            default:
                return ("all households", Of("all_housed"));
        }
    }

    private static IndicatorStatistics Undefined { get; } = new("wait_mean_months", string.Empty, IndicatorUnit.Months, 0, double.NaN, null, null, null);

    private static string Format(double v, IndicatorUnit unit, int runs) => runs == 0 || !double.IsFinite(v)
        ? "n/a"
        : unit switch
        {
            IndicatorUnit.Share => (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %",
            IndicatorUnit.Months => v.ToString("0.0", CultureInfo.InvariantCulture),
            _ => v.ToString("0.0", CultureInfo.InvariantCulture),
        };

    /// <summary>"+1.23 pts [+0.95, +1.51]" for shares (percentage points), "+0.4 [−0.1, +0.9]" for months and counts.</summary>
    internal static string Difference(IndicatorStatistics d)
    {
        if (d.Runs == 0)
        {
            return "n/a";
        }

        string F(double v) => d.Unit == IndicatorUnit.Share
            ? (v * 100).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture)
            : v.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);
        var unit = d.Unit == IndicatorUnit.Share ? " pts" : string.Empty;
        return d.Low is { } lo && d.High is { } hi ? $"{F(d.Mean)}{unit} [{F(lo)}, {F(hi)}]" : F(d.Mean) + unit;
    }
}
