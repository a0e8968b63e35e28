using System.CommandLine;
using System.CommandLine.Parsing;
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

    /// <summary>Exit code for invalid input: a file, the policy or parameters that cannot be used, or an output that cannot be written.</summary>
    public const int InvalidInput = 1;

    /// <summary>Exit code for a usage error: an unknown option, a value an option does not take, options that do not go together.</summary>
    public const int UsageError = 2;

    /// <summary>The name of every command's output option (<c>-o</c>, formerly <c>--out</c>, still accepted).</summary>
    public const string OutputOption = "--output";

    /// <summary>Exit code for a bug: an exception no command expected (EX_SOFTWARE in sysexits.h).</summary>
    public const int InternalError = 70;

    /// <summary>
    /// Runs the command line with the given writers (tests pass string writers). Never throws: an unexpected
    /// exception becomes a one-line message and <see cref="InternalError"/>, with the stack trace only when the
    /// environment variable <c>CIA_DEBUG</c> is <c>1</c>.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, null);

    /// <summary>
    /// <see cref="Run(string[], TextWriter, TextWriter)"/>, with <paramref name="wrapOutputFile"/> placed between every
    /// output file's writer and the file (given the target path and the file's stream), so tests can make writes fail.
    /// </summary>
    internal static int Run(string[] args, TextWriter output, TextWriter error, Func<string, Stream, Stream>? wrapOutputFile) =>
        Run(args, Console.In, output, error, wrapOutputFile);

    /// <summary><see cref="Run(string[], TextWriter, TextWriter)"/> with <paramref name="input"/> as standard input (tests).</summary>
    internal static int Run(string[] args, TextReader input, TextWriter output, TextWriter error, Func<string, Stream, Stream>? wrapOutputFile = null)
    {
        var stdout = new StandardOutput(output);
        var stderr = new StandardError(error);
        try
        {
            var root = new RootCommand("cia — explainable rules for social-housing allocation policies (CIA). Default policy: Nantes Métropole CIA 2016/17 + LEC targets.");
            var io = new CliIo(stdout, stderr)
            {
                WrapOutputFile = wrapOutputFile,
                In = input,

                // Progress only for a person watching: standard error is the console's, a terminal, and not a CI job.
                ShowProgress = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")),
            };
            root.Subcommands.Add(ClassifyCommand.Create(io));
            root.Subcommands.Add(HouseholdCommand.Create(io));
            root.Subcommands.Add(QuartileCommand.Create(io));
            root.Subcommands.Add(CapacityCommand.Create(io));
            root.Subcommands.Add(RulesCommand.Create(io));
            root.Subcommands.Add(ParametersCommand.Create(io));
            root.Subcommands.Add(PolicyCommand.Create(io));
            root.Subcommands.Add(GenerateCommand.Create(io));
            root.Subcommands.Add(SimulateCommand.Create(io));
            root.Subcommands.Add(CompareCommand.Create(io));
            root.Subcommands.Add(SweepCommand.Create(io));
            root.Subcommands.Add(ReportCommand.Create(io));
            root.Subcommands.Add(ServeCommand.Create(io));
            Placeholders(root);
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0 && !HelpAsked(parsed))
            {
                // A usage error is reported like any other error, 'error:' lines on standard error, with exit code 2.
                // The help text is not printed with it: it would bury the error, and standard output is for results.
                foreach (var e in parsed.Errors)
                {
                    stderr.WriteLine("error: " + e.Message);
                }

                stderr.WriteLine($"  Run '{CommandLine(parsed.CommandResult)} --help' to see the {(parsed.CommandResult.Parent is null ? "commands" : "options")}.");
                return UsageError;
            }

            RecordInputs(parsed, io);
            var code = parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });

            // A buffered writer may still hold the end of the output: a failure to write it is reported here, not lost.
            // (After a failure the command has said what went wrong; a second message about the same output would not help.)
            if (code == Ok)
            {
                stdout.Flush();
            }

            return code;
        }
        catch (OutputException e)
        {
            // Help and usage text that could not be written to standard output (commands report their own).
            stderr.WriteLine("error: " + e.Message);
            return InvalidInput;
        }
