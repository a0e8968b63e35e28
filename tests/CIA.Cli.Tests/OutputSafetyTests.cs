using System.Diagnostics;
using System.Text;
using CIA.Cli;

namespace CIA.Cli.Tests;

/// <summary>
/// Every kind of bad output place: a clear message, a non-zero exit code, no stack trace, nothing half-written and no
/// input or device destroyed. CI runs as root, so permission bits stop nothing: the tests use places even root cannot
/// write (/proc, /sys), devices, links and injected failures instead.
/// </summary>
public sealed class OutputSafetyTests : IDisposable
{
    private static readonly string Demand = Path.Combine("samples", "data", "demand-sample.csv");
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cia-out-" + Path.GetRandomFileName())).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => Run(null, args);

    private static (int Code, string Out, string Err) Run(Func<string, Stream, Stream>? wrap, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, output, error, wrap);
        error.ToString().ShouldNotContain("   at ", customMessage: "no stack trace"); // the frames of a .NET stack trace
        return (code, output.ToString(), error.ToString());
    }

    private string In(string name) => Path.Combine(_dir, name);

    /// <summary>The folder's entries other than the given ones: temporary files would show here.</summary>
    private static string[] Leftovers(string folder, params string[] expected) =>
        [.. Directory.EnumerateFileSystemEntries(folder).Select(e => Path.GetFileName(e)).Where(n => !expected.Contains(n)).Order(StringComparer.Ordinal)];

    private string CopyOfDemand()
    {
        var copy = In("demand.csv");
        File.Copy(Demand, copy);
        return copy;
    }

    [Fact]
    public void Out_a_folder_is_refused()
    {
        var folder = Directory.CreateDirectory(In("results")).FullName;
        foreach (var target in new[] { folder, folder + Path.DirectorySeparatorChar })
        {
            var (code, _, error) = Run("classify", "--demand", Demand, "--out", target);
            code.ShouldBe(1);
            error.ShouldStartWith($"error: cannot write the output to '{target}': it is a folder; give a file name");
        }

        Directory.EnumerateFileSystemEntries(folder).ShouldBeEmpty();
    }

    [Fact]
    public void Out_ending_with_a_separator_is_a_folder_name_not_a_file()
    {
        var (code, _, error) = Run("classify", "--demand", Demand, "--out", In("new") + Path.DirectorySeparatorChar);
        code.ShouldBe(1);
        error.ShouldContain("is a folder; give a file name");
        Leftovers(_dir).ShouldBeEmpty();
    }

    [LinuxFact]
    public void Out_a_device_is_refused_and_the_device_is_untouched()
    {
        var before = FileProbe.Of("/dev/null");
        before.Kind.ShouldBe(FileKind.CharacterDevice);

        var (code, output, error) = Run("classify", "--demand", Demand, "--out", "/dev/null");

        code.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldBe("error: cannot write the output to '/dev/null': it is a character device, not a regular file, and cia only replaces regular files; to send the output there, write to standard output and redirect it (> '/dev/null').\n");
        FileProbe.Of("/dev/null").ShouldBe(before); // same kind, same inode: not replaced
        Leftovers("/dev").ShouldNotContain(n => n!.StartsWith(".null.", StringComparison.Ordinal));
    }

    [LinuxFact]
    public void Out_a_link_to_a_device_is_refused()
    {
        var link = In("sink.csv");
        File.CreateSymbolicLink(link, "/dev/null");
        var (code, _, error) = Run("classify", "--demand", Demand, "--out", link);
        code.ShouldBe(1);
        error.ShouldContain("(which leads to '/dev/null'): it is a character device");
        FileProbe.Of("/dev/null").Kind.ShouldBe(FileKind.CharacterDevice);
        new FileInfo(link).LinkTarget.ShouldBe("/dev/null");
    }

    [LinuxFact]
    public void Out_a_named_pipe_is_refused_without_opening_it()
    {
        var fifo = In("pipe");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
        }

        // Opening a FIFO with no reader would block for ever: the refusal must come before any open.
        var (code, _, error) = Run("classify", "--demand", Demand, "--out", fifo);
        code.ShouldBe(1);
        error.ShouldContain("it is a named pipe (FIFO), not a regular file");
        FileProbe.Of(fifo).Kind.ShouldBe(FileKind.Fifo);
        Leftovers(_dir, "pipe").ShouldBeEmpty();
    }

    [Fact]
    public void Out_the_input_itself_is_refused_and_the_input_is_unchanged()
    {
        var demand = CopyOfDemand();
        var bytes = File.ReadAllBytes(demand);

        var (code, output, error) = Run("classify", "--demand", demand, "--out", demand);

        code.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldBe($"error: cannot write the output to '{demand}': it is an input file of this command ('{demand}') and would be destroyed; choose another output name.\n");
        File.ReadAllBytes(demand).ShouldBe(bytes);
        Leftovers(_dir, "demand.csv").ShouldBeEmpty();
    }

    [Fact]
    public void Out_any_input_option_is_refused_even_one_the_command_did_not_record()
    {
        // classify records --demand itself; --policy is caught by CliApp.Run recording every file option but --out.
        var policy = In("policy.yaml");
        File.WriteAllText(policy, CIA.Engine.Policy.PolicyLoader.DefaultYaml());

        var (code, _, error) = Run("classify", "--demand", Demand, "--policy", policy, "--out", policy);

        code.ShouldBe(1);
        error.ShouldContain($"cannot write the output to '{policy}': it is an input file of this command");
        File.ReadAllText(policy).ShouldBe(CIA.Engine.Policy.PolicyLoader.DefaultYaml());
    }

    [Fact]
    public void Out_the_input_by_another_spelling_is_refused()
    {
        var demand = CopyOfDemand();
        var bytes = File.ReadAllBytes(demand);
        var sub = Directory.CreateDirectory(In("sub")).FullName;
        var roundabout = Path.Combine(sub, "..", ".", "demand.csv");

        Run("classify", "--demand", demand, "--out", roundabout).Code.ShouldBe(1);

        File.ReadAllBytes(demand).ShouldBe(bytes);
    }

    [Fact]
    public void Out_a_link_to_the_input_is_refused_and_the_input_is_unchanged()
    {
        var demand = CopyOfDemand();
        var bytes = File.ReadAllBytes(demand);
        var link = In("result.csv");
        File.CreateSymbolicLink(link, "demand.csv"); // relative, as people make them
        var linkedFolder = In("same-folder");
        Directory.CreateSymbolicLink(linkedFolder, _dir);

        var direct = Run("classify", "--demand", demand, "--out", link);
        var throughFolder = Run("classify", "--demand", demand, "--out", Path.Combine(linkedFolder, "demand.csv"));
        var inputThroughLink = Run("classify", "--demand", link, "--out", demand);

        direct.Code.ShouldBe(1);
        direct.Err.ShouldContain($"'{link}' (which leads to '{demand}'): it is an input file of this command");
        throughFolder.Code.ShouldBe(1);
        throughFolder.Err.ShouldContain("it is an input file of this command");
        inputThroughLink.Code.ShouldBe(1);
        inputThroughLink.Err.ShouldContain($"it is an input file of this command ('{link}')");
        File.ReadAllBytes(demand).ShouldBe(bytes);
        new FileInfo(link).LinkTarget.ShouldBe("demand.csv");
        Leftovers(_dir, "demand.csv", "result.csv", "same-folder").ShouldBeEmpty();
    }

    [Fact]
    public void Out_through_a_link_replaces_the_file_it_points_to_and_keeps_the_link()
    {
        var real = In("real.csv");
        File.WriteAllText(real, "old");
        var link = In("latest.csv");
        File.CreateSymbolicLink(link, real);

        Run("classify", "--demand", Demand, "--out", link).Code.ShouldBe(0);

        new FileInfo(link).LinkTarget.ShouldBe(real);
        File.ReadAllLines(real).Length.ShouldBe(9);
    }

    [Fact]
    public void Out_in_a_missing_folder_is_refused_and_no_folder_is_made()
    {
        var target = Path.Combine(_dir, "missing", "deeper", "result.csv");
        var (code, _, error) = Run("classify", "--demand", Demand, "--out", target);
        code.ShouldBe(1);
        error.ShouldBe($"error: cannot write the output to '{target}': the folder '{Path.GetDirectoryName(target)}' does not exist; create it first (mkdir -p '{Path.GetDirectoryName(target)}') or choose another folder.\n");
        Leftovers(_dir).ShouldBeEmpty();
    }

    [Fact]
    public void Out_under_a_file_is_refused()
    {
        var demand = CopyOfDemand();
        var (code, _, error) = Run("classify", "--demand", demand, "--out", Path.Combine(demand, "result.csv"));
        code.ShouldBe(1);
        error.ShouldContain($"'{demand}' is a file, not a folder.");
    }

    [UnwritablePlaceFact]
    public void Out_where_even_root_cannot_write_is_refused()
    {
        var folder = UnwritablePlaceFactAttribute.Place!;
        var target = Path.Combine(folder, "cia-result.csv");
        var (code, output, error) = Run("classify", "--demand", Demand, "--out", target);
        code.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldStartWith($"error: cannot write the output to '{target}': cannot create a file in the folder '{folder}' (");
        error.ShouldContain("choose a folder you can write to. Nothing was written.");
        File.Exists(target).ShouldBeFalse();
    }

    [Fact]
    public void A_full_disk_leaves_the_old_file_and_no_temporary_file()
    {
        var target = In("result.csv");
        File.WriteAllText(target, "previous result\n");

        // ENOSPC as .NET raises it on Unix: an IOException whose HResult is the errno.
        var (code, _, error) = Run(
            (_, file) => new FailingStream(file, 300, new IOException("No space left on device : '/somewhere/.result.csv.x.tmp'", 28)),
            "classify", "--demand", Demand, "--out", target);

        code.ShouldBe(1);
        error.ShouldBe($"error: cannot write the output to '{target}': No space left on device. '{target}' was left as it was and no partial file remains.\n");
        File.ReadAllText(target).ShouldBe("previous result\n");
        Leftovers(_dir, "result.csv").ShouldBeEmpty();
    }

    [Fact]
    public void A_failure_on_a_new_file_creates_nothing()
    {
        var target = In("result.csv");
        var (code, _, error) = Run((_, file) => new FailingStream(file, 0, new IOException("Disk quota exceeded", 122)), "classify", "--demand", Demand, "--out", target);
        code.ShouldBe(1);
        error.ShouldContain("No file was created.");
        Leftovers(_dir).ShouldBeEmpty();
    }

    [UnixFact]
    public void A_temporary_file_removed_by_something_else_is_reported()
    {
        var target = In("result.csv");
        File.WriteAllText(target, "previous");
        Stream Sabotage(string path, Stream file) => new SabotageStream(file, () => File.Delete(((FileStream)file).Name));

        var (code, _, error) = Run(Sabotage, "classify", "--demand", Demand, "--out", target);

        code.ShouldBe(1);
        error.ShouldStartWith($"error: cannot write the output to '{target}': the temporary file '{_dir}{Path.DirectorySeparatorChar}.result.csv.");
        error.ShouldContain("was removed by something else before it could be renamed.");
        File.ReadAllText(target).ShouldBe("previous");
        Leftovers(_dir, "result.csv").ShouldBeEmpty();
    }

    [UnixFact]
    public void A_folder_removed_while_writing_is_reported()
    {
        var folder = Directory.CreateDirectory(In("results")).FullName;
        var target = Path.Combine(folder, "result.csv");
        Stream Sabotage(string path, Stream file) => new SabotageStream(file, () => Directory.Delete(folder, recursive: true));

        var (code, _, error) = Run(Sabotage, "classify", "--demand", Demand, "--out", target);

        code.ShouldBe(1);
        error.ShouldBe($"error: cannot write the output to '{target}': the folder '{folder}' was removed while the output was written. No file was created.\n");
        Directory.Exists(folder).ShouldBeFalse();
    }

    [Fact]
    public void The_temporary_file_is_new_hidden_unpredictable_and_beside_the_target()
    {
        var target = In("result.csv");
        var names = new List<string>();
        Stream Spy(string path, Stream file)
        {
            path.ShouldBe(target);
            names.Add(((FileStream)file).Name);
            Leftovers(_dir, "result.csv").ShouldBe([Path.GetFileName(((FileStream)file).Name)]);
            return file;
        }

        Run(Spy, "classify", "--demand", Demand, "--out", target).Code.ShouldBe(0);
        Run(Spy, "classify", "--demand", Demand, "--out", target).Code.ShouldBe(0);

        names.Count.ShouldBe(2);
        names.ShouldAllBe(n => Path.GetDirectoryName(n) == _dir && Path.GetFileName(n).StartsWith(".result.csv.", StringComparison.Ordinal) && n.EndsWith(".tmp", StringComparison.Ordinal));
        names[0].ShouldNotBe(names[1]);
        Leftovers(_dir, "result.csv").ShouldBeEmpty();
    }

    [Fact]
    public void A_link_planted_at_the_old_partial_name_is_neither_followed_nor_removed()
    {
        var victim = In("victim.txt");
        File.WriteAllText(victim, "precious");
        var target = In("result.csv");
        File.CreateSymbolicLink(target + ".partial", victim);

        Run("classify", "--demand", Demand, "--out", target).Code.ShouldBe(0);

        File.ReadAllText(victim).ShouldBe("precious");
        new FileInfo(target + ".partial").LinkTarget.ShouldBe(victim);
        File.ReadAllLines(target).Length.ShouldBe(9);
    }

    [UnixFact]
    public void A_replaced_file_keeps_its_permissions()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // skipped by UnixFact; this tells the platform analyzer
        }

        var target = In("private.csv");
        File.WriteAllText(target, "old");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Run("classify", "--demand", Demand, "--out", target).Code.ShouldBe(0);

        File.GetUnixFileMode(target).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task Concurrent_writers_each_leave_a_whole_file_and_readers_never_see_a_partial_one()
    {
        // Eight writers, each a different ~1 MB text, over and over into the same --out, while a reader polls it.
        var target = new FileInfo(In("shared.csv"));
        var contents = Enumerable.Range(0, 8).Select(i => string.Concat(Enumerable.Repeat($"writer {i}: a line long enough to take a while to write\n", 20_000)) + $"end {i}\n").ToArray();
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            var reads = 0;
            while (!stop.IsCancellationRequested || reads == 0) // one read at least, even when fast writers finish first
            {
                string text;
                try
                {
                    text = File.ReadAllText(target.FullName);
                }
                catch (FileNotFoundException) when (reads == 0)
                {
                    continue; // before the first rename; after it, the name must never be missing (no delete-then-rename)
                }

                var index = Array.IndexOf(contents, text);
                index.ShouldBeGreaterThanOrEqualTo(0, $"a reader saw {text.Length} characters that are not one writer's whole output");
                reads++;
            }

            return reads;
        });

        var writers = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            var error = new StringWriter();
            var io = new CliIo(new StringWriter(), error);
            for (var round = 0; round < 5; round++)
            {
                io.WriteText(target, w =>
                {
                    foreach (var chunk in contents[i].Chunk(4096))
                    {
                        w.Write(chunk);
                    }
                });
            }

            error.ToString().ShouldBeEmpty();
        })).ToArray();

        await Task.WhenAll(writers);
        await stop.CancelAsync();
        (await reader).ShouldBeGreaterThan(0);
        contents.ShouldContain(File.ReadAllText(target.FullName));
        Leftovers(_dir, "shared.csv").ShouldBeEmpty();
    }

    [Fact]
    public void Concurrent_cia_processes_on_one_out_all_succeed_with_a_whole_file()
    {
        var target = In("result.csv");
        var variants = new[]
        {
            new[] { "--year", "2025" }, ["--year", "2025", "--summary", "--format", "json"], ["--year", "2025", "--format", "json"], ["--year", "2026", "--format", "json"],
            ["--year", "2025", "--format", "json", "--explain"], ["--year", "2026", "--format", "json", "--explain"], ["--year", "2025", "--summary"], ["--year", "2026", "--summary"],
        };
        var expected = variants.Select(v => Run(["classify", "--demand", Demand, .. v]).Out).ToArray();
        expected.Distinct().Count().ShouldBe(8);

        var codes = variants.AsParallel().Select(v => Run(["classify", "--demand", Demand, .. v, "--out", target]).Code).ToArray();

        codes.ShouldAllBe(c => c == 0);
        expected.ShouldContain(File.ReadAllText(target));
        Leftovers(_dir, "result.csv").ShouldBeEmpty();
    }

    [Fact]
    public void Generate_refuses_a_folder_with_earlier_files_unless_forced()
    {
        var folder = In("data");
        Run("generate", "--out", folder, "--scale", "2000", "--seed", "1").Code.ShouldBe(0);
        var first = File.ReadAllBytes(Path.Combine(folder, "stock.csv"));

        var refused = Run("generate", "--out", folder, "--scale", "2000", "--seed", "2");
        refused.Code.ShouldBe(1);
        refused.Out.ShouldBeEmpty();
        refused.Err.ShouldBe($"error: '{folder}' already holds stock.csv, programmes.csv, demand.csv, communes.csv (from an earlier run?); give --force to replace them, or choose another folder. Nothing was written.\n");
        File.ReadAllBytes(Path.Combine(folder, "stock.csv")).ShouldBe(first);

        File.Delete(Path.Combine(folder, "stock.csv"));
        File.Delete(Path.Combine(folder, "programmes.csv"));
        File.Delete(Path.Combine(folder, "communes.csv"));
        Run("generate", "--out", folder, "--scale", "2000", "--seed", "2").Err.ShouldContain("already holds demand.csv (");

        var forced = Run("generate", "--out", folder, "--scale", "2000", "--seed", "2", "--force");
        forced.Code.ShouldBe(0);
        forced.Err.ShouldBeEmpty();
        File.ReadAllBytes(Path.Combine(folder, "stock.csv")).ShouldNotBe(first);
        Leftovers(folder, "stock.csv", "programmes.csv", "demand.csv", "communes.csv").ShouldBeEmpty();
    }

    [Fact]
    public void Generate_out_a_file_is_refused()
    {
        var file = CopyOfDemand();
        var (code, _, error) = Run("generate", "--out", file, "--scale", "2000");
        code.ShouldBe(1);
        error.ShouldBe($"error: cannot write into '{file}': it is a file, not a folder. --output names the folder to write stock.csv, programmes.csv, demand.csv, communes.csv into.\n");
        File.ReadAllBytes(file).ShouldBe(File.ReadAllBytes(Demand));
    }

    [Fact]
    public void Generate_never_replaces_its_own_policy_file()
    {
        var folder = Directory.CreateDirectory(In("data")).FullName;
        var policy = Path.Combine(folder, "communes.csv"); // a valid policy, unluckily named
        File.WriteAllText(policy, CIA.Engine.Policy.PolicyLoader.DefaultYaml());

        var (code, _, error) = Run("generate", "--out", folder, "--scale", "2000", "--policy", policy, "--force");

        code.ShouldBe(1);
        error.ShouldContain($"cannot write the output to '{policy}': it is an input file of this command");
        File.ReadAllText(policy).ShouldBe(CIA.Engine.Policy.PolicyLoader.DefaultYaml());
        Leftovers(folder, "communes.csv").ShouldBeEmpty();
    }

    [Fact]
    public void A_failure_half_way_through_generate_leaves_the_earlier_files_and_no_temporary_file()
    {
        var folder = In("data");
        Run("generate", "--out", folder, "--scale", "2000", "--seed", "1").Code.ShouldBe(0);
        var names = new[] { "stock.csv", "programmes.csv", "demand.csv", "communes.csv" };
        var before = names.Select(n => File.ReadAllBytes(Path.Combine(folder, n))).ToArray();
        Stream FailInDemand(string path, Stream file) =>
            path.EndsWith("demand.csv", StringComparison.Ordinal) ? new FailingStream(file, 50_000, new IOException("No space left on device", 28)) : file;

        var (code, output, error) = Run(FailInDemand, "generate", "--out", folder, "--scale", "2000", "--seed", "2", "--force");

        code.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldBe($"error: cannot write the output to '{Path.Combine(folder, "demand.csv")}': No space left on device. '{Path.Combine(folder, "demand.csv")}' was left as it was and no partial file remains. No file in '{folder}' was changed.\n");
        names.Select(n => File.ReadAllBytes(Path.Combine(folder, n))).ShouldBe(before);
        Leftovers(folder, names).ShouldBeEmpty();
    }

    [Fact]
    public void A_failed_generate_into_a_new_folder_leaves_nothing()
    {
        var folder = In("new-data");
        var (code, _, _) = Run((_, _) => throw new IOException("Read-only file system", 30), "generate", "--out", folder, "--scale", "2000");
        code.ShouldBe(1);
        Directory.Exists(folder).ShouldBeFalse();
    }

    [Fact]
    public void An_unexpected_exception_is_one_line_and_exit_code_70()
    {
        var target = In("result.csv");
        Stream Bug(string path, Stream file) => new FailingStream(file, 100, new InvalidOperationException("simulated bug"));

        var (code, output, error) = Run(Bug, "classify", "--demand", Demand, "--out", target);

        code.ShouldBe(CliApp.InternalError);
        code.ShouldBe(70);
        output.ShouldBeEmpty();
        error.ShouldStartWith("error: internal error (InvalidOperationException): simulated bug\n");
        error.ShouldNotContain("   at ");
        Leftovers(_dir).ShouldBeEmpty(); // even an unexpected exception removes the temporary file

        // CIA_DEBUG=1 adds the stack trace (read only on this path, so setting it here affects no other test).
        Environment.SetEnvironmentVariable("CIA_DEBUG", "1");
        try
        {
            var errors = new StringWriter();
            CliApp.Run(["classify", "--demand", Demand, "--out", target], new StringWriter(), errors, Bug).ShouldBe(70);
            errors.ToString().ShouldContain("   at ");
        }
        finally
        {
            Environment.SetEnvironmentVariable("CIA_DEBUG", null);
        }
    }

    [Fact]
    public void A_failing_standard_output_is_a_message_and_exit_code_1()
    {
        var error = new StringWriter();
        var code = CliApp.Run(["rules"], new BrokenWriter(new IOException("No space left on device", 28)), error);
        code.ShouldBe(1);
        error.ToString().ShouldBe("error: cannot write to standard output: No space left on device; the output is incomplete.\n");

        error = new StringWriter();
        CliApp.Run(["--help"], new BrokenWriter(new ObjectDisposedException("stdout")), error).ShouldBe(1);
        error.ToString().ShouldBe("error: cannot write to standard output: it is closed; the output is incomplete.\n");
    }

    [Fact]
    public void A_failing_standard_error_does_not_turn_an_error_into_a_crash()
    {
        var code = CliApp.Run(["classify", "--demand", Demand, "--out", "/"], new StringWriter(), new BrokenWriter(new IOException("No space left on device", 28)));
        code.ShouldBe(1);
    }

    [LinuxFact]
    public void Standard_output_on_a_full_device_is_reported()
    {
        var (code, error) = Cia.RunShell("\"$0\" \"$1\" rules > /dev/full");
        code.ShouldBe(1);
        error.ShouldBe("error: cannot write to standard output: No space left on device; the output is incomplete.\n");
    }

    [LinuxFact]
    public void Standard_output_closed_is_reported()
    {
        var (code, error) = Cia.RunShell("\"$0\" \"$1\" rules >&-");
        code.ShouldBe(1);
        error.ShouldBe("error: cannot write to standard output: it is closed; the output is incomplete.\n");
    }

    [LinuxFact]
    public void Standard_output_closed_after_generate_still_says_the_files_are_there()
    {
        var folder = In("data");
        var (code, error) = Cia.RunShell($"\"$0\" \"$1\" generate --scale 2000 --out '{folder}' >&-");
        code.ShouldBe(1);
        error.ShouldBe($"error: the files were written into '{folder}', but the summary was not: cannot write to standard output: it is closed; the output is incomplete.\n");
        Leftovers(folder, "stock.csv", "programmes.csv", "demand.csv", "communes.csv").ShouldBeEmpty();
    }

    [LinuxFact]
    public async Task A_reader_that_stops_early_ends_the_command_quietly()
    {
        // `cia classify | head -c 10`: .NET ignores EPIPE on the console streams, so cia finishes and exits 0.
        var start = Cia.StartInfo("classify", "--demand", Demand);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var cia = Process.Start(start)!;
        var error = cia.StandardError.ReadToEndAsync();
        var buffer = new char[10];
        cia.StandardOutput.ReadBlock(buffer, 0, buffer.Length).ShouldBe(10);
        new string(buffer).ShouldBe("applicatio");
        cia.StandardOutput.Close();
        cia.WaitForExit(60_000).ShouldBeTrue();
        cia.ExitCode.ShouldBe(0);
        (await error).ShouldBeEmpty();
    }

    [LinuxFact]
    public void A_terminated_generate_leaves_no_temporary_file()
    {
        var folder = In("data");
        var start = Cia.StartInfo("generate", "--scale", "3000000", "--out", folder);
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        using var cia = Process.Start(start)!;
        var watch = Stopwatch.StartNew();
        while (!(Directory.Exists(folder) && Directory.EnumerateFiles(folder, ".*.tmp").Count() == 4) && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(20);
        }

        cia.HasExited.ShouldBeFalse("the generation must still be running when the signal comes");
        using (var kill = Process.Start("kill", ["-TERM", cia.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        cia.WaitForExit(30_000).ShouldBeTrue();
        cia.ExitCode.ShouldBe(143); // 128 + SIGTERM: stopped by the signal, as usual, after the clean-up
        Directory.EnumerateFileSystemEntries(folder).ShouldBeEmpty();
    }

    [Fact]
    public void Guard_turns_input_io_errors_into_messages()
    {
        var (code, _, error) = Run("classify", "--demand", _dir); // a folder as the input
        code.ShouldBe(1);
        error.ShouldStartWith("error: ");
    }
}

/// <summary>Writes through to a stream until <c>limit</c> bytes, then throws, as a full disk does half-way.</summary>
internal sealed class FailingStream(Stream inner, long limit, Exception failure) : Stream
{
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _written;

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override void Flush() => inner.Flush();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_written + buffer.Length > limit)
        {
            throw failure;
        }

        inner.Write(buffer);
        _written += buffer.Length;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>Does something behind the writer's back (removes its file or folder) at the first write.</summary>
internal sealed class SabotageStream(Stream inner, Action sabotage) : Stream
{
    private Action? _sabotage = sabotage;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush() => inner.Flush();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Interlocked.Exchange(ref _sabotage, null)?.Invoke();
        inner.Write(buffer);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>A standard output or error that fails every write, as a closed or full one does.</summary>
internal sealed class BrokenWriter(Exception failure) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => throw failure;

    public override void Write(string? value) => throw failure;

    public override void Write(char[] buffer, int index, int count) => throw failure;
}

/// <summary>Runs the real <c>cia</c> in a child process, for what only a process shows: its standard streams and signals.</summary>
internal static class Cia
{
    /// <summary>The built <c>cia.dll</c>, copied next to the tests by the project reference.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "cia.dll");

    /// <summary>The <c>dotnet</c> host running these tests (the same runtime), else the one on the PATH.</summary>
    public static string Host
    {
        get
        {
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (host is not null && File.Exists(host))
            {
                return host;
            }

            var self = Environment.ProcessPath;
            return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        }
    }

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var start = new ProcessStartInfo(Host) { UseShellExecute = false };
        start.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment.Remove("CIA_DEBUG");
        return start;
    }

    /// <summary>Runs <paramref name="script"/> with <c>sh -c</c>, <c>$0</c> the host and <c>$1</c> cia.dll; returns the exit code and standard error.</summary>
    public static (int Code, string Error) RunShell(string script)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in new[] { "-c", script, Host, Dll })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment.Remove("CIA_DEBUG");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit(60_000).ShouldBeTrue();
        return (process.ExitCode, error);
    }
}

