using System.Globalization;
using System.Text;
using System.Text.Json;
using CIA.Cli;
using CIA.Engine.IO;
using Xunit.Abstractions;

namespace CIA.Cli.Tests;

/// <summary>
/// Random mutations of valid input files, run through the whole command line in process: whatever the bytes, cia
/// exits 0 with a complete output or 1 with a clear error, never 70 (an unhandled exception), never a stack trace,
/// and never leaves a half-written or temporary output file behind; a refused CSV file's problems name lines the file
/// has, and the cells they quote are on those lines. The seed is fixed, so every run checks the same cases; a failure
/// names the case and its mutations, and keeps its input files in the temporary folder to rerun by hand.
/// </summary>
public sealed partial class FuzzTests : IDisposable
{
    /// <summary>The fixed seed: each case draws from <c>new Random(Seed + case)</c>, so one case is reproducible alone.</summary>
    private const int Seed = 20_251_123;

    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "samples", "data");

    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cia-fuzz-" + Path.GetRandomFileName())).FullName;
    private readonly string _outDir;
    private readonly List<string> _failures = [];
    private readonly ITestOutputHelper _log;
    private readonly Dictionary<string, int> _firstProblems = [];

    public FuzzTests(ITestOutputHelper log)
    {
        _log = log;
        _outDir = Directory.CreateDirectory(Path.Combine(_dir, "out")).FullName;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] SampleBytes(string name) => File.ReadAllBytes(Path.Combine(Samples, name));

    /// <summary>The sample demand, and a second form of it: semicolons, CRLF, the optional columns, and an ignored note column with quoted, multi-line text.</summary>
    private static readonly byte[][] DemandBases =
    [
        SampleBytes("demand-sample.csv"),
        Encoding.UTF8.GetBytes(
            "application_id;registered_on;persons_14_plus;children_under_14;monthly_resources;tax_income;employment;disabled_member;is_mutation;mutation_reason;urban_renewal;prefectoral_criteria;reserved_by;desired_communes;dependants;young_couple;note\r\n" +
            "E01;2024-01-01;2;0;2500.50;30000;employed|retired;false;false;;;;;44109|44143;0;true;\"a note; with \"\"quotes\"\"\r\non two lines\"\r\n" +
            "E02;2023-06-30;1;2;900;9500;unemployed;true;true;health;;dalo;prefecture;44109;2;false;\r\n" +
            "E03;2022-12-31;3;1;4000.00;52000.75;employed;false;false;;anru;;;;1;false;plain\r\n"),
    ];

    private static readonly byte[] Stock = SampleBytes("stock-sample.csv");
    private static readonly byte[] Programmes = SampleBytes("programmes-sample.csv");

    private static readonly byte[] Thresholds = Encoding.UTF8.GetBytes(
        "epci;year;q1;q2;q3;source\n" +
        "244400404;2026;10800;14800.50;19900;arrêté de test\n" +
        "243500139;2026;8743;12000;16000;arrêté Rennes\n");

    private static readonly byte[] Policy = Encoding.UTF8.GetBytes(CIA.Engine.Policy.PolicyLoader.DefaultYaml());

    /// <summary>The parameter files: PLUS ceilings (read by classify), APL ceilings and communes (read by capacity).</summary>
    private static readonly (string Option, byte[] Bytes)[] ParameterFiles =
    [
        ("--plus-ceilings", Encoding.UTF8.GetBytes(
            "region;from;until;category_1;category_2;category_3;category_4;category_5;category_6;per_additional_person;source\n" +
            "other_regions;2026-01-01;2026-06-30;24000;32000;38500;46500;54700;61700;6900;test, first half\n" +
            "ile_de_france;2026-01-01;2026-12-31;26000;39000;51000;61000;72000;81000;9000.50;Île-de-France\n")),
        ("--apl-ceilings", Encoding.UTF8.GetBytes(
            "zone;from;until;person_alone;couple;one_dependant;per_extra_dependant;source\n" +
            "2;2025-10-01;2026-09-30;272.12;329.88;369.88;53.01;test\n" +
            "3;2025-10-01;2026-09-30;255.00;309.00;347.00;50.00;zone 3\n")),
        ("--communes", Encoding.UTF8.GetBytes(
            "commune;name;epci;epci_name;apl_zone\n" +
            "44109;Nantes;244400404;Nantes Métropole;2\n" +
            "35238;Rennes;243500139;Rennes Métropole;2\n")),
    ];

    [Fact]
    public void Demand_summary_survives_mutations() => Fuzz(0, 700, rng => Mutator.Csv(rng, DemandBases[rng.Next(DemandBases.Length)]), (file, n) =>
    {
        var json = n % 2 == 0;
        var args = json ? new[] { "classify", "--demand", file, "--summary", "--format", "json" } : ["classify", "--demand", file, "--summary"];
        return Check(args, null, output =>
        {
            var applications = DemandCsv.ReadTable(file).Count; // the same file read by the library: the summary must count every row
            if (json)
            {
                using var doc = JsonDocument.Parse(output);
                return doc.RootElement.GetProperty("applications").GetInt32() == applications && doc.RootElement.TryGetProperty("target_households", out JsonElement _);
            }

            return output.StartsWith(applications.ToString("#,0", new NumberFormatInfo { NumberGroupSeparator = " " }) + " applications classified", StringComparison.Ordinal)
                && output.Contains("priority households", StringComparison.Ordinal);
        });
    });

    [Fact]
    public void Demand_to_an_out_file_survives_mutations() => Fuzz(100_000, 700, rng => Mutator.Csv(rng, DemandBases[rng.Next(DemandBases.Length)]), (file, _) =>
    {
        var target = Path.Combine(_outDir, "classified.csv");
        return Check(["classify", "--demand", file, "--out", target], target, output =>
        {
            var table = DemandCsv.ReadTable(file);
            var lines = File.ReadAllText(target).Split('\n');

            // Header, one line per application, and the final line break (an id holds no line break: the reader refuses them).
            return output.Length == 0 && lines.Length == table.Count + 2 && lines[^1].Length == 0
                && lines[0] == string.Join(';', ClassificationWriter.CsvColumns)
                && lines[1..^1].All(l => l.Split(';')[^1].StartsWith("HH-UC", StringComparison.Ordinal));
        });
    });

    [Fact]
    public void Stock_and_programmes_survive_mutations() => Fuzz(200_000, 700, rng =>
    {
        // Mutate the stock, the programmes, or both; the other file stays valid.
        var which = rng.Next(3);
        var (stock, s) = which == 1 ? (Stock, "stock: as is") : Mutator.Csv(rng, Stock);
        var (programmes, p) = which == 0 ? (Programmes, "programmes: as is") : Mutator.Csv(rng, Programmes);
        return (Pack(stock, programmes), $"stock: {s}; programmes: {p}");
    }, (file, _) =>
    {
        var (stock, programmes) = Unpack(file);
        return Check(["capacity", "--stock", stock, "--programmes", programmes, "--format", "json"], null, output =>
        {
            using var doc = JsonDocument.Parse(output);
            return doc.RootElement.GetProperty("dwellings").GetInt32() == StockCsv.ReadTable(stock).Count && doc.RootElement.TryGetProperty("mobilisable", out JsonElement _);
        });
    });

    [Fact]
    public void Thresholds_survive_mutations() => Fuzz(300_000, 500, rng => Mutator.Csv(rng, Thresholds), (file, _) =>
        Check(["classify", "--demand", Path.Combine(Samples, "demand-sample.csv"), "--thresholds", file, "--summary"], null,
            output => output.StartsWith("8 applications classified for 2026", StringComparison.Ordinal)));

    [Fact]
    public void Policy_files_survive_mutations() => Fuzz(400_000, 800, rng => Mutator.Yaml(rng, Policy), (file, _) =>
    {
        var ok = Check(["policy", "--check", file], null, output => output.Contains(": valid policy '", StringComparison.Ordinal));
        if (ok == 0)
        {
            // A policy that passes the check must also run: a valid but unusual policy is where the commands could fail.
            Check(["classify", "--policy", file, "--demand", Path.Combine(Samples, "demand-sample.csv"), "--summary"], null, output => output.Contains("applications classified", StringComparison.Ordinal));
            Check(["capacity", "--policy", file, "--format", "json"], null, output => JsonDocument.Parse(output).RootElement.TryGetProperty("mobilisable", out JsonElement _));
        }

        return ok;
    }, "policy.yaml");

    [Fact]
    public void Ceilings_and_communes_survive_mutations() => Fuzz(600_000, 600, rng =>
    {
        var (option, bytes) = ParameterFiles[rng.Next(ParameterFiles.Length)];
        var (mutated, mutations) = Mutator.Csv(rng, bytes);
        File.WriteAllText(Path.Combine(_dir, "option"), option);
        return (mutated, $"{option}: {mutations}");
    }, (file, _) =>
    {
        var option = File.ReadAllText(Path.Combine(_dir, "option"));
        return option == "--plus-ceilings"
            ? Check(["classify", "--demand", Path.Combine(Samples, "demand-sample.csv"), option, file, "--summary"], null,
                output => output.StartsWith("8 applications classified for 2026", StringComparison.Ordinal))
            : Check(["capacity", "--stock", Path.Combine(Samples, "stock-sample.csv"), option, file, "--format", "json"], null,
                output => JsonDocument.Parse(output).RootElement.GetProperty("dwellings").GetInt32() == 10);
    });

    [Fact]
    public void Command_lines_survive_mutations()
    {
        // Valid files to name, copied here so that no --out could ever replace the originals.
        var files = new Dictionary<string, byte[]>
        {
            ["demand.csv"] = DemandBases[0], ["stock.csv"] = Stock, ["programmes.csv"] = Programmes, ["thresholds.csv"] = Thresholds, ["policy.yaml"] = Policy,
        };
        foreach (var (name, bytes) in files)
        {
            File.WriteAllBytes(Path.Combine(_dir, name), bytes);
        }

        string[] commands = ["classify", "quartile", "capacity", "rules", "policy", "nosuch", ""];
        string[] options = ["--demand", "--stock", "--programmes", "--communes", "--thresholds", "--plus-ceilings", "--apl-ceilings", "--policy", "--check", "--year", "--format", "--out", "--summary", "--explain", "--timings", "--bogus", "--", "-h"];
        string[] values =
        [
            .. files.Keys.Select(f => Path.Combine(_dir, f)), _dir, Path.Combine(_dir, "missing.csv"), string.Empty, "/dev/null", "/dev/zero",
            "2026", "2025", "0", "-1", "99999", "abc", "2026.0", "\u0663", "json", "csv", "text", "xml", Path.Combine(_outDir, "o.csv"), _outDir,
        ];

        var accepted = 0;
        const int count = 1200;
        for (var n = 0; n < count; n++)
        {
            var rng = new Random(Seed + 500_000 + n);
            var args = new List<string>();
            var command = commands[rng.Next(commands.Length)];
            if (command.Length > 0)
            {
                args.Add(command);
            }

            for (var i = rng.Next(6); i > 0; i--)
            {
                args.Add(options[rng.Next(options.Length)]);
                if (rng.Next(5) > 0)
                {
                    args.Add(values[rng.Next(values.Length)]);
                }
            }

            if (command is "classify" or "quartile" && !args.Contains("--demand"))
            {
                args.AddRange(["--demand", Path.Combine(_dir, "demand.csv")]); // the built-in data set would take a second a case
            }

            var outAt = args.IndexOf("--out");
            var target = outAt >= 0 && outAt + 1 < args.Count && args[outAt + 1].StartsWith(_outDir + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? args[outAt + 1] : null;
            _failures.Clear();
            accepted += Check([.. args], target, _ => true) == 0 ? 1 : 0;
            if (_failures.Count > 0)
            {
                Assert.Fail($"command line case {n} (seed {Seed} + {500_000 + n}): cia {string.Join(' ', args.Select(a => a.Length == 0 ? "''" : a))}\n{string.Join('\n', _failures)}");
            }
        }

        _log.WriteLine($"{count} command lines: {accepted} accepted, {count - accepted} refused.");
        accepted.ShouldBeGreaterThan(count / 20);
    }

    private void Fuzz(int first, int count, Func<Random, (byte[] Bytes, string Mutations)> mutate, Func<string, int, int> run, string name = "input.csv")
    {
        var file = Path.Combine(_dir, name);
        var accepted = 0;
        for (var n = first; n < first + count; n++)
        {
            var (bytes, mutations) = mutate(new Random(Seed + n));
            File.WriteAllBytes(file, bytes);
            _failures.Clear();
            try
            {
                accepted += run(file, n) == 0 ? 1 : 0;
            }
#pragma warning disable CA1031 // Any exception is a finding, reported with the case that caused it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _failures.Add($"the check itself threw {e.GetType().Name}: {e.Message}");
            }

            if (_failures.Count > 0)
            {
                Assert.Fail($"case {n} (seed {Seed} + {n}); mutations: {mutations}\n{string.Join('\n', _failures)}\nthe input files are kept in {Keep(n)}");
            }
        }

        _log.WriteLine($"{count} cases: {accepted} accepted, {count - accepted} refused. Most frequent first problems:");
        foreach (var (problem, times) in _firstProblems.OrderByDescending(p => p.Value).Take(40))
        {
            _log.WriteLine($"{times,6}  {problem}");
        }

        // The mutations must both break files and leave some valid: a mutator gone wrong would test nothing.
        accepted.ShouldBeGreaterThan(count / 20, "too few mutated files were still valid");
        (count - accepted).ShouldBeGreaterThan(count / 3, "too few mutated files were refused");
    }

    /// <summary>Copies the case's input files out of the folder the test removes, so a failure can be rerun by hand.</summary>
    private string Keep(int n)
    {
        var kept = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"cia-fuzz-case-{n}")).FullName;
        foreach (var file in Directory.EnumerateFiles(_dir))
        {
            File.Copy(file, Path.Combine(kept, Path.GetFileName(file)), overwrite: true);
        }

        return kept;
    }

    /// <summary>Runs cia once and checks what every run must satisfy; returns the exit code.</summary>
    private int Check(string[] args, string? target, Func<string, bool> complete)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code;
        try
        {
            code = CliApp.Run(args, output, error);
        }
