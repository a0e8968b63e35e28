namespace CIA.Cli.Tests;

/// <summary>
/// <c>cia sweep</c> in local mode (no scheduler): plan, run, merge, resubmission of the missing rows, and the batch
/// scripts of <c>submit --dry-run</c>. The run on a real Slurm cluster is tests/slurm/sweep-on-slurm.sh (.ci/run).
/// </summary>
public sealed class SweepCliTests : IDisposable
{
    private readonly TempFolder _temp = new("cia-sweep-cli-");

    public void Dispose() => _temp.Dispose();

    private string Folder(string name) => Path.Combine(_temp.Path, name);

    private string Plan(string name, string block = "2")
    {
        var lec30 = _temp.Write("lec30.yaml", "extends: builtin\nname: LEC 30 %\ntargets: {lec-outside-qpv: {min: 0.30}}\n");
        var (code, output, error) = Cli.Run(["sweep", "plan", "--territory", "builtin", "--scenario", "builtin", "--scenario", lec30, "--seeds", "3", "--block", block, "-o", Folder(name)]);
        code.ShouldBe(0, error);
        output.ShouldContain($"{(block == "2" ? 4 : 6)} task(s) = 1 territory(ies) × 2 scenario(s)");
        return Path.Combine(Folder(name), "manifest.tsv");
    }

    [Fact]
    public void Plan_cuts_the_seeds_into_blocks_per_territory_and_scenario()
    {
        var manifest = Plan("a");
        var rows = File.ReadAllLines(manifest).Skip(1).Select(l => l.Split('\t')).ToList();
        // 3 seeds in blocks of 2: seeds 2016–2017 then 2018, for each scenario.
        rows.Select(r => (r[0], r[3], r[5], r[6])).ShouldBe([("0", "builtin", "2016", "2"), ("1", "builtin", "2018", "1"), ("2", "lec30", "2016", "2"), ("3", "lec30", "2018", "1")]);
    }

    [Fact]
    public void A_row_runs_once_and_merge_lists_what_is_missing_until_all_is_done()
    {
        var manifest = Plan("b");
        var folder = Folder("b");
        var one = Cli.Run("sweep", "run", "-m", manifest, "--row", "1");
        one.Code.ShouldBe(0, one.Err);
        var result = Path.Combine(folder, "results", "row-000001.tsv");
        var written = File.ReadAllText(result);
        written.ShouldStartWith("# 1\tbuiltin\tbuiltin\tbuiltin\tbuiltin\t2018\t1\n");

        // Run again: nothing is done (the file is not rewritten).
        var again = Cli.Run("sweep", "run", "-m", manifest, "--row", "1");
        again.Out.ShouldContain("0 row(s) run, 1 already done.");

        var merge = Cli.Run("sweep", "merge", "-m", manifest);
        merge.Code.ShouldBe(1);
        merge.Err.ShouldContain("3 of 4 row(s) have no result: 0,2-3");
        File.ReadAllText(Path.Combine(folder, "MISSING")).ShouldBe("0,2,3\n");
        File.Exists(Path.Combine(folder, "merged.tsv")).ShouldBeFalse();

        Cli.Run("sweep", "run", "-m", manifest, "--all").Out.ShouldContain("3 row(s) run, 1 already done.");
        var done = Cli.Run("sweep", "merge", "-m", manifest);
        done.Code.ShouldBe(0, done.Err);
        File.ReadAllText(Path.Combine(folder, "MISSING")).ShouldBe("\n");
        var merged = File.ReadAllLines(Path.Combine(folder, "merged.tsv"));
        merged[0].ShouldBe("territory\tscenario\tseed\tindicator\tgroup\tvalue");
        // Every seed of every scenario, in manifest order, each seed's indicators once.
        merged.Skip(1).Select(l => string.Join(' ', l.Split('\t').Take(3))).Distinct()
            .ShouldBe(["builtin builtin 2016", "builtin builtin 2017", "builtin builtin 2018", "builtin lec30 2016", "builtin lec30 2017", "builtin lec30 2018"]);
        File.ReadAllText(result).ShouldBe(written);
    }

