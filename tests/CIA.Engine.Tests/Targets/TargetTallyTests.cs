using CIA.Engine.Domain;
using CIA.Engine.Policy;
using CIA.Engine.Stock;
using CIA.Engine.Targets;

namespace CIA.Engine.Tests.Targets;

/// <summary>Attainment over sets of allocations; every expected figure is counted by hand in the comments.</summary>
public class TargetTallyTests
{
    private readonly TargetFixture _f = new();

    private TargetResult Result(TargetTally tally, string id, int? capacity = null, BreakdownName? names = null) =>
        tally.Results(capacity, names)[_f.Evaluator.IndexOf(id)];

    [Theory]
    [InlineData(25, 75, TargetStatus.Met)]    // 25 / 100 = 25 % exactly: 25 ≥ 0.25 × 100 = 25 → met
    [InlineData(24, 76, TargetStatus.NotMet)] // 24 / 100 = 24 % < 25 %
    [InlineData(1, 3, TargetStatus.Met)]      // 1 / 4 = 25 % exactly
    [InlineData(1, 4, TargetStatus.NotMet)]   // 1 / 5 = 20 %
    public void Lec_outside_qpv_at_and_around_25_percent(int firstQuartile, int others, TargetStatus status)
    {
        var tally = _f.Evaluator.CreateTally();
        _f.Add(tally, firstQuartile, Households.FirstQuartileLabelled, Dwellings.Accessible, Reservataire.ActionLogement);
        _f.Add(tally, others, Households.Plain, Dwellings.Accessible, Reservataire.Landlord);
        var r = Result(tally, "lec-outside-qpv");
        r.Kind.ShouldBe(TargetKind.Minimum);
        (r.Overall.Numerator, r.Overall.Denominator, r.Overall.Status).ShouldBe((firstQuartile, firstQuartile + others, status));
        r.Overall.Share.ShouldBe((decimal)firstQuartile / (firstQuartile + others));
        r.Overall.Min.ShouldBe(new Rate(0.25m));
    }

    [Theory]
    [InlineData(20, 80, TargetStatus.Within)] // 20 % exactly: the lower bound is in the band
    [InlineData(30, 70, TargetStatus.Within)] // 30 % exactly: the upper bound is in the band
    [InlineData(1, 4, TargetStatus.Within)]   // 1 / 5 = 20 %
    [InlineData(3, 7, TargetStatus.Within)]   // 3 / 10 = 30 %
    [InlineData(19, 81, TargetStatus.Below)]  // 19 %
    [InlineData(31, 69, TargetStatus.Above)]  // 31 %: above the band, which is not a miss
    [InlineData(0, 4, TargetStatus.Below)]    // 0 %
    [InlineData(4, 0, TargetStatus.Above)]    // 100 %
    public void Qpv_diversification_is_a_band(int cibles, int others, TargetStatus status)
    {
        var tally = _f.Evaluator.CreateTally();
        _f.Add(tally, cibles, Households.TargetHousehold, Dwellings.InQpv, Reservataire.Landlord, qpv: 0);
        _f.Add(tally, others, Households.Plain, Dwellings.InQpv, Reservataire.Landlord, qpv: 0);
        var r = Result(tally, "qpv-diversification");
        r.Kind.ShouldBe(TargetKind.Band);
        (r.Overall.Numerator, r.Overall.Denominator, r.Overall.Status).ShouldBe((cibles, cibles + others, status));
        (r.Overall.Min, r.Overall.Max).ShouldBe((new Rate(0.20m), new Rate(0.30m)));
    }

    [Theory]
    [InlineData(1, 19, TargetStatus.Met)]    // 1 / 20 = 5 % exactly: 1 ≤ 0.05 × 20 = 1 → met
    [InlineData(1, 18, TargetStatus.NotMet)] // 1 / 19 = 5.26 % > 5 %
    [InlineData(5, 95, TargetStatus.Met)]    // 5 / 100
    [InlineData(6, 94, TargetStatus.NotMet)] // 6 / 100
    [InlineData(0, 10, TargetStatus.Met)]    // none at all: within the maximum
    public void State_agents_are_at_most_5_percent_of_the_prefect_allocations(int stateAgents, int prefecture, TargetStatus status)
    {
        var tally = _f.Evaluator.CreateTally();
        _f.Add(tally, stateAgents, Households.Wealthy, Dwellings.Accessible, Reservataire.StateAgents);
        _f.Add(tally, prefecture, Households.Dalo, Dwellings.Accessible, Reservataire.Prefecture);
        var agents = Result(tally, "prefect-state-agents");
        agents.Kind.ShouldBe(TargetKind.Maximum);
        (agents.Overall.Numerator, agents.Overall.Denominator, agents.Overall.Status).ShouldBe((stateAgents, stateAgents + prefecture, status));

        // The State agents are outside the 100 % target's denominator: every prefecture allocation is to a DALO
        // household, so prefecture / prefecture = 100 % → met whatever the number of State agents.
        var contingent = Result(tally, "prefect-contingent-priority");
        (contingent.Overall.Numerator, contingent.Overall.Denominator, contingent.Overall.Status).ShouldBe((prefecture, prefecture, TargetStatus.Met));
    }

