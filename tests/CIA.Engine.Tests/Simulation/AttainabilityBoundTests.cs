using CIA.Engine.Attainability;
using CIA.Engine.Policy;
using CIA.Engine.Simulation;
using Xunit;

namespace CIA.Engine.Tests.Simulation;

/// <summary>
/// The attainability bound (issue 11 §4) on territories worked out by hand, and on the built-in territory against the
/// simulated years (never beaten) and against OR-Tools alone (the greedy and the cuts agree with the solver).
/// Figures as in <see cref="SimulatorTests"/>: Q1 10 745 € per UC in 2026; PLUS category 2 ceiling 31 254 €; the default
/// rooms table (5 persons: 3 rooms or more); the APL rent ceiling of a couple in zone 2 at most 355.38 € (APL.md).
/// </summary>
public sealed class AttainabilityBoundTests
{
    private const string LecOutsideQpv = "lec-outside-qpv";

    // R1, R2: well-off couples registered first (25 000 € for 1.5 UC = 16 667 € per UC: not Q1), with 4 000 € a month.
    // P1, P2: poor couples registered later (8 000 € for 1.5 UC = 5 333 € per UC: Q1), with 1 000 € a month: at most
    // 30 % = 300 € of rent burden, so no rent above 300 + 355.38 − the minimal participation (≈ 617 €) in any month.
    private static SimTerritory Couples() => new SimTerritory()
        .Applicant("R1", "2015-01-01", monthly: 4000m, tax: 25000m)
        .Applicant("R2", "2016-01-01", monthly: 4000m, tax: 25000m)
        .Applicant("P1", "2020-01-01", monthly: 1000m, tax: 8000m)
        .Applicant("P2", "2021-01-01", monthly: 1000m, tax: 8000m);

    private static ReachableShare Figure(SimulationResult result, string id) =>
        AttainabilityBound.Of(result).Single(r => r.TargetId == id && r.Reservataire is null);

    [Fact]
    public void Seniority_houses_the_well_off_but_both_leases_could_have_gone_to_first_quartile_households()
    {
        // Two T3 at 300 € outside QPV: seniority gives them to R1 and R2 (0 of 2 in Q1); P1 and P2 are eligible for both.
        var result = Simulator.Run(Couples().Dwelling("D1", 10).Dwelling("D2", 20).Build(), 1);
        result.Lines().ShouldBe(["2026-02-09 R1 -> D1 (landlord, rank 1/3)", "2026-02-19 R2 -> D2 (landlord, rank 1/3)"]);

        var lec = Figure(result, LecOutsideQpv);
        (lec.Attained, lec.Reachable, lec.Denominator).ShouldBe((0, 2, 2));
        lec.Share.ShouldBe(1.0);
    }

    [Fact]
    public void A_rent_no_first_quartile_household_can_bear_is_out_of_reach()
    {
        // D2 at 900 €: above what P1 and P2 could bear (≈ 617 €), so only D1 can go to Q1: 1 of 2.
        var result = Simulator.Run(Couples().Dwelling("D1", 10).Dwelling("D2", 20, rent: 900m).Build(), 1);
        result.Leases.Length.ShouldBe(2);

        var lec = Figure(result, LecOutsideQpv);
        (lec.Attained, lec.Reachable, lec.Denominator).ShouldBe((0, 1, 2));
    }

    [Fact]
    public void Households_are_housed_once_each()
    {
        // Three T3 at 300 € and a single Q1 household: 1 of 3, however many dwellings it is eligible for.
        var result = Simulator.Run(new SimTerritory()
            .Applicant("R1", "2015-01-01", monthly: 4000m, tax: 25000m)
            .Applicant("R2", "2016-01-01", monthly: 4000m, tax: 25000m)
            .Applicant("R3", "2017-01-01", monthly: 4000m, tax: 25000m)
            .Applicant("P1", "2020-01-01", monthly: 1000m, tax: 8000m)
            .Dwelling("D1", 10).Dwelling("D2", 20).Dwelling("D3", 30).Build(), 1);
        result.Leases.Length.ShouldBe(3);

        var lec = Figure(result, LecOutsideQpv);
        (lec.Attained, lec.Reachable, lec.Denominator).ShouldBe((0, 1, 3));
    }