    [Fact]
    public void The_result_does_not_depend_on_the_blocks_nor_the_threads()
    {
        // Blocks of 2 on 2 threads against blocks of 1 on 1 thread: the same table, byte for byte.
        var a = Plan("c");
        Cli.Run("sweep", "run", "-m", a, "--all", "--threads", "2").Code.ShouldBe(0);
        Cli.Run("sweep", "merge", "-m", a).Code.ShouldBe(0);
        var b = Plan("d", block: "1");
        Cli.Run("sweep", "run", "-m", b, "--all", "--threads", "1").Code.ShouldBe(0);
        Cli.Run("sweep", "merge", "-m", b).Code.ShouldBe(0);
        File.ReadAllBytes(Path.Combine(Folder("c"), "merged.tsv")).ShouldBe(File.ReadAllBytes(Path.Combine(Folder("d"), "merged.tsv")));
    }

    [Fact]
    public void Submit_dry_run_writes_the_array_and_the_merge_that_runs_after_it_whatever_happens()
    {
        var manifest = Plan("e");
        var (code, output, error) = Cli.Run("sweep", "submit", "-m", manifest, "--dry-run", "--throttle", "8", "--rows", "1,3", "--cia", "/opt/cia");
        code.ShouldBe(0, error);
        output.ShouldContain("sbatch --parsable --array=1,3%8 --export=ALL,ROW_OFFSET=0 " + Path.Combine(Folder("e"), "task.sbatch"));
        output.ShouldContain("--dependency=afterany:");
        var task = File.ReadAllText(Path.Combine(Folder("e"), "task.sbatch"));
        task.ShouldContain("row=$(( ${ROW_OFFSET:-0} + SLURM_ARRAY_TASK_ID ))");
        task.ShouldContain($"exec /opt/cia sweep run --manifest {manifest} --row \"$row\"");
        File.ReadAllText(Path.Combine(Folder("e"), "merge.sbatch")).ShouldContain($"exec /opt/cia sweep merge --manifest {manifest}");
    }

    [Fact]
    public void Bad_plans_and_rows_are_refused_with_what_is_wrong()
    {
        var missing = Cli.Run("sweep", "plan", "--territory", Folder("nowhere"), "--scenario", "builtin", "-o", Folder("f"));
        missing.Code.ShouldBe(1);
        missing.Err.ShouldContain("no such folder");
        File.Exists(Path.Combine(Folder("f"), "manifest.tsv")).ShouldBeFalse();

        var bad = _temp.Write("bad.yaml", "extends: builtin\ntargets: {no-such-target: {min: 0.3}}\n");
        var badPlan = Cli.Run("sweep", "plan", "--territory", "builtin", "--scenario", bad, "-o", Folder("g"));
        badPlan.Code.ShouldBe(1);
        badPlan.Err.ShouldContain("no-such-target");

        var manifest = Plan("h");
        Cli.Run("sweep", "run", "-m", manifest, "--row", "9").Code.ShouldBe(2);
        Cli.Run("sweep", "run", "-m", manifest).Code.ShouldBe(2);
        Cli.Run("sweep", "submit", "-m", manifest, "--dry-run", "--rows", "2-9").Err.ShouldContain("outside the manifest's rows 0 to 3");
        var notManifest = _temp.Write("other.tsv", "a\tb\n");
        var wrong = Cli.Run("sweep", "merge", "-m", notManifest);
        wrong.Code.ShouldBe(1);
        wrong.Err.ShouldContain("not the sweep manifest's");
    }
}

/// <summary><c>cia sweep split</c> and packed tasks: a generated multi-EPCI set, one folder per EPCI, small territories in one task.</summary>
public sealed class SweepSplitTests : IDisposable
{
    private readonly TempFolder _temp = new("cia-sweep-split-");

    public void Dispose() => _temp.Dispose();

    private string In(string name) => Path.Combine(_temp.Path, name);