#pragma warning disable CA1031 // An exception escaping Run is exactly what this test looks for.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _failures.Add($"cia {string.Join(' ', args)}: an exception escaped CliApp.Run: {e}");
            return -1;
        }

        var err = error.ToString();
        var say = $"cia {string.Join(' ', args)} exited {code}";
        if (code is not (0 or 1 or 2))
        {
            _failures.Add($"{say} (70 is an unhandled exception):\n{err}");
        }

        if (err.Split('\n').Any(l => l.StartsWith("   at ", StringComparison.Ordinal)))
        {
            _failures.Add($"{say} with a stack trace:\n{err}");
        }

        var leftovers = Directory.EnumerateFileSystemEntries(_outDir).Select(Path.GetFileName).Where(n => n != Path.GetFileName(target)).ToList();
        if (leftovers.Count > 0)
        {
            _failures.Add($"{say} and left {string.Join(", ", leftovers)} beside the output");
        }

        if (code != 0)
        {
            var first = err.Split('\n').Skip(1).FirstOrDefault() ?? string.Empty;
            first = System.Text.RegularExpressions.Regex.Replace(first, @"^\s*\S+?\.(csv|yaml)(:\d+)*: ", string.Empty); // the problem, without its place
            first = System.Text.RegularExpressions.Regex.Replace(first, @"'[^']*'|\d+", "#");
            _firstProblems[first] = _firstProblems.GetValueOrDefault(first) + 1;
            if (!err.StartsWith("error:", StringComparison.Ordinal))
            {
                _failures.Add($"{say} but standard error does not start with 'error:':\n{err}");
            }

            if (target is not null && File.Exists(target))
            {
                _failures.Add($"{say} but created {target}");
            }

            // The CSV files given to CSV options (a CSV file given as --policy gets the policy's messages).
            string[] csvOptions = ["--demand", "--stock", "--programmes", "--thresholds", "--communes", "--plus-ceilings", "--apl-ceilings"];
            var csvInputs = args.Zip(args.Skip(1)).Where(p => err.Contains("problem(s) in the input", StringComparison.Ordinal) && csvOptions.Contains(p.First) && p.Second.StartsWith(_dir, StringComparison.Ordinal) && File.Exists(p.Second)).Select(p => p.Second).Distinct();
            foreach (var input in csvInputs)
            {
                CheckProblems(say, err, input);
            }
        }
        else
        {
            bool whole;
            try
            {
                whole = complete(output.ToString());
            }
#pragma warning disable CA1031 // Reading back the output failed: the output is not what it must be.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _failures.Add($"{say} but its output could not be checked ({e.GetType().Name}: {e.Message}); standard error:\n{err}");
                whole = true;
            }

            if (!whole)
            {
                _failures.Add($"{say} but the output is not complete:\n{output}{(target is not null && File.Exists(target) ? File.ReadAllText(target) : string.Empty)}");
            }
        }

        if (target is not null)
        {
            File.Delete(target);
        }

        return code;
    }

    /// <summary>
    /// What every problem reported in a CSV file must satisfy: the form <c>file:line[:column]: message</c>, a line the
    /// file has, a message of a few hundred characters at most (it quotes one cell, cut, never a row), and a quoted cell
    /// that is on the line reported, so that a person who opens the file at that line finds it.
    /// </summary>
    private void CheckProblems(string say, string err, string input)
    {
        var lines = PhysicalLines(Encoding.UTF8.GetString(File.ReadAllBytes(input)));
        foreach (var problem in err.Split('\n').Where(l => l.StartsWith("  " + input + ":", StringComparison.Ordinal)))
        {
            var m = ProblemForm().Match(problem[(input.Length + 3)..]);
            if (!m.Success)
            {
                _failures.Add($"{say}: a problem not in the form file:line[:column]: message: {problem}");
                continue;
            }

            var line = int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture);
            if (line < 1 || line > lines.Count)
            {
                _failures.Add($"{say}: line {line} reported, but the file has {lines.Count} lines: {problem}");
                continue;
            }

            if (problem.Length > 400)
            {
                _failures.Add($"{say}: a problem of {problem.Length} characters (a message quotes one cell, cut): {problem[..400]}…");
            }

            var cell = QuotedCell().Match(m.Groups["message"].Value);
            if (cell.Success)
            {
                var shown = cell.Groups["cell"].Value;
                var cut = shown.IndexOfAny(['\\', '…']);
                var prefix = cut < 0 ? shown : shown[..cut];
                if (prefix.Length > 0 && !prefix.Contains('"', StringComparison.Ordinal) && !lines[line - 1].Contains(prefix, StringComparison.Ordinal))
                {
                    _failures.Add($"{say}: the cell '{prefix}' is not on line {line}, where it is reported: {problem}");
                }
            }
        }
    }

    /// <summary>The lines of a text as an editor shows them: LF, CRLF and a lone CR each end one.</summary>
    private static List<string> PhysicalLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                lines.Add(text[start..i].TrimEnd('\r'));
                start = i + 1;
            }
        }

        lines.Add(text[start..]);
        return lines;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<line>\d+)(:(?<column>\d+))?: (?<message>.*)$")]
    private static partial System.Text.RegularExpressions.Regex ProblemForm();

    [System.Text.RegularExpressions.GeneratedRegex(@"^column '[^']*': '(?<cell>.*)' is (not|already|negative)")]
    private static partial System.Text.RegularExpressions.Regex QuotedCell();

    // Two files in one case: the stock is the case's input, the programmes are written beside it.
    private byte[] Pack(byte[] stock, byte[] programmes)
    {
        File.WriteAllBytes(Path.Combine(_dir, "programmes.csv"), programmes);
        return stock;
    }

    private (string Stock, string Programmes) Unpack(string file) => (file, Path.Combine(_dir, "programmes.csv"));
}

