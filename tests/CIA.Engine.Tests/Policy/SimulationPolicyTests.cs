using System.Collections.Immutable;
using CIA.Engine.Domain;
using CIA.Engine.Policy;

namespace CIA.Engine.Tests.Policy;

/// <summary>The optional <c>simulation</c> section: reading, defaults, and every check with its place in the file.</summary>
public class SimulationPolicyTests
{
    /// <summary>The built-in policy without its simulation section.</summary>
    private static readonly string Base = WithoutSimulation(PolicyLoader.DefaultYaml().Replace("\r\n", "\n", StringComparison.Ordinal));

    private const string FullSection = """
          ranking: cia_steered
          management: flux
          flux_shares:
            prefecture: 0.25
            state_agents: 0.05
            action_logement: 0.15
            commune: 0.15
            landlord: 0.40
          rotation:
            rate: 0.114
            in_qpv: 0.12
            landlords: { "Nantes Métropole Habitat": 0.10, "S.A. Atlantique": 0.09 }
            communes: { "44109": 0.11, 2a004: 0.05 }
          notice_days: 60
          cal: { candidates: 4, rounds: 2, sitting_days: 7, answer_days: 8, lease_days: 20 }
          refusals: { base: 0.25, in_qpv: 0.05, commune_not_asked: 0.10 }
          lapse_rate: 0.15
          arrival_lookback_months: 24
          eligibility:
            rent_burden_limit: 0.33
            rooms:
              - { persons: 1, min: 1, max: 2 }
              - { persons: 2, min: 2, max: 3 }
          abnormal_delay_months: 36
          cotation:
            month_waiting: 3
            dalo: 500
            first_quartile: -20
          steering_window: 50
          scan_limit: 100000
        """;

    [Fact]
    public void The_built_in_policy_states_the_defaults()
    {
        // The YAML states every default; what it loads must be the record's defaults, member by member.
        ShouldMatch(PolicyLoader.LoadDefault().Simulation, SimulationOptions.Default);
        PolicyLoader.DefaultYaml().ShouldContain("\nsimulation:\n");
    }

    [Fact]
    public void The_defaults_hold_their_tables()
    {
        // Static initializers run in text order: Default must be built after the tables it holds.
        SimulationOptions.Default.Rooms.ShouldBe(SimulationOptions.DefaultRooms);
        SimulationOptions.Default.Cotation.ShouldBe(SimulationOptions.DefaultCotation);
        SimulationOptions.Default.RoomsFor(3).ShouldBe((2, 4));
        SimulationOptions.Default.PointsOf(CotationCriterion.Dalo).ShouldBe(400);
        PolicyValidator.Validate(PolicyLoader.LoadDefault() with { Simulation = SimulationOptions.Default }).ShouldBeEmpty();
    }

    [Fact]
    public void Without_the_section_the_defaults_apply()
    {
        Load(Base).Simulation.ShouldBeSameAs(SimulationOptions.Default);
    }

    [Fact]
    public void A_minimal_section_changes_one_key_and_keeps_every_other_default()
    {
        var s = Load(Base + "\nsimulation:\n  ranking: cotation\n").Simulation;
        s.ShouldBe(SimulationOptions.Default with { Ranking = RankingPolicy.Cotation });
        s.Cotation.ShouldBe(SimulationOptions.DefaultCotation);
        s.Rooms.ShouldBe(SimulationOptions.DefaultRooms);
        s.Rotation.Rate.ShouldBeNull();
    }

    [Fact]
    public void A_partial_sub_section_keeps_the_defaults_of_its_other_keys()
    {
        var s = Load(Base + "\nsimulation:\n  cal: { rounds: 5 }\n  refusals: { in_qpv: 0 }\n  eligibility: { rent_burden_limit: 0.35 }\n  rotation: { in_qpv: 0.13 }\n").Simulation;
        s.Cal.ShouldBe(SimulationOptions.Default.Cal with { Rounds = 5 });
        s.Refusals.ShouldBe(SimulationOptions.Default.Refusals with { InQpv = new Rate(0m) });
        s.RentBurdenLimit.ShouldBe(new Rate(0.35m));
        s.Rooms.ShouldBe(SimulationOptions.DefaultRooms);
        s.Rotation.ShouldBe(SimulationOptions.Default.Rotation with { InQpv = new Rate(0.13m) });
    }