    [Fact]
    public void One_prefect_allocation_to_a_non_priority_household_misses_the_100_percent()
    {
        // 9 DALO + 1 plain on the préfet's contingent: 9 / 10 < 1.00 × 10 → not met.
        var tally = _f.Evaluator.CreateTally();
        _f.Add(tally, 9, Households.Dalo, Dwellings.InQpv, Reservataire.Prefecture);
        _f.Add(tally, 1, Households.Plain, Dwellings.InQpv, Reservataire.Prefecture);
        var r = Result(tally, "prefect-contingent-priority");
        (r.Overall.Numerator, r.Overall.Denominator, r.Overall.Status).ShouldBe((9, 10, TargetStatus.NotMet));
        r.Overall.ToString().ShouldBe("9 / 10 = 90 % (≥ 100 %): not met");
    }

    [Fact]
    public void Per_reservataire_targets_judge_each_partner_and_the_total()
    {
        var tally = _f.Evaluator.CreateTally();
        // Landlord, 10: 1 DALO + 2 first quartile (priority, criterion 4) + 7 plain.
        _f.Add(tally, 1, Households.Dalo, Dwellings.Accessible, Reservataire.Landlord);
        _f.Add(tally, 2, Households.FirstQuartile, Dwellings.Accessible, Reservataire.Landlord);
        _f.Add(tally, 7, Households.Plain, Dwellings.Accessible, Reservataire.Landlord);
        // Commune, 4: 1 L441-1 public + 3 plain.
        _f.Add(tally, 1, Households.L441Public, Dwellings.InQpv, Reservataire.Commune);
        _f.Add(tally, 3, Households.Plain, Dwellings.InQpv, Reservataire.Commune);
        // Action Logement, 5: 1 DALO + 4 first quartile labelled by Action Logement (not priority).
        _f.Add(tally, 1, Households.Dalo, Dwellings.Accessible, Reservataire.ActionLogement);
        _f.Add(tally, 4, Households.FirstQuartileLabelled, Dwellings.Accessible, Reservataire.ActionLogement);
        // Préfet, 2 DALO: outside both targets.
        _f.Add(tally, 2, Households.Dalo, Dwellings.Accessible, Reservataire.Prefecture);
        tally.Allocations.ShouldBe(21);

        // CIA 25 %: landlord 3/10 = 30 % met; commune 1/4 = 25 % met (boundary); Action Logement 1/5 = 20 % not met;
        // total 5/19 = 26.3 %: 5 ≥ 0.25 × 19 = 4.75 → met.
        var cia = Result(tally, "cia-priority-share");
        cia.ByReservataire.Select(x => (x.Reservataire, x.Figure.Numerator, x.Figure.Denominator, x.Figure.Status)).ShouldBe([
            (Reservataire.Landlord, 3, 10, TargetStatus.Met),
            (Reservataire.Commune, 1, 4, TargetStatus.Met),
            (Reservataire.ActionLogement, 1, 5, TargetStatus.NotMet)]);
        (cia.Overall.Numerator, cia.Overall.Denominator, cia.Overall.Status).ShouldBe((5, 19, TargetStatus.Met));

        // Statutory 25 % (DALO / L441-1 only), listed order commune, action_logement, landlord:
        // commune 1/4 met; Action Logement 1/5 not met; landlord 1/10 not met (the first-quartile households are
        // priority for the CIA, not for the law); total 3/19 = 15.8 % < 4.75 → not met.
        var lec = Result(tally, "lec-statutory-priority");
        lec.ByReservataire.Select(x => (x.Reservataire, x.Figure.Numerator, x.Figure.Denominator, x.Figure.Status)).ShouldBe([
            (Reservataire.Commune, 1, 4, TargetStatus.Met),
            (Reservataire.ActionLogement, 1, 5, TargetStatus.NotMet),
            (Reservataire.Landlord, 1, 10, TargetStatus.NotMet)]);
        (lec.Overall.Numerator, lec.Overall.Denominator, lec.Overall.Status).ShouldBe((3, 19, TargetStatus.NotMet));

        // Targets judged on the total have no per-réservataire figures.
        Result(tally, "lec-outside-qpv").ByReservataire.ShouldBeEmpty();
    }

