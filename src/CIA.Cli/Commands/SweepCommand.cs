using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CIA.Engine.Classification;
using CIA.Engine.Policy;
using CIA.Engine.Simulation;
using CIA.Engine.Stock;

namespace CIA.Cli;

/// <summary>
/// <c>cia sweep plan | run | merge | submit</c>: territories × scenarios × seed blocks as a manifest, each row run
/// deterministically into one result file, on this machine (local mode) or as a Slurm job array with a dependent merge
/// (docs/sweeps.md; the recipe behind it: ../shared/SLURM.md).
/// </summary>
internal static class SweepCommand
{
    /// <summary>The manifest's file name inside the sweep folder.</summary>
    public const string ManifestFile = "manifest.tsv";

    /// <summary>The merged table's file name.</summary>
    public const string MergedFile = "merged.tsv";

    /// <summary>The missing rows, as <c>sbatch --array</c> takes them ("3,7"; empty when none).</summary>
    public const string MissingFile = "MISSING";

    /// <summary>Slurm's default <c>MaxArraySize</c> is 1 001: arrays of at most 1 000 tasks, each with its row offset.</summary>
    public const int ArrayChunk = 1000;

    private static readonly string[] TerritoryFiles = ["demand.csv", "stock.csv"];

    private const string ManifestHeader = "row\tterritory\tterritory_path\tscenario\tscenario_path\tseed_start\tseed_count";
    private const string ResultHeader = "territory\tscenario\tseed\tindicator\tgroup\tvalue";

    /// <summary>An estimate of one simulated year per dwelling of the stock (docs/benchmarks.md: Nantes ≈ 40 ms for 63 650, national ≈ 11 s for 5.4 M).</summary>
    private const double SecondsPerDwellingYear = 2e-6;

    /// <summary>An estimate of loading and preparing a territory, per dwelling (national: about 8 s for 5.4 M), plus 0.5 s of start-up.</summary>
    private const double SecondsPerDwellingLoad = 1.5e-6;

    /// <summary>One row of the manifest.</summary>
    internal sealed record Row(int Index, string Territory, string TerritoryPath, string Scenario, string ScenarioPath, ulong SeedStart, int SeedCount)
    {
        public string Line => string.Join('\t', Index.ToString(CultureInfo.InvariantCulture), Territory, TerritoryPath, Scenario, ScenarioPath,
            SeedStart.ToString(CultureInfo.InvariantCulture), SeedCount.ToString(CultureInfo.InvariantCulture));
    }

    public static Command Create(CliIo io)
    {
        var command = new Command("sweep", "Run territories × scenarios × seeds as a manifest of tasks: plan it, run a row (or all of them here), merge the results, or submit it to Slurm as a job array (docs/sweeps.md).");
        command.Subcommands.Add(Split(io));
        command.Subcommands.Add(Plan(io));
        command.Subcommands.Add(RunRows(io));
        command.Subcommands.Add(Merge(io));
        command.Subcommands.Add(Submit(io));
        return command;
    }

    private static Option<FileInfo> ManifestOption() => new("--manifest", "-m") { Description = $"The sweep's manifest ({ManifestFile} in the folder cia sweep plan wrote).", Required = true, HelpName = "FILE" };

