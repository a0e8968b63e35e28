using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CIA.Engine.Classification;
using CIA.Engine.Data;
using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Reporting;
using CIA.Engine.Simulation;
using CIA.Engine.Stock;
using CIA.Engine.Tables;

namespace CIA.Cli;

/// <summary>
/// <c>cia report</c>: the annual attainment report of the CIL's evaluation commission (docs/report.md), from a year's
/// allocation records, or, with no input, from one simulated year of the built-in territory.
/// </summary>
internal static class ReportCommand
{
    /// <summary>The files <c>--output</c> writes.</summary>
    public static readonly string[] Files = ["report.md", "report.csv", "report.json", "report.html", "report.xlsx"];

    public static Command Create(CliIo io)
    {
        var allocations = new Option<FileInfo?>("--allocations", "-a") { Description = "Allocation records (signed leases, CSV, docs/formats.md). Without it (and without --demand, --stock, --programmes): one simulated year of the built-in territory is reported on." };
        var demand = new Option<FileInfo?>("--demand", "-d") { Description = "Demand file the leases name (CSV, docs/formats.md); required with --allocations." };
        var stock = new Option<FileInfo?>("--stock") { Description = "Stock file the leases name (RPLS-style CSV); required with --allocations." };
        var programmes = new Option<FileInfo?>("--programmes") { Description = "Programme occupancy file (OPS) for the fragility rule. Without it every programme is 'not assessed'." };
        var communes = Shared.Communes();
        var policy = Shared.Policy();
        var thresholds = Shared.Thresholds();
        var plusCeilings = Shared.PlusCeilings();
        var aplCeilings = Shared.AplCeilings();
        var year = Shared.Year("Year reported on (leases signed 1 January to 31 December; others are listed as not counted). Default: the year most leases were signed in; for a simulated year, the policy's default_year.");
        var previous = new Option<FileInfo?>("--previous") { Description = "Last year's report.json, for the trend." };
        var lang = Lang();
        var maskBelow = MaskBelow();
        var output = Shared.OutputFolder($"Directory to write {string.Join(", ", Files)} into; created if missing; a folder that is not empty needs --force. Without it, the report is printed as Markdown.");
        var force = new Option<bool>("--force") { Description = "With --output: write into a folder that is not empty, replacing the report's files there." };
        var excel = Shared.Excel("report.csv");
        var timings = Shared.Timings();
        var command = new Command("report", "The annual attainment report of the CIL's evaluation commission: every target overall and by réservataire, landlord, commune and QPV, with masking of small counts (docs/report.md).")
        {
            allocations, demand, stock, programmes, communes, policy, thresholds, plusCeilings, aplCeilings, year, previous, lang, maskBelow, output, force, excel, timings,
        };
        command.SetAction(r => io.Guard(r.GetValue(timings), t =>
        {
            var directory = r.GetValue(output);
            if (r.GetValue(force) && directory is null)
            {
                return io.Usage("--force lets --output write into a folder that is not empty: give it with --output, or leave it out.");
            }

            if (r.GetValue(excel) && directory is null)
            {
                return io.Usage("--excel writes report.csv for French Excel: give it with --output (without it the report is printed as Markdown).");
            }

            var given = new[] { ("--demand", r.GetValue(demand)), ("--stock", r.GetValue(stock)), ("--programmes", r.GetValue(programmes)) }.Where(g => g.Item2 is not null).Select(g => g.Item1).ToList();
            if (r.GetValue(allocations) is null && given.Count > 0)
            {
                return io.Usage($"{string.Join(", ", given)} given without --allocations: give --allocations with --demand and --stock (and --programmes), or none of them to report on a simulated year of the built-in territory. Nothing was written.");
            }

            if (r.GetValue(allocations) is not null && (r.GetValue(demand) is null || r.GetValue(stock) is null))
            {
                return io.Usage("--allocations needs --demand and --stock, the files its leases name. Nothing was written.");
            }

            string? created = null;
            string? path = null;
            if (directory is not null)
            {
                OutputFolder.CheckTarget(directory.ToString(), Files, r.GetValue(force), io.Inputs, "the report's");
                (path, created) = OutputFolder.Prepare(directory.ToString(), Files, io.Inputs);
            }

            try
            {
                var options = new ReportOptions(r.GetValue(lang), r.GetValue(maskBelow) ?? Disclosure.DefaultMaskBelow,
                    r.GetValue(previous) is { } prev ? ReportJson.ReadPrevious(io.Input(prev).FullName) : null);
                var document = io.WithProgress("Reporting", p =>
                {
                    p.Phase(r.GetValue(allocations) is null ? "simulating a year of the built-in territory" : "reading the records and counting the targets");
                    return r.GetValue(allocations) is { } file ? FromRecords(r, io, file, options) : FromSimulation(r, io, options);
                });
                if (document is null)
                {
                    return CliApp.InvalidInput;
                }

                if (options.Previous is { } before && before.Year >= document.Year)
                {
                    io.Err.WriteLine($"error: --previous {r.GetValue(previous)!.Name} is the report of {before.Year}: give the report of a year before {document.Year}, the year reported on. Nothing was written.");
                    return CliApp.InvalidInput;
                }

                t.Mark("report");
                if (directory is null)
                {
                    io.WriteText(null, w => ReportMarkdown.Write(w, document));
                    return CliApp.Ok;
                }

                var (_, made) = OutputFolder.Ensure(directory.ToString(), Files);
                OutputFolder.WriteAll(directory, Files, made, io, safe => WriteFiles(safe, 0, document, r.GetValue(excel)));
                t.Mark("write");
                io.Out.WriteLine($"Wrote {string.Join(", ", Files)} into {directory.FullName}.");
                return CliApp.Ok;
            }
            finally
            {
                if (path is not null)
                {
                    OutputFolder.RemoveCreated(path, created); // only if it is still empty: the command failed
                }
            }

            ReportDocument? FromRecords(ParseResult r, CliIo io, FileInfo file, ReportOptions options)
            {
                var p = Shared.LoadPolicy(r.GetValue(policy), io);
                var problems = new List<InputProblem>();
                var parameters = Shared.Read(problems, () => Shared.Parameters(io, r.GetValue(thresholds), r.GetValue(plusCeilings), r.GetValue(aplCeilings), r.GetValue(communes)));
                var table = Shared.Read(problems, () => AllocationCsv.ReadTable(io.Input(file).FullName));
                var demandTable = Shared.Read(problems, () => DemandCsv.ReadTable(io.Input(r.GetValue(demand))!.FullName));
                var stockTable = Shared.Read(problems, () => StockCsv.ReadTable(io.Input(r.GetValue(stock))!.FullName));
                var occupancy = r.GetValue(programmes) is { } pf ? Shared.Read(problems, () => ProgrammeCsv.ReadFile(io.Input(pf).FullName)) : [];
                if (problems.Count > 0 || parameters is null || table is null || demandTable is null || stockTable is null)
                {
                    throw new InputException(problems);
                }

                if (r.GetValue(programmes) is null)
                {
                    io.Err.WriteLine("note: no --programmes given: every programme is 'not assessed' for the fragility rule.");
                }

                t.Mark("load");

                var y = r.GetValue(year) ?? LikeliestYear(table, io);
                Shared.NotePeriod(p, y, io);
                var households = new HouseholdClassifier(p, parameters);
                var classificationYear = p.Quartiles.Thresholds == ThresholdSource.Computed ? households.ForYear(y, demandTable) : households.ForYear(y);
                var dwellings = new DwellingClassifier(p, parameters, FragilityRules.Assess(occupancy, p.Stock.Fragility));
                var check = AllocationCheck.Of(table, demandTable, stockTable, y);
                t.Mark("check");
                if (!check.Problems.IsEmpty)
                {
                    io.Err.WriteLine($"note: {check.Problems.Length} of {table.Count} allocation records cannot be counted; the report lists them (section 'records').");
                }

                var files = ImmutableArray.CreateBuilder<InputFile>();
                files.Add(Hashed("allocations", file));
                files.Add(Hashed("demand", r.GetValue(demand)!));
                files.Add(Hashed("stock", r.GetValue(stock)!));
                if (r.GetValue(programmes) is { } pr)
                {
                    files.Add(Hashed("programmes", pr));
                }

                AddParameterFiles(files, r);
                var capacity = Capacity(stockTable, occupancy, p, parameters, io);
                t.Mark("capacity");
                var input = ReportInput.FromAllocations(table, check, demandTable, stockTable, households, classificationYear, dwellings, capacity, files.ToImmutable());
                var report = AnnualReport.Build(input, PolicyHash(r.GetValue(policy), io.Sets));
                t.Mark("build");
                return ReportComposer.Compose(report, options with { Source = $"{(options.Language == ReportLanguage.French ? "enregistrements" : "records")} {file.Name}" });
            }

            ReportDocument? FromSimulation(ParseResult r, CliIo io, ReportOptions options)
            {
                var p = Shared.LoadPolicy(r.GetValue(policy), io);
                var y = r.GetValue(year) ?? p.DefaultYear;
                Shared.NotePeriod(p, y, io);
                io.Err.WriteLine($"note: no --allocations given: reporting on one simulated year ({y}, seed {SimulateCommand.DefaultSeed}) of the {DefaultData.Name}.");
                var parameters = Shared.Parameters(io, r.GetValue(thresholds), r.GetValue(plusCeilings), r.GetValue(aplCeilings), r.GetValue(communes));
                var households = new HouseholdClassifier(p, parameters);
                var dwellings = new DwellingClassifier(p, parameters, FragilityRules.Assess(DefaultData.Programmes, p.Stock.Fragility));
                SimulationTerritory territory;
                try
                {
                    territory = new SimulationTerritory(households, dwellings, DefaultData.Demand, DefaultData.Stock, y);
                }
                catch (SimulationException e)
                {
                    io.Err.WriteLine($"error: {e.Problems.Count} problem(s) prevent the simulation; nothing was written.");
                    foreach (var problem in e.Problems)
                    {
                        io.Err.WriteLine("  " + problem);
                    }

                    return null;
                }

                var result = Simulator.RunLast(territory, SimulateCommand.DefaultSeed);
                t.Mark("simulate");
                var files = ImmutableArray.CreateBuilder<InputFile>();
                files.Add(new InputFile("demand, stock, programmes", DefaultData.Name, string.Empty));
                AddParameterFiles(files, r);
                return ReportOf(result, Capacity(DefaultData.Stock, DefaultData.Programmes, p, parameters, io), files.ToImmutable(), PolicyHash(r.GetValue(policy), io.Sets), options);
            }
        }));
        return command;
    }