    [Fact]
    public void A_listed_reservataire_without_allocations_has_no_allocations()
    {
        var tally = _f.Evaluator.CreateTally();
        _f.Add(tally, 4, Households.Dalo, Dwellings.Accessible, Reservataire.Landlord);
        var cia = Result(tally, "cia-priority-share");
        cia.ByReservataire.Select(x => (x.Reservataire, x.Figure.Status, x.Figure.Share)).ShouldBe([
            (Reservataire.Landlord, TargetStatus.Met, (decimal?)1m),
            (Reservataire.Commune, TargetStatus.NoAllocations, null),
            (Reservataire.ActionLogement, TargetStatus.NoAllocations, null)]);
    }

    [Fact]
    public void Rebalancing_indicators_are_reported_against_the_mobilisable_capacity_by_commune()
    {
        // CIA Annexe 1: (7 487 + 3 405) × 11.4 % = 1 241.69 → 1 241.
        var capacity = CapacityCalculator.FromDiagnosis(_f.Policy).Mobilisable;
        capacity.ShouldBe(1241);
        var tally = _f.Evaluator.CreateTally();
        _f.Add(tally, 3, Households.FirstQuartile, Dwellings.Accessible, Reservataire.Landlord, commune: 0);
        _f.Add(tally, 1, Households.FirstQuartile, Dwellings.PotentiallyAccessible, Reservataire.Commune, commune: 1);
        _f.Add(tally, 2, Households.Plain, Dwellings.Accessible, Reservataire.ActionLogement, commune: 1);
        _f.Add(tally, 1, Households.Dalo, Dwellings.Expensive, Reservataire.Prefecture, commune: 0);
        _f.Add(tally, 5, Households.Dalo, Dwellings.InQpv, Reservataire.Prefecture, commune: 0); // in QPV: in neither
        string Names(TargetBreakdown dimension, int id) => dimension == TargetBreakdown.Commune ? (id == 0 ? "Nantes" : "Rezé") : "?";

        // Accessible part: allocations 3 + 1 + 2 = 6, priority 3 + 1 = 4; 4 / 1 241 of the capacity.
        var accessible = Result(tally, "rebalancing-accessible", capacity, Names);
        accessible.Kind.ShouldBe(TargetKind.Indicator);
        (accessible.Overall.Numerator, accessible.Overall.Denominator, accessible.Overall.Status).ShouldBe((4, 6, TargetStatus.Indicator));
        accessible.ReferenceFigure.ShouldBe(1241);
        accessible.ShareOfReference.ShouldBe(4m / 1241m);
        // By commune: Nantes 3 / 3; Rezé 1 / 3.
        accessible.Breakdown.Select(b => (b.Dimension, b.Name, b.Figure.Numerator, b.Figure.Denominator)).ShouldBe([
            (TargetBreakdown.Total, "total", 4, 6),
            (TargetBreakdown.Commune, "Nantes", 3, 3),
            (TargetBreakdown.Commune, "Rezé", 1, 3)]);
        accessible.Breakdown.ShouldAllBe(b => b.Figure.Status == TargetStatus.Indicator);

        // Whole non-fragile stock outside QPV: the expensive DALO allocation too → 5 / 7; Nantes 4 / 4, Rezé 1 / 3.
        var nonFragile = Result(tally, "rebalancing-non-fragile", capacity, Names);
        (nonFragile.Overall.Numerator, nonFragile.Overall.Denominator).ShouldBe((5, 7));
        nonFragile.ShareOfReference.ShouldBe(5m / 1241m);
        nonFragile.Breakdown.Skip(1).Select(b => (b.Key, b.Figure.Numerator, b.Figure.Denominator)).ShouldBe([(0, 4, 4), (1, 1, 3)]);

        // Without a capacity, no reference figure.
        Result(tally, "rebalancing-accessible").ReferenceFigure.ShouldBeNull();
    }

