using Spectre.Console;

namespace CIA.Cli.Tests;

/// <summary>The progress display of long commands: drawn on its console only when asked, never on standard output, notes held until it is gone.</summary>
public class ProgressTests
{
    /// <summary>A Spectre console drawing as on a terminal (cursor movements, no colour) into <paramref name="writer"/>.</summary>
    private static IAnsiConsole Console(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,

            // Not Spectre's CI detection (CI=true, TF_BUILD…), which would make this console draw differently on CI.
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
        });
        console.Profile.Width = 120;
        return console;
    }

    [Fact]
    public void Without_a_watcher_the_work_runs_and_nothing_is_drawn()
    {
        var (output, error, drawn) = (new StringWriter(), new StringWriter(), new StringWriter());
        var io = new CliIo(output, error) { ShowProgress = false, ProgressConsole = () => Console(drawn) };
        io.WithProgress("Simulating", p =>
        {
            p.Phase("reading the inputs");
            p.Step(2);
            io.Err.WriteLine("note: written at once");
            error.ToString().ShouldBe("note: written at once\n".Replace("\n", Environment.NewLine, StringComparison.Ordinal));
            return 1;
        }).ShouldBe(1);
        drawn.ToString().ShouldBeEmpty();
        output.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void With_a_watcher_the_phases_are_drawn_on_the_progress_console_and_notes_wait_until_it_is_gone()
    {
        var (output, error, drawn) = (new StringWriter(), new StringWriter(), new SnapshotWriter());
        var io = new CliIo(output, error) { ShowProgress = true, ProgressConsole = () => Console(drawn) };
        var result = io.WithProgress("Simulating", p =>
        {
            p.Phase("3 years, one per seed");
            p.Step(3);

            // The display redraws on its own thread every 100 ms or so: wait (up to 20 s on a loaded machine) until it has
            // drawn the phase with one run of three done.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!(drawn.Text.Contains("33%", StringComparison.Ordinal) && drawn.Text.Contains("Simulating: 3 years, one per seed", StringComparison.Ordinal)) && waited.Elapsed < TimeSpan.FromSeconds(20))
            {
                Thread.Sleep(20);
            }

            Parallel.For(0, 2, _ => p.Step(3));
            io.Err.WriteLine("note: held");
            error.ToString().ShouldBeEmpty(); // not under the live display
            return 42;
        });

        result.ShouldBe(42);
        drawn.Text.ShouldContain("Simulating: 3 years, one per seed");
        drawn.Text.ShouldContain("33%"); // one run of three
        error.ToString().ShouldBe("note: held\n");
        output.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void An_error_in_the_work_still_ends_the_display_and_lets_the_held_notes_out()
    {
        var (error, drawn) = (new StringWriter(), new StringWriter());
        var io = new CliIo(new StringWriter(), error) { ShowProgress = true, ProgressConsole = () => Console(drawn) };
        Should.Throw<InvalidOperationException>(() => io.WithProgress<int>("Reporting", _ =>
        {
            io.Err.WriteLine("note: before the failure");
            throw new InvalidOperationException("boom");
        }));
        error.ToString().ShouldBe("note: before the failure\n");
        io.Err.ShouldBeSameAs(error);
    }

    [Fact]
    public void A_command_run_by_the_tests_draws_no_progress()
    {
        // CliApp.Run with string writers: standard error is not the console's, so ShowProgress is false and the
        // output is what it always was (the other CLI tests compare it byte for byte).
        var (code, output, error) = Cli.Run("simulate", "--runs", "2");
        code.ShouldBe(0, error);
        error.ShouldNotContain("Simulating");
        output.ShouldNotContain("Simulating:");
    }

    /// <summary>A text writer the display's thread writes to while the test reads what it has drawn so far.</summary>
    private sealed class SnapshotWriter : TextWriter
    {
        private readonly System.Text.StringBuilder _text = new();
        private readonly Lock _gate = new();

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (_gate)
                {
                    return _text.ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (_gate)
            {
                _text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                _text.Append(value);
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (_gate)
            {
                _text.Append(buffer, index, count);
            }
        }
    }
}
