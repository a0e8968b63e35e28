using CIA.Engine.Domain;
using CIA.Engine.Policy;
using CIA.Engine.Stock;
using CIA.Engine.Targets;

namespace CIA.Engine.Tests.Targets;

/// <summary>Where single allocations count in the built-in targets, each expectation worked out from the target's definition.</summary>
public class TargetEvaluatorTests
{
    private readonly TargetFixture _f = new();

    [Fact]
    public void A_dalo_household_housed_by_a_commune_outside_qpv()
    {
        // Commune → cia-priority-share and lec-statutory-priority (both list commune); not the préfet's two.
        // Outside QPV → lec-outside-qpv; non-fragile and accessible → both rebalancing indicators; not the QPV ones.
        // Numerators: priority (criterion 1, DALO) → cia-priority-share and both rebalancing; DALO → statutory;
        // quartile 2 and not relocated → not lec-outside-qpv.
        var hits = _f.Hits(Households.Dalo, Dwellings.Accessible, Reservataire.Commune);
        _f.Ids(hits.InDenominator).ShouldBe(["cia-priority-share", "lec-statutory-priority", "lec-outside-qpv", "rebalancing-accessible", "rebalancing-non-fragile"]);
        _f.Ids(hits.InNumerator).ShouldBe(["cia-priority-share", "lec-statutory-priority", "rebalancing-accessible", "rebalancing-non-fragile"]);
    }

    [Fact]
    public void A_state_agent_housed_on_the_prefect_contingent_counts_in_the_5_percent_not_in_the_100_percent()
    {
        // Imputed to state_agents: outside prefect-contingent-priority (prefecture only) and outside the partners'
        // targets; inside prefect-state-agents (prefecture + state_agents), in its numerator.
        // In QPV → lec-in-qpv (quartile 4 counts) and qpv-diversification (tax 10 000: not a ménage cible).
        var hits = _f.Hits(Households.Wealthy, Dwellings.InQpv, Reservataire.StateAgents);
        _f.Ids(hits.InDenominator).ShouldBe(["prefect-state-agents", "lec-in-qpv", "qpv-diversification"]);
        _f.Ids(hits.InNumerator).ShouldBe(["prefect-state-agents", "lec-in-qpv"]);
    }

    [Fact]
    public void A_prefect_allocation_to_a_priority_household()
    {
        // Prefecture → prefect-contingent-priority (priority: yes) and prefect-state-agents (not a State agent).
        var hits = _f.Hits(Households.Dalo, Dwellings.InQpv, Reservataire.Prefecture);
        _f.Ids(hits.InDenominator).ShouldBe(["prefect-contingent-priority", "prefect-state-agents", "lec-in-qpv", "qpv-diversification"]);
        _f.Ids(hits.InNumerator).ShouldBe(["prefect-contingent-priority", "lec-in-qpv"]);
    }

    [Fact]
    public void A_quartile_4_household_relocated_by_anru_counts_in_the_lec_outside_qpv_numerator()
    {
        // Quartile 4 (24 000 €/UC) but relocated (anru, listed) → in lec-outside-qpv's numerator.
        // Fragile programme → neither rebalancing indicator. Landlord → the partners' targets; priority by
        // criterion 3 → cia-priority-share; no DALO / L441-1 → not the statutory numerator.
        var hits = _f.Hits(Households.RelocatedAnru, Dwellings.Fragile, Reservataire.Landlord);
        _f.Ids(hits.InDenominator).ShouldBe(["cia-priority-share", "lec-statutory-priority", "lec-outside-qpv"]);
        _f.Ids(hits.InNumerator).ShouldBe(["cia-priority-share", "lec-outside-qpv"]);
    }

