using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CIA.Engine.Attainability;
using CIA.Engine.Classification;
using CIA.Engine.Data;
using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Simulation;
using CIA.Engine.Stock;
using CIA.Engine.Tables;
using CIA.Engine.Targets;

namespace CIA.Cli;

/// <summary><c>cia simulate</c>: replays a year of allocations under the policy and reports the targets' attainment and the year's indicators.</summary>
internal static class SimulateCommand
{
    /// <summary>The seed when none is given.</summary>
    public const ulong DefaultSeed = 2016;

    /// <summary>The most runs one command makes.</summary>
    public const int MaxRuns = 1000;

    /// <summary>The files <c>--output</c> writes for every simulation: the simulation's, then the annual report on its (first) year (<see cref="ReportCommand.Files"/>).</summary>
    public static readonly string[] Files = ["allocations.csv", "unfilled.csv", "targets.csv", "indicators.csv", "simulation.json", .. ReportCommand.Files];

    /// <summary>The files added with <c>--runs</c> 2 or more.</summary>
    public static readonly string[] MonteCarloFiles = ["montecarlo.csv", "montecarlo.json"];

    public static Command Create(CliIo io)
    {
        var demand = Shared.Demand();
        var stock = new Option<FileInfo?>("--stock") { Description = "Stock file (RPLS-style CSV, docs/formats.md). Default: the built-in Nantes Métropole data set's stock." };
        var programmes = new Option<FileInfo?>("--programmes") { Description = "Programme occupancy file (OPS indicators) for the fragility rule. Default: the built-in programmes when the stock is the built-in one; with --stock alone, every programme is 'not assessed'." };
        var communes = Shared.Communes();
        var policy = Shared.Policy();
        var thresholds = Shared.Thresholds();
        var plusCeilings = Shared.PlusCeilings();
        var aplCeilings = Shared.AplCeilings();
        var year = Shared.Year("Year to simulate, 1 January to 31 December (the demand file is the demand pending on 1 January). Default: the policy's default_year.");
        var ranking = RankingOption();
        var seed = SeedOption();
        var runs = RunsOption();
        var output = OutOption();
        var excel = Shared.Excel("the CSV files");
        var force = new Option<bool>("--force") { Description = "With --output: write into a folder that is not empty, replacing the simulation's files there." };
        var timings = Shared.Timings();
        var noBound = Shared.NoBound();
        var command = new Command("simulate", "Simulate a year of allocations under the policy: vacancies, candidates, commission, refusals; the targets' attainment and the year's indicators (docs/formats.md).")
        {
            demand, stock, programmes, communes, policy, thresholds, plusCeilings, aplCeilings, year, ranking, seed, runs, output, force, excel, noBound, timings,
        };
        command.SetAction(r => io.Guard(r.GetValue(timings), t =>
        {
            var n = r.GetValue(runs) ?? 1;
            var firstSeed = r.GetValue(seed) ?? DefaultSeed;
            var directory = r.GetValue(output);
            var files = n >= 2 ? [.. Files, .. MonteCarloFiles] : Files;

            // Checked here rather than in a command validator: validators run even when an option did not parse, and
            // reading it there throws.
            if (Conflict(directory, r.GetValue(force), r.GetValue(excel), firstSeed, n) is { } conflict)
            {
                return io.Usage(conflict);
            }

            if (directory is null)
            {
                return Simulate(r, t, null, files);
            }

            // The folder, before the inputs are read and hours of runs made: every problem with it now, not after.
            CheckFolder(directory.ToString(), files, r.GetValue(force), io.Inputs);
            var (path, created) = OutputFolder.Prepare(directory.ToString(), files, io.Inputs);
            try
            {
                return Simulate(r, t, directory, files);
            }
            finally
            {
                OutputFolder.RemoveCreated(path, created); // only if it is still empty: the command failed
            }
        }));
        return command;

        int Simulate(ParseResult r, Timings t, DirectoryInfo? directory, string[] files)
        {
            var n = r.GetValue(runs) ?? 1;
            var firstSeed = r.GetValue(seed) ?? DefaultSeed;
            var p = Shared.LoadPolicy(r.GetValue(policy), io);
            if (r.GetValue(ranking) is { } rank)
            {
                p = p with { Simulation = p.Simulation with { Ranking = rank } };
            }

            var y = r.GetValue(year) ?? p.DefaultYear;
            if (r.GetValue(year) is { } asked)
            {
                Shared.NotePeriod(p, asked, io);
            }

            var (parameters, demandTable, stockTable, occupancy) = io.WithProgress("Simulating", p =>
            {
                p.Phase("reading the inputs");
                return ReadInputs(r, io);
            });

            t.Mark("load");
            var households = new HouseholdClassifier(p, parameters);
            var dwellings = new DwellingClassifier(p, parameters, FragilityRules.Assess(occupancy, p.Stock.Fragility));

            // The mobilisable capacity (the whole stock classified once more) on a second thread, while the territory is
            // prepared; its note, if any, is written after.
            var capacityTask = Task.Run(() => MobilisableCapacity(stockTable, occupancy, p, parameters));
            SimulationTerritory territory;
            try
            {
                territory = io.WithProgress("Simulating", p =>
                {
                    p.Phase("preparing the territory");
                    return new SimulationTerritory(households, dwellings, demandTable, stockTable, y);
                });
            }
            catch (SimulationException e)
            {
                io.Err.WriteLine($"error: {e.Problems.Count} problem(s) prevent the simulation; nothing was written.");
                foreach (var problem in e.Problems)
                {
                    io.Err.WriteLine("  " + problem);
                }

                return CliApp.InvalidInput;
            }

            var (capacity, capacityNote) = capacityTask.GetAwaiter().GetResult();
            if (capacityNote is not null)
            {
                io.Err.WriteLine(capacityNote);
            }

            t.Mark("prepare");

            // The runs: seeds seed, seed + 1, … in parallel; every run's indicators kept in seed order, the first run whole.
            var indicators = new ImmutableArray<SimulationIndicator>[n];
            var statuses = new TargetStatus[n][];
            var runTimes = new double[n];
            var boundTimes = new double[n];
            var withBound = !r.GetValue(noBound);
            var seeds = new ulong[n];
            SimulationReport first = null!;
            io.WithProgress("Simulating", progress =>
            {
                progress.Phase(n == 1 ? "the year" : $"{n} years, one per seed");
                Parallel.For(0, n, i =>
                {
                    var watch = Stopwatch.StartNew();
                    seeds[i] = unchecked(firstSeed + (ulong)i);
                    // A single run takes the territory's queues rather than a copy (the territory is not used again).
                    var result = n == 1 ? Simulator.RunLast(territory, seeds[i]) : Simulator.Run(territory, seeds[i]);
                    runTimes[i] = watch.Elapsed.TotalMilliseconds;
                    // The bound on the first seed's year only: an exact max flow a run would double the runs' time, and it
                    // moves little from seed to seed (docs/whatif.md).
                    var report = SimulationReport.Of(result, capacity, withBound && i == 0 ? AttainabilityBound.Of(result) : []);
                    boundTimes[i] = watch.Elapsed.TotalMilliseconds - runTimes[i];
                    indicators[i] = report.Indicators;
                    statuses[i] = SimulationText.Statuses(report.Targets);
                    if (i == 0)
                    {
                        first = report;
                    }

                    progress.Step(n);
                });
                return 0;
            });
            t.Mark(n == 1 ? "run" : $"runs ({n})");
            if (n > 1)
            {
                t.Detail(string.Create(CultureInfo.InvariantCulture, $"per run: mean {runTimes.Average():0.0} ms, min {runTimes.Min():0.0} ms, max {runTimes.Max():0.0} ms (in parallel)"));
            }

            if (withBound)
            {
                t.Detail(string.Create(CultureInfo.InvariantCulture, $"of which the attainability bound (first seed): {boundTimes[0]:0.0} ms"));
            }

            var summary = n >= 2 ? MonteCarloSummary.Of(seeds, [.. indicators.Select(i => (IReadOnlyList<SimulationIndicator>)i)]) : null;
            var text = new StringWriter { NewLine = "\n" };
            SimulationText.WriteHeader(text, territory, firstSeed, n, capacity);
            if (summary is null)
            {
                SimulationText.WriteRun(text, first);
            }
            else
            {
                SimulationText.WriteMonteCarlo(text, first, summary, statuses);
            }

            t.Mark("report");
            if (directory is not null)
            {
                var (_, created) = OutputFolder.Ensure(directory.ToString(), files);
                var asExcel = r.GetValue(excel);
                OutputFolder.WriteAll(directory, files, created, io, safe =>
                {
                    Csv(safe[0], asExcel, w => SimulationWriter.WriteAllocations(w, first.Result));
                    Csv(safe[1], asExcel, w => SimulationWriter.WriteUnfilled(w, first.Result));
                    Csv(safe[2], asExcel, w => SimulationWriter.WriteTargets(w, first.Targets));
                    Csv(safe[3], asExcel, w => SimulationWriter.WriteIndicators(w, first.Indicators));
                    SimulationWriter.WriteJson(safe[4].Stream, first);
                    safe[4].Stream.WriteByte((byte)'\n');
                    ReportCommand.WriteFiles(safe, 5, Report(r, io, first, capacity, summary), asExcel);
                    if (summary is not null)
                    {
                        var mc = 5 + ReportCommand.Files.Length;
                        Csv(safe[mc], asExcel, w => SimulationWriter.WriteMonteCarlo(w, summary));
                        SimulationWriter.WriteMonteCarloJson(safe[mc + 1].Stream, territory, capacity, summary);
                        safe[mc + 1].Stream.WriteByte((byte)'\n');
                    }
                });
                text.WriteLine();
                text.WriteLine($"Wrote {string.Join(", ", files)} into {directory.FullName}{(n >= 2 ? " (the log, unfilled vacancies, targets and indicators of the first seed)" : string.Empty)}.");
                t.Mark("write");
            }

            try
            {
                io.Out.Write(text.ToString());
            }
            catch (OutputException e) when (directory is not null)
            {
                // The files are complete: say so, so that nobody throws good data away over a lost summary.
                throw new OutputException($"the files were written into '{directory}', but the summary was not: {e.Message}", e);
            }

            return CliApp.Ok;
        }
    }

