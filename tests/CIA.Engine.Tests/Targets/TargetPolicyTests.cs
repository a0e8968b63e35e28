using System.Collections.Immutable;
using CIA.Engine.Domain;
using CIA.Engine.Policy;
using CIA.Engine.Targets;

namespace CIA.Engine.Tests.Targets;

/// <summary>The target model of the policy file: the built-in targets, and every new key's errors with their place in the file.</summary>
public class TargetPolicyTests
{
    private static readonly CiaPolicy Default = PolicyLoader.LoadDefault();

    private static AllocationTarget T(string id) => Default.Targets.Single(t => t.Id == id);

    [Fact]
    public void The_built_in_targets()
    {
        Default.Targets.Select(t => (t.Id, t.Measure, t.Dwellings, t.Per, t.Kind)).ShouldBe([
            ("cia-priority-share", TargetMeasure.Priority, DwellingScope.All, TargetPer.Reservataire, TargetKind.Minimum),
            ("prefect-contingent-priority", TargetMeasure.Priority, DwellingScope.All, TargetPer.Total, TargetKind.Minimum),
            ("prefect-state-agents", TargetMeasure.StateAgents, DwellingScope.All, TargetPer.Total, TargetKind.Maximum),
            ("lec-statutory-priority", TargetMeasure.PrefectoralCriteria, DwellingScope.All, TargetPer.Reservataire, TargetKind.Minimum),
            ("lec-outside-qpv", TargetMeasure.FirstQuartileOrRelocated, DwellingScope.OutsideQpv, TargetPer.Total, TargetKind.Minimum),
            ("lec-in-qpv", TargetMeasure.QuartilesTwoToFour, DwellingScope.InQpv, TargetPer.Total, TargetKind.Minimum),
            ("qpv-diversification", TargetMeasure.TargetHousehold, DwellingScope.InQpv, TargetPer.Total, TargetKind.Band),
            ("rebalancing-accessible", TargetMeasure.Priority, DwellingScope.RebalancingStock, TargetPer.Total, TargetKind.Indicator),
            ("rebalancing-non-fragile", TargetMeasure.Priority, DwellingScope.NonFragileOutsideQpv, TargetPer.Total, TargetKind.Indicator)]);

        T("cia-priority-share").Reservataires.ShouldBe([Reservataire.Landlord, Reservataire.Commune, Reservataire.ActionLogement]);
        T("cia-priority-share").Min.ShouldBe(new Rate(0.25m));
        T("prefect-contingent-priority").Reservataires.ShouldBe([Reservataire.Prefecture]);
        T("prefect-contingent-priority").Min.ShouldBe(new Rate(1m));
        T("prefect-state-agents").Reservataires.ShouldBe([Reservataire.Prefecture, Reservataire.StateAgents]);
        (T("prefect-state-agents").Min, T("prefect-state-agents").Max).ShouldBe((null, new Rate(0.05m)));
        T("lec-statutory-priority").Criteria.ShouldBe(PrefectoralCriteria.Dalo | PrefectoralCriteria.L441Dash1Public);
        T("lec-statutory-priority").Reservataires.ShouldBe([Reservataire.Commune, Reservataire.ActionLogement, Reservataire.Landlord]);
        T("lec-outside-qpv").Relocations.ShouldBe([UrbanRenewal.Anru, UrbanRenewal.NonAnru]);
        T("lec-outside-qpv").Breakdown.ShouldBe(TargetBreakdown.Total | TargetBreakdown.Landlord);
        T("lec-outside-qpv").Reservataires.ShouldBeEmpty(); // every réservataire
        T("lec-in-qpv").Min.ShouldBe(new Rate(0.50m));
        T("qpv-diversification").Breakdown.ShouldBe(TargetBreakdown.Total | TargetBreakdown.Qpv);
        T("rebalancing-accessible").CompareTo.ShouldBe(TargetComparison.MobilisableCapacity);
        T("rebalancing-non-fragile").Breakdown.ShouldBe(TargetBreakdown.Total | TargetBreakdown.Commune);
    }