    [Fact]
    public void A_non_anru_relocation_counts_only_when_the_setting_lists_it()
    {
        var index = _f.Evaluator.IndexOf("lec-outside-qpv");
        // Built-in setting: relocations [anru, non_anru] → counts.
        _f.Hits(Households.RelocatedNonAnru, Dwellings.Fragile, Reservataire.Landlord).CountsInNumeratorOf(index).ShouldBeTrue();

        // Narrow reading: [anru] only → the same quartile-4 household is in the denominator, not the numerator.
        var narrow = new TargetFixture(WithRelocations(_f.Policy, [UrbanRenewal.Anru]));
        var hits = narrow.Hits(Households.RelocatedNonAnru, Dwellings.Fragile, Reservataire.Landlord);
        hits.CountsIn(index).ShouldBeTrue();
        hits.CountsInNumeratorOf(index).ShouldBeFalse();
        narrow.Hits(Households.RelocatedAnru, Dwellings.Fragile, Reservataire.Landlord).CountsInNumeratorOf(index).ShouldBeTrue();
        narrow.Explain(Households.RelocatedNonAnru, Dwellings.Fragile, Reservataire.Landlord, "lec-outside-qpv").Reason
            .ShouldBe("in the denominator (dwelling outside QPV, imputed to landlord) but not in the numerator: quartile 4 household; relocated by urban renewal (non_anru), a kind the target does not count");
    }

    [Fact]
    public void A_first_quartile_household_labelled_by_a_reservataire_counts_for_the_lec_but_is_not_priority()
    {
        // Quartile 1 (9 600 ≤ 10 900) → lec-outside-qpv numerator; labelled by Action Logement → not priority.
        var hits = _f.Hits(Households.FirstQuartileLabelled, Dwellings.Accessible, Reservataire.ActionLogement);
        _f.Ids(hits.InNumerator).ShouldBe(["lec-outside-qpv"]);
    }

    [Fact]
    public void The_statutory_target_counts_dalo_and_l441_1_only_where_the_cia_target_counts_every_priority_household()
    {
        var cia = _f.Evaluator.IndexOf("cia-priority-share");
        var lec = _f.Evaluator.IndexOf("lec-statutory-priority");
        // CHRS exit: priority (criterion 1) but neither DALO nor L441-1 as declared.
        var chrs = _f.Hits(Households.ChrsExit, Dwellings.InQpv, Reservataire.ActionLogement);
        (chrs.CountsInNumeratorOf(cia), chrs.CountsInNumeratorOf(lec)).ShouldBe((true, false));
        // L441-1 public: both.
        var l441 = _f.Hits(Households.L441Public, Dwellings.InQpv, Reservataire.ActionLogement);
        (l441.CountsInNumeratorOf(cia), l441.CountsInNumeratorOf(lec)).ShouldBe((true, true));
        // Mutation for health: priority (criterion 2), not statutory.
        var mutation = _f.Hits(A.Household(monthly: 1000m, isMutation: true, mutationReason: MutationReason.Health), Dwellings.InQpv, Reservataire.Landlord);
        (mutation.CountsInNumeratorOf(cia), mutation.CountsInNumeratorOf(lec)).ShouldBe((true, false));
    }

    [Fact]
    public void The_statutory_target_reads_the_declared_criteria_even_when_the_cia_definition_drops_them()
    {
        // A CIA whose criterion 1 counts only DALO: the L441-1 household is no longer priority, but the law's
        // 25 % still counts it.
        var p = PolicyLoader.LoadDefault();
        var f = new TargetFixture(p with { Priority = p.Priority with { PrefectoralCriteria = PrefectoralCriteria.Dalo } });
        var hits = f.Hits(Households.L441Public, Dwellings.InQpv, Reservataire.Commune);
        f.Ids(hits.InNumerator).ShouldBe(["lec-statutory-priority", "lec-in-qpv"]);
    }

    [Fact]
    public void The_two_rebalancing_indicators_differ_by_the_rent()
    {
        // Priority household (quartile 1, criterion 4) outside QPV, non-fragile:
        // accessible or potentially accessible → both; rent beyond the margin → only the non-fragile one;
        // fragile programme or QPV → neither.
        string[] both = ["rebalancing-accessible", "rebalancing-non-fragile"];
        Rebalancing(Dwellings.Accessible).ShouldBe(both);
        Rebalancing(Dwellings.PotentiallyAccessible).ShouldBe(both);
        Rebalancing(Dwellings.Expensive).ShouldBe(["rebalancing-non-fragile"]);
        Rebalancing(Dwellings.Fragile).ShouldBeEmpty();
        Rebalancing(Dwellings.InQpv).ShouldBeEmpty();

        string[] Rebalancing(DwellingClassification d) =>
            [.. _f.Ids(_f.Hits(Households.FirstQuartile, d, Reservataire.Landlord).InNumerator).Where(id => id.StartsWith("rebalancing", StringComparison.Ordinal))];
    }