    [Fact]
    public void The_full_section_reads_into_the_expected_record()
    {
        var s = Load(Section(FullSection)).Simulation;
        var expected = new SimulationOptions(
            RankingPolicy.CiaSteered,
            ReservationManagement.Flux,
            [
                new(Reservataire.Prefecture, new Rate(0.25m)),
                new(Reservataire.StateAgents, new Rate(0.05m)),
                new(Reservataire.ActionLogement, new Rate(0.15m)),
                new(Reservataire.Commune, new Rate(0.15m)),
                new(Reservataire.Landlord, new Rate(0.40m)),
            ],
            new RotationOptions(
                new Rate(0.114m),
                new Rate(0.12m),
                [new("Nantes Métropole Habitat", new Rate(0.10m)), new("S.A. Atlantique", new Rate(0.09m))],
                [new("44109", new Rate(0.11m)), new("2A004", new Rate(0.05m))]), // commune codes kept in upper case
            NoticeDays: 60,
            new CalOptions(Candidates: 4, Rounds: 2, SittingDays: 7, AnswerDays: 8, LeaseDays: 20),
            new RefusalOptions(new Rate(0.25m), new Rate(0.05m), new Rate(0.10m)),
            LapseRate: new Rate(0.15m),
            ArrivalLookbackMonths: 24,
            RentBurdenLimit: new Rate(0.33m),
            [new(1, 1, 2), new(2, 2, 3)],
            AbnormalDelayMonths: 36,
            [new(CotationCriterion.MonthWaiting, 3), new(CotationCriterion.Dalo, 500), new(CotationCriterion.FirstQuartile, -20)],
            SteeringWindow: 50,
            ScanLimit: 100_000);
        ShouldMatch(s, expected);

        // The tables replace the defaults whole: absent criteria score nothing, larger households take the last row.
        s.PointsOf(CotationCriterion.PrefectoralPriority).ShouldBe(0);
        s.RoomsFor(5).ShouldBe((2, 3));
    }

    [Fact]
    public void Empty_tables_and_maps_are_read_as_empty()
    {
        var s = Load(Section("  cotation: {}\n  flux_shares: {}\n  rotation: { landlords: {}, communes: {} }\n")).Simulation;
        s.Cotation.ShouldBeEmpty();
        s.FluxShares.ShouldBeEmpty();
        s.Rotation.Landlords.ShouldBeEmpty();
        s.Rotation.Communes.ShouldBeEmpty();
    }

