using Spectre.Console;

namespace CIA.Cli;

/// <summary>What a long command tells a person watching: the phase it is in, and how far through counted work (runs).</summary>
internal interface IProgressReport
{
    /// <summary>Names the phase now running ("reading the inputs", "runs").</summary>
    void Phase(string text);

    /// <summary>One more of <paramref name="total"/> steps done (thread-safe: parallel runs call it).</summary>
    void Step(int total);
}

/// <summary>
/// The progress display of long commands (<c>generate</c>, <c>simulate</c>, <c>compare</c>, <c>report</c>): a
/// Spectre.Console progress line on standard error — the phase, a bar for counted work, the elapsed time — cleared
/// when the work ends. Only for a person at a terminal (<see cref="CliIo.ShowProgress"/>): otherwise nothing is drawn and
/// standard error gets exactly what it would without it. Never on standard output, which stays the command's result.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Reports nothing: for redirected standard error, CI, tests.</summary>
    public static IProgressReport None { get; } = new Silent();

    /// <summary>
    /// Runs <paramref name="work"/> under a progress line drawn on <paramref name="console"/>, titled
    /// <paramref name="title"/>, and returns its result; the line is removed at the end, whatever happens.
    /// </summary>
    public static T Run<T>(IAnsiConsole console, string title, Func<IProgressReport, T> work)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(work);
        T result = default!;
        console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), autoStart: true, maxValue: 1);
                task.IsIndeterminate = true;
                result = work(new Live(task, title));
                task.StopTask();
            });
        return result;
    }

    /// <summary>A console for standard error: colours and redrawing as the terminal supports them.</summary>
    public static IAnsiConsole StandardError() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Error),
        Ansi = AnsiSupport.Detect,
        ColorSystem = ColorSystemSupport.Detect,
        Interactive = InteractionSupport.Detect,
    });

    private sealed class Silent : IProgressReport
    {
        public void Phase(string text)
        {
        }

        public void Step(int total)
        {
        }
    }

    /// <summary>Updates the Spectre task: its description with the phase; its value and bound with the steps.</summary>
    private sealed class Live(ProgressTask task, string title) : IProgressReport
    {
        private readonly Lock _gate = new();
        private int _done;

        public void Phase(string text)
        {
            lock (_gate)
            {
                _done = 0;
                task.Description = Markup.Escape($"{title}: {text}");
                task.IsIndeterminate = true;
                task.Value = 0;
            }
        }

        public void Step(int total)
        {
            lock (_gate)
            {
                _done++;
                task.IsIndeterminate = false;
                task.MaxValue = Math.Max(1, total);
                task.Value = Math.Min(_done, total);
            }
        }
    }
}
