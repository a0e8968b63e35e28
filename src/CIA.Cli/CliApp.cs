using System.CommandLine;
using System.Diagnostics;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;

namespace CIA.Cli;

/// <summary>The <c>cia</c> command line: builds the commands and turns library errors into messages and exit codes.</summary>
public static class CliApp
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code for invalid input, policy or parameters (usage errors also exit non-zero).</summary>
    public const int InvalidInput = 1;

    /// <summary>Runs the command line with the given writers (tests pass string writers).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("cia — explainable rules for social-housing allocation policies (CIA). Default policy: Nantes Métropole CIA 2016/17 + LEC targets.");
        var io = new CliIo(output, error);
        root.Subcommands.Add(ClassifyCommand.Create(io));
        root.Subcommands.Add(QuartileCommand.Create(io));
        root.Subcommands.Add(CapacityCommand.Create(io));
        root.Subcommands.Add(RulesCommand.Create(io));
        root.Subcommands.Add(PolicyCommand.Create(io));
        root.Subcommands.Add(GenerateCommand.Create(io));
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }
}

/// <summary>Where commands write, and the shared handling of library errors.</summary>
internal sealed class CliIo(TextWriter output, TextWriter error)
{
    public TextWriter Out { get; } = output;

    public TextWriter Err { get; } = error;

    /// <summary>Runs a command body; input, policy and parameter errors become a message and exit code 1.</summary>
    public int Guard(bool timings, Func<Timings, int> body)
    {
        var t = new Timings(timings, Err);
        try
        {
            var code = body(t);
            t.Report();
            return code;
        }
        catch (InputException e)
        {
            Err.WriteLine($"error: {e.Problems.Count} problem(s) in the input; nothing was written.");
            foreach (var p in e.Problems)
            {
                Err.WriteLine("  " + p);
            }

            return CliApp.InvalidInput;
        }
        catch (PolicyException e)
        {
            Err.WriteLine($"error: the policy has {e.Problems.Count} problem(s); nothing was written.");
            foreach (var p in e.Problems)
            {
                Err.WriteLine($"  {e.Source}: {p}");
            }

            return CliApp.InvalidInput;
        }
        catch (ParameterNotCoveredException e)
        {
            Err.WriteLine("error: " + e.Message);
            return CliApp.InvalidInput;
        }
        catch (FileNotFoundException e)
        {
            Err.WriteLine($"error: file not found: {e.FileName}");
            return CliApp.InvalidInput;
        }
        catch (DirectoryNotFoundException e)
        {
            Err.WriteLine("error: " + e.Message);
            return CliApp.InvalidInput;
        }
    }

    /// <summary>The policy given, or the built-in one.</summary>
    public static CiaPolicy Policy(FileInfo? file) => file is null ? PolicyLoader.LoadDefault() : PolicyLoader.LoadFile(file.FullName);

    /// <summary>Writes text to a file atomically (temporary file, then rename) or to standard output.</summary>
    public void WriteText(FileInfo? target, Action<TextWriter> write)
    {
        if (target is null)
        {
            write(Out);
            Out.Flush();
            return;
        }

        var temp = target.FullName + ".partial";
        using (var w = new StreamWriter(temp, false, new System.Text.UTF8Encoding(false)))
        {
            write(w);
        }

        File.Move(temp, target.FullName, overwrite: true);
    }
}

/// <summary>Optional phase timings on standard error (<c>--timings</c>); never on standard output, which stays deterministic.</summary>
internal sealed class Timings(bool enabled, TextWriter error)
{
    private readonly List<(string Phase, TimeSpan Elapsed)> _phases = [];
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private TimeSpan _last;

    public void Mark(string phase)
    {
        var now = _watch.Elapsed;
        _phases.Add((phase, now - _last));
        _last = now;
    }

    public void Report()
    {
        if (!enabled)
        {
            return;
        }

        foreach (var (phase, elapsed) in _phases)
        {
            error.WriteLine(System.FormattableString.Invariant($"timing: {phase,-12} {elapsed.TotalMilliseconds,10:0.0} ms"));
        }

        error.WriteLine(System.FormattableString.Invariant($"timing: {"total",-12} {_watch.Elapsed.TotalMilliseconds,10:0.0} ms; peak working set {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB"));
    }
}

/// <summary>Options several commands share.</summary>
internal static class Shared
{
    public static Option<FileInfo?> Policy() => new("--policy") { Description = "Policy file (YAML, docs/policy-file.md). Default: the built-in Nantes Métropole CIA." };

    public static Option<bool> Timings() => new("--timings") { Description = "Print phase timings and peak memory on standard error." };

    public static Option<string> Format(string fallback, params string[] allowed)
    {
        var o = new Option<string>("--format") { Description = $"Output format: {string.Join(", ", allowed)}.", DefaultValueFactory = _ => fallback };
        o.AcceptOnlyFromAmong(allowed);
        return o;
    }

    public static Option<FileInfo?> Demand() => new("--demand") { Description = "Demand file (CSV, docs/formats.md). Default: the built-in Nantes Métropole data set (28 441 synthetic applications, docs/default-data.md)." };

    /// <summary>The applications of a demand file, or of the built-in data set (said on standard error, so standard output stays the data).</summary>
    public static System.Collections.Immutable.ImmutableArray<CIA.Engine.Domain.Application> Applications(FileInfo? demand, CliIo io)
    {
        if (demand is not null)
        {
            return DemandCsv.ReadFile(demand.FullName);
        }

        io.Err.WriteLine($"note: no --demand given: using the {CIA.Engine.Data.DefaultData.Name}.");
        return CIA.Engine.Data.DefaultData.Applications;
    }

    public static Option<FileInfo?> Communes() => new("--communes") { Description = "Communes file (commune;name;epci;epci_name;apl_zone) giving the APL zone of communes outside the built-in table (Nantes Métropole's 24)." };

    public static ParameterSet WithCommunes(ParameterSet parameters, FileInfo? communes) =>
        communes is null ? parameters : parameters.WithAplZones(CommuneCsv.ReadFile(communes.FullName).Select(c => KeyValuePair.Create(c.Commune.Code, c.Commune.Zone)), "communes file " + communes.Name);

    public static Option<FileInfo?> Thresholds() => new("--thresholds") { Description = "Published quartile thresholds to add (CSV: epci;year;q1;q2;q3;source)." };

    public static ParameterSet Parameters(FileInfo? thresholds) =>
        thresholds is null ? BuiltInParameters.Create() : BuiltInParameters.Create().WithQuartileThresholds(ThresholdCsv.ReadFile(thresholds.FullName));
}