    [Fact]
    public void Every_built_in_target_cites_a_cia_section_or_a_cch_article()
    {
        foreach (var t in Default.Targets)
        {
            (t.Reference.Contains("Nantes CIA", StringComparison.Ordinal) || t.Reference.Contains("CCH ", StringComparison.Ordinal)).ShouldBeTrue(t.Id);
            t.Reference.ShouldNotContain("REFERENCE");
            t.Reference.ShouldNotContain("DOMAIN");
        }

        T("cia-priority-share").Reference.ShouldBe("Nantes CIA Axe I §2");
        T("prefect-state-agents").Reference.ShouldBe("Nantes CIA Axe I §2; CCH R441-5");
        T("lec-statutory-priority").Reference.ShouldContain("CCH L313-26-2");
        T("qpv-diversification").Reference.ShouldBe("Nantes CIA Axe II §4");
    }

    [Fact]
    public void Relocations_default_to_both_kinds_when_omitted_and_can_be_narrowed()
    {
        var omitted = Load(PolicyLoader.DefaultYaml().Replace("    relocations: [anru, non_anru]\n", string.Empty, StringComparison.Ordinal));
        omitted.Targets.Single(t => t.Id == "lec-outside-qpv").Relocations.ShouldBe(AllocationTarget.DefaultRelocations);
        AllocationTarget.DefaultRelocations.ShouldBe([UrbanRenewal.Anru, UrbanRenewal.NonAnru]);

        var narrow = Load(PolicyLoader.DefaultYaml().Replace("relocations: [anru, non_anru]", "relocations: [anru]", StringComparison.Ordinal));
        narrow.Targets.Single(t => t.Id == "lec-outside-qpv").Relocations.ShouldBe([UrbanRenewal.Anru]);
        // Other measures get no relocation kinds.
        narrow.Targets.Where(t => t.Measure != TargetMeasure.FirstQuartileOrRelocated).ShouldAllBe(t => t.Relocations.IsEmpty);
    }

    [Theory]
    // per: reservataire on a target without a réservataire list (lec-in-qpv)
    [InlineData("    measure: quartiles_2_to_4\n", "    measure: quartiles_2_to_4\n    per: reservataire\n", "targets[5].per", "per: reservataire", "needs the list")]
    // criteria with another measure
    [InlineData("    measure: quartiles_2_to_4\n", "    measure: quartiles_2_to_4\n    criteria: [dalo]\n", "targets[5].criteria", "criteria: [dalo]", "only read by measure prefectoral_criteria")]
    // relocations with another measure
    [InlineData("    measure: quartiles_2_to_4\n", "    measure: quartiles_2_to_4\n    relocations: [anru]\n", "targets[5].relocations", "relocations: [anru]", "only read by measure first_quartile_or_relocated")]
    // an empty relocations list with its measure
    [InlineData("relocations: [anru, non_anru]", "relocations: []", "targets[4].relocations", "relocations: []", "at least one relocation kind")]
    // an empty criteria list with its measure
    [InlineData("criteria: [dalo, l441_1]", "criteria: []", "targets[3].criteria", "criteria: []", "at least one préfet's criterion")]
    // compare_to on a bounded target
    [InlineData("    min: 0.50\n", "    min: 0.50\n    compare_to: mobilisable_capacity\n", "targets[5].compare_to", "compare_to: mobilisable_capacity", "is for indicators")]
    // a share above 1
    [InlineData("    max: 0.05\n", "    max: 1.05\n", "targets[2].max", "max: 1.05", "between 0 and 1")]
    // not kebab-case
    [InlineData("id: lec-in-qpv", "id: lec--in-qpv", "targets[5].id", "id: lec--in-qpv", "kebab-case")]
    [InlineData("id: lec-in-qpv", "id: Lec-In-QPV", "targets[5].id", "id: Lec-In-QPV", "kebab-case")]
    // the State agents' measure on a denominator without them
    [InlineData("reservataires: [prefecture, state_agents]", "reservataires: [prefecture]", "targets[2].reservataires", "reservataires: [prefecture]", "must include state_agents")]
    public void Meaning_errors_of_the_new_keys_are_placed_in_the_file(string find, string replace, string path, string lineText, string message)
    {
        var yaml = Replace(find, replace);
        var problem = Should.Throw<PolicyException>(() => Load(yaml)).Problems.ShouldHaveSingleItem();
        problem.Path.ShouldBe(path);
        problem.Message.ShouldContain(message);
        problem.Column.ShouldBeGreaterThan(0);
        yaml.Split('\n')[problem.Line - 1].ShouldContain(lineText);
    }