#pragma warning disable CA1031 // The last resort: whatever it is, the user gets a message and an exit code, not a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            ReportInternalError(stderr, e);
            return InternalError;
        }
    }

    /// <summary>
    /// Shows <c>&lt;FILE&gt;</c> and <c>&lt;DIR&gt;</c> in the help of every option that takes a file or a folder
    /// (System.CommandLine would show the option's name), unless the option names its value itself.
    /// </summary>
    private static void Placeholders(Command command)
    {
        if (command.Options.Any(o => o.Name is "--policy" or "--check"))
        {
            command.Options.Add(Shared.Set()); // every command that takes a policy takes its overrides
        }

        foreach (var option in command.Options)
        {
            option.HelpName ??= option.ValueType == typeof(FileInfo) ? "FILE" : option.ValueType == typeof(DirectoryInfo) ? "DIR" : null;
        }

        foreach (var sub in command.Subcommands)
        {
            Placeholders(sub);
        }
    }

    /// <summary>Whether <c>--help</c> (or <c>-h</c>, <c>-?</c>) was given: then the help is printed whatever else is wrong.</summary>
    private static bool HelpAsked(ParseResult parsed) => parsed.Action is System.CommandLine.Help.HelpAction;

    /// <summary>The command as typed: <c>cia classify</c> (the root's own name would be the test host's in tests).</summary>
    private static string CommandLine(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? r = command; r is CommandResult c && c.Parent is not null; r = c.Parent)
        {
            names.Insert(0, c.Command.Name);
        }

        return string.Join(' ', ["cia", .. names]);
    }

    /// <summary>
    /// Records every file option but <c>--output</c> as an input (<see cref="CliIo.Input"/>), so that no output replaces
    /// one even where a command forgets to record it: all of cia's file options other than <c>--output</c> are read.
    /// </summary>
    private static void RecordInputs(ParseResult parsed, CliIo io)
    {
        if (parsed.Errors.Count > 0 || HelpAsked(parsed))
        {
            return; // nothing runs (with --help, values that do not parse are not errors, and reading them would throw)
        }

        if (parsed.CommandResult.Command.Options.FirstOrDefault(o => o.Name == "--set") is Option<string[]> set && parsed.GetValue(set) is { } sets)
        {
            io.Sets = sets;
        }

        foreach (var option in parsed.CommandResult.Command.Options)
        {
            if (option.ValueType == typeof(FileInfo) && option.Name != OutputOption && parsed.GetResult(option) is { } result)
            {
                io.Input(result.GetValueOrDefault<FileInfo?>());
            }
        }
    }

    /// <summary>Prints an unexpected exception as one line (and its stack trace when <c>CIA_DEBUG=1</c>).</summary>
    internal static void ReportInternalError(TextWriter error, Exception e)
    {
        error.WriteLine($"error: internal error ({e.GetType().Name}): {e.Message}");
        if (Environment.GetEnvironmentVariable("CIA_DEBUG") == "1")
        {
            error.WriteLine(e.ToString());
        }
        else
        {
            error.WriteLine("  This is a bug in cia; please report it with the command line. Set CIA_DEBUG=1 to see where it happened.");
        }
    }
}

/// <summary>Where commands write, the input files they read, and the shared handling of library errors.</summary>
internal sealed class CliIo(TextWriter output, TextWriter error)
{
    private readonly List<string> _inputs = [];

    public TextWriter Out { get; } = output;

    public TextWriter Err { get; private set; } = error;

    /// <summary>The input files recorded with <see cref="Input"/>: no output may replace them.</summary>
    public IReadOnlyList<string> Inputs => _inputs;

    /// <summary>Test hook: see <see cref="CliApp.Run(string[], TextWriter, TextWriter, Func{string, Stream, Stream})"/>.</summary>
    public Func<string, Stream, Stream>? WrapOutputFile { get; init; }

    /// <summary>Standard input (<c>cia household --json -</c>).</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>Test hook: the console the progress display draws on, instead of standard error's.</summary>
    public Func<Spectre.Console.IAnsiConsole>? ProgressConsole { get; init; }

    /// <summary>The running command's <c>--set</c> overrides of the policy (<see cref="Shared.LoadPolicy"/> applies them).</summary>
    public IReadOnlyList<string> Sets { get; set; } = [];

    /// <summary>Whether long commands may report progress on standard error (a terminal, outside CI); never on standard output.</summary>
    public bool ShowProgress { get; init; }