    [Fact]
    public void Ménages_cibles_count_in_the_qpv_band_and_quartiles_2_to_4_in_the_lec_in_qpv()
    {
        var hits = _f.Hits(Households.TargetHousehold, Dwellings.InQpv, Reservataire.Landlord);
        _f.Ids(hits.InNumerator).ShouldBe(["lec-in-qpv", "qpv-diversification"]);
        // Quartile 1 in QPV: in both denominators, in neither numerator (and priority for the partners' share).
        var poor = _f.Hits(Households.FirstQuartile, Dwellings.InQpv, Reservataire.Landlord);
        _f.Ids(poor.InDenominator).ShouldContain("lec-in-qpv");
        _f.Ids(poor.InNumerator).ShouldBe(["cia-priority-share"]);
    }

    [Fact]
    public void An_allocation_without_a_reservataire_counts_only_in_targets_over_all_reservataires()
    {
        // Réservataire None: only targets without a réservataire filter (LEC outside QPV, rebalancing) count it.
        var hits = _f.Hits(Households.Plain, Dwellings.Accessible, Reservataire.None);
        _f.Ids(hits.InDenominator).ShouldBe(["lec-outside-qpv", "rebalancing-accessible", "rebalancing-non-fragile"]);
        hits.InNumerator.ShouldBe(0UL);
    }

    [Fact]
    public void Explain_gives_the_reason_and_reference_of_every_target()
    {
        var facts = _f.Facts(Households.Wealthy, Dwellings.InQpv, Reservataire.StateAgents);
        var e = _f.Evaluator.Explain(in facts);
        e.Select(x => x.Target.Id).ShouldBe(_f.Evaluator.Targets.Select(t => t.Id));
        e[0].Reason.ShouldBe("not counted: imputed to state_agents, not one of the target's réservataires (landlord, commune, action_logement)");
        e[1].InDenominator.ShouldBeFalse();
        e[2].ToString().ShouldBe("prefect-state-agents: in the denominator (any dwelling, imputed to state_agents) and in the numerator: imputed to the State agents' share (Nantes CIA Axe I §2; CCH R441-5)");
        e[4].Reason.ShouldBe("not counted: the dwelling is in a QPV; the target counts dwellings outside QPV");
        e[5].Reason.ShouldBe("in the denominator (dwelling in a QPV, imputed to state_agents) and in the numerator: quartile 4 household");
        e[6].Reason.ShouldBe("in the denominator (dwelling in a QPV, imputed to state_agents) but not in the numerator: not a ménage cible");
        e[7].Reason.ShouldBe("not counted: the dwelling is in a QPV; the target counts the non-fragile stock outside QPV");
    }

    [Fact]
    public void Explain_names_the_measure_and_the_scope()
    {
        _f.Explain(Households.FirstQuartile, Dwellings.Accessible, Reservataire.Landlord, "cia-priority-share").Reason
            .ShouldBe("in the denominator (any dwelling, imputed to landlord) and in the numerator: a priority household (criteria: first_quartile)");
        _f.Explain(Households.ChrsExit, Dwellings.Accessible, Reservataire.Commune, "lec-statutory-priority").Reason
            .ShouldBe("in the denominator (any dwelling, imputed to commune) but not in the numerator: meets none of dalo|l441_1 (declares chrs_exit)");
        _f.Explain(Households.RelocatedAnru, Dwellings.Accessible, Reservataire.Commune, "lec-outside-qpv").Reason
            .ShouldBe("in the denominator (dwelling outside QPV, imputed to commune) and in the numerator: quartile 4 household relocated by urban renewal (anru)");
        _f.Explain(Households.FirstQuartile, Dwellings.PotentiallyAccessible, Reservataire.Commune, "rebalancing-accessible").Reason
            .ShouldBe("in the denominator (dwelling outside QPV in a programme that does not count as fragile, rent potentially accessible (within the margin above the APL ceiling), imputed to commune) and in the numerator: a priority household (criteria: first_quartile)");
        _f.Explain(Households.FirstQuartile, Dwellings.Expensive, Reservataire.Commune, "rebalancing-accessible").Reason
            .ShouldStartWith("not counted: the rent is neither accessible nor potentially accessible");
        _f.Explain(Households.FirstQuartile, Dwellings.Fragile, Reservataire.Commune, "rebalancing-non-fragile").Reason
            .ShouldBe("not counted: the dwelling's programme counts as fragile (fragile); the target counts the non-fragile stock outside QPV");
        _f.Explain(Households.Dalo, Dwellings.InQpv, Reservataire.Prefecture, "prefect-state-agents").Reason
            .ShouldBe("in the denominator (any dwelling, imputed to prefecture) but not in the numerator: imputed to prefecture, not to the State agents' share");
    }