    /// <summary>One meaning problem per case: the section, the path reported, where it is (the start of <c>at</c>), and what the message says.</summary>
    public static TheoryData<string, string, string, string> MeaningCases => new()
    {
        { "  rotation:\n    rate: 1.5\n", "simulation.rotation.rate", "1.5", "between 0 and 1" },
        { "  rotation:\n    in_qpv: 1.2\n", "simulation.rotation.in_qpv", "1.2", "between 0 and 1" },
        { "  rotation:\n    landlords: { \"B1\": 1.1 }\n", "simulation.rotation.landlords[\"B1\"]", "\"B1\"", "1.1 is a share" },
        { "  rotation:\n    landlords:\n      \"  \": 0.1\n", "simulation.rotation.landlords[\"\"]", "\"  \"", "names no landlord id" },
        { "  rotation:\n    communes: { \"4410\": 0.1 }\n", "simulation.rotation.communes[\"4410\"]", "\"4410\"", "'4410' is not a commune code" },
        { "  rotation:\n    communes: { 44109: 2 }\n", "simulation.rotation.communes[\"44109\"]", "44109", "2 is a share" },
        { "  flux_shares:\n    prefecture: 1.5\n    landlord: 0\n", "simulation.flux_shares.prefecture", "1.5", "between 0 and 1" },
        { "  flux_shares:\n    prefecture: 0.25\n    commune: 0.35\n", "simulation.flux_shares", "prefecture", "add up to 0.60; they must add up to exactly 1 (e.g. landlord: 0.40" },
        { "  flux_shares:\n    prefecture: 0.75\n    landlord: 0.30\n", "simulation.flux_shares", "prefecture", "add up to 1.05; they must add up to exactly 1." },
        { "  flux_shares:\n    prefecture: 0.30\n    landlord: 0.60\n", "simulation.flux_shares", "prefecture", "add up to 0.90; they must add up to exactly 1." },
        { "  notice_days: 400\n", "simulation.notice_days", "400", "400 must be from 0 to 365 days" },
        { "  notice_days: -1\n", "simulation.notice_days", "-1", "-1 must be from 0 to 365 days" },
        { "  cal:\n    candidates: 0\n", "simulation.cal.candidates", "0", "0 must be from 1 to 10" },
        { "  cal:\n    candidates: 11\n", "simulation.cal.candidates", "11", "11 must be from 1 to 10" },
        { "  cal:\n    rounds: 0\n", "simulation.cal.rounds", "0", "0 must be from 1 to 12" },
        { "  cal:\n    rounds: 13\n", "simulation.cal.rounds", "13", "13 must be from 1 to 12" },
        { "  cal: { sitting_days: -3 }\n", "simulation.cal.sitting_days", "-3", "from 0 to 365 days" },
        { "  cal: { answer_days: 366 }\n", "simulation.cal.answer_days", "366", "from 0 to 365 days" },
        { "  cal: { lease_days: 1000 }\n", "simulation.cal.lease_days", "1000", "from 0 to 365 days" },
        { "  refusals: { base: 1.5, in_qpv: 0, commune_not_asked: 0 }\n", "simulation.refusals.base", "1.5", "1.5 is a share" },
        { "  refusals:\n    in_qpv: 2\n", "simulation.refusals.in_qpv", "2", "2 is a share" },
        { "  refusals:\n    commune_not_asked: 1.01\n", "simulation.refusals.commune_not_asked", "1.01", "1.01 is a share" },
        { "  refusals: { base: 0.5, in_qpv: 0.3, commune_not_asked: 0.3 }\n", "simulation.refusals", "{ base: 0.5", "base + in_qpv + commune_not_asked is 1.1" },
        { "  lapse_rate: 1.01\n", "simulation.lapse_rate", "1.01", "1.01 is a share" },
        { "  arrival_lookback_months: 0\n", "simulation.arrival_lookback_months", "0", "0 must be from 1 to 120" },
        { "  arrival_lookback_months: 121\n", "simulation.arrival_lookback_months", "121", "121 must be from 1 to 120" },
        { "  eligibility:\n    rent_burden_limit: 0\n", "simulation.eligibility.rent_burden_limit", "0", "must be above 0 and at most 1" },
        { "  eligibility:\n    rent_burden_limit: 1.2\n", "simulation.eligibility.rent_burden_limit", "1.2", "must be above 0 and at most 1" },
        { "  eligibility:\n    rooms: []\n", "simulation.eligibility.rooms", "[]", "must list at least one household size" },
        { "  eligibility:\n    rooms:\n      - { persons: 2, min: 1, max: 3 }\n", "simulation.eligibility.rooms[0].persons", "2, min", "2 should be 1" },
        { "  eligibility:\n    rooms:\n      - { persons: 1, min: 1, max: 2 }\n      - { persons: 3, min: 2, max: 4 }\n", "simulation.eligibility.rooms[1].persons", "3, min", "3 should be 2: rows go by household size from 1" },
        { "  eligibility:\n    rooms:\n      - { persons: 1, min: 1, max: 2 }\n      - { persons: 1, min: 2, max: 3 }\n", "simulation.eligibility.rooms[1].persons", "1, min: 2", "1 should be 2" },
        { "  eligibility:\n    rooms:\n      - { persons: 1, min: 0, max: 2 }\n", "simulation.eligibility.rooms[0].min", "0, max", "0 must be at least 1" },
        { "  eligibility:\n    rooms:\n      - { persons: 1, min: 1, max: 21 }\n", "simulation.eligibility.rooms[0].max", "21", "21 must be at most 20" },
        { "  eligibility:\n    rooms:\n      - { persons: 1, min: 3, max: 2 }\n", "simulation.eligibility.rooms[0].max", "2 }", "2 is below min 3" },
        { "  abnormal_delay_months: 0\n", "simulation.abnormal_delay_months", "0", "0 must be from 1 to 240" },
        { "  abnormal_delay_months: 241\n", "simulation.abnormal_delay_months", "241", "241 must be from 1 to 240" },
        { "  cotation:\n    dalo: 10001\n", "simulation.cotation.dalo", "10001", "10 001 points must be from -10 000 to 10 000" },
        { "  cotation:\n    month_waiting: -10001\n", "simulation.cotation.month_waiting", "-10001", "-10 001 points must be from -10 000 to 10 000" },
        { "  steering_window: 0\n", "simulation.steering_window", "0", "0 must be from 1 to 1 000" },
        { "  steering_window: 1001\n", "simulation.steering_window", "1001", "1 001 must be from 1 to 1 000" },
        { "  scan_limit: 0\n", "simulation.scan_limit", "0", "0 must be from 1 to 10 000 000" },
        { "  scan_limit: 10000001\n", "simulation.scan_limit", "10000001", "10 000 001 must be from 1 to 10 000 000" },
    };