    [Fact]
    public void A_generated_set_splits_by_epci_and_packed_tasks_give_the_same_table_as_one_task_a_territory()
    {
        Cli.Run("generate", "--scale", "30000", "-o", In("set")).Code.ShouldBe(0);
        var split = Cli.Run("sweep", "split", "-d", In("set/demand.csv"), "--stock", In("set/stock.csv"), "--programmes", In("set/programmes.csv"), "--communes", In("set/communes.csv"), "-o", In("split"));
        split.Code.ShouldBe(0, split.Err);

        // Every dwelling and application lands in exactly one EPCI folder, with its communes.
        var folders = Directory.GetDirectories(In("split")).Order(StringComparer.Ordinal).ToList();
        folders.Count.ShouldBeGreaterThan(1);
        int Lines(string file) => File.ReadAllLines(file).Length - 1;
        folders.Sum(f => Lines(Path.Combine(f, "stock.csv"))).ShouldBe(Lines(In("set/stock.csv")));
        folders.Sum(f => Lines(Path.Combine(f, "demand.csv"))).ShouldBe(Lines(In("set/demand.csv")));
        var epcis = File.ReadAllLines(In("set/communes.csv")).Skip(1).Select(l => l.Split(';')[2]).Distinct().Order(StringComparer.Ordinal);
        folders.Select(Path.GetFileName).ShouldBe(epcis);

        // Default task length: the small territories are packed into one task per scenario.
        var packed = Cli.Run("sweep", "plan", "--territories", In("split"), "--scenario", "builtin", "--seeds", "2", "-o", In("packed"));
        packed.Code.ShouldBe(0, packed.Err);
        var rows = File.ReadAllLines(In("packed/manifest.tsv")).Skip(1).ToList();
        rows.Count.ShouldBe(1);
        rows[0].Split('\t')[1].Split('|').Length.ShouldBe(folders.Count);
        Cli.Run("sweep", "run", "-m", In("packed/manifest.tsv"), "--all").Code.ShouldBe(0);
        Cli.Run("sweep", "merge", "-m", In("packed/manifest.tsv")).Code.ShouldBe(0);

        // One task a territory (--block): the same merged table, byte for byte.
        Cli.Run("sweep", "plan", "--territories", In("split"), "--scenario", "builtin", "--seeds", "2", "--block", "2", "-o", In("single")).Code.ShouldBe(0);
        File.ReadAllLines(In("single/manifest.tsv")).Length.ShouldBe(folders.Count + 1);
        Cli.Run("sweep", "run", "-m", In("single/manifest.tsv"), "--all").Code.ShouldBe(0);
        Cli.Run("sweep", "merge", "-m", In("single/manifest.tsv")).Code.ShouldBe(0);
        File.ReadAllBytes(In("packed/merged.tsv")).ShouldBe(File.ReadAllBytes(In("single/merged.tsv")));
    }

    [Fact]
    public void Split_refuses_a_folder_in_use_and_says_what_is_missing()
    {
        Directory.CreateDirectory(In("busy"));
        File.WriteAllText(In("busy/keep.txt"), "x");
        var busy = Cli.Run("sweep", "split", "-d", In("d.csv"), "--stock", In("s.csv"), "--communes", In("c.csv"), "-o", In("busy"));
        busy.Code.ShouldBe(2);
        busy.Err.ShouldContain("not empty");
        File.ReadAllText(In("busy/keep.txt")).ShouldBe("x");

        File.WriteAllText(In("c.csv"), "commune;name;epci;epci_name;apl_zone\n44109;Nantes;244400404;Nantes Métropole;2\n");
        File.WriteAllText(In("s.csv"), "dwelling_id;COMMUNE\nD1;44109\n");
        File.WriteAllText(In("d.csv"), "application_id;desired_communes\nA1;44109\n");
        var bad = Cli.Run("sweep", "split", "-d", In("d.csv"), "--stock", In("s.csv"), "--communes", In("c.csv"), "-o", In("out"));
        bad.Code.ShouldBe(1);
        bad.Err.ShouldContain("no 'DEPCOM' column");
        Directory.Exists(In("out")).ShouldBeFalse();
    }
}