    [Fact]
    public void A_target_with_neither_bound_nor_compare_to_is_placed_at_the_target()
    {
        // Remove compare_to from the last target (rebalancing-non-fragile, targets[8]).
        var yaml = PolicyLoader.DefaultYaml();
        var last = yaml.LastIndexOf("    compare_to: mobilisable_capacity\n", StringComparison.Ordinal);
        yaml = yaml.Remove(last, "    compare_to: mobilisable_capacity\n".Length);
        var problem = Should.Throw<PolicyException>(() => Load(yaml)).Problems.ShouldHaveSingleItem();
        problem.Path.ShouldBe("targets[8]");
        problem.Message.ShouldContain("has no bound");
        yaml.Split('\n')[problem.Line - 1].ShouldContain("id: rebalancing-non-fragile");
    }

    [Fact]
    public void A_prefectoral_criteria_target_without_criteria_is_placed_at_the_target()
    {
        var yaml = Replace("    criteria: [dalo, l441_1]\n", string.Empty);
        var problem = Should.Throw<PolicyException>(() => Load(yaml)).Problems.ShouldHaveSingleItem();
        problem.Path.ShouldBe("targets[3].criteria");
        yaml.Split('\n')[problem.Line - 1].ShouldContain("id: lec-statutory-priority");
    }

    [Fact]
    public void Shape_errors_of_the_new_keys_are_reported_with_line_and_column()
    {
        var yaml = Replace("    compare_to: mobilisable_capacity\n", "    compare_to: capacity\n", once: true)
            .Replace("    per: reservataire\n    min: 0.25\n", "    per: partner\n    min: 0.25\n", StringComparison.Ordinal)
            .Replace("criteria: [dalo, l441_1]", "criteria: [dalo, homeless]", StringComparison.Ordinal)
            .Replace("relocations: [anru, non_anru]", "relocations: [anru, orcod]", StringComparison.Ordinal)
            .Replace("breakdown: [total, qpv]", "breakdown: [total, district]", StringComparison.Ordinal)
            .Replace("    max: 0.05\n", "    max: 0.05\n    min_of_capacity: 1.00\n", StringComparison.Ordinal);
        var e = Should.Throw<PolicyException>(() => Load(yaml));
        // All at once, in file order.
        e.Problems.Select(p => p.Path).ShouldBe([
            "targets[0].per", "targets[2].min_of_capacity", "targets[3].criteria[1]", "targets[3].per", "targets[4].relocations[1]", "targets[6].breakdown[1]", "targets[7].compare_to"]);
        e.Problems.ShouldAllBe(p => p.Line > 0 && p.Column > 0);
        var lines = yaml.Split('\n');
        lines[e.Problems.Single(p => p.Path == "targets[7].compare_to").Line - 1].ShouldContain("compare_to: capacity");
        e.Problems.Single(p => p.Path == "targets[7].compare_to").Message.ShouldContain("mobilisable_capacity");
        e.Problems.Single(p => p.Path == "targets[2].min_of_capacity").Message.ShouldContain("unknown key 'min_of_capacity'");
        e.Problems.Single(p => p.Path == "targets[6].breakdown[1]").Message.ShouldContain("total, reservataire, landlord, commune, qpv");
        lines[e.Problems.Single(p => p.Path == "targets[4].relocations[1]").Line - 1].ShouldContain("orcod");
    }

