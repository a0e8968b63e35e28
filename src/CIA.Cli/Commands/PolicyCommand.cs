using System.CommandLine;
using CIA.Engine.Policy;

namespace CIA.Cli;

/// <summary><c>cia policy</c>: print the built-in policy (to start one's own from), or check a policy file.</summary>
internal static class PolicyCommand
{
    public static Command Create(CliIo io)
    {
        var check = new Option<FileInfo?>("--check") { Description = "Validate this policy file and list every problem." };
        var command = new Command("policy", "Print the built-in policy file, or check a policy file with --check.") { check };
        command.SetAction(r => io.Guard(false, _ =>
        {
            if (r.GetValue(check) is { } file)
            {
                var p = PolicyLoader.LoadFile(file.FullName);
                io.Out.WriteLine($"{file.Name}: valid policy '{p.Name}' ({p.Targets.Length} targets).");
            }
            else
            {
                io.Out.Write(PolicyLoader.DefaultYaml());
            }

            return CliApp.Ok;
        }));
        return command;
    }
}
