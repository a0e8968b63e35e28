using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CIA.Engine.Attainability;
using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.IO.Csv;
using CIA.Engine.Policy;
using CIA.Engine.Simulation;
using CIA.Engine.Stock;

namespace CIA.Cli;

/// <summary>
/// <c>cia compare A B …</c>: runs scenarios (policy files or scenarios, or <c>builtin</c>) on the same territory with the
/// same seeds — common random numbers — and sets every indicator side by side with each scenario's difference from the
/// first and its 95 % interval, and the households whose outcome changed.
/// </summary>
internal static class CompareCommand
{
    /// <summary>The files <c>--output</c> writes.</summary>
    public static readonly string[] Files = ["compare.csv", "changes.csv", "compare.json", "compare.html"];

    /// <summary>The most scenarios one comparison runs (a sweep's grid included).</summary>
    public const int MaxScenarios = 64;

    /// <summary>Seeds when <c>--runs</c> is not given.</summary>
    public const int DefaultRuns = 20;

    public static Command Create(CliIo io)
    {
        var scenarios = new Argument<string[]>("SCENARIO")
        {
            Description = "Two or more policy files or scenarios (docs/policy-file.md, \"Scenarios\"), or 'builtin' for the built-in policy; the first is the reference. With --sweep: at most one, the policy swept (default: builtin).",
            Arity = new ArgumentArity(0, MaxScenarios),
        };
        var sweep = new Option<string[]>("--sweep")
        {
            Description = $"Sweep a key of the policy over values, e.g. --sweep targets.lec-outside-qpv.min=0.25,0.30,0.35 (repeatable: several keys make a grid, at most {MaxScenarios} scenarios); the first point is the reference.",
            HelpName = "KEY=V1,V2,…",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var year = Shared.Year("Year to simulate. Default: the first scenario's default_year (every scenario is run on the same year).");
        var seed = SimulateCommand.SeedOption();
        var runs = SimulateCommand.RunsOption();
        runs.Description = $"Seeds per scenario: seed, seed + 1, … (1 to {SimulateCommand.MaxRuns}); every scenario gets the same ones. Default: {DefaultRuns}.";
        var output = Shared.OutputFolder($"Directory to write {string.Join(", ", Files)} into; created if missing; a folder that is not empty needs --force.");
        var force = new Option<bool>("--force") { Description = "With --output: write into a folder that is not empty, replacing the comparison's files there." };
        var excel = Shared.Excel("the CSV files");
        var timings = Shared.Timings();
        var noBound = Shared.NoBound();
        var command = new Command("compare", "Compare scenarios on the same territory with the same seeds (common random numbers): every indicator side by side, each difference from the first scenario with its 95 % interval, and the households whose outcome changed.")
        {
            scenarios, Shared.Demand(), new Option<FileInfo?>("--stock") { Description = "Stock file (RPLS-style CSV). Default: the built-in data set's stock." },
            new Option<FileInfo?>("--programmes") { Description = "Programme occupancy file (OPS) for the fragility rule." },
            Shared.Communes(), Shared.Thresholds(), Shared.PlusCeilings(), Shared.AplCeilings(), year, seed, runs, sweep, output, force, excel, noBound, timings,
        };
        command.SetAction(r => io.Guard(r.GetValue(timings), t =>
        {
            var n = r.GetValue(runs) ?? DefaultRuns;
            var firstSeed = r.GetValue(seed) ?? SimulateCommand.DefaultSeed;
            var directory = r.GetValue(output);
            if (r.GetValue(force) && directory is null)
            {
                return io.Usage("--force lets --output write into a folder that is not empty: give it with --output, or leave it out.");
            }

            if (r.GetValue(excel) && directory is null)
            {
                return io.Usage("--excel writes the CSV files of --output for French Excel: give it with --output.");
            }

            if (firstSeed > ulong.MaxValue - (ulong)(n - 1))
            {
                return io.Usage($"--seed {firstSeed} with --runs {n} would need seeds past {ulong.MaxValue}: give a smaller seed, or fewer runs.");
            }

            // The scenarios: the files given, or the points of the sweep's grid over one policy.
            var names = r.GetValue(scenarios) ?? [];
            var sweeps = r.GetValue(sweep) ?? [];
            List<(string Name, string Source, string[] Sets)> plan;
            if (sweeps.Length == 0)
            {
                if (names.Length < 2)
                {
                    return io.Usage("give two or more scenarios to compare (policy files, or 'builtin'), or one policy and --sweep KEY=V1,V2,….");
                }

                plan = [.. names.Select(n => (n, n, Array.Empty<string>()))];
            }
            else
            {
                if (names.Length > 1)
                {
                    return io.Usage("--sweep varies one policy: give at most one scenario with it (default: builtin).");
                }

                if (Grid(sweeps, out var problem) is not { } grid)
                {
                    return io.Usage(problem!);
                }

                var source = names.Length == 1 ? names[0] : PolicyScenario.BuiltIn;
                plan = [.. grid.Select(point => (string.Join(", ", point.Select(Short)), source, point))];
            }

            if (plan.Count > MaxScenarios)
            {
                return io.Usage($"{plan.Count} scenarios: at most {MaxScenarios} are compared at once; sweep fewer values.");
            }

            // Every scenario is loaded, and the problems of all of them are reported together.
            var policies = new List<(string Name, CiaPolicy Policy)>();
            var policyProblems = new List<string>();
            foreach (var (name, source, sets) in plan)
            {
                try
                {
                    var label = sets.Length > 0 ? name : Label(name, policies);
                    policies.Add((label, source == PolicyScenario.BuiltIn ? PolicyLoader.LoadDefault(sets) : PolicyLoader.LoadFile(io.Input(new FileInfo(source)).FullName, sets)));
                }
                catch (PolicyException e)
                {
                    policyProblems.AddRange(e.Problems.Select(p => $"{p.Source ?? e.Source}: {p}"));
                }
                catch (InputException e)
                {
                    policyProblems.AddRange(e.Problems.Select(p => p.ToString()));
                }
            }

            if (policyProblems.Count > 0)
            {
                io.Err.WriteLine($"error: the scenarios have {policyProblems.Count} problem(s); nothing was written.");
                policyProblems.ForEach(p => io.Err.WriteLine("  " + p));
                return CliApp.InvalidInput;
            }

            if (directory is not null)
            {
                OutputFolder.CheckTarget(directory.ToString(), Files, r.GetValue(force), io.Inputs, "the comparison's");
            }

            var (parameters, demand, stock, programmes) = io.WithProgress("Comparing", p =>
            {
                p.Phase("reading the inputs");
                return SimulateCommand.ReadInputs(r, io);
            });
            var y = r.GetValue(year) ?? policies[0].Policy.DefaultYear;
            t.Mark("load");
            var compared = new List<ComparedScenario>();
            foreach (var (name, policy) in policies)
            {
                var households = new HouseholdClassifier(policy, parameters);
                var dwellings = new DwellingClassifier(policy, parameters, FragilityRules.Assess(programmes, policy.Stock.Fragility));
                SimulationTerritory territory;
                try
                {
                    territory = new SimulationTerritory(households, dwellings, demand, stock, y);
                }
                catch (SimulationException e)
                {
                    io.Err.WriteLine($"error: {e.Problems.Count} problem(s) prevent the simulation of {name}; nothing was written.");
                    e.Problems.ToList().ForEach(p => io.Err.WriteLine("  " + p));
                    return CliApp.InvalidInput;
                }

                var (capacity, note) = SimulateCommand.MobilisableCapacity(stock, programmes, policy, parameters);
                if (note is not null)
                {
                    io.Err.WriteLine(note);
                }

                compared.Add(new ComparedScenario(name, territory, capacity));
            }

            t.Mark("prepare");
            var seeds = Enumerable.Range(0, n).Select(i => unchecked(firstSeed + (ulong)i)).ToList();
            var comparison = io.WithProgress("Comparing", p =>
            {
                p.Phase($"{compared.Count} scenarios × {n} seeds");
                return ScenarioComparison.Run(compared, seeds, Environment.ProcessorCount, () => p.Step(compared.Count * n), r.GetValue(noBound) ? null : AttainabilityBound.Of);
            });
            t.Mark($"runs ({compared.Count} × {n})");

            var text = new StringWriter { NewLine = "\n" };
            WriteText(text, comparison, compared, y);
            if (directory is not null)
            {
                var (path, created) = OutputFolder.Prepare(directory.ToString(), Files, io.Inputs);
                try
                {
                    var (_, made) = OutputFolder.Ensure(directory.ToString(), Files);
                    OutputFolder.WriteAll(directory, Files, made, io, safe =>
                    {
                        SimulateCommand.Csv(safe[0], r.GetValue(excel), w => WriteCsv(w, comparison));
                        SimulateCommand.Csv(safe[1], r.GetValue(excel), w => WriteChanges(w, comparison, compared[0].Territory));
                        WriteJson(safe[2].Stream, comparison, compared, y);
                        ComparisonHtml.Write(safe[3].Writer, comparison, compared, y, sweeps.Length > 0 ? [.. plan.Select(p => p.Sets)] : null);
                    });
                }
                finally
                {
                    OutputFolder.RemoveCreated(path, created);
                }

                text.WriteLine();
                text.WriteLine($"Wrote {string.Join(", ", Files)} into {directory.FullName}.");
                t.Mark("write");
            }

            io.Out.Write(text.ToString());
            return CliApp.Ok;
        }));
        return command;
    }

    /// <summary>
    /// The grid of a sweep: every combination of the keys' values (the first key varying slowest), each point as the
    /// <c>--set</c> assignments it makes; null with a problem when an argument is not <c>KEY=V1,V2,…</c>. Values are split
    /// at commas outside brackets, so a list value (<c>[dalo,chrs_exit]</c>) stays one value.
    /// </summary>
    internal static List<string[]>? Grid(IReadOnlyList<string> sweeps, out string? problem)
    {
        var grid = new List<string[]> { Array.Empty<string>() };
        foreach (var sweep in sweeps)
        {
            var equals = sweep.IndexOf('=', StringComparison.Ordinal);
            var values = equals > 0 ? SplitValues(sweep[(equals + 1)..]) : [];
            if (equals <= 0 || values.Count == 0 || values.Any(v => v.Length == 0))
            {
                problem = $"--sweep '{sweep}' is not KEY=V1,V2,…: give a key of the policy and its values, e.g. --sweep simulation.ranking=seniority,cia_steered.";
                return null;
            }

            var key = sweep[..equals].Trim();
            if (values.Distinct(StringComparer.Ordinal).Count() != values.Count)
            {
                problem = $"--sweep '{sweep}' lists a value twice.";
                return null;
            }

            grid = [.. grid.SelectMany(point => values.Select(v => (string[])[.. point, $"{key}={v}"]))];
            if (grid.Count > MaxScenarios)
            {
                problem = $"the sweep's grid has more than {MaxScenarios} points: sweep fewer values.";
                return null;
            }
        }

        problem = null;
        return grid;
    }

    private static List<string> SplitValues(string text)
    {
        var values = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || (text[i] == ',' && depth == 0))
            {
                values.Add(text[start..i].Trim());
                start = i + 1;
            }
            else if (text[i] is '[' or '{')
            {
                depth++;
            }
            else if (text[i] is ']' or '}')
            {
                depth--;
            }
        }