/// <summary>Random damage to a file, each step described so a failure can be read and reproduced.</summary>
internal static class Mutator
{
    private static readonly string[] Numbers = ["00", "+0", "-0", "+5", " 5 ", "1e3", "\u0663", "1 000", "12,50", "1.005", "99999999999999999999", "9223372036854775808", "-1", "0", "9999", ".5", "5.", "."];

    /// <summary>One to three mutations of a CSV file, or (now and then) an empty file or its header alone.</summary>
    public static (byte[], string) Csv(Random rng, byte[] valid)
    {
        switch (rng.Next(40))
        {
            case 0:
                return ([], "empty file");
            case 1:
                return (valid[..(Array.IndexOf(valid, (byte)'\n') + 1)], "header only");
            case 2:
                return (valid[..Array.IndexOf(valid, (byte)'\n')], "header only, no line break");
        }

        var bytes = new List<byte>(valid);
        var steps = new List<string>();
        for (var i = rng.Next(1, 4); i > 0; i--)
        {
            steps.Add(CsvStep(rng, bytes));
        }

        return ([.. bytes], string.Join("; ", steps));
    }

    /// <summary>One to three mutations of a YAML file: the byte-level ones, and YAML's own (indentation, unclosed collections, anchors and aliases).</summary>
    public static (byte[], string) Yaml(Random rng, byte[] valid)
    {
        var bytes = new List<byte>(valid);
        var steps = new List<string>();
        for (var i = rng.Next(1, 4); i > 0; i--)
        {
            steps.Add(rng.Next(2) == 0 ? ByteStep(rng, bytes) : YamlStep(rng, bytes));
        }

        return ([.. bytes], string.Join("; ", steps));
    }

