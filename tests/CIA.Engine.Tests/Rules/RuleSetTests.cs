using CIA.Engine.Rules;

namespace CIA.Engine.Tests.Rules;

public class RuleSetTests
{
    private readonly record struct Person(int Age);

    [Fact]
    public void Evaluate_returns_the_rules_that_fired_and_explain_gives_their_reasons()
    {
        var b = new RuleSetBuilder<Person>("people");
        b.Rule("ADULT").Title("Adult").Reference("Code civil art. 414").When(static (in Person p) => p.Age >= 18).Because(static (in Person p) => $"aged {p.Age}");
        b.Rule("SENIOR").Title("Senior").Reference("none").When(static (in Person p) => p.Age >= 65).Because(static (in Person _) => "65+");
        var set = b.Build();

        var fired = set.Evaluate(new Person(30));
        fired.Contains(set.IndexOf("ADULT")).ShouldBeTrue();
        fired.Contains(set.IndexOf("SENIOR")).ShouldBeFalse();
        var explained = set.Explain(new Person(30), fired);
        explained.Single().ShouldSatisfyAllConditions(
            f => f.Rule.Id.ShouldBe("ADULT"),
            f => f.Reason.ShouldBe("aged 30"),
            f => f.Rule.Reference.ShouldBe("Code civil art. 414"));
        set.FiredIds(set.Evaluate(new Person(70))).ShouldBe("ADULT|SENIOR");
    }

    [Fact]
    public void Build_reports_every_problem_at_once()
    {
        var b = new RuleSetBuilder<Person>("broken");
        b.Rule("OK").Title("t").Reference("r").When(static (in Person _) => true).Because(static (in Person _) => "x");
        b.Rule("OK").Title("t").Reference("r").When(static (in Person _) => true).Because(static (in Person _) => "x");
        b.Rule("bad id").Title("t").Reference("r").When(static (in Person _) => true).Because(static (in Person _) => "x");
        b.Rule("NO-REF").Title("t").When(static (in Person _) => true);

        var e = Should.Throw<RuleSetValidationException>(b.Build);
        e.Problems.Count.ShouldBe(4);
        e.Problems.ShouldContain(p => p.Contains("used twice"));
        e.Problems.ShouldContain(p => p.Contains("upper-case"));
        e.Problems.ShouldContain(p => p.Contains("no reference"));
        e.Problems.ShouldContain(p => p.Contains("no reason"));
    }

    [Fact]
    public void A_rule_set_holds_at_most_64_rules()
    {
        var b = new RuleSetBuilder<Person>("big");
        for (var i = 0; i < 65; i++)
        {
            b.Rule($"R{i}").Title("t").Reference("r").When(static (in Person _) => true).Because(static (in Person _) => "x");
        }

        Should.Throw<RuleSetValidationException>(b.Build).Problems.ShouldContain(p => p.Contains("at most 64"));
    }
}
