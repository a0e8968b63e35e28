namespace CIA.Cli;

/// <summary>
/// A folder given with <c>--out</c> that a command writes several files into (<c>generate</c>, <c>simulate</c>): what
/// may be there, creating it, and writing every file so that none takes its real name before all are complete.
/// </summary>
internal static class OutputFolder
{
    /// <summary>
    /// Checks that <paramref name="shown"/> can be a folder to write into, without creating anything: a folder, or
    /// nothing yet. Refuses a file or a device there. Returns the resolved path and whether a folder is there.
    /// </summary>
    /// <exception cref="OutputException">Not a folder, or the path cannot be resolved.</exception>
    public static (string Path, bool Exists) Check(string shown, IReadOnlyList<string> files)
    {
        var path = PathResolver.ResolveOutput(shown, "cannot write into");
        var facts = FileProbe.Of(path);
        if (facts.Kind is FileKind.Missing)
        {
            return (path, false);
        }

        if (facts.Kind != FileKind.Directory)
        {
            var what = facts.Kind == FileKind.BlockedPath ? "a part of the path is a file, not a folder" : $"it is {facts.Describe()}, not a folder";
            throw new OutputException($"cannot write into '{shown}': {what}. --output names the folder to write {string.Join(", ", files)} into.");
        }

        return (path, true);
    }