    /// <summary>
    /// The annual report on the first run's year (docs/report.md), in French with the default masking; with several
    /// runs, each target's share carries the 95 % interval of the runs.
    /// </summary>
    private static Engine.Reporting.ReportDocument Report(ParseResult r, CliIo io, SimulationReport first, int? capacity, MonteCarloSummary? summary)
    {
        var files = ImmutableArray.CreateBuilder<Engine.Reporting.InputFile>();
        files.Add(new Engine.Reporting.InputFile("demand", r.GetValue<FileInfo?>("--demand")?.Name ?? DefaultData.Name, r.GetValue<FileInfo?>("--demand") is { } d ? ReportCommand.Sha256(d) : string.Empty));
        foreach (var name in new[] { "--stock", "--programmes" })
        {
            if (r.GetValue<FileInfo?>(name) is { } f)
            {
                files.Add(new Engine.Reporting.InputFile(name.TrimStart('-'), f.Name, ReportCommand.Sha256(f)));
            }
        }

        ReportCommand.AddParameterFiles(files, r);
        var intervals = summary?.Indicators
            .Where(i => i.Name == "target_share" && i.Low is not null && i.High is not null)
            .ToDictionary(i => i.Group, i => new Engine.Reporting.Interval(i.Low!.Value, i.High!.Value), StringComparer.Ordinal);
        var source = summary is null
            ? null
            : $"la première de {summary.Seeds.Length} années simulées (graines {summary.Seeds[0]} à {summary.Seeds[^1]}) ; intervalles à 95 % sur l'ensemble";
        return ReportCommand.ReportOf(first.Result, capacity, files.ToImmutable(), ReportCommand.PolicyHash(r.GetValue<FileInfo?>("--policy"), io.Sets),
            new Engine.Reporting.ReportOptions(Engine.Reporting.ReportLanguage.French, Intervals: intervals), source);
    }