/// <summary>A fact for Unix-like systems (file modes, links as created here).</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix only: file modes and POSIX rename semantics.";
        }
    }
}

/// <summary>A fact for Linux: /dev/null, /dev/full, mkfifo, sh, kill and signals as Linux has them.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux only: uses /dev/null, /dev/full, mkfifo, sh and kill.";
        }
    }
}

/// <summary>A fact that needs a folder no one, root included, can create files in; skipped (with the reason) where there is none.</summary>
public sealed class UnwritablePlaceFactAttribute : FactAttribute
{
    public UnwritablePlaceFactAttribute()
    {
        if (Place is null)
        {
            Skip = "No folder here refuses new files even to this user (tried /proc and /sys): nothing to test against.";
        }
    }

    /// <summary>/proc or /sys when creating a file there fails, as it does even for root.</summary>
    public static string? Place { get; } = Find();

    private static string? Find()
    {
        foreach (var folder in new[] { "/proc", "/sys" })
        {
            if (!Directory.Exists(folder))
            {
                continue;
            }

            var probe = Path.Combine(folder, "cia-probe-" + Path.GetRandomFileName());
            try
            {
                using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write))
                {
                }

                File.Delete(probe); // writable after all: not the place for this test
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return folder;
            }
        }

        return null;
    }
}