        return values;
    }

    /// <summary>A sweep point's assignment as a scenario name: the key's last part and the value (<c>min=0.30</c>).</summary>
    private static string Short(string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        var key = assignment[..equals];
        var dot = key.LastIndexOf('.');
        return (dot < 0 ? key : key[(dot + 1)..]) + assignment[equals..];
    }

    /// <summary>A scenario's name: its file's name without extension (or 'builtin'), numbered when two would be the same.</summary>
    private static string Label(string argument, List<(string Name, CiaPolicy Policy)> before)
    {
        var name = argument == PolicyScenario.BuiltIn ? argument : Path.GetFileNameWithoutExtension(argument);
        var label = name;
        for (var k = 2; before.Any(b => b.Name == label); k++)
        {
            label = $"{name} ({k.ToString(CultureInfo.InvariantCulture)})";
        }

        return label;
    }

    private static void WriteText(TextWriter w, ScenarioComparison c, List<ComparedScenario> scenarios, int year)
    {
        var seeds = c.Seeds;
        w.WriteLine($"Comparison of {scenarios.Count} scenarios, {year}, seeds {seeds[0]}–{seeds[^1]} ({seeds.Length} per scenario, the same for all: common random numbers)");
        for (var s = 0; s < scenarios.Count; s++)
        {
            w.WriteLine($"  {ComparisonHtml.Letter(s)}  {scenarios[s].Name}: '{scenarios[s].Territory.Households.Policy.Name}', ranking {Tokens<RankingPolicy>.Format(scenarios[s].Territory.Options.Ranking)}{(s == 0 ? " (reference)" : string.Empty)}");
        }

        w.WriteLine();
        w.WriteLine("Mean over the seeds; each difference from A taken seed by seed, with the 95 % interval of its mean.");
        var header = $"{"indicator",-46}" + string.Concat(Enumerable.Range(0, scenarios.Count).Select(k => $"{ComparisonHtml.Letter(k),14}"))
            + string.Concat(Enumerable.Range(1, scenarios.Count - 1).Select(k => $"   {$"{ComparisonHtml.Letter(k)} − A [95 %]",-30}"));
        w.WriteLine(header.TrimEnd());
        foreach (var i in c.Indicators)
        {
            var label = i.Name is "target_share" or "target_share_of_capacity" or "housed" or "wait_mean_months" or "wait_median_months"
                ? $"{i.Name} {i.Group}" : SimulationText.Label(i.Name, i.Group);
            var line = $"{label,-46}" + string.Concat(i.Scenarios.Select(st => $"{Mean(st),14}"))
                + string.Concat(i.Differences.Skip(1).Select(d => $"   {Difference(d),-30}"));
            w.WriteLine(line.TrimEnd());
        }

        WriteAttainability(w, c, scenarios);
        w.WriteLine();
        w.WriteLine("Households of the demand housed in one scenario and not in the other (mean per seed):");
        for (var s = 1; s < scenarios.Count; s++)
        {
            foreach (var here in new[] { true, false })
            {
                var changed = c.Changes.Where(x => x.Scenario == s && x.HousedHere == here).ToList();
                var classes = scenarios[0].Territory.Classes;
                string Mean(int count) => (count / (double)seeds.Length).ToString("0.0", CultureInfo.InvariantCulture);
                var byQuartile = string.Join(", ", Enumerable.Range(1, 4).Select(q => $"Q{q} {Mean(changed.Count(x => classes[x.Row].Quartile == q))}"));
                w.WriteLine($"  housed under {ComparisonHtml.Letter(here ? s : 0)}, not under {ComparisonHtml.Letter(here ? 0 : s)}: {Mean(changed.Count)} ({byQuartile}; priority {Mean(changed.Count(x => classes[x.Row].IsPriority))})");
            }
        }
    }

    /// <summary>
    /// Per target figure and scenario: asked (the scenario's own bounds), attained (mean over the seeds) and reachable (the
    /// attainability bound of the first seed's year).
    /// </summary>
    private static void WriteAttainability(TextWriter w, ScenarioComparison c, List<ComparedScenario> scenarios)
    {
        var reachable = c.Indicators.Where(i => i.Name == "target_reachable_share").ToList();
        if (reachable.Count == 0)
        {
            return;
        }

        var shares = c.Indicators.Where(i => i.Name == "target_share").ToDictionary(i => i.Group);
        w.WriteLine();
        w.WriteLine(SimulationText.AttainabilityHeading);
        w.WriteLine($"  asked: the scenario's bounds; attained: mean over the seeds; reachable: in the first seed's year ({c.Seeds[0].ToString(CultureInfo.InvariantCulture)})");
        foreach (var r in reachable)
        {
            var id = r.Group.Split('/')[0];
            var parts = new List<string>();
            for (var s = 0; s < scenarios.Count; s++)
            {
                var target = scenarios[s].Territory.Evaluator.Targets.FirstOrDefault(t => t.Id == id);
                var asked = target is null ? "not a target, " : (target.Min, target.Max) switch
                {
                    ({ } lo, { } hi) => $"{lo}–{hi} asked, ",
                    ({ } lo, null) => $"≥ {lo} asked, ",
                    (null, { } hi) => $"≤ {hi} asked, ",
                    _ => "indicator, ",
                };
                var attained = shares.TryGetValue(r.Group, out var share) ? Mean(share.Scenarios[s]) : "n/a";
                parts.Add($"{ComparisonHtml.Letter(s)} {asked}{attained} attained, {Mean(r.Scenarios[s])} reachable");
            }

            w.WriteLine($"  {r.Group}: {string.Join("; ", parts)}");
        }
    }

    /// <summary>A scenario's mean: "22.42 %", "13.1" (months), "8 481.8" (counts, averaged); "n/a" when no seed defines it.</summary>
    private static string Mean(IndicatorStatistics s) => s.Runs == 0 || !double.IsFinite(s.Mean)
        ? "n/a"
        : s.Unit switch
        {
            IndicatorUnit.Share => (s.Mean * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %",
            IndicatorUnit.Months => s.Mean.ToString("0.0", CultureInfo.InvariantCulture),
            _ => s.Mean.ToString("#,0.0", new NumberFormatInfo { NumberGroupSeparator = " " }),
        };

    private static string Difference(IndicatorStatistics d) => ComparisonHtml.Difference(d);

    private static readonly string[] CsvColumns = ["indicator", "group", "unit", "scenario", "runs", "mean", "sd", "ci95_low", "ci95_high", "diff_runs", "diff_mean", "diff_sd", "diff_ci95_low", "diff_ci95_high"];

    private static void WriteCsv(TextWriter w, ScenarioComparison c)
    {
        w.Write(string.Join(';', CsvColumns) + "\n");
        foreach (var i in c.Indicators)
        {
            for (var s = 0; s < c.Names.Length; s++)
            {
                var (a, d) = (i.Scenarios[s], i.Differences[s]);
                w.Write(string.Join(';', CsvCells.Quote(i.Name), CsvCells.Quote(i.Group), Tokens<IndicatorUnit>.Format(i.Unit), CsvCells.Quote(c.Names[s]),
                    Int(a.Runs), Num(a.Mean), Num(a.StandardDeviation), Num(a.Low), Num(a.High),
                    Int(d.Runs), Num(d.Mean), Num(d.StandardDeviation), Num(d.Low), Num(d.High)) + "\n");
            }
        }
    }

    private static void WriteChanges(TextWriter w, ScenarioComparison c, SimulationTerritory territory)
    {
        w.Write("scenario;reference;seed;application_id;quartile;priority;housed_under\n");
        foreach (var x in c.Changes)
        {
            var cls = territory.Classes[x.Row];
            w.Write(string.Join(';', CsvCells.Quote(c.Names[x.Scenario]), CsvCells.Quote(c.Names[0]), x.Seed.ToString(CultureInfo.InvariantCulture),
                CsvCells.Quote(territory.Demand.Ids[x.Row]), Int(cls.Quartile), cls.IsPriority ? "true" : "false",
                CsvCells.Quote(x.HousedHere ? c.Names[x.Scenario] : c.Names[0])) + "\n");
        }
    }

    private static void WriteJson(Stream stream, ScenarioComparison c, List<ComparedScenario> scenarios, int year)
    {
        using var json = new Utf8JsonWriter(stream, JsonText.Options);
        json.WriteStartObject();
        json.WriteString("format", "cia-comparison/1");
        json.WriteNumber("year", year);
        json.WriteStartArray("seeds");
        foreach (var s in c.Seeds)
        {
            json.WriteNumberValue(s);
        }

        json.WriteEndArray();
        json.WriteStartArray("scenarios");
        foreach (var s in scenarios)
        {
            json.WriteStartObject();
            json.WriteString("name", s.Name);
            json.WriteString("policy", s.Territory.Households.Policy.Name);
            json.WriteString("ranking", Tokens<RankingPolicy>.Format(s.Territory.Options.Ranking));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("indicators");
        foreach (var i in c.Indicators)
        {
            json.WriteStartObject();
            json.WriteString("indicator", i.Name);
            json.WriteString("group", i.Group);
            json.WriteString("unit", Tokens<IndicatorUnit>.Format(i.Unit));
            json.WriteStartArray("scenarios");
            for (var s = 0; s < c.Names.Length; s++)
            {
                json.WriteStartObject();
                json.WriteString("scenario", c.Names[s]);
                SimulationWriter.WriteStatistics(json, i.Scenarios[s]);
                json.WriteStartObject("difference_from_first");
                SimulationWriter.WriteStatistics(json, i.Differences[s]);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("changed_households");
        for (var s = 1; s < c.Names.Length; s++)
        {
            foreach (var here in new[] { true, false })
            {
                json.WriteStartObject();
                json.WriteString("housed_under", here ? c.Names[s] : c.Names[0]);
                json.WriteString("not_under", here ? c.Names[0] : c.Names[s]);
                json.WriteNumber("total", c.Changes.Count(x => x.Scenario == s && x.HousedHere == here));
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Num(double? value) => SimulationWriter.Number(value);
}
