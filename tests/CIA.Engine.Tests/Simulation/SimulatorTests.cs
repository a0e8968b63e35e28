using CIA.Engine.Domain;
using CIA.Engine.HousingBenefit;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Simulation;
using Xunit;

namespace CIA.Engine.Tests.Simulation;

/// <summary>
/// Small territories whose year is worked out by hand. Figures used (2026, Nantes Métropole, "autres régions"):
/// PLUS ceilings category 1 23 403 €, category 2 31 254 €; Q1 10 745 € per UC; the default rooms table (1 person: 1–2
/// rooms, 2 persons: 1–3); a vacancy on day d (days after 1 January) goes to the commission 14 days later, a candidate
/// who refuses takes 10 days to answer, the lease is signed 15 days after acceptance.
/// </summary>
public sealed class SimulatorTests
{
    // D1: a T3 at 300 € in Nantes (44109), landlord's own, falls vacant on 11 January (day 10): sitting 25 January,
    // lease 9 February. A couple with 2 500 € a month pays at most 300 € + the charges forfait (well under 100 €),
    // within 30 % of 2 500 € = 750 € even with no housing benefit.
    private static SimTerritory FourRules() => new SimTerritory()
        .Dwelling("D1", 10)
        .Applicant("A1", "2019-01-01", communes: "44143")                   // asks only Rezé: commune rule
        .Applicant("A2", "2020-01-01", tax: 40000m)                         // 40 000 € > 31 254 € (category 2): income rule
        .Applicant("A3", "2020-06-01", persons: 1, tax: 15000m)             // one person, 3 rooms > 2: rooms rule
        .Applicant("A4", "2021-01-01", monthly: 0m, tax: 0m)                // no resources: any cost left is above 30 % of 0
        .Applicant("A5", "2022-01-01")
        .Applicant("A6", "2023-01-01")
        .Applicant("A7", "2024-01-01")
        .Applicant("A8", "2024-06-01", prefectoral: "dalo")
        .Applicant("F1", "2025-06-01", communes: "75056");                  // asks a commune outside the stock: never housed

    [Fact]
    public void Seniority_houses_the_oldest_eligible_and_the_commission_examines_three()
    {
        var result = Simulator.Run(FourRules().Build(), 1);

        result.Lines().ShouldBe(["2026-02-09 A5 -> D1 (landlord, rank 1/3)"]);
        var lease = result.Leases[0];
        lease.Rules.ToString().ShouldBe("SIM-ELIG-INCOME|SIM-ELIG-ROOMS|SIM-ELIG-COMMUNE|SIM-ELIG-RENT-BURDEN|SIM-CHANNEL|SIM-RANK-SENIORITY|SIM-CAL");
        lease.Chain.ShouldBe(lease.Dwelling);
        result.Counts.Leases.ShouldBe(1);
        result.Counts.Arrivals.ShouldBe(0);
        result.Counts.Waiting.ShouldBe(9);
        result.Counts.WaitingAtEnd.ShouldBe(8);
    }

