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
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory to write stock.csv, programmes.csv, demand.csv and communes.csv into (created if missing; if it already holds any of them, give --force to replace them).", Required = true };
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
                io.Err.WriteLine("error: --scale must be nantes, national or a positive number of dwellings.");
                return CliApp.InvalidInput;
            }

            var directory = r.GetValue(output)!;
            var generator = new DataGenerator(Shared.LoadPolicy(r.GetValue(policy), io), BuiltInParameters.Create()); // a bad policy: no folder made
            var created = PrepareFolder(directory.ToString(), r.GetValue(force));
            var files = new List<SafeFile>();
            var published = 0;
            GenerationSummary summary;
            try
            {
                foreach (var name in Files)
                {
                    files.Add(SafeFile.Create(Path.Join(directory.ToString(), name), io.Inputs, io.WrapOutputFile));
                }

                summary = generator.Generate(r.GetValue(seed), s, new DataWriters(files[0].Writer, files[1].Writer, files[2].Writer, files[3].Writer));

                // Every file is complete and on disk before any takes its final name: no real name ever holds half a file,
                // and a failure up to here leaves every earlier file as it was.
                foreach (var f in files)
                {
                    f.Complete();
                }

                foreach (var f in files)
                {
                    f.Publish();
                    published++;
                }
            }
            catch (OutputException e)
            {
                // Only a rename can fail once some files are published (the folder removed, say): say which were.
                throw new OutputException(e.Message + (published == 0
                    ? $" No file in '{directory}' was changed."
                    : $" Already replaced: {string.Join(", ", Files.Take(published))}; the others were left as they were."), e);
            }
            finally
            {
                // Removes the temporary files of whatever was not published, whatever the exception.
                foreach (var f in files)
                {
                    f.Dispose();
                }

                if (created && published == 0)
                {
                    RemoveIfEmpty(directory.FullName);
                }
            }

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
        var path = PathResolver.ResolveOutput(shown, "cannot write into");

        var facts = FileProbe.Of(path);
        if (facts.Kind is FileKind.Missing)
        {
            try
            {
                Directory.CreateDirectory(path);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A missing-file error from mkdir -p means the place takes no new folders (/proc), not that anything is missing.
                var reason = e is FileNotFoundException or DirectoryNotFoundException ? "this place does not take new folders" : Reasons.Of(e);
                throw new OutputException($"cannot create the folder '{shown}': {reason}; create it yourself or choose another --out.", e);
            }
        }

        if (facts.Kind != FileKind.Directory)
        {
            var what = facts.Kind == FileKind.BlockedPath ? "a part of the path is a file, not a folder" : $"it is {facts.Describe()}, not a folder";
            throw new OutputException($"cannot write into '{shown}': {what}. --out names the folder to write {string.Join(", ", Files)} into.");
        }

        var found = Files.Where(f => Occupied(Path.Join(path, f))).ToList();
        if (found.Count > 0 && !force)
        {
            throw new OutputException($"'{shown}' already holds {string.Join(", ", found)} (from an earlier run?); give --force to replace them, or choose another folder. Nothing was written.");
        }

        return false;
    }

    /// <summary>Anything under the name counts, a dangling link included: --force is needed to replace it.</summary>
    private static bool Occupied(string path) => Path.Exists(path) || new FileInfo(path).LinkTarget is not null;

    private static void RemoveIfEmpty(string folder)
    {
        try
        {
            if (!Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: an empty folder left behind holds no half-written data.
        }
    }
}
