using CIA.Engine.Classification;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Stock;
using CIA.Engine.Tables;
using CIA.Engine.Targets;

namespace CIA.Engine.Tests.Tables;

/// <summary>Allocation records: their format, their checks against demand and stock, and the targets they attain.</summary>
public class AllocationTests
{
    private const string Header = "lease_signed_on;application_id;dwelling_id;reservataire\n";

    // Four applicants alone (1 UC), 2025 (Q1 10 900, Q2 15 138, Q3 19 980 € per UC; 60 % of PLUS category 1 = 13 920.60 €):
    // A1 800 €/month → 9 600 per UC: quartile 1, non contingenté → priority (criterion 4); tax 9 000: not a ménage cible.
    // A2 3 000 → 36 000: quartile 4; employed, tax 30 000 > 13 920.60: ménage cible; not priority.
    // A3 1 000 → 12 000: quartile 2; employed, tax 10 000: not a ménage cible; not priority.
    // A4 1 500 → 18 000: quartile 3; employed, tax 20 000: ménage cible; not priority.
    // A5 900 → 10 800: quartile 1, priority; its lease is signed in 2024, outside the year.
    private static readonly DemandTable Demand = DemandCsv.ReadTable(new StringReader(
        "application_id;registered_on;persons_14_plus;children_under_14;monthly_resources;tax_income;employment;disabled_member;is_mutation;mutation_reason;urban_renewal;prefectoral_criteria;reserved_by;desired_communes\n"
        + "A1;2023-01-01;1;0;800;9000;unemployed;false;false;;;;;\n"
        + "A2;2023-01-01;1;0;3000;30000;employed;false;false;;;;;\n"
        + "A3;2023-01-01;1;0;1000;10000;employed;false;false;;;;;\n"
        + "A4;2023-01-01;1;0;1500;20000;employed;false;false;;;;;\n"
        + "A5;2023-01-01;1;0;900;9000;unemployed;false;false;;;;;\n"), "demand.csv");

    // D1, D2 outside QPV (D1 a T3 at 300 €: accessible in 2025, zone 2 T3 ceiling 395.77 €; D2 at 500 €: not); D3, D4 in QPV NMQ01.
    // No programme file: every programme is "not assessed", which the default policy counts as non-fragile.
    private static readonly StockTable Stock = StockCsv.ReadTable(new StringReader(
        "dwelling_id;DEPCOM;QPV;NBPIECE;LOYERPRINC;FINAN;CONTINGENT;programme_id;landlord_id\n"
        + "D1;44109;;3;300.00;PLUS;7;P1;L1\n"
        + "D2;44143;;3;500.00;PLUS;4;P2;L2\n"
        + "D3;44109;NMQ01;3;300.00;HLMO;2;P3;L1\n"
        + "D4;44109;NMQ01;3;300.00;HLMO;3;P3;L1\n"), "stock.csv");

    [Fact]
    public void Reads_leases_and_reports_every_malformed_row()
    {
        var t = AllocationCsv.ReadTable(new StringReader(Header + "2025-03-01;A1;D1;landlord\n2025-04-01;A2;D2;commune\n"), "allocations.csv");
        t.Count.ShouldBe(2);
        t.ToAllocation(1).ShouldBe(new CIA.Engine.Domain.Allocation(new("A2"), new("D2"), new DateOnly(2025, 4, 1), CIA.Engine.Domain.Reservataire.Commune));

        var e = Should.Throw<InputException>(() => AllocationCsv.ReadTable(new StringReader(Header
            + "2025-02-30;A1;D1;landlord\n"   // no such day
            + "2025-03-01;;D1;landlord\n"     // no application
            + "2025-03-01;A2;D2;\n"           // the réservataire of imputation is required
            + "2025-03-01;A3;D3;bailleur\n"), "allocations.csv"));
        e.Problems.Select(p => (p.Line, p.ColumnName)).ShouldBe([(2, "lease_signed_on"), (3, "application_id"), (4, "reservataire"), (5, "reservataire")]);
    }