    /// <summary>
    /// <c>cia sweep split</c>: cuts a national set (<c>cia generate --scale national</c>, or real files in the same
    /// formats) into one territory folder per EPCI, for <c>cia sweep plan --territories</c>.
    /// </summary>
    private static Command Split(CliIo io)
    {
        var demand = new Option<FileInfo>("--demand", "-d") { Description = "Demand file (CSV, docs/formats.md).", Required = true, HelpName = "FILE" };
        var stock = new Option<FileInfo>("--stock") { Description = "Stock file (RPLS-style CSV).", Required = true, HelpName = "FILE" };
        var programmes = new Option<FileInfo?>("--programmes") { Description = "Programme occupancy file: each programme goes with the EPCIs of its dwellings.", HelpName = "FILE" };
        var communes = new Option<FileInfo>("--communes") { Description = "Communes file (commune;name;epci;epci_name;apl_zone): which EPCI each commune is in.", Required = true, HelpName = "FILE" };
        var output = new Option<DirectoryInfo>("--output", "-o", "--out") { Description = "Folder to write one sub-folder per EPCI into (its SIREN), each with demand.csv, stock.csv, programmes.csv and communes.csv; it must be empty or new.", Required = true, HelpName = "DIR" };
        var timings = Shared.Timings();
        var command = new Command("split", "Cut a national set into one territory folder per EPCI (dwellings by their commune, applications by their first desired commune), for cia sweep plan --territories.")
        {
            demand, stock, programmes, communes, output, timings,
        };
        command.SetAction(r => io.Guard(r.GetValue(timings), t =>
        {
            var dir = r.GetValue(output)!;
            var inputs = new[] { r.GetValue(demand)!, r.GetValue(stock)!, r.GetValue(communes)! }.Concat(r.GetValue(programmes) is { } pf ? [pf] : []).Select(f => io.Input(f).FullName).ToList();
            if (File.Exists(dir.FullName) || (dir.Exists && dir.EnumerateFileSystemInfos().Any()))
            {
                return io.Usage($"--output {dir}: {(File.Exists(dir.FullName) ? "a file of that name exists" : "the folder is not empty")}; give a new or empty folder.");
            }

            if (inputs.Any(i => i.StartsWith(dir.FullName.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            {
                return io.Usage($"--output {dir}: an input file is inside it; give another folder.");
            }

            var problems = new List<string>();
            var communeFile = io.Input(r.GetValue(communes)!).FullName;
            var (communeHeader, communeLines) = ReadLines(communeFile, ["commune", "epci"], problems);
            var epciOf = new Dictionary<string, string>(StringComparer.Ordinal);
            var communeLineOf = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (line, number, fields) in communeLines)
            {
                if (fields[1].Length == 0)
                {
                    problems.Add($"{communeFile}: line {number}: commune {fields[0]} has no EPCI.");
                    continue;
                }

                epciOf[fields[0]] = fields[1];
                communeLineOf[fields[0]] = line;
            }

            var stockFile = io.Input(r.GetValue(stock)!).FullName;
            var (stockHeader, stockLines) = ReadLines(stockFile, ["DEPCOM", "programme_id"], problems);
            var demandFile = io.Input(r.GetValue(demand)!).FullName;
            var (demandHeader, demandLines) = ReadLines(demandFile, ["desired_communes"], problems);
            if (problems.Count > 0)
            {
                io.Err.WriteLine($"error: {problems.Count} problem(s); nothing was written.");
                problems.ForEach(p => io.Err.WriteLine("  " + p));
                return CliApp.InvalidInput;
            }

            t.Mark("read");
            var byEpci = new SortedDictionary<string, (List<string> Stock, List<string> Demand, HashSet<string> Programmes, SortedSet<string> Communes)>(StringComparer.Ordinal);
            (List<string>, List<string>, HashSet<string>, SortedSet<string>) Of(string epci)
            {
                if (!byEpci.TryGetValue(epci, out var v))
                {
                    byEpci[epci] = v = ([], [], [], new SortedSet<string>(StringComparer.Ordinal));
                }

                return v;
            }

            var unassigned = new List<string>();
            foreach (var (line, number, fields) in stockLines)
            {
                if (!epciOf.TryGetValue(fields[0], out var epci))
                {
                    unassigned.Add($"{stockFile};{number};commune {fields[0]} is not in the communes file");
                    continue;
                }

                var (s, _, p, c) = Of(epci);
                s.Add(line);
                p.Add(fields[1]);
                c.Add(fields[0]);
            }

            foreach (var (line, number, fields) in demandLines)
            {
                var first = fields[0].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(epciOf.ContainsKey);
                if (first is null)
                {
                    unassigned.Add($"{demandFile};{number};{(fields[0].Trim().Length == 0 ? "asks for any commune: no EPCI to place it in" : "none of its desired communes is in the communes file")}");
                    continue;
                }

                var (_, d, _, c) = Of(epciOf[first]);
                d.Add(line);
                foreach (var commune in fields[0].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(communeLineOf.ContainsKey))
                {
                    c.Add(commune);
                }
            }

            List<(string Line, int Number, string[] Fields)> programmeLines = [];
            string programmeHeader = string.Empty;
            if (r.GetValue(programmes) is { } programmeInfo)
            {
                var more = new List<string>();
                (programmeHeader, programmeLines) = ReadLines(io.Input(programmeInfo).FullName, ["programme_id"], more);
                if (more.Count > 0)
                {
                    io.Err.WriteLine($"error: {more.Count} problem(s); nothing was written.");
                    more.ForEach(p => io.Err.WriteLine("  " + p));
                    return CliApp.InvalidInput;
                }
            }

            Directory.CreateDirectory(dir.FullName);
            foreach (var (epci, (s, d, p, c)) in byEpci)
            {
                var folder = Path.Combine(dir.FullName, epci);
                Directory.CreateDirectory(folder);
                WriteAtomically(Path.Combine(folder, "stock.csv"), w => WriteAll(w, stockHeader, s));
                WriteAtomically(Path.Combine(folder, "demand.csv"), w => WriteAll(w, demandHeader, d));
                WriteAtomically(Path.Combine(folder, "communes.csv"), w => WriteAll(w, communeHeader, c.Select(x => communeLineOf[x])));
                if (programmeLines.Count > 0)
                {
                    WriteAtomically(Path.Combine(folder, "programmes.csv"), w => WriteAll(w, programmeHeader, programmeLines.Where(l => p.Contains(l.Fields[0])).Select(l => l.Line)));
                }
            }

            if (unassigned.Count > 0)
            {
                WriteAtomically(Path.Combine(dir.FullName, "unassigned.csv"), w => WriteAll(w, "file;line;reason", unassigned));
            }

            t.Mark("write");
            io.Out.WriteLine($"Wrote {byEpci.Count} territory folder(s) into {dir.FullName}: {SimulationText.Count(stockLines.Count - unassigned.Count(u => u.StartsWith(stockFile, StringComparison.Ordinal)))} dwellings, {SimulationText.Count(demandLines.Count - unassigned.Count(u => u.StartsWith(demandFile, StringComparison.Ordinal)))} applications.");
            if (unassigned.Count > 0)
            {
                io.Err.WriteLine($"note: {SimulationText.Count(unassigned.Count)} row(s) could not be placed in an EPCI; each is listed with its reason in {Path.Combine(dir.FullName, "unassigned.csv")}.");
            }

            return CliApp.Ok;
        }));
        return command;
    }

    private static void WriteAll(TextWriter w, string header, IEnumerable<string> lines)
    {
        w.Write(header + "\n");
        foreach (var line in lines)
        {
            w.Write(line + "\n");
        }
    }

    /// <summary>A ';'-separated file's header and lines, with the named columns of each line (lines copied as they are).</summary>
    private static (string Header, List<(string Line, int Number, string[] Fields)> Lines) ReadLines(string path, string[] columns, List<string> problems)
    {
        var lines = new List<(string, int, string[])>();
        using var reader = new StreamReader(path);
        var header = reader.ReadLine()?.TrimStart('\uFEFF') ?? string.Empty;
        var names = header.Split(';');
        var at = columns.Select(c => Array.IndexOf(names, c)).ToArray();
        for (var i = 0; i < columns.Length; i++)
        {
            if (at[i] < 0)
            {
                problems.Add($"{path}: line 1: no '{columns[i]}' column in the header.");
            }
        }

        if (at.Any(a => a < 0))
        {
            return (header, lines);
        }

        var number = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Contains('"', StringComparison.Ordinal))
            {
                problems.Add($"{path}: line {number}: quoted fields are not split (write the file without quotes, as cia generate does).");
                continue;
            }

            var fields = line.Split(';');
            if (fields.Length != names.Length)
            {
                problems.Add($"{path}: line {number}: {fields.Length} fields, the header has {names.Length}.");
                continue;
            }

            lines.Add((line, number, [.. at.Select(a => fields[a])]));
        }

        return (header, lines);
    }

