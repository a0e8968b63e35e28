using CIA.Engine.Domain;
using CIA.Engine.Policy;

namespace CIA.Engine.Tests.Policy;

/// <summary>
/// Scenarios (<c>extends:</c>) and <c>--set</c> overrides: what they change and keep, and where their problems are
/// placed. Expected values come from the built-in policy's YAML (lec-outside-qpv: min 0.25; ranking seniority).
/// </summary>
public sealed class PolicyScenarioTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cia-scenario-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml);
        return path;
    }

    private static AllocationTarget Target(CiaPolicy p, string id) => p.Targets.Single(t => t.Id == id);

    /// <summary>Two parts of policies are equal value for value (records holding immutable arrays compare those by reference).</summary>
    private static void ShouldBeSame<T>(T actual, T expected) =>
        System.Text.Json.JsonSerializer.Serialize(actual).ShouldBe(System.Text.Json.JsonSerializer.Serialize(expected));

    [Fact]
    public void A_three_line_scenario_changes_what_it_says_and_keeps_everything_else()
    {
        var builtIn = PolicyLoader.LoadDefault();
        Target(builtIn, "lec-outside-qpv").Min.ShouldBe(new Rate(0.25m));

        var p = PolicyLoader.LoadFile(Write("lec30.yaml", """
            extends: builtin
            name: LEC 30 %
            targets: {lec-outside-qpv: {min: 0.30}}
            """));

        p.Name.ShouldBe("LEC 30 %");
        ShouldBeSame(Target(p, "lec-outside-qpv"), Target(builtIn, "lec-outside-qpv") with { Min = new Rate(0.30m) });
        p.Targets.Select(t => t.Id).ShouldBe(builtIn.Targets.Select(t => t.Id)); // same targets, same order
        foreach (var t in builtIn.Targets.Where(t => t.Id != "lec-outside-qpv"))
        {
            ShouldBeSame(Target(p, t.Id), t);
        }

        ShouldBeSame(p with { Name = builtIn.Name, Targets = builtIn.Targets }, builtIn);
    }

    [Fact]
    public void Set_overrides_give_the_same_policy_as_the_scenario_file_that_says_the_same()
    {
        var fromFile = PolicyLoader.LoadFile(Write("s.yaml", """
            extends: builtin
            simulation:
              ranking: cotation
              cal: {rounds: 2}
            priority: {prefectoral_criteria: [dalo]}
            targets: {lec-outside-qpv: {min: 0.3}}
            """));
        var fromSets = PolicyLoader.LoadDefault(["simulation.ranking=cotation", "simulation.cal.rounds=2", "priority.prefectoral_criteria=[dalo]", "targets.lec-outside-qpv.min=0.3"]);

        fromSets.Simulation.Ranking.ShouldBe(RankingPolicy.Cotation);
        fromSets.Simulation.Cal.Rounds.ShouldBe(2);
        fromSets.Simulation.Cal.Candidates.ShouldBe(PolicyLoader.LoadDefault().Simulation.Cal.Candidates); // a sibling key is kept
        fromSets.Priority.PrefectoralCriteria.ShouldBe(PrefectoralCriteria.Dalo); // a list replaces the base's list whole
        ShouldBeSame(fromSets, fromFile);
    }

    [Fact]
    public void A_scenario_may_extend_a_scenario_in_another_folder_by_a_path_relative_to_itself()
    {
        Write(Path.Combine("base", "lec30.yaml"), "extends: builtin\ntargets: {lec-outside-qpv: {min: 0.30}}\n");
        var p = PolicyLoader.LoadFile(Write(Path.Combine("mine", "steered.yaml"), "extends: ../base/lec30.yaml\nsimulation: {ranking: cia_steered}\n"));
        Target(p, "lec-outside-qpv").Min.ShouldBe(new Rate(0.30m));
        p.Simulation.Ranking.ShouldBe(RankingPolicy.CiaSteered);

        // --set applies last, over the whole chain.
        PolicyLoader.LoadFile(Path.Combine(_folder, "mine", "steered.yaml"), ["targets.lec-outside-qpv.min=0.35"])
            .Targets.Single(t => t.Id == "lec-outside-qpv").Min.ShouldBe(new Rate(0.35m));
    }

    [Fact]
    public void Every_problem_is_placed_in_the_file_it_comes_from()
    {
        var basePath = Write("base.yaml", "extends: builtin\nsimulation: {notice_days: soon}\n");
        var scenario = Write("scenario.yaml", """
            extends: base.yaml
            simulation:
              ranking: best
            targets:
              no-such-target: {min: 0.5}
            """);

        var e = Should.Throw<PolicyException>(() => PolicyLoader.LoadFile(scenario));
        e.Source.ShouldBe(scenario);
        var ranking = e.Problems.Single(p => p.Path == "simulation.ranking");
        (ranking.Source, ranking.Line, ranking.Column).ShouldBe((scenario, 3, 12));
        var id = e.Problems.Single(p => p.Path == "targets.no-such-target");
        (id.Source, id.Line, id.Column).ShouldBe((scenario, 5, 3));
        id.Message.ShouldContain("lec-outside-qpv");
        var notice = e.Problems.Single(p => p.Path == "simulation.notice_days");
        (notice.Source, notice.Line).ShouldBe((Path.GetFullPath(basePath), 2));
        e.Problems.Count.ShouldBe(3);
    }

    [Fact]
    public void A_bad_set_is_named_with_its_text_and_no_line()
    {
        var e = Should.Throw<PolicyException>(() => PolicyLoader.LoadDefault(["targets.lec-outside-qpv.min=abc", "ranking", "simulation.cal.rounds=[1"]));
        e.Problems.Count.ShouldBe(3);
        e.Problems.ShouldAllBe(p => p.Line == 0 && p.Source!.StartsWith("--set '", StringComparison.Ordinal));
        e.Problems.ShouldContain(p => p.Source == "--set 'targets.lec-outside-qpv.min=abc'" && p.Message.Contains("'abc' is not a non-negative number"));
        e.Problems.ShouldContain(p => p.Source == "--set 'ranking'" && p.Message.StartsWith("expected key=value", StringComparison.Ordinal));
        e.Problems.ShouldContain(p => p.Source == "--set 'simulation.cal.rounds=[1'" && p.Message.Contains("is not YAML"));
    }

    [Fact]
    public void A_scenario_cannot_extend_itself_a_missing_file_or_a_file_when_given_as_text()
    {
        var loop = Write("loop.yaml", "extends: loop.yaml\n");
        Should.Throw<PolicyException>(() => PolicyLoader.LoadFile(loop)).Problems.ShouldHaveSingleItem().Message.ShouldContain("cannot extend itself");

        var missing = Write("missing.yaml", "extends: nowhere.yaml\n");
        var p = Should.Throw<PolicyException>(() => PolicyLoader.LoadFile(missing)).Problems.ShouldHaveSingleItem();
        (p.Path, p.Line, p.Column).ShouldBe(("extends", 1, 10));
        p.Message.ShouldStartWith("cannot read the policy it extends, 'nowhere.yaml'");

        // Text (the web service's policy check) may extend the built-in policy, never read a file.
        PolicyLoader.Load(new StringReader("extends: builtin\nname: x\n"), "request").Name.ShouldBe("x");
        Should.Throw<PolicyException>(() => PolicyLoader.Load(new StringReader($"extends: {loop}\n"), "request"))
            .Problems.ShouldHaveSingleItem().Message.ShouldContain("only 'builtin' can be extended here");
    }

    [Fact]
    public void A_policy_without_extends_still_needs_every_section()
    {
        Should.Throw<PolicyException>(() => PolicyLoader.LoadFile(Write("partial.yaml", "name: x\n")))
            .Problems.ShouldContain(p => p.Message == "missing section 'priority'.");
    }
}