    [Theory]
    [MemberData(nameof(MeaningCases))]
    public void Each_meaning_problem_is_reported_with_its_path_line_and_column(string section, string path, string at, string message)
    {
        var yaml = Section(section);
        var problem = Should.Throw<PolicyException>(() => Load(yaml)).Problems.ShouldHaveSingleItem();
        problem.Path.ShouldBe(path);
        (problem.Line, problem.Column).ShouldBe(Position(yaml, at));
        problem.Message.ShouldContain(message);
    }

    [Fact]
    public void The_limits_themselves_are_accepted()
    {
        var s = Load(Section("""
              flux_shares: { prefecture: 1, landlord: 0 }
              rotation: { rate: 0, in_qpv: 1, landlords: { B1: 1 }, communes: { "44109": 0 } }
              notice_days: 0
              cal: { candidates: 10, rounds: 12, sitting_days: 365, answer_days: 0, lease_days: 365 }
              refusals: { base: 0.5, in_qpv: 0.25, commune_not_asked: 0.25 }
              lapse_rate: 1
              arrival_lookback_months: 120
              eligibility:
                rent_burden_limit: 1
                rooms: [{ persons: 1, min: 1, max: 20 }, { persons: 2, min: 20, max: 20 }]
              abnormal_delay_months: 240
              cotation: { dalo: 10000, month_waiting: -10000 }
              steering_window: 1000
              scan_limit: 10000000
            """)).Simulation;
        (s.Cal.Candidates, s.Cal.Rounds, s.ScanLimit, s.SteeringWindow).ShouldBe((10, 12, 10_000_000, 1_000));
        s.RoomsFor(2).ShouldBe((20, 20));
    }

    [Fact]
    public void Shape_problems_name_what_was_expected()
    {
        var yaml = Section("""
              ranking: fastest
              management: [stock]
              lapse_rate: lots
              cal: 3
              notice_days: 1.5
              eligibility:
                rooms:
                  - { persons: 1, min: 1 }
              cotation: { dalo: many }
              flux_shares: { prefecture: -0.1 }
            """);
        var e = Should.Throw<PolicyException>(() => Load(yaml));
        e.Problems.Select(p => p.Path).ShouldBe([
            "simulation.ranking", "simulation.management", "simulation.lapse_rate", "simulation.cal", "simulation.notice_days",
            "simulation.eligibility.rooms[0].max", "simulation.cotation.dalo", "simulation.flux_shares.prefecture"]);
        e.Problems.ShouldAllBe(p => p.Line > 0 && p.Column > 0);
        Message(e, "simulation.ranking").ShouldBe("'fastest' is not one of: seniority, cotation, cia_steered.");
        Message(e, "simulation.cal").ShouldBe("expected a mapping (key: value lines).");
        Message(e, "simulation.notice_days").ShouldBe("'1.5' is not a whole number.");
        Message(e, "simulation.eligibility.rooms[0].max").ShouldBe("missing key 'max' (a whole number).");
        Message(e, "simulation.flux_shares.prefecture").ShouldBe("'-0.1' is not a non-negative number (0.25 for 25 %).");
        (e.Problems[0].Line, e.Problems[0].Column).ShouldBe(Position(yaml, "fastest"));
    }

