using CIA.Cli;

// Ctrl-C, SIGTERM, SIGHUP: remove the temporary files of outputs not yet complete before the process stops.
using var cleanUp = SafeFile.CleanUpOnSignals();
try
{
    return CliApp.Run(args, Console.Out, Console.Error);
}
#pragma warning disable CA1031 // The last resort, should CliApp.Run itself fail: a message and exit code 70, never a stack trace.
catch (Exception e)
#pragma warning restore CA1031
{
    CliApp.ReportInternalError(new StandardError(Console.Error), e);
    return CliApp.InternalError;
}