    /// <summary>
    /// Reads the inputs of a simulated year — parameters, demand, stock, programmes — from the options of <c>simulate</c>
    /// (and of <c>compare</c>, which has the same ones), the built-in data set standing in for what is not given. Every
    /// file is read, and the problems of all of them are thrown together.
    /// </summary>
    internal static (ParameterSet Parameters, DemandTable Demand, StockTable Stock, ImmutableArray<ProgrammeOccupancy> Programmes) ReadInputs(ParseResult r, CliIo io)
    {
        // Every input file is read, and the problems of all of them are reported together.
        var problems = new List<InputProblem>();
        // The stock is read on the second core while the demand is read on this one (two of the largest files); the
        // problems are still listed in the order parameters, demand, stock, programmes.
        var stockPath = r.GetValue<FileInfo?>("--stock") is { } sf ? io.Input(sf).FullName : null;
        var stockRead = stockPath is null ? null : Task.Run(() =>
        {
            var found = new List<InputProblem>();
            return (Table: Shared.Read(found, () => StockCsv.ReadTable(stockPath)), Problems: found);
        });
        var parameters = Shared.Read(problems, () => Shared.Parameters(io, r.GetValue<FileInfo?>("--thresholds"), r.GetValue<FileInfo?>("--plus-ceilings"), r.GetValue<FileInfo?>("--apl-ceilings"), r.GetValue<FileInfo?>("--communes")));
        var demandTable = Shared.Read(problems, () => Shared.DemandTable(r.GetValue<FileInfo?>("--demand"), io));
        StockTable? stockTable;
        ImmutableArray<ProgrammeOccupancy> occupancy;
        if (stockRead is not null)
        {
            var (table, stockProblems) = stockRead.GetAwaiter().GetResult();
            stockTable = table;
            problems.AddRange(stockProblems);
            occupancy = r.GetValue<FileInfo?>("--programmes") is { } pf ? Shared.Read(problems, () => ProgrammeCsv.ReadFile(io.Input(pf).FullName)) : [];
            if (r.GetValue<FileInfo?>("--programmes") is null)
            {
                io.Err.WriteLine("note: no --programmes given: every programme is 'not assessed' for the fragility rule.");
            }
        }
        else
        {
            var builtIn = r.GetValue<FileInfo?>("--demand") is null ? "the built-in data set's stock" : $"the stock of the {DefaultData.Name}";
            io.Err.WriteLine(r.GetValue<FileInfo?>("--programmes") is { } with
                ? $"note: no --stock given: using {builtIn}, with the programmes of {with}."
                : r.GetValue<FileInfo?>("--demand") is null ? "note: no --stock given: using the built-in data set's stock and programmes." : $"note: no --stock given: using the stock and programmes of the {DefaultData.Name}.");
            stockTable = DefaultData.Stock;
            occupancy = r.GetValue<FileInfo?>("--programmes") is { } pf ? Shared.Read(problems, () => ProgrammeCsv.ReadFile(io.Input(pf).FullName)) : DefaultData.Programmes;
        }

        if (problems.Count > 0 || parameters is null || demandTable is null || stockTable is null)
        {
            throw new InputException(problems);
        }

        if (r.GetValue<FileInfo?>("--programmes") is { } given)
        {
            NoteUnmatchedProgrammes(stockTable, occupancy, given, io);
        }

        return (parameters, demandTable, stockTable, occupancy);
    }