    [Fact]
    public void Unknown_keys_are_reported_with_the_keys_expected()
    {
        var yaml = Section("""
              colour: blue
              cal: { candidates: 3, candidate: 3 }
              flux_shares: { prefect: 0.3, landlord: 0.7 }
              cotation: { seniority: 1 }
              rotation: { landlord: { B1: 0.1 } }
              eligibility: { rooms: [{ persons: 1, min: 1, max: 2, rent: 300 }] }
            """);
        var e = Should.Throw<PolicyException>(() => Load(yaml));
        e.Problems.Select(p => p.Path).ShouldBe([
            "simulation.colour", "simulation.cal.candidate", "simulation.flux_shares.prefect", "simulation.cotation.seniority",
            "simulation.rotation.landlord", "simulation.eligibility.rooms[0].rent"]);
        Message(e, "simulation.colour").ShouldBe(
            "unknown key 'colour'; expected one of: ranking, management, flux_shares, rotation, notice_days, cal, refusals, lapse_rate, "
            + "arrival_lookback_months, eligibility, abnormal_delay_months, cotation, steering_window, scan_limit.");
        Message(e, "simulation.cal.candidate").ShouldBe("unknown key 'candidate'; expected one of: candidates, rounds, sitting_days, answer_days, lease_days.");
        Message(e, "simulation.flux_shares.prefect").ShouldBe("unknown key 'prefect'; expected one of: prefecture, state_agents, action_logement, commune, landlord, other.");
        Message(e, "simulation.cotation.seniority").ShouldBe(
            "unknown key 'seniority'; expected one of: dalo, prefectoral_priority, urban_renewal, mutation_reason, first_quartile, month_waiting, beyond_abnormal_delay.");
        foreach (var (p, at) in new[] { ("simulation.colour", "colour"), ("simulation.cal.candidate", "candidate:"), ("simulation.flux_shares.prefect", "prefect:"), ("simulation.rotation.landlord", "landlord: {") })
        {
            var problem = e.Problems.Single(x => x.Path == p);
            (problem.Line, problem.Column).ShouldBe(Position(yaml, at));
        }

        // The root accepts the section, and names it among the keys it expects.
        Should.Throw<PolicyException>(() => Load(Base + "\nsimulations: {}\n")).Problems.Single().Message.ShouldContain("stock, simulation.");
    }

    [Fact]
    public void Several_problems_are_reported_at_once_in_file_order()
    {
        var yaml = Section("""
              flux_shares: { prefecture: 0.30, commune: 0.30 }
              rotation:
                communes: { "44109": 0.1, "ABCDE": 0.1 }
              cal: { candidates: 0, rounds: 20 }
              refusals: { base: 0.6, in_qpv: 0.3, commune_not_asked: 0.2 }
              eligibility:
                rent_burden_limit: 0
                rooms:
                  - { persons: 1, min: 2, max: 1 }
                  - { persons: 3, min: 1, max: 30 }
              cotation: { dalo: 20000 }
              scan_limit: 0
            """);
        var e = Should.Throw<PolicyException>(() => Load(yaml));
        e.Problems.Select(p => p.Path).ShouldBe([
            "simulation.flux_shares",
            "simulation.rotation.communes[\"ABCDE\"]",
            "simulation.cal.candidates",
            "simulation.cal.rounds",
            "simulation.refusals",
            "simulation.eligibility.rent_burden_limit",
            "simulation.eligibility.rooms[0].max",
            "simulation.eligibility.rooms[1].persons",
            "simulation.eligibility.rooms[1].max",
            "simulation.cotation.dalo",
            "simulation.scan_limit",
        ]);
        e.Problems.Select(p => p.Line).ShouldBeInOrder();
        e.Problems.ShouldAllBe(p => p.Line > 0 && p.Column > 0);
        var candidates = e.Problems.Single(p => p.Path == "simulation.cal.candidates");
        var rounds = e.Problems.Single(p => p.Path == "simulation.cal.rounds");
        candidates.Line.ShouldBe(rounds.Line);
        candidates.Column.ShouldBeLessThan(rounds.Column);
        e.Message.ShouldContain("11 problem(s)");
    }

