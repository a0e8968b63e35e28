using System.CommandLine;
using CIA.Engine.Policy;

namespace CIA.Cli;

/// <summary><c>cia policy</c>: print the built-in policy (to start one's own from), or check a policy file.</summary>
internal static class PolicyCommand
{
    public static Command Create(CliIo io)
    {
        var check = new Option<FileInfo?>("--check", "-c") { Description = "Validate this policy file and list every problem." };
        var output = Shared.OutputFile();
        var command = new Command("policy", "Print the built-in policy file (to start one's own from: cia policy -o my-policy.yaml), or check a policy file with --check.") { check, output };
        command.SetAction(r => io.Guard(false, _ =>
        {
            if (r.GetValue(check) is null && io.Sets.Count > 0)
            {
                return io.Usage("--set overrides a key of the policy checked: give it with --check FILE.");
            }

            if (r.GetValue(check) is { } file)
            {
                var p = PolicyLoader.LoadFile(io.Input(file).FullName, io.Sets);
                io.WriteText(r.GetValue(output), w => w.WriteLine($"{file.Name}: valid policy '{p.Name}' ({p.Targets.Length} targets)."));
            }
            else
            {
                io.WriteText(r.GetValue(output), w => w.Write(PolicyLoader.DefaultYaml()));
            }

            return CliApp.Ok;
        }));
        return command;
    }
}