    /// <summary>The report's document on a simulated year (also written by <c>cia simulate --output</c>).</summary>
    public static ReportDocument ReportOf(SimulationResult result, int? capacity, ImmutableArray<InputFile> files, string policyHash, ReportOptions options, string? source = null)
    {
        var report = AnnualReport.Build(ReportInput.FromSimulation(result, capacity, files), policyHash);
        var fr = options.Language == ReportLanguage.French;
        return ReportComposer.Compose(report, options with
        {
            Source = source ?? (fr ? $"une année simulée, graine {result.Seed}" : $"one simulated year, seed {result.Seed}"),
        });
    }

    /// <summary>Writes the report's five files into <paramref name="safe"/>, from <paramref name="first"/> on, in the order of <see cref="Files"/>.</summary>
    public static void WriteFiles(IReadOnlyList<SafeFile> safe, int first, ReportDocument document, bool excel)
    {
        ReportMarkdown.Write(safe[first].Writer, document);
        SimulateCommand.Csv(safe[first + 1], excel, w => ReportCsv.Write(w, document));
        ReportJson.Write(safe[first + 2].Stream, document);
        ReportHtml.Write(safe[first + 3].Writer, document, ReportChartSlots.For(document));
        using var xlsx = new MemoryStream();
        ReportXlsx.Write(xlsx, document);
        xlsx.Position = 0;
        xlsx.CopyTo(safe[first + 4].Stream);
    }