    [Fact]
    public void Two_spellings_of_one_commune_are_reported_at_the_second()
    {
        var yaml = Section("  rotation:\n    communes:\n      2a004: 0.1\n      2A004: 0.2\n");
        var problem = Should.Throw<PolicyException>(() => Load(yaml)).Problems.ShouldHaveSingleItem();
        problem.Path.ShouldBe("simulation.rotation.communes[\"2A004\"]");
        problem.Message.ShouldBe("'2A004' is listed twice.");
        (problem.Line, problem.Column).ShouldBe(Position(yaml, "2A004"));

        // Landlord ids are compared as written, surrounding blanks aside.
        var landlords = Section("  rotation:\n    landlords:\n      \"B1\": 0.1\n      \" B1 \": 0.2\n      \"b1\": 0.3\n");
        Should.Throw<PolicyException>(() => Load(landlords)).Problems.ShouldHaveSingleItem().Path.ShouldBe("simulation.rotation.landlords[\"B1\"]");
    }

    [Fact]
    public void A_key_written_twice_is_a_yaml_error()
    {
        var problem = Should.Throw<PolicyException>(() => Load(Section("  cotation:\n    dalo: 1\n    dalo: 2\n"))).Problems.ShouldHaveSingleItem();
        problem.Path.ShouldBe("(syntax)");
        problem.Message.ShouldContain("Duplicate key");
    }

    [Fact]
    public void Policies_built_in_code_are_checked_too()
    {
        var policy = PolicyLoader.LoadDefault();
        var d = SimulationOptions.Default;
        var s = d with
        {
            Ranking = (RankingPolicy)9,
            Management = (ReservationManagement)9,
            FluxShares =
            [
                new(Reservataire.Prefecture, new Rate(0.30m)),
                new(Reservataire.None, new Rate(0.10m)),
                new(Reservataire.Prefecture, new Rate(0.20m)),
                new((Reservataire)42, new Rate(0.10m)),
            ],
            Rotation = new RotationOptions(new Rate(2m), null, [new("B1", new Rate(0.1m)), new("B1 ", new Rate(0.2m)), new(" ", new Rate(0.1m))], [new("44109", new Rate(0.1m)), new("44109", new Rate(0.1m)), new("Nantes", new Rate(0.1m))]),
            Cotation = [new(CotationCriterion.Dalo, 1), new(CotationCriterion.Dalo, 2), new((CotationCriterion)99, 1)],
            Rooms = [],
        };
        var problems = PolicyValidator.Validate(policy with { Simulation = s });
        problems.ShouldAllBe(p => p.Line == 0 && p.Column == 0);
        problems.Select(p => $"{p.Path}: {p.Message}").ShouldBe([
            "simulation.ranking: 9 is not a ranking (seniority, cotation, cia_steered).",
            "simulation.management: 9 is not a management (stock, flux).",
            "simulation.flux_shares[1]: names no réservataire: under flux management every share belongs to one (the landlord's own share is landlord).",
            "simulation.flux_shares.prefecture: is listed twice.",
            "simulation.flux_shares[3]: 42 is not a réservataire.",
            "simulation.flux_shares: the shares add up to 0.70; they must add up to exactly 1 (e.g. landlord: 0.30 for the landlord's own share).",
            "simulation.rotation.rate: 2 is a share and must be between 0 and 1.",
            "simulation.rotation.landlords[\"B1\"]: 'B1' is listed twice.",
            "simulation.rotation.landlords[\"\"]: names no landlord id.",
            "simulation.rotation.communes[\"44109\"]: '44109' is listed twice.",
            "simulation.rotation.communes[\"Nantes\"]: 'Nantes' is not a commune code (an INSEE code: five characters, e.g. 44109, or 2A004 in Corse-du-Sud).",
            "simulation.eligibility.rooms: must list at least one household size (persons: 1 first): the last row also covers larger households.",
            "simulation.cotation.dalo: is listed twice.",
            "simulation.cotation[2]: 99 is not a cotation criterion (dalo, prefectoral_priority, urban_renewal, mutation_reason, first_quartile, month_waiting, beyond_abnormal_delay).",
        ]);

        // Arrays left at default(ImmutableArray) are reported rather than crashing the simulator later.
        var unset = d with { FluxShares = default, Rooms = default, Cotation = default, Rotation = d.Rotation with { Landlords = default, Communes = default } };
        PolicyValidator.Validate(policy with { Simulation = unset }).Select(p => p.Path).ShouldBe([
            "simulation.flux_shares", "simulation.rotation.landlords", "simulation.rotation.communes", "simulation.eligibility.rooms", "simulation.cotation"]);
        PolicyValidator.Validate(policy with { Simulation = d }).ShouldBeEmpty();
    }