    [Fact]
    public void Explain_agrees_with_evaluate_on_every_combination()
    {
        var households = new[] { Households.Plain, Households.FirstQuartile, Households.FirstQuartileLabelled, Households.TargetHousehold, Households.Dalo, Households.ChrsExit, Households.RelocatedAnru, Households.RelocatedNonAnru };
        var dwellings = new[] { Dwellings.Accessible, Dwellings.PotentiallyAccessible, Dwellings.Expensive, Dwellings.Fragile, Dwellings.InQpv };
        var checkedCount = 0;
        foreach (var h in households)
        {
            foreach (var d in dwellings)
            {
                foreach (var r in Enum.GetValues<Reservataire>())
                {
                    var facts = _f.Facts(h, d, r);
                    var hits = _f.Evaluator.Evaluate(in facts);
                    var e = _f.Evaluator.Explain(in facts);
                    for (var i = 0; i < e.Length; i++)
                    {
                        e[i].InDenominator.ShouldBe(hits.CountsIn(i));
                        e[i].InNumerator.ShouldBe(hits.CountsInNumeratorOf(i));
                        checkedCount++;
                    }

                    (hits.InNumerator & ~hits.InDenominator).ShouldBe(0UL); // the numerator is within the denominator
                }
            }
        }

        checkedCount.ShouldBe(8 * 5 * 7 * 9);
    }

    [Fact]
    public void Evaluate_allocates_nothing()
    {
        var facts = new[]
        {
            _f.Facts(Households.Dalo, Dwellings.Accessible, Reservataire.Commune),
            _f.Facts(Households.Wealthy, Dwellings.InQpv, Reservataire.StateAgents),
            _f.Facts(Households.RelocatedNonAnru, Dwellings.Fragile, Reservataire.Landlord),
            _f.Facts(Households.TargetHousehold, Dwellings.InQpv, Reservataire.Prefecture),
        };
        var evaluator = _f.Evaluator;
        var sink = 0;
        for (var i = 0; i < 100; i++)
        {
            sink += evaluator.Evaluate(in facts[i % facts.Length]).DenominatorCount; // warm up (JIT, tiering)
        }

        const int calls = 10_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            sink += evaluator.Evaluate(in facts[i % facts.Length]).DenominatorCount;
        }

        // Whole bytes per call, on average: any allocation in Evaluate would cost at least one object header
        // (24 bytes) per call, while the runtime may put a few dozen bytes on the thread once over the loop
        // (tiered compilation in Release), which must not fail the test.
        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / calls;
        perCall.ShouldBe(0L);
        // Denominator counts: 5 (commune DALO), 3 (State agent in QPV), 3 (landlord, fragile outside QPV), 4 (préfet in QPV);
        // 10 100 calls = 2 525 rounds of the four → 2 525 × 15.
        sink.ShouldBe(2525 * 15);
    }

    [Fact]
    public void An_invalid_policy_is_refused()
    {
        var p = PolicyLoader.LoadDefault();
        var bad = p with { Targets = [p.Targets[0] with { Min = new Rate(1.5m) }] };
        Should.Throw<PolicyException>(() => new TargetEvaluator(bad)).Problems.Single().Path.ShouldBe("targets[0].min");
        Should.Throw<KeyNotFoundException>(() => _f.Evaluator.IndexOf("no-such-target"));
    }

    internal static CiaPolicy WithRelocations(CiaPolicy p, System.Collections.Immutable.ImmutableArray<UrbanRenewal> relocations) =>
        p with { Targets = [.. p.Targets.Select(t => t.Id == "lec-outside-qpv" ? t with { Relocations = relocations } : t)] };
}