    [Fact]
    public void Breakdown_by_landlord_orders_rows_by_id_with_the_keyless_row_last()
    {
        var tally = _f.Evaluator.CreateTally();
        _f.Add(tally, 2, Households.FirstQuartile, Dwellings.Accessible, Reservataire.Landlord, landlord: 1);
        _f.Add(tally, 2, Households.Plain, Dwellings.Accessible, Reservataire.Landlord, landlord: 1);
        _f.Add(tally, 1, Households.FirstQuartile, Dwellings.Fragile, Reservataire.Commune, landlord: 0);
        _f.Add(tally, 4, Households.Plain, Dwellings.Fragile, Reservataire.Commune, landlord: 0);
        _f.Add(tally, 1, Households.Plain, Dwellings.Accessible, Reservataire.Landlord, landlord: -1);
        _f.Add(tally, 3, Households.Plain, Dwellings.InQpv, Reservataire.Landlord, landlord: 2); // in QPV: not in this target
        string Names(TargetBreakdown dimension, int id) => dimension == TargetBreakdown.Landlord ? $"Landlord {(char)('A' + id)}" : "?";

        // Outside QPV: total 3 / 10 = 30 % met; landlord 0: 1 / 5 = 20 % not met; landlord 1: 2 / 4 = 50 % met;
        // unknown landlord: 0 / 1 not met. Landlord 2 has no allocation outside QPV: no row.
        var r = Result(tally, "lec-outside-qpv", names: Names);
        r.Breakdown.Select(b => (b.Dimension, b.Key, b.Name, b.Figure.Numerator, b.Figure.Denominator, b.Figure.Status)).ShouldBe([
            (TargetBreakdown.Total, 0, "total", 3, 10, TargetStatus.Met),
            (TargetBreakdown.Landlord, 0, "Landlord A", 1, 5, TargetStatus.NotMet),
            (TargetBreakdown.Landlord, 1, "Landlord B", 2, 4, TargetStatus.Met),
            (TargetBreakdown.Landlord, -1, "none", 0, 1, TargetStatus.NotMet)]);

        // Without names, rows are named by their id.
        Result(tally, "lec-outside-qpv").Breakdown[1].Name.ShouldBe("0");
    }

    [Fact]
    public void Breakdown_by_qpv_gives_each_neighbourhood_its_band_status()
    {
        var tally = _f.Evaluator.CreateTally();
        _f.Add(tally, 1, Households.TargetHousehold, Dwellings.InQpv, Reservataire.Landlord, qpv: 2);
        _f.Add(tally, 1, Households.Plain, Dwellings.InQpv, Reservataire.Landlord, qpv: 2);
        _f.Add(tally, 1, Households.TargetHousehold, Dwellings.InQpv, Reservataire.Commune, qpv: 0);
        _f.Add(tally, 4, Households.Plain, Dwellings.InQpv, Reservataire.Commune, qpv: 0);
        string[] qpvs = ["Bellevue", "Dervallières", "Malakoff"];

        // Total 2 / 7 = 28.6 % within; QPV 0: 1 / 5 = 20 % within (boundary); QPV 2: 1 / 2 = 50 % above.
        var r = Result(tally, "qpv-diversification", names: (_, id) => qpvs[id]);
        r.Breakdown.Select(b => (b.Name, b.Figure.Numerator, b.Figure.Denominator, b.Figure.Status)).ShouldBe([
            ("total", 2, 7, TargetStatus.Within),
            ("Bellevue", 1, 5, TargetStatus.Within),
            ("Malakoff", 1, 2, TargetStatus.Above)]);
    }

    [Fact]
    public void Breakdown_by_reservataire_follows_the_enum_order()
    {
        var p = PolicyLoader.LoadDefault();
        var policy = p with { Targets = [.. p.Targets.Select(t => t.Id == "lec-in-qpv" ? t with { Breakdown = TargetBreakdown.Reservataire } : t)] };
        var f = new TargetFixture(policy);
        var tally = f.Evaluator.CreateTally();
        f.Add(tally, 2, Households.FirstQuartile, Dwellings.InQpv, Reservataire.Landlord);
        f.Add(tally, 1, Households.Plain, Dwellings.InQpv, Reservataire.Prefecture);
        f.Add(tally, 3, Households.Wealthy, Dwellings.InQpv, Reservataire.ActionLogement);

        // Quartiles 2–4 in QPV: prefecture 1 / 1, action_logement 3 / 3, landlord 0 / 2 (quartile 1); no total row.
        var r = tally.Results()[f.Evaluator.IndexOf("lec-in-qpv")];
        r.Breakdown.Select(b => (b.Key, b.Name, b.Figure.Numerator, b.Figure.Denominator)).ShouldBe([
            ((int)Reservataire.Prefecture, "prefecture", 1, 1),
            ((int)Reservataire.ActionLogement, "action_logement", 3, 3),
            ((int)Reservataire.Landlord, "landlord", 0, 2)]);
        (r.Overall.Numerator, r.Overall.Denominator, r.Overall.Status).ShouldBe((4, 6, TargetStatus.Met)); // 4 ≥ 0.5 × 6 = 3
    }