    private static string CsvStep(Random rng, List<byte> b)
    {
        switch (rng.Next(13))
        {
            case 0:
            case 1:
            case 2:
                return ByteStep(rng, b);
            case 3:
            {
                var (start, length, n) = Line(rng, b);
                b.InsertRange(start, b.GetRange(start, length));
                return $"duplicate line {n}";
            }

            case 4:
            {
                var (start, length, n) = Line(rng, b);
                b.RemoveRange(start, length);
                return $"drop line {n}";
            }

            case 5:
            {
                var (s1, l1, n1) = Line(rng, b);
                var (s2, l2, n2) = Line(rng, b);
                if (n1 == n2)
                {
                    return "swap a line with itself";
                }

                var (first, second) = s1 < s2 ? ((s1, l1), (s2, l2)) : ((s2, l2), (s1, l1));
                var a = b.GetRange(first.Item1, first.Item2);
                var c = b.GetRange(second.Item1, second.Item2);
                b.RemoveRange(second.Item1, second.Item2);
                b.InsertRange(second.Item1, a);
                b.RemoveRange(first.Item1, first.Item2);
                b.InsertRange(first.Item1, c);
                return $"swap lines {n1} and {n2}";
            }

            case 6:
            {
                // A header column twice: append a copy of one header name (rows then have one field too few, or get one too).
                var end = b.IndexOf((byte)'\n');
                end = end < 0 ? b.Count : end;
                if (end > 0 && b[end - 1] == '\r')
                {
                    end--;
                }

                var header = Encoding.UTF8.GetString([.. b.GetRange(0, end)]);
                var sep = header.Contains(';', StringComparison.Ordinal) ? ';' : ',';
                var names = header.Split(sep);
                var name = names[rng.Next(names.Length)];
                b.InsertRange(end, Encoding.UTF8.GetBytes(sep + name));
                return $"duplicate header column '{name}'";
            }

            case 7:
            case 8:
            {
                // A number spelled another way.
                var digits = Enumerable.Range(0, b.Count).Where(i => b[i] is >= (byte)'0' and <= (byte)'9' && (i == 0 || b[i - 1] is < (byte)'0' or > (byte)'9')).ToList();
                if (digits.Count == 0)
                {
                    return ByteStep(rng, b);
                }

                var at = digits[rng.Next(digits.Count)];
                var len = 0;
                while (at + len < b.Count && (b[at + len] is >= (byte)'0' and <= (byte)'9' || b[at + len] == '.'))
                {
                    len++;
                }

                var spelling = Numbers[rng.Next(Numbers.Length)];
                b.RemoveRange(at, len);
                b.InsertRange(at, Encoding.UTF8.GetBytes(spelling));
                return $"number at byte {at} written '{spelling}'";
            }

            case 9:
            {
                // A 100 000-character field: longer than any record is allowed to be.
                var (start, _, n) = Line(rng, b);
                b.InsertRange(start, Enumerable.Repeat((byte)'x', 100_000));
                return $"100 000 x at the start of line {n}";
            }

            case 10:
            {
                // A field in quotes (balanced), with a doubled quote inside now and then.
                var (start, length, n) = Line(rng, b);
                var sep = Enumerable.Range(start, length).Where(i => b[i] is (byte)',' or (byte)';').ToList();
                var from = sep.Count == 0 ? start : sep[rng.Next(sep.Count)] + 1;
                var to = Enumerable.Range(from, start + length - from).FirstOrDefault(i => b[i] is (byte)',' or (byte)';' or (byte)'\r' or (byte)'\n', start + length);
                b.Insert(to, (byte)'"');
                if (rng.Next(3) == 0)
                {
                    b.InsertRange(to, "\"\""u8.ToArray());
                }

                b.Insert(from, (byte)'"');
                return $"field at byte {from} of line {n} quoted";
            }

            case 11:
            {
                var (start, _, n) = Line(rng, b);
                var blank = rng.Next(3) switch { 0 => "\n", 1 => "  \n", _ => "\r\n" };
                b.InsertRange(start, Encoding.ASCII.GetBytes(blank));
                return $"blank line before line {n}";
            }

            default:
            {
                var (start, _, n) = Line(rng, b);
                b.Insert(start, 0);
                return $"NUL at the start of line {n}";
            }
        }
    }