    private static Command Plan(CliIo io)
    {
        var territories = new Option<string[]>("--territory") { Description = "A territory: 'builtin' (the built-in Nantes data set) or a folder holding demand.csv and stock.csv (and programmes.csv, communes.csv when there are). Repeatable; a folder of such folders is taken with --territories.", HelpName = "builtin|DIR", AllowMultipleArgumentsPerToken = false };
        var territoryRoot = new Option<DirectoryInfo?>("--territories") { Description = "A folder whose sub-folders are territories (each with demand.csv and stock.csv), taken in name order.", HelpName = "DIR" };
        var scenarios = new Option<string[]>("--scenario") { Description = "A scenario: 'builtin' or a policy file (docs/policy-file.md). Repeatable.", HelpName = "builtin|FILE" };
        var seeds = new Option<int>("--seeds") { Description = "Seeds per territory and scenario: seed, seed + 1, …", DefaultValueFactory = _ => 20 };
        var seed = new Option<ulong>("--seed") { Description = "The first seed.", DefaultValueFactory = _ => SimulateCommand.DefaultSeed };
        var block = new Option<int?>("--block") { Description = "Seeds per task. Default: as many as fill --task-minutes, from the stock's size." };
        var minutes = new Option<double>("--task-minutes") { Description = "With no --block: the run time to aim at per task (Slurm takes about 1 s to schedule a task, so a task should run minutes).", DefaultValueFactory = _ => 10 };
        var output = new Option<DirectoryInfo>("--output", "-o", "--out") { Description = $"The sweep folder: {ManifestFile} is written there, results/ and logs/ made.", Required = true, HelpName = "DIR" };
        var timings = Shared.Timings();
        var command = new Command("plan", "Expand territories × scenarios × seed blocks into the sweep's manifest, one row a task.")
        {
            territories, territoryRoot, scenarios, seeds, seed, block, minutes, output, timings,
        };
        command.SetAction(r => io.Guard(r.GetValue(timings), t =>
        {
            var problems = new List<string>();
            var terr = new List<(string Name, string Path, long Dwellings)>();
            foreach (var name in r.GetValue(territories) ?? [])
            {
                AddTerritory(name, terr, problems);
            }

            if (r.GetValue(territoryRoot) is { } root)
            {
                if (!root.Exists)
                {
                    problems.Add($"--territories {root}: no such folder.");
                }
                else
                {
                    foreach (var sub in root.GetDirectories().OrderBy(d => d.Name, StringComparer.Ordinal))
                    {
                        AddTerritory(sub.FullName, terr, problems);
                    }
                }
            }

            var scen = new List<(string Name, string Path)>();
            foreach (var s in r.GetValue(scenarios) ?? [])
            {
                if (s == PolicyScenario.BuiltIn)
                {
                    scen.Add((s, s));
                    continue;
                }

                var file = new FileInfo(s);
                try
                {
                    PolicyLoader.LoadFile(file.FullName);
                    scen.Add((Path.GetFileNameWithoutExtension(file.Name), file.FullName));
                }
                catch (PolicyException e)
                {
                    problems.AddRange(e.Problems.Select(p => $"{p.Source ?? e.Source}: {p}"));
                }
                catch (Engine.IO.InputException e)
                {
                    problems.AddRange(e.Problems.Select(p => p.ToString()));
                }
            }

            if (terr.Count == 0 && problems.Count == 0)
            {
                return io.Usage("give at least one territory: --territory builtin|DIR (repeatable) or --territories DIR.");
            }

            if (scen.Count == 0 && problems.Count == 0)
            {
                return io.Usage("give at least one scenario: --scenario builtin|FILE (repeatable).");
            }

            Duplicates(terr.Select(x => x.Name), "territory", problems);
            foreach (var bad in terr.Select(x => x.Path).Concat(scen.Select(x => x.Path)).Where(x => x.Contains('|', StringComparison.Ordinal) || x.Contains('\t', StringComparison.Ordinal)))
            {
                problems.Add($"{bad}: a path with '|' or a tab cannot go into the manifest; rename or move it.");
            }

            Duplicates(scen.Select(x => x.Name), "scenario", problems);
            var n = r.GetValue(seeds);
            if (n < 1 || n > 100_000)
            {
                return io.Usage($"--seeds {n}: give 1 to 100 000 seeds.");
            }

            if (r.GetValue(block) is { } b && (b < 1 || b > n))
            {
                return io.Usage($"--block {b}: give 1 to --seeds ({n}) seeds per task.");
            }

            if (problems.Count > 0)
            {
                io.Err.WriteLine($"error: {problems.Count} problem(s); no manifest was written.");
                problems.ForEach(p => io.Err.WriteLine("  " + p));
                return CliApp.InvalidInput;
            }

            var first = r.GetValue(seed);
            if (first > ulong.MaxValue - (ulong)(n - 1))
            {
                return io.Usage($"--seed {first} with --seeds {n} would need seeds past {ulong.MaxValue}.");
            }

            var rows = new List<Row>();
            var summary = new StringBuilder();
            double work = 0;
            // Each territory's task: its seeds in blocks that fill --task-minutes. Territories whose every seed takes less
            // than that are packed together, in order, into tasks of about that length (each still written under its own
            // name), so that Slurm's ~1 s a task stays small against the run.
            var target = r.GetValue(minutes) * 60;
            var group = new List<(string Name, string Path)>();
            double groupSeconds = 0;
            void Flush()
            {
                if (group.Count == 0)
                {
                    return;
                }

                foreach (var (sName, sPath) in scen)
                {
                    rows.Add(new Row(rows.Count, string.Join('|', group.Select(g => g.Name)), string.Join('|', group.Select(g => g.Path)), sName, sPath, first, n));
                }

                summary.AppendLine(CultureInfo.InvariantCulture, $"  {group.Count} territor{(group.Count == 1 ? "y" : "ies")} packed into one task per scenario ({group[0].Name}{(group.Count > 1 ? " … " + group[^1].Name : string.Empty)}), all {n} seeds, about {groupSeconds:0.#} s a task");
                group.Clear();
                groupSeconds = 0;
            }

            foreach (var (name, path, dwellings) in terr)
            {
                var year = Math.Max(0.01, dwellings * SecondsPerDwellingYear);
                var load = 0.5 + (dwellings * SecondsPerDwellingLoad);
                var whole = load + (n * year);
                work += scen.Count * whole;
                if (r.GetValue(block) is null && whole < target)
                {
                    if (groupSeconds + whole > target)
                    {
                        Flush();
                    }

                    group.Add((name, path));
                    groupSeconds += whole;
                    continue;
                }

                var size = r.GetValue(block) ?? Math.Clamp((int)Math.Floor((target - load) / year), 1, n);
                foreach (var (sName, sPath) in scen)
                {
                    for (var s = 0; s < n; s += size)
                    {
                        rows.Add(new Row(rows.Count, name, path, sName, sPath, first + (ulong)s, Math.Min(size, n - s)));
                    }
                }

                work += scen.Count * (Math.Ceiling((double)n / size) - 1) * load;
                var taskSeconds = load + (size * year);
                summary.AppendLine(CultureInfo.InvariantCulture, $"  {name}: {SimulationText.Count((int)Math.Min(int.MaxValue, dwellings))} dwellings, about {load:0.#} s to load and {year:0.##} s a year: {size} seed(s) a task, about {taskSeconds:0.#} s a task; Slurm's ~1 s of scheduling is {100 / (1 + taskSeconds):0.#} % of it{(1 / (1 + taskSeconds) > 0.05 ? " (over 5 %: give more seeds, or a larger --block)" : string.Empty)}");
            }

            Flush();

            var dir = r.GetValue(output)!;
            if (File.Exists(dir.FullName))
            {
                return io.Usage($"--output {dir}: a file of that name exists; give a folder.");
            }

            Directory.CreateDirectory(dir.FullName);
            Directory.CreateDirectory(Path.Combine(dir.FullName, "results"));
            Directory.CreateDirectory(Path.Combine(dir.FullName, "logs"));
            var manifest = Path.Combine(dir.FullName, ManifestFile);
            WriteAtomically(manifest, w =>
            {
                w.Write(ManifestHeader + "\n");
                foreach (var row in rows)
                {
                    w.Write(row.Line + "\n");
                }
            });
            t.Mark("plan");
            io.Out.WriteLine($"Wrote {manifest}: {rows.Count} task(s) = {terr.Count} territory(ies) × {scen.Count} scenario(s) × seed blocks ({n} seeds from {first}).");
            io.Out.Write(summary.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
            var overhead = rows.Count / (rows.Count + work);
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Whole sweep: about {work / 3600:0.##} CPU-hours of tasks; Slurm's ~1 s a task is {overhead * 100:0.#} % of it{(overhead > 0.05 ? " (over 5 %: larger blocks)" : string.Empty)}."));
            return CliApp.Ok;
        }));
        return command;
    }

    private static void AddTerritory(string name, List<(string, string, long)> list, List<string> problems)
    {
        if (name == PolicyScenario.BuiltIn)
        {
            list.Add((name, name, Engine.Data.DefaultData.Stock.Count));
            return;
        }

        var dir = new DirectoryInfo(name);
        if (!dir.Exists)
        {
            problems.Add($"territory {name}: no such folder (give 'builtin' or a folder with demand.csv and stock.csv).");
            return;
        }

        var missing = TerritoryFiles.Where(f => !File.Exists(Path.Combine(dir.FullName, f))).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"territory {dir.FullName}: no {string.Join(" nor ", missing)} in it.");
            return;
        }

        // The dwellings, for the size of the tasks: the stock's lines less its header.
        long lines = 0;
        using (var stream = File.OpenRead(Path.Combine(dir.FullName, "stock.csv")))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
            }
        }

        list.Add((dir.Name, dir.FullName, Math.Max(0, lines - 1)));
    }

    private static void Duplicates(IEnumerable<string> names, string what, List<string> problems)
    {
        foreach (var g in names.GroupBy(x => x, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"two {what} entries are named '{g.Key}': results are keyed by name, give each its own.");
        }
    }

    private static Command RunRows(CliIo io)
    {
        var manifest = ManifestOption();
        var row = new Option<int?>("--row") { Description = "The row to run (0-based, as in the manifest). Under Slurm: the array index plus the chunk's offset." };
        var all = new Option<bool>("--all") { Description = "Local mode: run every row whose result is missing, one after the other, with no scheduler." };
        var threads = new Option<int?>("--threads") { Description = "Seeds run at once in a task. Default: SLURM_CPUS_PER_TASK when set, else the machine's cores." };
        var timings = Shared.Timings();
        var command = new Command("run", "Run one row of the manifest (or all, --all) into results/row-NNNNNN.tsv, written whole or not at all; a row whose result exists is not run again.")
        {
            manifest, row, all, threads, timings,
        };
        command.SetAction(r => io.Guard(r.GetValue(timings), t =>
        {
            if (r.GetValue(row) is null == !r.GetValue(all))
            {
                return io.Usage("give --row K to run one row, or --all to run every missing row here (local mode).");
            }

            var rows = ReadManifest(io.Input(r.GetValue(manifest)!).FullName);
            var folder = Path.GetDirectoryName(r.GetValue(manifest)!.FullName)!;
            var threadCount = r.GetValue(threads) ?? (int.TryParse(Environment.GetEnvironmentVariable("SLURM_CPUS_PER_TASK"), out var c) && c > 0 ? c : Environment.ProcessorCount);
            if (threadCount < 1)
            {
                return io.Usage($"--threads {threadCount}: give 1 or more.");
            }

            IEnumerable<Row> todo;
            if (r.GetValue(row) is { } k)
            {
                if (k < 0 || k >= rows.Count)
                {
                    return io.Usage($"--row {k}: the manifest has rows 0 to {rows.Count - 1}.");
                }

                todo = [rows[k]];
            }
            else
            {
                todo = rows;
            }

            var ran = 0;
            var skipped = 0;
            foreach (var item in todo)
            {
                var result = ResultPath(folder, item.Index);
                if (File.Exists(result))
                {
                    skipped++;
                    continue;
                }

                RunRow(item, result, threadCount, io);
                ran++;
                t.Mark($"row {item.Index}");
            }

            io.Out.WriteLine($"{ran} row(s) run, {skipped} already done.");
            return CliApp.Ok;
        }));
        return command;
    }

    private static void RunRow(Row row, string result, int threads, CliIo io)
    {
        var policy = row.ScenarioPath == PolicyScenario.BuiltIn ? PolicyLoader.LoadDefault() : PolicyLoader.LoadFile(io.Input(new FileInfo(row.ScenarioPath)).FullName);
        var names = row.Territory.Split('|');
        var paths = row.TerritoryPath.Split('|');
        if (names.Length != paths.Length)
        {
            throw new Engine.IO.InputException([new Engine.IO.InputProblem(row.Territory, 1, 1, "territory", $"row {row.Index}: {names.Length} territory name(s) for {paths.Length} path(s).")]);
        }

        var text = new StringBuilder();
        for (var i = 0; i < names.Length; i++)
        {
            text.Append(RunTerritory(row, names[i], paths[i], policy, threads, io));
        }

        WriteAtomically(result, w =>
        {
            w.Write("# " + row.Line + "\n");
            w.Write(text.ToString());
        });
    }

    private static string RunTerritory(Row row, string name, string path, CiaPolicy policy, int threads, CliIo io)
    {
        var inputs = new Command("inputs") { Shared.Demand(), new Option<FileInfo?>("--stock"), new Option<FileInfo?>("--programmes"), Shared.Communes(), Shared.Thresholds(), Shared.PlusCeilings(), Shared.AplCeilings() };
        var args = new List<string>();
        if (path != PolicyScenario.BuiltIn)
        {
            args.AddRange(["--demand", Path.Combine(path, "demand.csv"), "--stock", Path.Combine(path, "stock.csv")]);
            foreach (var (option, file) in new[] { ("--programmes", "programmes.csv"), ("--communes", "communes.csv") })
            {
                if (File.Exists(Path.Combine(path, file)))
                {
                    args.AddRange([option, Path.Combine(path, file)]);
                }
            }
        }

        var quiet = new CliIo(io.Out, TextWriter.Null);
        var (parameters, demand, stock, programmes) = SimulateCommand.ReadInputs(inputs.Parse(args), quiet);
        var territory = new SimulationTerritory(new HouseholdClassifier(policy, parameters),
            new DwellingClassifier(policy, parameters, FragilityRules.Assess(programmes, policy.Stock.Fragility)), demand, stock, policy.DefaultYear);
        var (capacity, _) = SimulateCommand.MobilisableCapacity(stock, programmes, policy, parameters);
        var lines = new string[row.SeedCount];
        Parallel.For(0, row.SeedCount, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
        {
            var seed = row.SeedStart + (ulong)i;
            var report = SimulationReport.Of(Simulator.Run(territory, seed), capacity);
            var b = new StringBuilder();
            foreach (var indicator in report.Indicators)
            {
                b.Append(name).Append('\t').Append(row.Scenario).Append('\t').Append(seed.ToString(CultureInfo.InvariantCulture)).Append('\t')
                    .Append(indicator.Name).Append('\t').Append(indicator.Group).Append('\t').Append(indicator.Value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }

            lines[i] = b.ToString();
        });

        return string.Concat(lines);
    }

    private static Command Merge(CliIo io)
    {
        var manifest = ManifestOption();
        var timings = Shared.Timings();
        var command = new Command("merge", $"Check every row's result and write {MergedFile} (all rows, in manifest order) and {MissingFile} (the rows missing); exits 1 when rows are missing.")
        {
            manifest, timings,
        };
        command.SetAction(r => io.Guard(r.GetValue(timings), t =>
        {
            var path = io.Input(r.GetValue(manifest)!).FullName;
            var rows = ReadManifest(path);
            var folder = Path.GetDirectoryName(path)!;
            var missing = new List<int>();
            var stale = new List<string>();
            foreach (var row in rows)
            {
                var result = ResultPath(folder, row.Index);
                if (!File.Exists(result))
                {
                    missing.Add(row.Index);
                    continue;
                }

                using var reader = new StreamReader(result);
                if (reader.ReadLine() != "# " + row.Line)
                {
                    // A result of another manifest's row (the sweep was planned again): not this row's.
                    stale.Add($"{result}: its first line is not row {row.Index} of {path}; delete it to run the row again.");
                    missing.Add(row.Index);
                }
            }

            WriteAtomically(Path.Combine(folder, MissingFile), w => w.Write(string.Join(',', missing) + "\n"));
            if (missing.Count > 0)
            {
                io.Err.WriteLine($"error: {missing.Count} of {rows.Count} row(s) have no result: {Ranges(missing)}; {MergedFile} was not written. Rows listed in {Path.Combine(folder, MissingFile)}: resubmit them with cia sweep submit --missing (or run them here with cia sweep run --all).");
                stale.ForEach(s => io.Err.WriteLine("  " + s));
                return CliApp.InvalidInput;
            }

            WriteAtomically(Path.Combine(folder, MergedFile), w =>
            {
                w.Write(ResultHeader + "\n");
                foreach (var row in rows)
                {
                    using var reader = new StreamReader(ResultPath(folder, row.Index));
                    reader.ReadLine();
                    w.Write(reader.ReadToEnd());
                }
            });
            t.Mark("merge");
            io.Out.WriteLine($"All {rows.Count} row(s) done: wrote {Path.Combine(folder, MergedFile)}.");
            return CliApp.Ok;
        }));
        return command;
    }

    private static Command Submit(CliIo io)
    {
        var manifest = ManifestOption();
        var throttle = new Option<int>("--throttle") { Description = "At most this many tasks of an array at once (sbatch --array=…%N).", DefaultValueFactory = _ => 64 };
        var cpus = new Option<int>("--cpus-per-task") { Description = "CPUs per task: the task runs that many seeds at once.", DefaultValueFactory = _ => 1 };
        var time = new Option<string?>("--time") { Description = "Slurm's time limit per task (e.g. 1:00:00): a hung task ends as TIMEOUT." };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition. Default: the cluster's default." };
        var rowsOption = new Option<string?>("--rows") { Description = "Only these rows (\"3,7,10-12\"), e.g. to resubmit what failed." };
        var missingOption = new Option<bool>("--missing") { Description = $"Only the rows listed in the sweep's {MissingFile} (written by cia sweep merge)." };
        var cia = new Option<string?>("--cia") { Description = "The cia command the tasks run (a self-contained single file for nodes without .NET: docs/sweeps.md). Default: this one." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Write the batch scripts and print the sbatch commands, without submitting." };
        var command = new Command("submit", "Write the Slurm batch scripts (task.sbatch, merge.sbatch) and submit the rows as job arrays of at most 1 000 tasks, with the merge as a job that runs after them all (afterany).")
        {
            manifest, throttle, cpus, time, partition, rowsOption, missingOption, cia, dryRun,
        };
        command.SetAction(r => io.Guard(false, _ =>
        {
            var path = io.Input(r.GetValue(manifest)!).FullName;
            var rows = ReadManifest(path);
            var folder = Path.GetDirectoryName(path)!;
            if (r.GetValue(rowsOption) is not null && r.GetValue(missingOption))
            {
                return io.Usage("give --rows or --missing, not both.");
            }

            if (r.GetValue(throttle) < 1 || r.GetValue(cpus) < 1)
            {
                return io.Usage("--throttle and --cpus-per-task take 1 or more.");
            }

            List<int> selected;
            var text = r.GetValue(missingOption)
                ? File.Exists(Path.Combine(folder, MissingFile)) ? File.ReadAllText(Path.Combine(folder, MissingFile)).Trim() : null
                : r.GetValue(rowsOption);
            if (r.GetValue(missingOption) && text is null)
            {
                return io.Usage($"--missing reads {Path.Combine(folder, MissingFile)}, which cia sweep merge writes: run the merge first.");
            }

            if (text is null)
            {
                selected = [.. rows.Select(x => x.Index)];
            }
            else if (ParseRows(text, rows.Count, out var parsed, out var problem))
            {
                selected = parsed;
            }
            else
            {
                return io.Usage(problem!);
            }

            if (selected.Count == 0)
            {
                io.Out.WriteLine("No row to submit.");
                return CliApp.Ok;
            }

            var command = r.GetValue(cia) ?? ThisCia();
            var options = new StringBuilder();
            options.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={r.GetValue(cpus)}\n");
            if (r.GetValue(time) is { } limit)
            {
                options.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={limit}\n");
            }

            if (r.GetValue(partition) is { } part)
            {
                options.Append(CultureInfo.InvariantCulture, $"#SBATCH --partition={part}\n");
            }

            var logs = Path.Combine(folder, "logs");
            Directory.CreateDirectory(logs);
            var task = Path.Combine(folder, "task.sbatch");
            var merge = Path.Combine(folder, "merge.sbatch");
            WriteAtomically(task, w => w.Write(
                "#!/bin/bash\n#SBATCH --job-name=cia-sweep\n" + options + $"#SBATCH --output={logs}/%A_%a.out\n#SBATCH --requeue\n"
                + "# One manifest row per array task: the row is the chunk's offset plus the array index (arrays hold at most 1 000 tasks).\n"
                + "set -euo pipefail\nrow=$(( ${ROW_OFFSET:-0} + SLURM_ARRAY_TASK_ID ))\n"
                + $"exec {command} sweep run --manifest {Quote(path)} --row \"$row\" --threads \"${{SLURM_CPUS_PER_TASK:-1}}\"\n"));
            WriteAtomically(merge, w => w.Write(
                "#!/bin/bash\n#SBATCH --job-name=cia-sweep-merge\n" + (r.GetValue(partition) is { } p2 ? $"#SBATCH --partition={p2}\n" : string.Empty)
                + $"#SBATCH --output={logs}/merge_%j.out\n"
                + "# Runs after every array task, failed or not (afterany): it checks every row and lists the missing ones.\n"
                + $"set -euo pipefail\nexec {command} sweep merge --manifest {Quote(path)}\n"));

            // One array per chunk of 1 000 rows: the array indices are the rows less the chunk's offset.
            var submissions = selected.GroupBy(x => x / ArrayChunk * ArrayChunk).OrderBy(g => g.Key)
                .Select(g => (Offset: g.Key, Indices: Ranges([.. g.Select(x => x - g.Key)]))).ToList();
            var ids = new List<string>();
            foreach (var (offset, indices) in submissions)
            {
                string[] args = ["--parsable", $"--array={indices}%{r.GetValue(throttle)}", $"--export=ALL,ROW_OFFSET={offset}", task];
                if (r.GetValue(dryRun))
                {
                    io.Out.WriteLine("sbatch " + string.Join(' ', args.Select(Quote)));
                    ids.Add($"<array {offset / ArrayChunk}>");
                    continue;
                }

                ids.Add(Sbatch(args));
            }

            string[] mergeArgs = ["--parsable", $"--dependency=afterany:{string.Join(':', ids)}", merge];
            if (r.GetValue(dryRun))
            {
                io.Out.WriteLine("sbatch " + string.Join(' ', mergeArgs.Select(Quote)));
                io.Out.WriteLine($"(dry run: wrote {task} and {merge}; nothing submitted)");
                return CliApp.Ok;
            }

            var mergeId = Sbatch(mergeArgs);
            io.Out.WriteLine($"Submitted {selected.Count} row(s) as job array(s) {string.Join(", ", ids)}; the merge is job {mergeId}.");
            return CliApp.Ok;
        }));
        return command;
    }

    /// <summary>Runs sbatch and returns the job id it prints with --parsable.</summary>
    private static string Sbatch(string[] args)
    {
        var start = new ProcessStartInfo("sbatch") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new OutputException("sbatch could not be started.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new OutputException($"sbatch could not be run ({e.Message}): is Slurm installed here? (--dry-run writes the scripts without it)", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new OutputException($"sbatch {string.Join(' ', args)} failed (exit {process.ExitCode}): {error.Trim()}");
            }

            return output.Trim().Split(';')[0];
        }
    }

    /// <summary>How to run this cia: the single-file executable itself, or dotnet and this assembly.</summary>
    private static string ThisCia()
    {
        var process = Environment.ProcessPath ?? "cia";
        var name = Path.GetFileNameWithoutExtension(process);
        return name == "dotnet" ? $"{Quote(process)} {Quote(Path.Combine(AppContext.BaseDirectory, "cia.dll"))}" : Quote(process);
    }

    private static string Quote(string s) => s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || "/._-=%:,+@".Contains(c, StringComparison.Ordinal)) ? s : "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    internal static string ResultPath(string folder, int row) => Path.Combine(folder, "results", $"row-{row.ToString("D6", CultureInfo.InvariantCulture)}.tsv");

    /// <summary>Rows as sbatch --array takes them: "0-3,7".</summary>
    internal static string Ranges(IReadOnlyList<int> sorted)
    {
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            parts.Add(j == i ? sorted[i].ToString(CultureInfo.InvariantCulture) : $"{sorted[i]}-{sorted[j]}");
            i = j + 1;
        }

        return string.Join(',', parts);
    }

    internal static bool ParseRows(string text, int count, out List<int> rows, out string? problem)
    {
        var set = new SortedSet<int>();
        rows = [];
        problem = null;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-');
            if (bounds.Length is < 1 or > 2 || !bounds.All(b => int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                problem = $"rows '{text}': '{part}' is not a row nor a range like 10-12.";
                return false;
            }

            var lo = int.Parse(bounds[0], CultureInfo.InvariantCulture);
            var hi = int.Parse(bounds[^1], CultureInfo.InvariantCulture);
            if (lo > hi || hi >= count)
            {
                problem = $"rows '{text}': '{part}' is outside the manifest's rows 0 to {count - 1}.";
                return false;
            }

            for (var k = lo; k <= hi; k++)
            {
                set.Add(k);
            }
        }

        rows = [.. set];
        return true;
    }

    internal static List<Row> ReadManifest(string path)
    {
        var problems = new List<Engine.IO.InputProblem>();
        if (Directory.Exists(path))
        {
            problems.Add(new Engine.IO.InputProblem(path, 0, 0, string.Empty, $"is a folder: give its {ManifestFile}."));
            throw new Engine.IO.InputException(problems);
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != ManifestHeader)
        {
            problems.Add(new Engine.IO.InputProblem(path, 1, 1, string.Empty, $"the header is not the sweep manifest's ({ManifestHeader.Replace('\t', ' ')}): write it with cia sweep plan."));
            throw new Engine.IO.InputException(problems);
        }

        var rows = new List<Row>();
        for (var i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split('\t');
            if (f.Length != 7 || !int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index != rows.Count
                || !ulong.TryParse(f[5], NumberStyles.None, CultureInfo.InvariantCulture, out var s0) || !int.TryParse(f[6], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                problems.Add(new Engine.IO.InputProblem(path, i + 1, 1, string.Empty, $"row {rows.Count} should be 7 tab-separated fields: row (= {rows.Count}), territory, its path, scenario, its path, first seed, seed count (≥ 1)."));
                continue;
            }

            rows.Add(new Row(index, f[1], f[2], f[3], f[4], s0, n));
        }

        if (problems.Count > 0)
        {
            throw new Engine.IO.InputException(problems);
        }

        return rows;
    }

    /// <summary>Writes a file whole or not at all: a temporary file in the same folder, then renamed over the target.</summary>
    private static void WriteAtomically(string path, Action<TextWriter> write)
    {
        var temp = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        try
        {
            using (var w = new StreamWriter(temp, false, new UTF8Encoding(false)) { NewLine = "\n" })
            {
                write(w);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