    /// <summary>
    /// SHA-256 of the policy's YAML: the file given, or the built-in one's text — followed, when there are
    /// <c>--set</c> overrides, by a line <c>--set key=value</c> for each, so that an overridden policy never shows the
    /// hash of the file alone. (A scenario's hash is its own file's; the policy it extends is named in it.)
    /// </summary>
    public static string PolicyHash(FileInfo? file, IReadOnlyList<string> sets)
    {
        var text = file is null ? Encoding.UTF8.GetBytes(PolicyLoader.DefaultYaml()) : File.ReadAllBytes(file.FullName);
        if (sets.Count == 0)
        {
            return Convert.ToHexStringLower(SHA256.HashData(text));
        }

        var overrides = Encoding.UTF8.GetBytes(string.Concat(sets.Select(s => "\n--set " + s)));
        return Convert.ToHexStringLower(SHA256.HashData([.. text, .. overrides]));
    }

    /// <summary>The parameter files given, hashed.</summary>
    public static void AddParameterFiles(ImmutableArray<InputFile>.Builder files, ParseResult r)
    {
        foreach (var option in r.CommandResult.Command.Options.OfType<Option<FileInfo?>>())
        {
            if (option.Name is "--policy" or "--thresholds" or "--plus-ceilings" or "--apl-ceilings" or "--communes" && r.GetValue(option) is { } f)
            {
                files.Add(Hashed(option.Name.TrimStart('-'), f));
            }
        }
    }