    /// <summary>Says so when no programme of the programmes file is in the stock: the files are of two territories, or of two numberings.</summary>
    private static void NoteUnmatchedProgrammes(StockTable stock, ImmutableArray<ProgrammeOccupancy> occupancy, FileInfo file, CliIo io)
    {
        if (occupancy.IsDefaultOrEmpty || stock.Programmes.Count == 0 || occupancy.Any(o => stock.Programmes.IndexOf(o.Programme.Value) >= 0))
        {
            return;
        }

        io.Err.WriteLine($"note: none of the {SimulationText.Count(occupancy.Length)} programmes of {file} is among the {SimulationText.Count(stock.Programmes.Count)} programmes of the stock ({stock.Source}): every programme is 'not assessed' for the fragility rule. Are the two files of the same territory?");
    }

    /// <summary>Options that do not go together, or null.</summary>
    private static string? Conflict(DirectoryInfo? directory, bool force, bool excel, ulong firstSeed, int runs)
    {
        if (force && directory is null)
        {
            return "--force lets --output write into a folder that is not empty: give it with --output, or leave it out.";
        }

        if (excel && directory is null)
        {
            return "--excel writes the CSV files of --output for French Excel: give it with --output.";
        }

        var last = ulong.MaxValue - (ulong)(runs - 1);
        if (firstSeed > last)
        {
            return $"--seed {firstSeed} with --runs {runs} would need seeds past {ulong.MaxValue}, the largest: give a seed of at most {last}, or fewer runs.";
        }

        return null;
    }