    [Fact]
    public void Leases_that_cannot_be_counted_are_reported_with_their_reason_and_line()
    {
        var t = AllocationCsv.ReadTable(new StringReader(Header
            + "2025-03-01;A1;D1;landlord\n"      // line 2: fine
            + "2025-03-02;A9;D2;commune\n"       // line 3: unknown application
            + "2025-03-03;A2;D9;commune\n"       // line 4: unknown dwelling
            + "2025-05-01;A1;D2;commune\n"       // line 5: A1 already housed on line 2
            + "2025-03-01;A3;D1;landlord\n"      // line 6: D1 already let on 2025-03-01 (line 2)
            + "2024-12-31;A5;D3;prefecture\n"), "allocations.csv"); // line 7: outside 2025
        var check = AllocationCheck.Of(t, Demand, Stock, 2025);
        check.Problems.Select(p => (p.Problem.Line, p.Kind)).ShouldBe([
            (3, AllocationProblemKind.UnknownApplication),
            (4, AllocationProblemKind.UnknownDwelling),
            (5, AllocationProblemKind.DuplicateApplication),
            (6, AllocationProblemKind.DuplicateLease),
            (7, AllocationProblemKind.OutsideYear),
        ]);
        check.Problems[2].Problem.Message.ShouldContain("already has a lease on line 2");
        check.Problems[3].Problem.Message.ShouldContain("signed 2025-03-01 on line 2");
        check.UsableCount.ShouldBe(1);
        check.CountsByKind[AllocationProblemKind.OutsideYear].ShouldBe(1);
        Should.Throw<InputException>(check.ThrowIfAny).Problems.Count.ShouldBe(5);

        // Without a year, dates are not judged.
        AllocationCheck.Of(t, Demand, Stock).Problems.ShouldNotContain(p => p.Kind == AllocationProblemKind.OutsideYear);
    }

    [Fact]
    public void A_year_of_leases_attains_the_targets_worked_out_by_hand()
    {
        var t = AllocationCsv.ReadTable(new StringReader(Header
            + "2025-03-01;A1;D1;landlord\n"
            + "2025-04-01;A2;D2;commune\n"
            + "2025-05-01;A3;D3;prefecture\n"
            + "2025-06-01;A4;D4;action_logement\n"
            + "2024-12-31;A5;D1;landlord\n"), "allocations.csv"); // outside 2025: left out and reported
        var check = AllocationCheck.Of(t, Demand, Stock, 2025);
        check.UsableCount.ShouldBe(4);
        var policy = PolicyLoader.LoadDefault();
        var parameters = BuiltInParameters.Create();
        var households = new HouseholdClassifier(policy, parameters);
        var dwellings = new DwellingClassifier(policy, parameters, FragilityAssessment.None);
        var tally = Attainment.Tally(t, check, Demand, dwellings.Inputs(Stock), households, households.ForYear(2025), dwellings, new TargetEvaluator(policy));
        tally.Allocations.ShouldBe(4);
        var results = tally.Results(1241, Attainment.Names(Stock)).ToDictionary(r => r.Target.Id);

        // Outside QPV: D1 (A1, quartile 1) and D2 (A2, quartile 4): 1 of 2 ≥ 25 %.
        (results["lec-outside-qpv"].Overall.Numerator, results["lec-outside-qpv"].Overall.Denominator, results["lec-outside-qpv"].Overall.Status).ShouldBe((1, 2, TargetStatus.Met));
        // In QPV: D3 (A3, quartile 2) and D4 (A4, quartile 3): 2 of 2 in quartiles 2–4 ≥ 50 %.
        (results["lec-in-qpv"].Overall.Numerator, results["lec-in-qpv"].Overall.Denominator, results["lec-in-qpv"].Overall.Status).ShouldBe((2, 2, TargetStatus.Met));
        // Ménages cibles in QPV: A4 only, 1 of 2 = 50 %, above the 20–30 % band (not a miss).
        results["qpv-diversification"].Overall.Status.ShouldBe(TargetStatus.Above);
        // CIA 25 % priority, landlords + communes + Action Logement: A1 (landlord) priority, A2 (commune) and A4 (Action Logement) not:
        // 1 of 3 overall (met); by partner, landlord 1/1 met, commune 0/1 and Action Logement 0/1 not met.
        var cia = results["cia-priority-share"];
        (cia.Overall.Numerator, cia.Overall.Denominator, cia.Overall.Status).ShouldBe((1, 3, TargetStatus.Met));
        cia.ByReservataire.Select(r => (r.Reservataire, r.Figure.Status)).ShouldBe([
            (CIA.Engine.Domain.Reservataire.Landlord, TargetStatus.Met),
            (CIA.Engine.Domain.Reservataire.Commune, TargetStatus.NotMet),
            (CIA.Engine.Domain.Reservataire.ActionLogement, TargetStatus.NotMet),
        ]);
        // The préfet's contingent: A3, not a priority household: 0 of 1, not met.
        (results["prefect-contingent-priority"].Overall.Numerator, results["prefect-contingent-priority"].Overall.Status).ShouldBe((0, TargetStatus.NotMet));
        // Rebalancing: A1, priority, in D1 — outside QPV, non-fragile, accessible — counts against the 1 241.
        results["rebalancing-accessible"].Overall.Numerator.ShouldBe(1);
        results["rebalancing-accessible"].ReferenceFigure.ShouldBe(1241);
        // The lec-outside-qpv breakdown names landlords from the stock: L1 has D1 (1 of 1), L2 has D2 (0 of 1).
        results["lec-outside-qpv"].Breakdown.Where(b => b.Dimension == TargetBreakdown.Landlord).Select(b => (b.Name, b.Figure.Numerator, b.Figure.Denominator))
            .ShouldBe([("L1", 1, 1), ("L2", 0, 1)]);
    }
}
