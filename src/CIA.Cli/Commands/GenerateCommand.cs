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
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory to write stock.csv, programmes.csv, demand.csv and communes.csv into (created if missing).", Required = true };
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
        var timings = Shared.Timings();
        var command = new Command("generate", "Generate a synthetic territory calibrated to the CIA's figures (docs/default-data.md), in the documented file formats.")
        {
            output, seed, scale, policy, timings,
        };
        command.SetAction(r => io.Guard(r.GetValue(timings), t =>
        {
            if (!DataScale.TryParse(r.GetValue(scale), out var s))
            {
                io.Err.WriteLine("error: --scale must be nantes, national or a positive number of dwellings.");
                return CliApp.InvalidInput;
            }

            var directory = r.GetValue(output)!;
            directory.Create();
            var generator = new DataGenerator(Shared.LoadPolicy(r.GetValue(policy), io), BuiltInParameters.Create());
            var paths = Files.Select(f => Path.Combine(directory.FullName, f)).ToArray();
            var writers = paths.Select(p => new StreamWriter(p + ".partial", false, new UTF8Encoding(false), 1 << 20)).ToArray();
            GenerationSummary summary;
            try
            {
                try
                {
                    summary = generator.Generate(r.GetValue(seed), s, new DataWriters(writers[0], writers[1], writers[2], writers[3]));
                }
                finally
                {
                    foreach (var w in writers)
                    {
                        w.Dispose();
                    }
                }
            }
            catch
            {
                foreach (var p in paths)
                {
                    File.Delete(p + ".partial");
                }

                throw;
            }

            // Every file is complete before any takes its final name: nothing half-written is left under a real name.
            foreach (var p in paths)
            {
                File.Move(p + ".partial", p, overwrite: true);
            }

            t.Mark("generate");
            var n = new NumberFormatInfo { NumberGroupSeparator = " ", NumberDecimalDigits = 0 };
            io.Out.WriteLine(string.Create(n, $"Generated scale {s.Name}, seed {r.GetValue(seed)} into {directory.FullName}:"));
            io.Out.WriteLine(string.Create(n, $"  {summary.Territories:N} EPCI, {summary.Communes:N} communes, {summary.Programmes:N} programmes, {summary.Dwellings:N} dwellings, {summary.Applications:N} applications"));
            io.Out.WriteLine("  files: " + string.Join(", ", Files));
            return CliApp.Ok;
        }));
        return command;
    }
}