    [Fact]
    public void Policies_built_in_code_are_checked_too()
    {
        var t = T("lec-in-qpv");
        Problems(t with { Per = TargetPer.Reservataire }).ShouldBe(["targets[0].per"]);
        Problems(t with { Min = null }).ShouldBe(["targets[0]"]);
        Problems(t with { Min = null, CompareTo = TargetComparison.MobilisableCapacity }).ShouldBeEmpty(); // an indicator
        Problems(t with { Min = new Rate(0.5m), Max = new Rate(0.4m) }).ShouldBe(["targets[0].max"]); // empty band
        Problems(t with { Min = new Rate(0.3m), Max = new Rate(0.3m) }).ShouldBeEmpty(); // a band of one point is not empty
        Problems(t with { Relocations = [UrbanRenewal.Anru] }).ShouldBe(["targets[0].relocations"]);
        Problems(t with { Criteria = PrefectoralCriteria.Dalo }).ShouldBe(["targets[0].criteria"]);
        Problems(t with { Reservataires = [Reservataire.Commune, Reservataire.Commune] }).ShouldBe(["targets[0].reservataires"]);
        Problems(t with { Reservataires = [Reservataire.None] }).ShouldBe(["targets[0].reservataires"]);
        Problems(t with { Breakdown = TargetBreakdown.None }).ShouldBe(["targets[0].breakdown"]);
        Problems(t with { Id = "-lec" }).ShouldBe(["targets[0].id"]);
        Problems(t with { Id = "lec-" }).ShouldBe(["targets[0].id"]);
        Problems(t with { Id = "lec-2017" }).ShouldBeEmpty();
        Problems(t with { Reference = " " }).ShouldBe(["targets[0].reference"]);
        Problems(t with { Measure = TargetMeasure.FirstQuartileOrRelocated }).ShouldBe(["targets[0].relocations"]); // no default in code
        Problems(t with { Measure = TargetMeasure.FirstQuartileOrRelocated, Relocations = [UrbanRenewal.None] }).ShouldBe(["targets[0].relocations"]);
        Problems(t with { Measure = (TargetMeasure)42 }).ShouldBe(["targets[0].measure"]);
        Problems(t, t).ShouldBe(["targets[1].id"]);
    }

    [Fact]
    public void At_most_64_targets()
    {
        var t = T("lec-in-qpv");
        var many = Enumerable.Range(0, 65).Select(i => t with { Id = $"target-{i}" }).ToArray();
        Problems(many).ShouldBe(["targets"]);
        Problems(many[..64]).ShouldBeEmpty();
        Should.Throw<PolicyException>(() => new TargetEvaluator(Default with { Targets = [.. many] }));

        // 64 targets use every bit of the masks: the last one counts too.
        var evaluator = new TargetEvaluator(Default with { Targets = [.. many[..64]] });
        var f = new TargetFixture();
        var facts = f.Facts(Households.Plain, Dwellings.InQpv, Reservataire.Landlord);
        var hits = evaluator.Evaluate(in facts);
        (hits.InDenominator, hits.InNumerator).ShouldBe((ulong.MaxValue, ulong.MaxValue)); // quartile 2 in QPV: all 64
        var tally = evaluator.CreateTally();
        tally.Add(hits, new BreakdownKeys(Reservataire.Landlord, 0, 0, 0));
        tally.Results()[63].Overall.Numerator.ShouldBe(1);
    }

    [Fact]
    public void The_policy_without_targets_is_valid_and_evaluates_to_nothing()
    {
        var evaluator = new TargetEvaluator(Default with { Targets = [] });
        var f = new TargetFixture();
        var facts = f.Facts(Households.Plain, Dwellings.InQpv, Reservataire.Landlord);
        evaluator.Evaluate(in facts).ShouldBe(new TargetHits(0, 0));
        evaluator.Explain(in facts).ShouldBeEmpty();
        evaluator.CreateTally().Results().ShouldBeEmpty();
    }

    private static string Replace(string find, string replace, bool once = false)
    {
        var yaml = PolicyLoader.DefaultYaml();
        var i = yaml.IndexOf(find, StringComparison.Ordinal);
        i.ShouldBeGreaterThanOrEqualTo(0, $"'{find}' is not in the built-in policy");
        return once || yaml.IndexOf(find, i + 1, StringComparison.Ordinal) < 0
            ? yaml.Remove(i, find.Length).Insert(i, replace)
            : throw new InvalidOperationException($"'{find}' occurs more than once in the built-in policy.");
    }

    private static CiaPolicy Load(string yaml) => PolicyLoader.Load(new StringReader(yaml), "targets.yaml");

    private static string[] Problems(params AllocationTarget[] targets) =>
        [.. PolicyValidator.Validate(Default with { Targets = ImmutableArray.Create(targets) }).Select(p => p.Path)];
}
