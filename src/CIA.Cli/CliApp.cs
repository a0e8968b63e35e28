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

    private readonly List<FileInfo> _inputs = [];

    /// <summary>Records an input file of the command (outputs must never overwrite one) and returns it.</summary>
    public FileInfo Input(FileInfo file)
    {
        _inputs.Add(file);
        return file;
    }

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