    [Fact]
    public void Rooms_income_and_commune_rules_hold_in_the_bound()
    {
        // D1 and D2 are T1s at 300 € in Nantes. The Q1 households (quartiles read the yearly resources: 12 × 700 € =
        // 8 400 € for one person, 12 × 1 500 € ÷ 2.8 UC for five): F5 is five persons (3 rooms at least), P1 asks Rezé
        // only, Q4 is above the PLUS ceiling (category 1: 23 403 €) though Q1 by its monthly resources; only P3 fits
        // either T1, and it is housed once: 1 of 2.
        var result = Simulator.Run(new SimTerritory()
            .Applicant("R1", "2015-01-01", persons: 1, monthly: 4000m, tax: 15000m)
            .Applicant("R2", "2016-01-01", persons: 1, monthly: 4000m, tax: 15000m)
            .Applicant("F5", "2020-01-01", persons: 5, monthly: 1500m, tax: 9000m)
            .Applicant("P1", "2020-02-01", persons: 1, monthly: 700m, tax: 5000m, communes: "44143")
            .Applicant("Q4", "2020-02-15", persons: 1, monthly: 700m, tax: 30000m)
            .Applicant("P3", "2020-03-01", persons: 1, monthly: 700m, tax: 5000m)
            .Dwelling("D1", 10, rooms: 1).Dwelling("D2", 20, rooms: 1).Build(), 1);
        // D2: R2 and P3 are the only eligible left (F5 rooms, P1 commune, Q4 income).
        result.Lines().ShouldBe(["2026-02-09 R1 -> D1 (landlord, rank 1/3)", "2026-02-19 R2 -> D2 (landlord, rank 1/2)"]);

        var lec = Figure(result, LecOutsideQpv);
        (lec.Attained, lec.Reachable, lec.Denominator).ShouldBe((0, 1, 2));
    }

    [Fact]
    public void A_year_that_attains_everything_is_its_own_bound()
    {
        // Only Q1 households apply: both leases go to Q1, and the bound is the same 2 of 2.
        var result = Simulator.Run(new SimTerritory()
            .Applicant("P1", "2020-01-01", monthly: 1000m, tax: 8000m)
            .Applicant("P2", "2021-01-01", monthly: 1000m, tax: 8000m)
            .Dwelling("D1", 10).Dwelling("D2", 20).Build(), 1);

        var lec = Figure(result, LecOutsideQpv);
        (lec.Attained, lec.Reachable, lec.Denominator).ShouldBe((2, 2, 2));
    }

    public static TheoryData<RankingPolicy> Rankings() => [RankingPolicy.Seniority, RankingPolicy.Cotation, RankingPolicy.CiaSteered];

    [Theory]
    [MemberData(nameof(Rankings))]
    public void No_simulated_year_of_the_built_in_territory_beats_its_bound(RankingPolicy ranking)
    {
        var territory = BuiltIn(ranking);
        foreach (var seed in new ulong[] { 2016, 2017 })
        {
            var result = Simulator.Run(territory, seed);
            var bound = AttainabilityBound.Of(result);
            var figures = result.Targets().SelectMany(t => t.ByReservataire.Select(r => r.Figure).Prepend(t.Overall)).ToList();
            bound.Length.ShouldBe(figures.Count);
            for (var i = 0; i < bound.Length; i++)
            {
                // The bound's own count of the year's figure is the tally's, and the year never exceeds the bound.
                (bound[i].Attained, bound[i].Denominator).ShouldBe((figures[i].Numerator, figures[i].Denominator), bound[i].Group);
                bound[i].Reachable.ShouldBeGreaterThanOrEqualTo(bound[i].Attained, bound[i].Group);
                bound[i].Reachable.ShouldBeLessThanOrEqualTo(bound[i].Denominator, bound[i].Group);
            }
        }
    }

    [Fact]
    public void The_greedy_and_the_cuts_agree_with_OR_Tools_max_flow()
    {
        var result = Simulator.Run(BuiltIn(RankingPolicy.Seniority), 2016);
        var quick = AttainabilityBound.Figures(result, forceSolver: false);
        var solver = AttainabilityBound.Figures(result, forceSolver: true);
        quick.Select(f => f.Share).ShouldBe(solver.Select(f => f.Share));

        // Both ways were taken on this year: some figures certified without the solver, some solved.
        quick.ShouldContain(f => f.Method == BoundMethod.Certified);
        quick.ShouldContain(f => f.Method == BoundMethod.Solver);
    }

    private static SimulationTerritory BuiltIn(RankingPolicy ranking)
    {
        var policy = PolicyLoader.LoadDefault();
        policy = policy with { Simulation = policy.Simulation with { Ranking = ranking } };
        return MatchingCoreTests.DefaultTerritory(policy);
    }
}