    /// <summary>The mobilisable capacity of the same stock under the same policy and figures, as <c>cia capacity</c> computes it.</summary>
    internal static (int? Capacity, string? Note) MobilisableCapacity(StockTable stock, ImmutableArray<ProgrammeOccupancy> programmes, CiaPolicy policy, ParameterSet parameters)
    {
        try
        {
            return (CapacityCalculator.FromStock(stock, programmes, policy, parameters).Mobilisable, null);
        }
        catch (ParameterNotCoveredException e)
        {
            return (null, $"note: the mobilisable capacity cannot be computed ({e.Message}); the indicators that compare to it are shown without it.");
        }
    }

    /// <summary>
    /// Refuses, before anything is read or runs, an --output that is not a folder, a folder that is not empty without
    /// --force, a file of the simulation that cannot be replaced there (all listed), and the Monte Carlo files of an
    /// earlier run that a single run would leave beside files they do not describe.
    /// </summary>
    private static void CheckFolder(string shown, IReadOnlyList<string> files, bool force, IReadOnlyList<string> inputs)
    {
        var (path, exists) = OutputFolder.CheckTarget(shown, files, force, inputs, "the simulation's");
        if (!exists)
        {
            return;
        }

        var stale = MonteCarloFiles.Where(f => !files.Contains(f) && OutputFolder.Occupied(Path.Join(path, f))).ToList();
        if (stale.Count > 0)
        {
            throw new OutputException($"'{shown}' holds {string.Join(" and ", stale)} of an earlier run with --runs 2 or more; a single run does not replace them, and they would be left beside files they do not describe. Remove them, or choose another folder. Nothing was written.");
        }
    }

    private static Option<DirectoryInfo?> OutOption() => Shared.OutputFolder(
        $"Directory to write {string.Join(", ", Files)} into (and {string.Join(", ", MonteCarloFiles)} with --runs 2 or more); created if missing; a folder that is not empty needs --force.");

    /// <summary>Fills a CSV file of the folder, in the French-Excel variant when asked (<c>--excel</c>).</summary>
    internal static void Csv(SafeFile file, bool excel, Action<TextWriter> write)
    {
        var w = Shared.Csv(file.Writer, excel);
        write(w);
        w.Flush();
    }

    private static Option<RankingPolicy?> RankingOption()
    {
        var accepted = Tokens<RankingPolicy>.Accepted;
        var option = new Option<RankingPolicy?>("--ranking")
        {
            Description = $"How candidates are ranked, replacing the policy's simulation.ranking: {string.Join(", ", accepted)}.",
            HelpName = string.Join('|', accepted),

            // Read as the policy file reads simulation.ranking: case-insensitively.
            CustomParser = r =>
            {
                if (r.Tokens.Count != 1)
                {
                    return null;
                }

                var text = r.Tokens[0].Value;
                if (!Tokens<RankingPolicy>.TryParse(text, out var value))
                {
                    r.AddError($"--ranking '{text}' is not a ranking: give one of {string.Join(", ", accepted)}.");
                    return null;
                }

                return value;
            },
        };
        option.CompletionSources.Add([.. accepted]);
        return option;
    }

    internal static Option<ulong?> SeedOption() => new("--seed")
    {
        Description = $"Seed of the first run: the same inputs and seed give byte-identical results. Default: {DefaultSeed}.",
        CustomParser = r =>
        {
            if (r.Tokens.Count != 1)
            {
                return null; // no value or several: System.CommandLine reports it
            }

            var text = r.Tokens[0].Value;
            if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                r.AddError($"--seed '{text}' is not a seed: give a whole number from 0 to {ulong.MaxValue}, e.g. {DefaultSeed}.");
                return null;
            }

            return value;
        },
    };

    internal static Option<int?> RunsOption() => new("--runs")
    {
        Description = $"Runs with seeds seed, seed + 1, …, in parallel (1 to {MaxRuns}). From 2: the mean and 95 % confidence interval of every indicator. Default: 1.",
        CustomParser = r =>
        {
            if (r.Tokens.Count != 1)
            {
                return null;
            }

            var text = r.Tokens[0].Value;
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                r.AddError($"--runs '{text}' is not a number of runs: give a whole number from 1 to {MaxRuns}.");
                return null;
            }

            if (value is < 1 or > MaxRuns)
            {
                r.AddError($"--runs {value} is out of range: give a number of runs from 1 to {MaxRuns}.");
                return null;
            }

            return value;
        },
    };
}
