namespace CIA.Cli.Tests;

/// <summary>Scenarios (<c>--policy</c> a file with <c>extends:</c>) and <c>--set</c> on the command line.</summary>
public sealed class ScenarioCliTests : IDisposable
{
    private readonly TempFolder _temp = new("cia-scenario-cli-");

    public void Dispose() => _temp.Dispose();

    private string Write(string name, string text) => _temp.Write(name, text);

    [Fact]
    public void A_three_line_scenario_and_the_same_set_simulate_the_same_year()
    {
        var scenario = Write("lec30.yaml", "extends: builtin\nname: LEC 30 %\ntargets: {lec-outside-qpv: {min: 0.30}}\n");
        var fromFile = Cli.Run("simulate", "-p", scenario);
        fromFile.Code.ShouldBe(0, fromFile.Err);
        fromFile.Out.ShouldContain("under the policy 'LEC 30 %'");
        var lines = fromFile.Out.Split('\n').Where(l => l.TrimStart().StartsWith("lec-outside-qpv ", StringComparison.Ordinal)).ToList();
        lines.Count.ShouldBe(2); // the targets, and the attainability bound
        lines[0].ShouldContain("(≥ 30 %)"); // the built-in asks ≥ 25 %
        lines[1].ShouldContain("≥ 30 % asked, ");

        var fromSets = Cli.Run("simulate", "--set", "name=LEC 30 %", "--set", "targets.lec-outside-qpv.min=0.30");
        fromSets.Code.ShouldBe(0, fromSets.Err);
        fromSets.Out.ShouldBe(fromFile.Out);
    }

    [Fact]
    public void Set_ranking_is_the_same_as_the_ranking_option()
    {
        var set = Cli.Run("simulate", "--set", "simulation.ranking=cia_steered");
        set.Code.ShouldBe(0, set.Err);
        set.Out.ShouldBe(Cli.Run("simulate", "--ranking", "cia_steered").Out);
        set.Out.ShouldNotBe(Cli.Run("simulate").Out);
    }

    [Fact]
    public void Problems_of_a_scenario_and_of_sets_are_listed_together_with_where_they_are()
    {
        var scenario = Write("bad.yaml", "extends: builtin\nsimulation:\n  ranking: best\n");
        var (code, output, error) = Cli.Run("policy", "--check", scenario, "--set", "targets.lec-outside-qpv.min=abc", "--set", "oops");
        code.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldStartWith("error: the policy has 3 problem(s); nothing was written.\n");
        error.ShouldContain($"  {scenario}: line 3, column 12: simulation.ranking: 'best' is not one of: seniority, cotation, cia_steered.\n");
        error.ShouldContain("  --set 'targets.lec-outside-qpv.min=abc': targets[4].min: 'abc' is not a non-negative number");
        error.ShouldContain("  --set 'oops': (--set): expected key=value");
    }

    [Fact]
    public void Set_without_a_policy_to_check_is_a_usage_error()
    {
        var (code, output, error) = Cli.Run("policy", "--set", "name=x");
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldContain("--set overrides a key of the policy checked");
    }
}