    private static string ByteStep(Random rng, List<byte> b)
    {
        var at = rng.Next(b.Count + 1);
        switch (rng.Next(11))
        {
            case 0 when b.Count > 0:
            {
                at = Math.Min(at, b.Count - 1);
                var bit = rng.Next(8);
                b[at] ^= (byte)(1 << bit);
                return $"flip bit {bit} of byte {at}";
            }

            case 1:
            {
                var v = (byte)rng.Next(256);
                b.Insert(at, v);
                return $"insert 0x{v:X2} at {at}";
            }

            case 2 when b.Count > 0:
            {
                at = Math.Min(at, b.Count - 1);
                var n = Math.Min(rng.Next(1, 20), b.Count - at);
                b.RemoveRange(at, n);
                return $"delete {n} bytes at {at}";
            }

            case 3:
            {
                byte[] bad = rng.Next(2) == 0 ? [0xC3, 0x28] : [0xFF];
                b.InsertRange(at, bad);
                return $"insert invalid UTF-8 {Convert.ToHexString(bad)} at {at}";
            }

            case 4:
                b.Insert(at, 0);
                return $"insert NUL at {at}";
            case 5:
                b.Insert(at, (byte)'"');
                return $"insert an unbalanced quote at {at}";
            case 6:
            {
                var sep = ";,\t"[rng.Next(3)];
                b.Insert(at, (byte)sep);
                return $"insert separator {(sep == '\t' ? "tab" : sep.ToString())} at {at}";
            }

            case 7:
            {
                var brk = rng.Next(3) switch { 0 => "\n", 1 => "\r", _ => "\r\n" };
                b.InsertRange(at, Encoding.ASCII.GetBytes(brk));
                return $"insert {(brk == "\n" ? "LF" : brk == "\r" ? "CR" : "CRLF")} at {at}";
            }

            case 8:
                b.RemoveRange(at, b.Count - at);
                return $"truncate at {at}";
            case 9:
            {
                var bom = "\uFEFF"u8.ToArray();
                b.InsertRange(at, bom);
                return $"insert a BOM at {at}";
            }

            default:
            {
                var v = (byte)rng.Next(0x80, 0x100);
                b.Insert(at, v);
                return $"insert high byte 0x{v:X2} at {at}";
            }
        }
    }