    [Fact]
    public void A_bad_section_stops_the_classifier_like_any_policy_problem()
    {
        var p = PolicyLoader.LoadDefault();
        var bad = p with { Simulation = p.Simulation with { Cal = p.Simulation.Cal with { Candidates = 0 } } };
        Should.Throw<PolicyException>(() => new CIA.Engine.Classification.HouseholdClassifier(bad, CIA.Engine.Parameters.BuiltInParameters.Create()))
            .Problems.Single().Path.ShouldBe("simulation.cal.candidates");
    }

    private static CiaPolicy Load(string yaml) => PolicyLoader.Load(new StringReader(yaml), "simulation.yaml");

    /// <summary>The built-in policy with <paramref name="section"/> (keys indented two spaces) as its simulation section.</summary>
    private static string Section(string section) => Base + "\nsimulation:\n" + section + (section.EndsWith('\n') ? string.Empty : "\n");

    private static string WithoutSimulation(string yaml)
    {
        var start = yaml.IndexOf("\n# The simulator's settings", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0);
        return yaml[..(start + 1)];
    }

    /// <summary>The 1-based line and column where <paramref name="at"/> first occurs in the simulation section.</summary>
    private static (int Line, int Column) Position(string yaml, string at)
    {
        var section = yaml.IndexOf("\nsimulation:\n", StringComparison.Ordinal);
        var i = yaml.IndexOf(at, section, StringComparison.Ordinal);
        i.ShouldBeGreaterThan(section, $"'{at}' is not in the section");
        return (yaml.AsSpan(0, i).Count('\n') + 1, i - yaml.LastIndexOf('\n', i - 1));
    }

    private static string Message(PolicyException e, string path) => e.Problems.Single(p => p.Path == path).Message;

    /// <summary>
    /// Record equality compares an ImmutableArray by reference: compare the tables element by element, then the rest of
    /// the record with the tables made the same.
    /// </summary>
    private static void ShouldMatch(SimulationOptions actual, SimulationOptions expected)
    {
        actual.FluxShares.ShouldBe(expected.FluxShares);
        actual.Rotation.Landlords.ShouldBe(expected.Rotation.Landlords);
        actual.Rotation.Communes.ShouldBe(expected.Rotation.Communes);
        actual.Rooms.ShouldBe(expected.Rooms);
        actual.Cotation.ShouldBe(expected.Cotation);
        var same = actual with
        {
            FluxShares = expected.FluxShares,
            Rotation = actual.Rotation with { Landlords = expected.Rotation.Landlords, Communes = expected.Rotation.Communes },
            Rooms = expected.Rooms,
            Cotation = expected.Cotation,
        };
        same.ShouldBe(expected);
    }
}