    [Fact]
    public void Ile_de_france_dwellings_take_their_zone_s_built_in_ceilings()
    {
        // A T3 in Montreuil (93048, adjacent to Paris) and one in Bobigny (93008, the rest of Île-de-France), APL zone 1
        // (test zoning). A couple with 35 000 € is above the "autres régions" category 2 ceiling of 2026 (31 254 €) but
        // within the Île-de-France one (40 233 €, OpenFisca plu/…/categorie_2/{ile_de_france,paris_communes_limitrophes}.yaml).
        SimTerritory Territory(string commune) => new SimTerritory
        {
            WithParameters = p => p.WithAplZones([new(CommuneCode.Parse("93048"), AplZone.Zone1), new(CommuneCode.Parse("93008"), AplZone.Zone1)], "test zoning"),
        }
            .Dwelling("D1", 10, commune: commune)
            .Applicant("A1", "2020-01-01", tax: 35000m, communes: commune);

        var territory = Territory("93048").Build();
        Simulator.Run(territory, 1).Lines().ShouldBe(["2026-02-09 A1 -> D1 (landlord, rank 1/1)"]);
        Simulator.Run(Territory("93008").Build(), 1).Lines().ShouldBe(["2026-02-09 A1 -> D1 (landlord, rank 1/1)"]);
        Simulator.Run(new SimTerritory().Dwelling("D1", 10).Applicant("A1", "2020-01-01", tax: 35000m).Build(), 1).Leases.ShouldBeEmpty();

        // 2026 Paris zone, category 3: PLUS 52 740 €; PLAI estimated with the Île-de-France ratios of 2017–2023 (the last
        // known), category 4: 62 968 € × 0.55 = 34 632.40 → 34 632 €.
        territory.Ceilings[PlusRegion.ParisAndAdjacent][(int)Financing.Plus, 3].ShouldBe(Euros.FromEuros(52740).Cents);
        territory.Ceilings[PlusRegion.ParisAndAdjacent][(int)Financing.Plai, 4].ShouldBe(Euros.FromEuros(34632).Cents);
        territory.Notes.ShouldContain(n => n.StartsWith("PLAI ceilings for 2026 (paris_and_adjacent) estimated with the PLAI/PLUS ratios of 2017–2023", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("A1")] // commune
    [InlineData("A2")] // income
    [InlineData("A3")] // rooms
    [InlineData("A4")] // rent burden
    public void Each_eligibility_rule_keeps_an_older_applicant_out(string alone)
    {
        // Only the ineligible older applicant and a younger eligible one: the younger one is housed.
        var t = new SimTerritory().Dwelling("D1", 10);
        var all = FourRules();
        t = alone switch
        {
            "A1" => t.Applicant("A1", "2019-01-01", communes: "44143"),
            "A2" => t.Applicant("A2", "2020-01-01", tax: 40000m),
            "A3" => t.Applicant("A3", "2020-06-01", persons: 1, tax: 15000m),
            _ => t.Applicant("A4", "2021-01-01", monthly: 0m, tax: 0m),
        };
        t.Applicant("A5", "2022-01-01").Applicant("F1", "2025-06-01", communes: "75056");

        Simulator.Run(t.Build(), 1).Lines().ShouldBe(["2026-02-09 A5 -> D1 (landlord, rank 1/1)"]);
    }

    [Fact]
    public void Rent_burden_counts_the_housing_benefit()
    {
        // A couple with 600 € a month (tax income 9 000 €) and a T3 at 380 € in zone 2. Without housing benefit it would
        // pay 380 € + the charges forfait C (60.59 €) = 440.59 € > 30 % × 600 € = 180 €: ineligible. The legal formula
        // gives it about 277 € of APL (January 2026 figures), which leaves about 164 € ≤ 180 €: eligible. With 500 € a
        // month (same tax income, same aid) the limit is 150 € < 164 €: not eligible.
        var month = AplMonth.For(BuiltInParameters.Create(), new DateOnly(2026, 1, 1));
        var input = new AplInput(AplZone.Zone2, AplHousehold.CoupleWithoutDependants, Euros.FromEuros(380m), AplResourceBase.FromTaxIncome(Euros.FromEuros(9000m)));
        var benefit = month.Compute(in input);
        // The premises, from the formula (itself checked against OpenFisca's cases in the HousingBenefit tests):
        (380m + benefit.Charges.Value).ShouldBeGreaterThan(180m);
        var cost = RentBurden.Of(in input, in benefit, Euros.FromEuros(600m)).HousingCost.Value;
        cost.ShouldBeGreaterThan(150m);
        cost.ShouldBeLessThanOrEqualTo(180m);

        var housed = new SimTerritory().Dwelling("D1", 10, rent: 380m)
            .Applicant("P1", "2020-01-01", monthly: 500m, tax: 9000m)
            .Applicant("P2", "2021-01-01", monthly: 600m, tax: 9000m)
            .Applicant("F1", "2025-06-01", communes: "75056");
        Simulator.Run(housed.Build(), 1).Lines().ShouldBe(["2026-02-09 P2 -> D1 (landlord, rank 1/1)"]);
    }

    [Fact]
    public void Cotation_ranks_by_points()
    {
        // Sitting on 25 January 2026. Default grid: DALO 400, 2 points a month waited (30.4375 days), 100 beyond the
        // 24-month abnormal delay. A5 (1 Jan 2022): 1 485 days → 97.6 + 100 = 197.6; A6 (1 Jan 2023): 73.6 + 100 = 173.6;
        // A7 (1 Jan 2024, 24 months reached on 1 Jan 2026): 49.6 + 100 = 149.6; A8 (1 Jun 2024, DALO): 39.6 + 400 = 439.6.
        var t = FourRules();
        t.Options = t.Options with { Ranking = RankingPolicy.Cotation };
        var result = Simulator.Run(t.Build(), 1);

        result.Lines().ShouldBe(["2026-02-09 A8 -> D1 (landlord, rank 1/3)"]);
        result.Leases[0].Rules.ToString().ShouldContain("SIM-RANK-COTATION");
    }

    [Fact]
    public void Cotation_abnormal_delay_bonus_is_earned_during_the_year()
    {
        // B1 (1 Mar 2024, 30 points more) passes 24 months on 1 Mar 2026; B2 (1 Jan 2024) is beyond from 1 January.
        // Vacancy on 1 February (sitting 15 Feb): B1 = 30 + 2 × 715/30.4375 = 77.0; B2 = 2 × 776/30.4375 + 100 = 151.0 → B2.
        // Vacancy on 1 April (sitting 15 Apr): B1 = 30 + 2 × 775/30.4375 + 100 = 180.9 > B3 = 2 × 835/30.4375 + 100 = 154.9 → B1.
        var t = new SimTerritory
        {
            Options = new SimTerritory().Options with { Ranking = RankingPolicy.Cotation, Cotation = [new(CotationCriterion.FirstQuartile, 30), new(CotationCriterion.MonthWaiting, 2), new(CotationCriterion.BeyondAbnormalDelay, 100)] },
        }
            .Dwelling("D1", 31).Dwelling("D2", 90)
            .Applicant("B1", "2024-03-01", monthly: 1000m, tax: 12000m) // 12 000 / 1.5 UC = 8 000 ≤ 10 745: quartile 1
            .Applicant("B2", "2024-01-01")
            .Applicant("B3", "2024-01-01")
            .Applicant("F1", "2025-06-01", communes: "75056");
        var result = Simulator.Run(t.Build(), 1);

        result.Lines().ShouldBe([
            "2026-03-02 B2 -> D1 (landlord, rank 1/3)",
            "2026-04-30 B1 -> D2 (landlord, rank 1/2)",
        ]);
    }

    [Fact]
    public void Refusals_pass_the_offer_down_the_commission_list()
    {
        // Refusal certain when the commune was not asked for (an application that names none counts as not asking):
        // A5 and A6 ask for any commune and refuse, A7 asks for Nantes and accepts. Lease = 25 Jan + 2 × 10 + 15 days.
        var t = new SimTerritory().Dwelling("D1", 10)
            .Applicant("A5", "2022-01-01", communes: "")
            .Applicant("A6", "2023-01-01", communes: "")
            .Applicant("A7", "2024-01-01")
            .Applicant("A8", "2024-06-01")
            .Applicant("F1", "2025-06-01", communes: "75056");
        t.Options = t.Options with { Refusals = new RefusalOptions(new Rate(0m), new Rate(0m), new Rate(1m)) };
        var result = Simulator.Run(t.Build(), 1);

        result.Lines().ShouldBe(["2026-03-01 A7 -> D1 (landlord, rank 3/3)"]);
        result.Counts.Refusals.ShouldBe(2);
    }

    [Fact]
    public void A_vacancy_refused_by_everyone_is_left_unfilled_after_the_rounds()
    {
        // Everyone refuses: round 1 examines A5, A6, A7; round 2 only A8 is left; round 3 finds no one who has not refused.
        var t = new SimTerritory().Dwelling("D1", 10)
            .Applicant("A5", "2022-01-01").Applicant("A6", "2023-01-01").Applicant("A7", "2024-01-01").Applicant("A8", "2024-06-01")
            .Applicant("F1", "2025-06-01", communes: "75056");
        t.Options = t.Options with { Refusals = new RefusalOptions(new Rate(1m), new Rate(0m), new Rate(0m)) };
        var result = Simulator.Run(t.Build(), 1);

        result.Leases.ShouldBeEmpty();
        result.Counts.Refusals.ShouldBe(4);
        result.Unfilled.ShouldHaveSingleItem().Reason.ShouldBe(UnfilledReason.Refused);
    }

    [Fact]
    public void A_vacancy_chain_of_three()
    {
        // D1 falls vacant on 1 January: M1 (a tenant of D2, the oldest asking Nantes) signs on 30 January; D2 falls vacant
        // a month's notice later, 1 March: M2 (a tenant of D3, the oldest asking Rezé) signs on 30 March; D3 falls vacant on
        // 29 April and N3 signs on 28 May. One chain started by D1, three vacancies long.
        var t = new SimTerritory()
            .Dwelling("D1", 0).Dwelling("D2", -1, commune: "44143").Dwelling("D3", -1, commune: "44143")
            .Applicant("M1", "2020-01-01", mutation: "health", livesIn: "D2")
            .Applicant("M2", "2021-01-01", communes: "44143", mutation: "health", livesIn: "D3")
            .Applicant("N3", "2022-01-01", communes: "44143")
            .Applicant("F1", "2025-06-01", communes: "75056");
        var result = Simulator.Run(t.Build(), 1);

        result.Lines().ShouldBe([
            "2026-01-30 M1 -> D1 (landlord, rank 1/1)",
            "2026-03-30 M2 -> D2 (landlord, rank 1/2)",
            "2026-05-28 N3 -> D3 (landlord, rank 1/1)",
        ]);
        result.Leases.Select(l => result.Territory.Stock.Ids[l.Chain]).Distinct().ShouldBe(["D1"]);
        result.ChainLengths[3].ShouldBe(1);
        result.Counts.ChainVacancies.ShouldBe(2);
    }

    [Fact]
    public void Flux_management_shares_the_flow_and_stock_management_keeps_the_contingent()
    {
        // Four landlord dwellings vacant on days 0, 10, 20, 30; flux shares préfet 50 %, landlord 50 %. Largest remainder
        // in date order: 1st vacancy préfet (tie, first listed), 2nd landlord, 3rd préfet, 4th landlord. The préfet's
        // channel proposes priority households (DALO); the landlord's anyone, by seniority.
        SimTerritory Build() => new SimTerritory()
            .Dwelling("D1", 0).Dwelling("D2", 10).Dwelling("D3", 20).Dwelling("D4", 30)
            .Applicant("A1", "2019-01-01").Applicant("A2", "2019-02-01").Applicant("A3", "2019-03-01").Applicant("A4", "2019-04-01")
            .Applicant("P1", "2023-01-01", prefectoral: "dalo").Applicant("P2", "2023-02-01", prefectoral: "dalo")
            .Applicant("F1", "2025-06-01", communes: "75056");

        var flux = Build();
        flux.Options = flux.Options with { Management = ReservationManagement.Flux, FluxShares = [new(Reservataire.Prefecture, new Rate(0.5m)), new(Reservataire.Landlord, new Rate(0.5m))] };
        Simulator.Run(flux.Build(), 1).Lines().ShouldBe([
            "2026-01-30 P1 -> D1 (prefecture, rank 1/2)",
            "2026-02-09 A1 -> D2 (landlord, rank 1/3)",
            "2026-02-19 P2 -> D3 (prefecture, rank 1/1)",
            "2026-03-01 A2 -> D4 (landlord, rank 1/3)",
        ]);

        Simulator.Run(Build().Build(), 1).Lines().ShouldBe([
            "2026-01-30 A1 -> D1 (landlord, rank 1/3)",
            "2026-02-09 A2 -> D2 (landlord, rank 1/3)",
            "2026-02-19 A3 -> D3 (landlord, rank 1/3)",
            "2026-03-01 A4 -> D4 (landlord, rank 1/3)",
        ]);
    }

    [Fact]
    public void A_channel_without_eligible_candidates_gives_the_turn_back_to_the_landlord()
    {
        // D1 is in the préfet's contingent (RPLS code 2) but no applicant is a priority household: the landlord proposes.
        var t = new SimTerritory().Dwelling("D1", 10, contingent: 2)
            .Applicant("A5", "2022-01-01").Applicant("F1", "2025-06-01", communes: "75056");
        var result = Simulator.Run(t.Build(), 1);

        result.Lines().ShouldBe(["2026-02-09 A5 -> D1 (landlord, rank 1/1)"]);
        result.Leases[0].Channel.ShouldBe(Reservataire.Prefecture);
        result.Leases[0].Rules.ToString().ShouldContain("SIM-CHANNEL-FALLBACK");
        result.Counts.Fallbacks.ShouldBe(1);
    }

    [Fact]
    public void Cia_steered_favours_the_category_furthest_behind()
    {
        // No lease yet: the CIA's 25 % of priority households in the landlord's allocations stands at 0 %, the first
        // target behind, so among the candidates the DALO household A8 (a priority household) goes first, although
        // A5, A6 and A7 registered before it. Seniority would house A5.
        var t = FourRules();
        t.Options = t.Options with { Ranking = RankingPolicy.CiaSteered };
        var result = Simulator.Run(t.Build(), 1);

        result.Lines().ShouldBe(["2026-02-09 A8 -> D1 (landlord, rank 1/3)"]);
        result.Leases[0].Rules.ToString().ShouldContain("SIM-RANK-STEERED");
    }

    [Fact]
    public void A_last_run_that_takes_the_queues_gives_the_same_year_and_the_territory_stays_usable()
    {
        // RunLast works on the territory's own queues instead of a copy; a run after it has them rebuilt. All three years
        // (copy, taken, rebuilt) must be the same, lease for lease.
        var t = new SimTerritory { FixedDays = false };
        t.Options = t.Options with { Rotation = new RotationOptions(new Rate(1m), null, [], []), Refusals = new RefusalOptions(new Rate(0.3m), new Rate(0.1m), new Rate(0.2m)) };
        for (var i = 0; i < 10; i++)
        {
            t.Dwelling($"D{i:00}", 0, commune: "44109", rooms: 1 + (i % 3), rent: 250m + (15 * i));
        }

        for (var i = 0; i < 30; i++)
        {
            t.Applicant($"A{i:00}", $"{2020 + (i % 5)}-0{1 + (i % 9)}-1{i % 10}", persons: 1 + (i % 3), monthly: 900m + (50 * i), tax: 8000m + (400 * i), communes: "44109");
        }

        var territory = t.Build();
        var copied = Simulator.Run(territory, 7);
        var taken = Simulator.RunLast(territory, 7);
        var rebuilt = Simulator.Run(territory, 7);
        copied.Counts.Leases.ShouldBeGreaterThan(3);
        taken.Text().ShouldBe(copied.Text());
        rebuilt.Text().ShouldBe(copied.Text());
        rebuilt.Counts.ShouldBe(copied.Counts);
    }

    [Fact]
    public void Same_seed_same_year_whatever_the_order_of_the_input_rows()
    {
        SimTerritory Build()
        {
            var t = new SimTerritory { FixedDays = false };
            t.Options = t.Options with
            {
                Rotation = new RotationOptions(new Rate(1m), null, [], []),
                Refusals = new RefusalOptions(new Rate(0.3m), new Rate(0.1m), new Rate(0.2m)),
                LapseRate = new Rate(0.3m),
                ArrivalLookbackMonths = 12,
            };
            for (var i = 0; i < 12; i++)
            {
                t.Dwelling($"D{i:00}", 0, commune: i % 2 == 0 ? "44109" : "44143", rooms: 1 + (i % 4), rent: 250m + (20 * i));
            }

            for (var i = 0; i < 40; i++)
            {
                t.Applicant($"A{i:00}", $"{2020 + (i % 6)}-0{1 + (i % 9)}-1{i % 10}", persons: 1 + (i % 4), monthly: 900m + (60 * i), tax: 8000m + (500 * i),
                    communes: (i % 3) switch { 0 => "44109", 1 => "44143", _ => "" }, prefectoral: i % 7 == 0 ? "dalo" : "");
            }

            return t;
        }

        var forward = Simulator.Run(Build().Build(), 42);
        var reversed = Simulator.Run(Build().Build(reverseRows: true), 42);
        forward.Counts.Leases.ShouldBeGreaterThan(3);
        reversed.Text().ShouldBe(forward.Text());
        reversed.Counts.ShouldBe(forward.Counts);
        Simulator.Run(Build().Build(), 43).Text().ShouldNotBe(forward.Text());
    }

    [Fact]
    public void Applications_registered_after_1_January_and_arrival_ids_are_refused_with_every_reason()
    {
        var t = new SimTerritory().Dwelling("D1", 10)
            .Applicant("A1", "2026-03-01")
            .Applicant("SIM-0000001", "2024-01-01");
        var e = Should.Throw<SimulationException>(() => t.Build());
        e.Problems.Count.ShouldBe(2);
        e.Problems.ShouldContain(p => p.Contains("1 application(s) registered on or after 2026-01-01 (the latest on 2026-03-01)"));
        e.Problems.ShouldContain(p => p.Contains("'SIM-'"));
    }

    [Fact]
    public void A_tenant_is_never_offered_their_own_dwelling()
    {
        // D1 falls vacant while its tenant M1 (a mutation applicant, the oldest) still waits: M2 is housed in it.
        var t = new SimTerritory().Dwelling("D1", 10)
            .Applicant("M1", "2019-01-01", mutation: "health", livesIn: "D1")
            .Applicant("M2", "2020-01-01")
            .Applicant("F1", "2025-06-01", communes: "75056");
        Simulator.Run(t.Build(), 1).Lines().ShouldBe(["2026-02-09 M2 -> D1 (landlord, rank 1/1)"]);
    }

    [Fact]
    public void Every_vacancy_ends_as_a_lease_or_unfilled_including_at_year_end()
    {
        // D2 falls vacant on 31 December: its sitting would be on 14 January, after the year: pending at year end.
        var t = new SimTerritory().Dwelling("D1", 10).Dwelling("D2", 364)
            .Applicant("A5", "2022-01-01").Applicant("A6", "2023-01-01").Applicant("F1", "2025-06-01", communes: "75056");
        var result = Simulator.Run(t.Build(), 1);
        result.Counts.Vacancies.ShouldBe(2);
        result.Counts.Leases.ShouldBe(1);
        result.Unfilled.ShouldHaveSingleItem().Reason.ShouldBe(UnfilledReason.PendingAtYearEnd);
    }
    [Fact]
    public void An_offer_accepted_in_December_with_its_lease_in_January_is_neither_waiting_nor_housed()
    {
        // D1 falls vacant on day 340 (7 December): the CAL sits on 21 December (14 days), A5 accepts, and the lease would
        // be signed 29 days after the vacancy, day 369 = 5 January 2027. A5 no longer waits; the vacancy is pending.
        // Waiting on 31 December: A6 and F1 only.
        var t = new SimTerritory().Dwelling("D1", 340)
            .Applicant("A5", "2022-01-01").Applicant("A6", "2023-01-01").Applicant("F1", "2025-06-01", communes: "75056");
        var result = Simulator.Run(t.Build(), 1);
        result.Leases.ShouldBeEmpty();
        result.Unfilled.ShouldHaveSingleItem().Reason.ShouldBe(UnfilledReason.PendingAtYearEnd);
        result.Counts.SignedAfterYear.ShouldBe(1);
        result.Counts.WaitingAtEnd.ShouldBe(2);
    }

    [Fact]
    public void A_dwelling_two_applicants_live_in_is_freed_when_the_last_of_them_is_housed()
    {
        // M1 and M2 both live in D2 (co-tenants applying separately) and ask for Nantes. D1 (Nantes) falls vacant on
        // 1 January: M1, the oldest, signs on 30 January; D2 is not freed, M2 still lives there. D3 (Nantes) falls vacant
        // on 1 March (day 59): M2 signs on 30 March; D2 falls vacant a month's notice later, 29 April, and N3 (asking
        // Rezé) signs on 28 May. Freeing D2 when M1 left would have housed N3 on 30 March.
        var t = new SimTerritory()
            .Dwelling("D1", 0).Dwelling("D2", -1, commune: "44143").Dwelling("D3", 59)
            .Applicant("M1", "2020-01-01", mutation: "health", livesIn: "D2")
            .Applicant("M2", "2021-01-01", mutation: "health", livesIn: "D2")
            .Applicant("N3", "2022-01-01", communes: "44143")
            .Applicant("F1", "2025-06-01", communes: "75056");
        var result = Simulator.Run(t.Build(), 1);

        result.Lines().ShouldBe([
            "2026-01-30 M1 -> D1 (landlord, rank 1/2)",
            "2026-03-30 M2 -> D3 (landlord, rank 1/1)",
            "2026-05-28 N3 -> D2 (landlord, rank 1/1)",
        ]);
        result.Counts.ChainVacancies.ShouldBe(1);
        result.Counts.SkippedChains.ShouldBe(1);
    }
}
