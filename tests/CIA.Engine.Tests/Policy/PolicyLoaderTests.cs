using CIA.Engine.Domain;
using CIA.Engine.Policy;

namespace CIA.Engine.Tests.Policy;

public class PolicyLoaderTests
{
    [Fact]
    public void The_default_is_the_nantes_cia_with_the_lec_targets()
    {
        var p = PolicyLoader.LoadDefault();
        p.Epci.Value.ShouldBe("244400404");
        p.Priority.PrefectoralCriteria.ShouldBe(PrefectoralCriteria.Dalo | PrefectoralCriteria.ChrsExit | PrefectoralCriteria.RefugeeCadaExit | PrefectoralCriteria.PrefectoralListOverOneYear | PrefectoralCriteria.L441Dash1Public);
        p.Priority.MutationReasons.ShouldBe([MutationReason.Health, MutationReason.UnderOccupation, MutationReason.OverOccupation, MutationReason.EconomicPrecarity]);
        p.Quartiles.Boundary.ShouldBe(QuartileBoundary.Inclusive);
        p.TargetHouseholds.PlusCeilingShare.ShouldBe(new Rate(0.60m));
        p.Targets.Select(t => t.Id).ShouldBe([
            "cia-priority-share", "prefect-contingent-priority", "prefect-state-agents", "lec-statutory-priority",
            "lec-outside-qpv", "lec-in-qpv", "qpv-diversification", "rebalancing-accessible", "rebalancing-non-fragile"]);
        var band = p.Targets.Single(t => t.Id == "qpv-diversification");
        (band.Min, band.Max).ShouldBe((new Rate(0.20m), new Rate(0.30m)));
        p.Targets.Single(t => t.Id == "lec-outside-qpv").Dwellings.ShouldBe(DwellingScope.OutsideQpv);
        p.Stock.RotationRate.ShouldBe(new Rate(0.114m));
        p.Stock.Diagnosis.Accessible.ShouldBe(7487);
        p.Stock.Fragility.MinDwellingsExclusive.ShouldBe(30);
    }

    [Fact]
    public void A_bad_policy_reports_every_problem_with_path_and_line()
    {
        var yaml = PolicyLoader.DefaultYaml()
            .Replace("boundary: inclusive", "boundary: sometimes", StringComparison.Ordinal)
            .Replace("rotation_rate: 0.114", "rotation_rate: lots", StringComparison.Ordinal)
            .Replace("    - health\n", "    - health\n    - boredom\n", StringComparison.Ordinal)
            .Replace("default_year: 2026", "default_year: 2026\ncolour: blue", StringComparison.Ordinal);
        var e = Should.Throw<PolicyException>(() => PolicyLoader.Load(new StringReader(yaml), "bad.yaml"));
        e.Problems.Select(p => p.Path).ShouldBe(["colour", "priority.mutation_reasons[1]", "quartiles.boundary", "stock.rotation_rate"], ignoreOrder: true);
        e.Problems.ShouldAllBe(p => p.Line > 0 && p.Column > 0);
        var lines = yaml.Split('\n');
        var boundary = e.Problems.Single(p => p.Path == "quartiles.boundary");
        lines[boundary.Line - 1].ShouldContain("boundary: sometimes");
        boundary.Message.ShouldContain("inclusive, exclusive");
        e.Message.ShouldContain("bad.yaml");
    }

    [Fact]
    public void Meaning_problems_are_placed_in_the_file_too()
    {
        var yaml = PolicyLoader.DefaultYaml()
            .Replace("    min: 0.20\n    max: 0.30", "    min: 0.40\n    max: 0.30", StringComparison.Ordinal)
            .Replace("decile: 8", "decile: 12", StringComparison.Ordinal)
            .Replace("id: lec-in-qpv", "id: lec-outside-qpv", StringComparison.Ordinal);
        var e = Should.Throw<PolicyException>(() => PolicyLoader.Load(new StringReader(yaml), "bad.yaml"));
        e.Problems.Select(p => p.Path).ShouldBe(["targets[5].id", "targets[6].max", "stock.fragility.decile"], ignoreOrder: true);
        var lines = yaml.Split('\n');
        lines[e.Problems.Single(p => p.Path == "stock.fragility.decile").Line - 1].ShouldContain("decile: 12");
    }

    [Fact]
    public void Syntax_errors_and_missing_sections_are_reported()
    {
        Should.Throw<PolicyException>(() => PolicyLoader.Load(new StringReader("name: [unclosed"), "x.yaml")).Problems.Single().Line.ShouldBeGreaterThan(0);
        var e = Should.Throw<PolicyException>(() => PolicyLoader.Load(new StringReader("name: x\nepci: \"244400404\"\ndefault_year: 2025\n"), "x.yaml"));
        e.Problems.Select(p => p.Path).ShouldBe(["priority", "quartiles", "target_households", "targets", "stock"], ignoreOrder: true);
    }

    [Fact]
    public void Policies_built_in_code_are_validated_too()
    {
        var p = PolicyLoader.LoadDefault();
        var bad = p with { Stock = p.Stock with { RotationRate = new Rate(1.5m) } };
        PolicyValidator.Validate(bad).Single().Path.ShouldBe("stock.rotation_rate");
        Should.Throw<PolicyException>(() => new CIA.Engine.Classification.HouseholdClassifier(bad, CIA.Engine.Parameters.BuiltInParameters.Create()));
    }
}