    [Fact]
    public void With_no_allocations_every_target_has_no_allocations()
    {
        var tally = _f.Evaluator.CreateTally();
        var results = tally.Results(1241);
        tally.Allocations.ShouldBe(0);
        results.Select(r => r.Target.Id).ShouldBe(_f.Evaluator.Targets.Select(t => t.Id));
        results.ShouldAllBe(r => r.Overall.Status == TargetStatus.NoAllocations && r.Overall.Share == null && r.Overall.Denominator == 0);
        results.SelectMany(r => r.ByReservataire).Count().ShouldBe(6); // cia-priority-share and lec-statutory-priority, 3 partners each
        results.SelectMany(r => r.ByReservataire).ShouldAllBe(x => x.Figure.Status == TargetStatus.NoAllocations);
        results.ShouldAllBe(r => r.Breakdown.Length == 1 && r.Breakdown[0].Dimension == TargetBreakdown.Total); // only the total row
        // The indicators still give their reference: 0 of 1 241.
        var accessible = results[_f.Evaluator.IndexOf("rebalancing-accessible")];
        (accessible.ReferenceFigure, accessible.ShareOfReference).ShouldBe((1241, 0m));
    }

    [Fact]
    public void Allocations_no_target_counts_are_still_counted_as_allocations()
    {
        var tally = _f.Evaluator.CreateTally();
        var facts = _f.Facts(Households.Plain, Dwellings.InQpv, Reservataire.Other); // in QPV, réservataire other
        var hits = tally.Add(in facts, 0, 0, 0);
        _f.Ids(hits.InDenominator).ShouldBe(["lec-in-qpv", "qpv-diversification"]);
        tally.Add(default, new BreakdownKeys(Reservataire.Landlord, -1, -1, -1));
        tally.Allocations.ShouldBe(2);
        Result(tally, "lec-in-qpv").Overall.Denominator.ShouldBe(1);
    }

    [Fact]
    public void Bad_keys_are_refused()
    {
        var tally = _f.Evaluator.CreateTally();
        Should.Throw<ArgumentOutOfRangeException>(() => tally.Add(default, new BreakdownKeys(Reservataire.Landlord, -2, 0, 0)));
        Should.Throw<ArgumentOutOfRangeException>(() => tally.Add(default, new BreakdownKeys((Reservataire)99, 0, 0, 0)));
        Should.Throw<ArgumentOutOfRangeException>(() => tally.Results(-1));
    }

    [Theory] // exact comparison by cross-multiplication, never through a rounded share
    [InlineData("0.25", 25, 100, TargetStatus.Met)]
    [InlineData("0.25", 1, 4, TargetStatus.Met)]
    [InlineData("0.3333", 1, 3, TargetStatus.Met)]       // 1 ≥ 0.3333 × 3 = 0.9999
    [InlineData("0.3334", 1, 3, TargetStatus.NotMet)]    // 1 < 0.3334 × 3 = 1.0002
    [InlineData("0.1", 1, 10, TargetStatus.Met)]         // 0.1 × 10 = 1 exactly in decimal
    [InlineData("0.07", 7, 100, TargetStatus.Met)]
    public void Minimums_compare_exactly(string min, int numerator, int denominator, TargetStatus status)
    {
        var target = PolicyLoader.LoadDefault().Targets[0] with { Min = new Rate(decimal.Parse(min, System.Globalization.CultureInfo.InvariantCulture)) };
        TargetFigure.Of(target, numerator, denominator).Status.ShouldBe(status);
    }

    [Fact]
    public void Figures_read_as_text()
    {
        var p = PolicyLoader.LoadDefault();
        var band = p.Targets.Single(t => t.Id == "qpv-diversification");
        TargetFigure.Of(band, 31, 100).ToString().ShouldBe("31 / 100 = 31 % (20 %–30 %): above");
        TargetFigure.Of(band, 0, 0).ToString().ShouldBe("0 / 0 (20 %–30 %): no allocations");
        TargetFigure.Of(p.Targets.Single(t => t.Id == "prefect-state-agents"), 1, 20).ToString().ShouldBe("1 / 20 = 5 % (≤ 5 %): met");
        TargetFigure.Of(p.Targets.Single(t => t.Id == "rebalancing-accessible"), 2, 3).ToString().ShouldBe("2 / 3 = 66.67 %: indicator");
        Should.Throw<ArgumentOutOfRangeException>(() => TargetFigure.Of(band, 3, 2));
    }
}