    private static InputFile Hashed(string role, FileInfo file) => new(role, file.Name, Sha256(file));

    /// <summary>SHA-256 of a file's bytes, lower-case hex.</summary>
    public static string Sha256(FileInfo file)
    {
        using var stream = File.OpenRead(file.FullName);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The year most leases were signed in (the latest on a tie), said on standard error.</summary>
    private static int LikeliestYear(AllocationTable table, CliIo io)
    {
        if (table.Count == 0)
        {
            throw new InputException([new InputProblem(table.Source, 1, 0, string.Empty, "has no lease: give a year with --year to report on an empty year.")]);
        }

        var years = new SortedDictionary<int, int>();
        for (var i = 0; i < table.Count; i++)
        {
            var y = table.LeaseSignedOn(i).Year;
            years[y] = years.GetValueOrDefault(y) + 1;
        }

        var best = years.OrderByDescending(kv => kv.Value).ThenByDescending(kv => kv.Key).First().Key;
        io.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"note: no --year given: reporting on {best}, the year most leases of {table.Source} were signed in."));
        return best;
    }

    private static int? Capacity(StockTable stock, ImmutableArray<ProgrammeOccupancy> programmes, CiaPolicy policy, ParameterSet parameters, CliIo io)
    {
        try
        {
            return CapacityCalculator.FromStock(stock, programmes, policy, parameters).Mobilisable;
        }
        catch (ParameterNotCoveredException e)
        {
            io.Err.WriteLine($"note: the mobilisable capacity cannot be computed ({e.Message}); the rebalancing indicators are shown without it.");
            return null;
        }
    }


    private static Option<ReportLanguage> Lang()
    {
        var option = new Option<ReportLanguage>("--lang")
        {
            Description = "Language of the report: fr (default; numbers written the French way) or en.",
            HelpName = "fr|en",
            CustomParser = r =>
            {
                if (r.Tokens.Count != 1)
                {
                    return ReportLanguage.French;
                }

                var text = r.Tokens[0].Value;
                if (!Tokens<ReportLanguage>.TryParse(text, out var value))
                {
                    r.AddError($"--lang '{text}' is not a language of the report: give fr or en.");
                    return ReportLanguage.French;
                }

                return value;
            },
        };
        option.CompletionSources.Add("fr", "en");
        return option;
    }

    private static Option<int?> MaskBelow() => new("--mask-below")
    {
        Description = $"Statistical confidentiality: counts from 1 to N − 1 are masked in breakdowns, with secondary suppression (docs/report.md). Default: {Disclosure.DefaultMaskBelow}; 0 masks nothing (not for publication).",
        CustomParser = r =>
        {
            if (r.Tokens.Count != 1)
            {
                return null;
            }

            var text = r.Tokens[0].Value;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 1000)
            {
                r.AddError($"--mask-below '{text}' is not a threshold: give a whole number from 0 to 1000, e.g. {Disclosure.DefaultMaskBelow}.");
                return null;
            }

            return value;
        },
    };
}
