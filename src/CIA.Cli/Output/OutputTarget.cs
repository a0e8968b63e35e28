namespace CIA.Cli;

/// <summary>An output path as the user gave it, the file it really names (links followed) and what is there now.</summary>
internal sealed record OutputTarget(string Shown, string Path, FileFacts Facts)
{
    /// <summary>The folder the file goes into (and its temporary file with it, so the final rename stays atomic).</summary>
    public string Folder => System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>
    /// Checks that <paramref name="shown"/> may be replaced: it is a regular file or nothing yet, its folder exists,
    /// and it is not one of <paramref name="inputs"/> (compared after following every symbolic link, and by device
    /// and inode where the system tells them). Throws <see cref="OutputException"/> saying why not. <paramref name="inFolder"/>:
    /// the file is one of those a command writes into an <c>--out</c> folder, so the advice is about the folder, not the name.
    /// </summary>
    public static OutputTarget Check(string shown, IEnumerable<string> inputs, bool inFolder = false)
    {
        if (string.IsNullOrWhiteSpace(shown))
        {
            throw new OutputException("the output file name is empty; give a file name.");
        }

        var path = PathResolver.ResolveOutput(shown, "cannot write the output to");

        var facts = FileProbe.Of(path);
        var leadsTo = string.Equals(path, System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(shown)), PathResolver.Comparison) ? "" : $" (which leads to '{path}')";
        if (facts.Kind != FileKind.Directory && System.IO.Path.EndsInDirectorySeparator(shown))
        {
            throw new OutputException($"cannot write the output to '{shown}': a name ending with '{System.IO.Path.DirectorySeparatorChar}' is a folder; give a file name.");
        }

        switch (facts.Kind)
        {
            case FileKind.Directory:
                throw new OutputException(inFolder
                    ? $"cannot write the output to '{shown}'{leadsTo}: it is a folder, and cia only replaces files; remove it or choose another --output folder."
                    : $"cannot write the output to '{shown}'{leadsTo}: it is a folder; give a file name, such as '{System.IO.Path.Join(shown, "result.csv")}'.");
            case FileKind.Regular:
                break;
            case FileKind.Missing:
                CheckFolder(shown, path);
                break;
            case FileKind.BlockedPath:
                CheckFolder(shown, path);
                throw new OutputException($"cannot write the output to '{shown}': a part of the path is not a folder.");
            default:
                throw new OutputException(inFolder
                    ? $"cannot write the output to '{shown}'{leadsTo}: it is {facts.Describe()}, not a regular file, and cia only replaces regular files; remove it or choose another --output folder."
                    : $"cannot write the output to '{shown}'{leadsTo}: it is {facts.Describe()}, not a regular file, and cia only replaces regular files; to send the output there, write to standard output and redirect it (> '{shown}').");
        }

        foreach (var input in inputs)
        {
            string inputPath;
            try
            {
                inputPath = PathResolver.Resolve(input);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                // The input was read, so its path resolves; if it no longer does, compare what can be compared.
                inputPath = System.IO.Path.GetFullPath(input);
            }

            if (string.Equals(path, inputPath, PathResolver.Comparison) || (facts.Kind == FileKind.Regular && facts.IsSameFileAs(FileProbe.Of(inputPath))))
            {
                throw new OutputException($"cannot write the output to '{shown}'{leadsTo}: it is an input file of this command ('{input}') and would be destroyed; choose another {(inFolder ? "--output folder" : "output name")}.");
            }
        }

        // A link under an output's name in an --output folder leads wherever someone pointed it, outside the folder too:
        // --force replaces the command's files in the folder, not a file elsewhere.
        if (inFolder && new FileInfo(shown).LinkTarget is { } link)
        {
            throw new OutputException($"cannot write the output to '{shown}': it is a symbolic link (to '{link}'), and cia does not write through links in an --output folder, which could lead out of it; remove the link or choose another --output folder.");
        }

        return new OutputTarget(shown, path, facts);
    }

    /// <summary>The folder must exist: creating folders is left to the user, so a typo does not scatter new folders about.</summary>
    private static void CheckFolder(string shown, string path)
    {
        var folder = System.IO.Path.GetDirectoryName(path);
        if (folder is null)
        {
            throw new OutputException($"cannot write the output to '{shown}': give a file name, not a root folder.");
        }

        // The first ancestor that exists says what is wrong: a missing folder, or a file where a folder should be.
        var ancestor = folder;
        while (ancestor is not null)
        {
            var kind = FileProbe.Of(ancestor).Kind;
            if (kind == FileKind.Directory)
            {
                if (ancestor != folder)
                {
                    throw new OutputException($"cannot write the output to '{shown}': the folder '{folder}' does not exist; create it first (mkdir -p '{folder}') or choose another folder.");
                }

                return;
            }

            if (kind is not (FileKind.Missing or FileKind.BlockedPath))
            {
                throw new OutputException($"cannot write the output to '{shown}': '{ancestor}' is {FileProbe.Of(ancestor).Describe()}, not a folder.");
            }

            ancestor = System.IO.Path.GetDirectoryName(ancestor);
        }

        throw new OutputException($"cannot write the output to '{shown}': the folder '{folder}' does not exist.");
    }
}

/// <summary>Like POSIX <c>realpath</c>, except that the last part need not exist: every symbolic link on the way is followed.</summary>
internal static class PathResolver
{
    /// <summary>Resolves an output path, or says why it cannot be: "<paramref name="failure"/> '<paramref name="shown"/>': why; check the path."</summary>
    /// <exception cref="OutputException">The path cannot be resolved.</exception>
    public static string ResolveOutput(string shown, string failure)
    {
        try
        {
            return Resolve(shown);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new OutputException($"{failure} '{shown}': {Reasons.Of(e)}; check the path.", e);
        }
    }

    /// <summary>Linux file systems are case-sensitive; elsewhere the usual ones are not.</summary>
    public static StringComparison Comparison => OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    // The limit Linux itself applies (MAXSYMLINKS), so a loop of links ends with an error instead of hanging.
    private const int MaxLinks = 40;

    /// <summary>
    /// The absolute path <paramref name="path"/> names once every symbolic link in it is followed. ".." in the path as
    /// given is folded first, as .NET does when it opens a file; ".." inside a link's target is taken from the real
    /// folder, as the system does.
    /// </summary>
    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var pending = new Stack<string>();
        Push(pending, full[root.Length..]);
        var current = root;
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Join(current, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"too many levels of symbolic links in '{path}'");
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }

            Push(pending, target);
        }

        return current;
    }

    private static void Push(Stack<string> pending, string relative)
    {
        var parts = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }
}