    private static string YamlStep(Random rng, List<byte> b)
    {
        var (start, length, n) = Line(rng, b);
        switch (rng.Next(9))
        {
            case 0:
            {
                var spaces = rng.Next(1, 4);
                b.InsertRange(start, Enumerable.Repeat((byte)' ', spaces));
                return $"indent line {n} by {spaces} more";
            }

            case 1:
            {
                var removed = 0;
                while (removed < 2 && start < b.Count && b[start] == ' ')
                {
                    b.RemoveAt(start);
                    removed++;
                }

                return $"indent line {n} by {removed} less";
            }

            case 2:
                b.Insert(start, (byte)'\t');
                return $"tab at the start of line {n}";
            case 3:
            {
                var open = rng.Next(2) == 0 ? "[" : "{";
                var at = ValueStart(b, start, length);
                b.InsertRange(at, Encoding.ASCII.GetBytes(open + (rng.Next(2) == 0 ? "1, 2" : "a: 1")));
                return $"unclosed {open} on line {n}";
            }

            case 4:
            {
                // An anchor on one value, an alias to it in place of another.
                var at = ValueStart(b, start, length);
                b.InsertRange(at, "&x "u8.ToArray());
                var (s2, l2, n2) = Line(rng, b);
                var v2 = ValueStart(b, s2, l2);
                var end = s2 + l2;
                while (end > v2 && b[end - 1] is (byte)'\n' or (byte)'\r')
                {
                    end--;
                }

                b.RemoveRange(v2, end - v2);
                b.InsertRange(v2, "*x"u8.ToArray());
                return $"anchor &x on line {n}, alias *x on line {n2}";
            }

            case 5:
            {
                var at = ValueStart(b, start, length);
                var alias = rng.Next(3) switch { 0 => "*undefined", 1 => "<<: *x", _ => "!!binary AAAA" };
                b.InsertRange(at, Encoding.ASCII.GetBytes(alias + " "));
                return $"'{alias}' on line {n}";
            }

            case 6:
                b.InsertRange(start, b.GetRange(start, length));
                return $"duplicate line {n}";
            case 7:
                b.RemoveRange(start, length);
                return $"drop line {n}";
            default:
            {
                var doc = rng.Next(2) == 0 ? "---\n" : "...\n";
                b.InsertRange(start, Encoding.ASCII.GetBytes(doc));
                return $"'{doc.TrimEnd()}' before line {n}";
            }
        }
    }

    // Where the value of a 'key: value' line starts (after ': ' or '- '), or the line's start.
    private static int ValueStart(List<byte> b, int start, int length)
    {
        for (var i = start; i + 1 < start + length; i++)
        {
            if (b[i] is (byte)':' or (byte)'-' && b[i + 1] == ' ')
            {
                return i + 2;
            }
        }

        return start;
    }

    /// <summary>A random line: where it starts, its length with its line break, and its 1-based number.</summary>
    private static (int Start, int Length, int Number) Line(Random rng, List<byte> b)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < b.Count; i++)
        {
            if (b[i] == '\n' && i + 1 < b.Count)
            {
                starts.Add(i + 1);
            }
        }

        var k = rng.Next(starts.Count);
        var end = k + 1 < starts.Count ? starts[k + 1] : b.Count;
        return (starts[k], end - starts[k], k + 1);
    }
}
