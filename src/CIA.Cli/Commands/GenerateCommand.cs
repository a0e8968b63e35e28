using System.CommandLine;
using System.Globalization;
using System.Text;
using CIA.Engine.Data;
using CIA.Engine.Parameters;

namespace CIA.Cli;

/// <summary><c>cia generate</c>: writes a synthetic, calibrated data set (stock, programmes, demand, communes).</summary>
internal static class GenerateCommand
{
    private static readonly string[] Files = ["stock.csv", "programmes.csv", "demand.csv", "communes.csv"];

    public static Command Create(CliIo io)
    {
        var output = Shared.OutputFolder("Directory to write stock.csv, programmes.csv, demand.csv and communes.csv into (created if missing; if it already holds any of them, give --force to replace them).", required: true);
        var seed = new Option<ulong>("--seed") { Description = "Seed: the same seed and scale give byte-identical files.", DefaultValueFactory = _ => DataGenerator.DefaultSeed };
        var scale = new Option<string>("--scale") { Description = "nantes (the calibrated default territory), national (~5.4 M dwellings, ~2.6 M applications, 1 250 EPCIs) or a number of dwellings.", DefaultValueFactory = _ => "nantes" };
        scale.Validators.Add(r =>
        {
            if (!DataScale.TryParse(r.GetValueOrDefault<string>(), out _))
            {
                r.AddError($"--scale must be nantes, national or a positive number of dwellings, not '{r.GetValueOrDefault<string>()}'.");
            }
        });
        var policy = Shared.Policy();
        var force = new Option<bool>("--force") { Description = "Replace stock.csv, programmes.csv, demand.csv and communes.csv if the directory already holds any of them." };
        var timings = Shared.Timings();
        var command = new Command("generate", "Generate a synthetic territory calibrated to the CIA's figures (docs/default-data.md), in the documented file formats.")
        {
            output, seed, scale, policy, force, timings,
        };
        command.SetAction(r => io.Guard(r.GetValue(timings), t =>
        {
            if (!DataScale.TryParse(r.GetValue(scale), out var s))
            {
                return io.Usage("--scale must be nantes, national or a positive number of dwellings.");
            }

            var directory = r.GetValue(output)!;
            var generator = new DataGenerator(Shared.LoadPolicy(r.GetValue(policy), io), BuiltInParameters.Create()); // a bad policy: no folder made
            var created = PrepareFolder(directory.ToString(), r.GetValue(force));
            GenerationSummary summary = null!;
            io.WithProgress("Generating", p =>
            {
                p.Phase($"scale {s.Name}: {string.Join(", ", Files)}");
                OutputFolder.WriteAll(directory, Files, created, io, files =>
                    summary = generator.Generate(r.GetValue(seed), s, new DataWriters(files[0].Writer, files[1].Writer, files[2].Writer, files[3].Writer)));
                return summary;
            });

            t.Mark("generate");
            var n = new NumberFormatInfo { NumberGroupSeparator = " ", NumberDecimalDigits = 0 };
            try
            {
                io.Out.WriteLine(string.Create(n, $"Generated scale {s.Name}, seed {r.GetValue(seed)} into {directory.FullName}:"));
                io.Out.WriteLine(string.Create(n, $"  {summary.Territories:N} EPCI, {summary.Communes:N} communes, {summary.Programmes:N} programmes, {summary.Dwellings:N} dwellings, {summary.Applications:N} applications"));
                io.Out.WriteLine("  files: " + string.Join(", ", Files));
            }
            catch (OutputException e)
            {
                // The files are complete: say so, so that nobody throws good data away over a lost summary.
                throw new OutputException($"the files were written into '{directory}', but the summary was not: {e.Message}", e);
            }

            return CliApp.Ok;
        }));
        return command;
    }

    /// <summary>
    /// Makes sure <paramref name="shown"/> is a folder to write into: creates it if missing; refuses a file there, and
    /// files from an earlier run unless <paramref name="force"/>. Returns whether it created the folder.
    /// </summary>
    private static bool PrepareFolder(string shown, bool force)
    {
        var (path, exists) = OutputFolder.Check(shown, Files);
        if (exists)
        {
            var found = Files.Where(f => OutputFolder.Occupied(Path.Join(path, f))).ToList();
            if (found.Count > 0 && !force)
            {
                throw new OutputException($"'{shown}' already holds {string.Join(", ", found)} (from an earlier run?); give --force to replace them, or choose another folder. Nothing was written.");
            }

            return false;
        }

        return OutputFolder.Ensure(shown, Files).Created;
    }
}