    /// <summary>
    /// Makes sure <paramref name="shown"/> is a folder to write into (<see cref="Check"/>) and creates it if missing.
    /// Returns the resolved path and whether it created the folder.
    /// </summary>
    public static (string Path, bool Created) Ensure(string shown, IReadOnlyList<string> files)
    {
        var (path, exists) = Check(shown, files);
        if (exists)
        {
            return (path, false);
        }

        try
        {
            Directory.CreateDirectory(path);
            return (path, true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A missing-file error from mkdir -p means the place takes no new folders (/proc), not that anything is missing.
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "this place does not take new folders" : Reasons.Of(e);
            throw new OutputException($"cannot create the folder '{shown}': {reason}; create it yourself or choose another --output.", e);
        }
    }

    /// <summary>
    /// Refuses, before anything is read or runs, an --output that is not a folder, a folder that is not empty without
    /// --force (naming what it holds), and any of <paramref name="files"/> that cannot be replaced there (all listed).
    /// </summary>
    /// <param name="shown">The folder as the user gave it.</param>
    /// <param name="files">The files the command writes.</param>
    /// <param name="force">Whether --force was given.</param>
    /// <param name="inputs">The command's input files, never to be replaced.</param>
    /// <param name="what">Whose files, for the message: "the report's", "the simulation's".</param>
    /// <returns>The folder's full path and whether it exists.</returns>
    public static (string Path, bool Exists) CheckTarget(string shown, IReadOnlyList<string> files, bool force, IReadOnlyList<string> inputs, string what)
    {
        var (path, exists) = Check(shown, files);
        if (!exists)
        {
            return (path, false);
        }

        if (!force)
        {
            var entries = Directory.EnumerateFileSystemEntries(path).Select(Path.GetFileName).Order(StringComparer.Ordinal).Take(4).ToList();
            if (entries.Count > 0)
            {
                var listed = string.Join(", ", entries.Take(3)) + (entries.Count > 3 ? ", …" : string.Empty);
                throw new OutputException($"'{shown}' is not empty (it holds {listed}); give --force to write {what} files into it anyway, replacing any of {string.Join(", ", files)}, or choose another folder. Nothing was written.");
            }
        }

        CheckFiles(shown, files, inputs);
        return (path, true);
    }

    /// <summary>
    /// <see cref="Check"/>, and when the folder exists, checks every one of <paramref name="files"/> there as
    /// <see cref="SafeFile"/> would (a folder, a device, a FIFO, a link or an input under an output's name), without creating
    /// anything, and lists every problem in one <see cref="OutputException"/>. For a command that runs long: it
    /// learns what is wrong with its --out before it reads or computes anything.
    /// </summary>
    public static (string Path, bool Exists) CheckFiles(string shown, IReadOnlyList<string> files, IReadOnlyList<string> inputs)
    {
        var (path, exists) = Check(shown, files);
        if (!exists)
        {
            return (path, false);
        }

        var problems = new List<string>();
        foreach (var name in files)
        {
            try
            {
                OutputTarget.Check(Path.Join(shown, name), inputs, inFolder: true);
            }
            catch (OutputException e)
            {
                problems.Add(e.Message);
            }
        }

        if (problems.Count > 0)
        {
            throw new OutputException($"{problems.Count} problem(s) with the --output folder '{shown}'; nothing was written.\n  " + string.Join("\n  ", problems));
        }

        return (path, true);
    }

    /// <summary>
    /// Makes <paramref name="shown"/> ready to be written into before a long computation: checks it
    /// (<see cref="CheckFiles"/>), creates it if missing, and creates and removes at once the temporary file of each
    /// of <paramref name="files"/>, so that a folder which takes no new files (read-only, /proc) is refused now rather
    /// than after hours of runs. Returns the resolved path and the outermost folder it created (null: none), for
    /// <see cref="RemoveCreated"/>. On failure, removes what it created.
    /// </summary>
    /// <exception cref="OutputException">The folder cannot be written into.</exception>
    public static (string Path, string? Created) Prepare(string shown, IReadOnlyList<string> files, IReadOnlyList<string> inputs)
    {
        var (path, exists) = CheckFiles(shown, files, inputs);
        string? created = null;
        if (!exists)
        {
            // The outermost missing folder: mkdir -p may create several, and all must go if nothing is written.
            created = path;
            for (var parent = Path.GetDirectoryName(path); parent is not null && FileProbe.Of(parent).Kind == FileKind.Missing; parent = Path.GetDirectoryName(parent))
            {
                created = parent;
            }

            try
            {
                Ensure(shown, files);
            }
            catch (OutputException)
            {
                RemoveCreated(path, created);
                throw;
            }
        }

        try
        {
            foreach (var name in files)
            {
                using var probe = SafeFile.Create(Path.Join(shown, name), inputs, inFolder: true);
            }
        }
        catch (OutputException)
        {
            RemoveCreated(path, created);
            throw;
        }

        return (path, created);
    }

    /// <summary>
    /// Removes the folders <see cref="Prepare"/> created, from <paramref name="path"/> up to <paramref name="created"/>,
    /// as long as they are empty: a command that failed, or wrote nothing, leaves no new folder behind.
    /// </summary>
    public static void RemoveCreated(string path, string? created)
    {
        if (created is null)
        {
            return;
        }

        for (var folder = path; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (!RemoveIfEmpty(folder) || string.Equals(folder, created, PathResolver.Comparison))
            {
                return;
            }
        }
    }

    /// <summary>Anything under the name counts, a dangling link included: --force is needed to replace it.</summary>
    public static bool Occupied(string path) => Path.Exists(path) || new FileInfo(path).LinkTarget is not null;

    /// <summary>
    /// Writes <paramref name="files"/> into the folder: each to a temporary file (<see cref="SafeFile"/>) filled by
    /// <paramref name="fill"/>; all completed and on disk before any takes its real name, so no real name ever holds
    /// half a file and a failure before the renames leaves every earlier file as it was. Removes the folder again when
    /// it was <paramref name="created"/> for this and nothing was published.
    /// </summary>
    public static void WriteAll(DirectoryInfo directory, IReadOnlyList<string> files, bool created, CliIo io, Action<IReadOnlyList<SafeFile>> fill)
    {
        var open = new List<SafeFile>();
        var published = 0;
        try
        {
            foreach (var name in files)
            {
                open.Add(SafeFile.Create(Path.Join(directory.ToString(), name), io.Inputs, io.WrapOutputFile, inFolder: true));
            }

            fill(open);
            foreach (var f in open)
            {
                f.Complete();
            }

            foreach (var f in open)
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
                : $" Already replaced: {string.Join(", ", files.Take(published))}; the others were left as they were."), e);
        }
        finally
        {
            // Removes the temporary files of whatever was not published, whatever the exception.
            foreach (var f in open)
            {
                f.Dispose();
            }

            if (created && published == 0)
            {
                RemoveIfEmpty(directory.FullName);
            }
        }
    }

    /// <summary>Removes <paramref name="folder"/> if it is empty; says whether it is gone.</summary>
    private static bool RemoveIfEmpty(string folder)
    {
        try
        {
            if (!Directory.Exists(folder))
            {
                return true; // removed already (WriteAll removes the folder it was given when nothing was published)
            }

            if (!Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
                return true;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: an empty folder left behind holds no half-written data.
        }

        return false;
    }
}