    /// <summary>
    /// Records <paramref name="file"/> as an input of the running command, so that <see cref="WriteText"/> refuses to
    /// write over it (<c>--out</c> naming the input, or a link to it), and returns it unchanged. Call it on every input
    /// option before reading: <c>ReadFile(io.Input(r.GetValue(stock)).FullName)</c>.
    /// </summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(file))]
    public FileInfo? Input(FileInfo? file)
    {
        if (file is not null)
        {
            _inputs.Add(file.FullName);
        }

        return file;
    }

    /// <summary>
    /// Says that the command line is wrong (options that do not go together, a value an option does not take) and
    /// returns <see cref="CliApp.UsageError"/>: <c>return io.Usage("--excel is …");</c>.
    /// </summary>
    public int Usage(string message)
    {
        Err.WriteLine("error: " + message);
        return CliApp.UsageError;
    }

    /// <summary>
    /// Runs <paramref name="work"/> under a progress display on standard error when a person watches
    /// (<see cref="ShowProgress"/>; <see cref="ProgressDisplay"/>), holding what commands write on standard error meanwhile
    /// (notes) until the display is gone; otherwise just runs it. Write standard output after it returns.
    /// </summary>
    public T WithProgress<T>(string title, Func<IProgressReport, T> work)
    {
        if (!ShowProgress)
        {
            return work(ProgressDisplay.None);
        }

        var real = Err;
        var held = new StringWriter { NewLine = "\n" };
        Err = held;
        try
        {
            return ProgressDisplay.Run(ProgressConsole?.Invoke() ?? ProgressDisplay.StandardError(), title, work);
        }
        finally
        {
            Err = real;
            real.Write(held.ToString());
        }
    }

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
                Err.WriteLine($"  {p.Source ?? e.Source}: {p}");
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
        catch (OutputException e)
        {
            Err.WriteLine("error: " + e.Message);
            return CliApp.InvalidInput;
        }
        catch (UnauthorizedAccessException e)
        {
            // Reading an input (or writing somewhere the safe writer does not cover): say which path and why.
            Err.WriteLine($"error: {e.Message.TrimEnd('.')}{Because(e)}; check the path and its permissions.");
            return CliApp.InvalidInput;
        }
        catch (IOException e)
        {
            Err.WriteLine($"error: {e.Message.TrimEnd('.')}{Because(e)}.");
            return CliApp.InvalidInput;
        }
    }

    /// <summary>The system's reason, when .NET's message hides it in an inner exception.</summary>
    private static string Because(Exception e) =>
        e.InnerException is IOException inner && Reasons.Of(inner) is var reason && !e.Message.Contains(reason, StringComparison.OrdinalIgnoreCase) ? $" ({reason})" : "";


    /// <summary>
    /// Writes text to standard output, or to <paramref name="target"/> as a whole or not at all (<see cref="SafeFile"/>:
    /// temporary file in the same folder, flushed to disk, renamed over the target). Refuses a folder, a device, a FIFO,
    /// a socket, a missing folder and any recorded <see cref="Input"/>, with an <see cref="OutputException"/>.
    /// </summary>
    public void WriteText(FileInfo? target, Action<TextWriter> write)
    {
        if (target is null)
        {
            write(Out);
            Out.Flush();
            return;
        }

        SafeFile.WriteText(target.ToString(), _inputs, WrapOutputFile, write);
    }
}

/// <summary>Optional phase timings on standard error (<c>--timings</c>); never on standard output, which stays deterministic.</summary>
internal sealed class Timings(bool enabled, TextWriter error)
{
    private readonly List<(string Phase, TimeSpan Elapsed)> _phases = [];
    private readonly List<string> _details = [];
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private TimeSpan _last;

    public void Mark(string phase)
    {
        var now = _watch.Elapsed;
        _phases.Add((phase, now - _last));
        _last = now;
    }

    /// <summary>Whether timings are reported: a command can skip measuring what it would not show.</summary>
    public bool Enabled => enabled;

    /// <summary>Adds a line reported after the phases, e.g. the spread of per-run times.</summary>
    public void Detail(string line) => _details.Add(line);

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

        foreach (var line in _details)
        {
            error.WriteLine("timing: " + line);
        }

        error.WriteLine(System.FormattableString.Invariant($"timing: {"total",-12} {_watch.Elapsed.TotalMilliseconds,10:0.0} ms; peak working set {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB"));
    }
}
