using System.Text;
using System.Text.Json;
using CIA.Engine.Classification;
using CIA.Engine.Data;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Simulation;
using CIA.Engine.Stock;
using CIA.Engine.Tables;

namespace CIA.Engine.Tests.Simulation;

/// <summary>One simulated year of the built-in territory, shared by the writer tests (preparing and running it takes about a second).</summary>
public sealed class BuiltInYear
{
    public BuiltInYear()
    {
        var policy = PolicyLoader.LoadDefault();
        var parameters = BuiltInParameters.Create();
        var households = new HouseholdClassifier(policy, parameters);
        var dwellings = new DwellingClassifier(policy, parameters, FragilityRules.Assess(DefaultData.Programmes, policy.Stock.Fragility));
        Territory = new SimulationTerritory(households, dwellings, DefaultData.Demand, DefaultData.Stock, 2026);
        Capacity = CapacityCalculator.FromStock(DefaultData.Stock, DefaultData.Programmes, policy, parameters).Mobilisable;
        Report = SimulationReport.Of(Simulator.Run(Territory, 7), Capacity);
    }

    public SimulationTerritory Territory { get; }

    public int Capacity { get; }

    public SimulationReport Report { get; }
}

public sealed class SimulationWriterTests(BuiltInYear year) : IClassFixture<BuiltInYear>
{
    private SimulationResult Result => year.Report.Result;

    private static string Text(Action<TextWriter> write)
    {
        var w = new StringWriter();
        write(w);
        return w.ToString();
    }

    private static string Json(Action<Stream> write)
    {
        using var ms = new MemoryStream();
        write(ms);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    [Fact]
    public void The_log_is_allocation_records_that_read_back_with_no_problem()
    {
        var log = Text(w => SimulationWriter.WriteAllocations(w, Result));
        log.ShouldNotContain("\r");
        var lines = log.TrimEnd('\n').Split('\n');
        lines[0].ShouldBe("lease_signed_on;application_id;dwelling_id;reservataire;channel;rank;candidates_examined;refusals_before;rules;chain_id;round");
        lines.Length.ShouldBe(Result.Leases.Length + 1);
        Result.Leases.Length.ShouldBeGreaterThan(1000);

        var table = AllocationCsv.ReadTable(new StringReader(log), "allocations.csv"); // throws on any problem
        table.Count.ShouldBe(Result.Leases.Length);
        for (var i = 0; i < table.Count; i += 97)
        {
            var lease = Result.Leases[i];
            table.LeaseSignedOn(i).ShouldBe(lease.SignedOn);
            table.Applications[i].ShouldBe(Result.ApplicationId(lease.Application));
            table.Dwellings[i].ShouldBe(Result.Territory.Stock.Ids[lease.Dwelling]);
            table.ReservataireOf(i).ShouldBe(lease.Reservataire);
        }

        // Against the demand and the stock, the only leases that cannot be counted are the year's new arrivals (not in the demand file).
        var check = AllocationCheck.Of(table, DefaultData.Demand, DefaultData.Stock, 2026);
        check.Problems.ShouldAllBe(p => p.Kind == AllocationProblemKind.UnknownApplication);
        check.Problems.Count(p => p.Kind == AllocationProblemKind.UnknownApplication)
            .ShouldBe(Result.Leases.Count(l => Result.ApplicationId(l.Application).StartsWith("SIM-", StringComparison.Ordinal)));

        // The simulator's own columns.
        var first = lines[1].Split(';');
        var l0 = Result.Leases[0];
        first[5].ShouldBe(l0.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture));
        first[8].ShouldBe(l0.Rules.ToString());
        first[8].ShouldContain("SIM-CAL");
        first[9].ShouldBe(Result.Territory.Stock.Ids[l0.Chain]);
    }

    [Fact]
    public void Every_file_is_the_same_bytes_twice()
    {
        Text(w => SimulationWriter.WriteAllocations(w, Result)).ShouldBe(Text(w => SimulationWriter.WriteAllocations(w, Result)));
        var again = SimulationReport.Of(Simulator.Run(year.Territory, 7), year.Capacity);
        Text(w => SimulationWriter.WriteAllocations(w, again.Result)).ShouldBe(Text(w => SimulationWriter.WriteAllocations(w, Result)));
        Text(w => SimulationWriter.WriteUnfilled(w, again.Result)).ShouldBe(Text(w => SimulationWriter.WriteUnfilled(w, Result)));
        Text(w => SimulationWriter.WriteTargets(w, again.Targets)).ShouldBe(Text(w => SimulationWriter.WriteTargets(w, year.Report.Targets)));
        Text(w => SimulationWriter.WriteIndicators(w, again.Indicators)).ShouldBe(Text(w => SimulationWriter.WriteIndicators(w, year.Report.Indicators)));
        Json(s => SimulationWriter.WriteJson(s, again)).ShouldBe(Json(s => SimulationWriter.WriteJson(s, year.Report)));
    }

    [Fact]
    public void Unfilled_vacancies_one_row_each_in_date_order()
    {
        var lines = Text(w => SimulationWriter.WriteUnfilled(w, Result)).TrimEnd('\n').Split('\n');
        lines[0].ShouldBe("dwelling_id;vacant_on;reason;channel");
        lines.Length.ShouldBe(Result.Unfilled.Length + 1);
        var dates = lines.Skip(1).Select(l => l.Split(';')[1]).ToList();
        dates.ShouldBe(dates.Order(StringComparer.Ordinal).ToList());
        lines.Skip(1).ShouldAllBe(l => l.Split(';')[2] == "no_eligible_candidate" || l.Split(';')[2] == "refused" || l.Split(';')[2] == "pending_at_year_end");
    }

    [Fact]
    public void Targets_one_row_per_target_and_per_reservataire_figure_then_the_breakdowns()
    {
        var lines = Text(w => SimulationWriter.WriteTargets(w, year.Report.Targets)).TrimEnd('\n').Split('\n');
        lines[0].ShouldBe("target_id;scope;key;numerator;denominator;share;min;max;status;reference;share_of_reference");
        var rows = lines.Skip(1).Select(l => l.Split(';')).ToList();
        rows.ShouldAllBe(r => r.Length == 11);
        foreach (var t in year.Report.Targets)
        {
            var overall = rows.Single(r => r[0] == t.Target.Id && r[1] == "overall");
            overall[3].ShouldBe(t.Overall.Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture));
            overall[4].ShouldBe(t.Overall.Denominator.ToString(System.Globalization.CultureInfo.InvariantCulture));
            rows.Count(r => r[0] == t.Target.Id && r[1] == "reservataire").ShouldBe(t.ByReservataire.Length);
            rows.Count(r => r[0] == t.Target.Id && r[1].StartsWith("by_", StringComparison.Ordinal))
                .ShouldBe(t.Breakdown.Count(b => b.Dimension != TargetBreakdown.Total));
        }

        // cia-priority-share: 25 % minimum per réservataire; the rebalancing indicators compare to the mobilisable capacity.
        var priority = rows.Single(r => r[0] == "cia-priority-share" && r[1] == "overall");
        priority[6].ShouldBe("0.25");
        priority[7].ShouldBe("");
        var accessible = rows.Single(r => r[0] == "rebalancing-accessible" && r[1] == "overall");
        accessible[8].ShouldBe("indicator");
        accessible[9].ShouldBe(year.Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        decimal.Parse(accessible[10], System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(Math.Round((decimal)int.Parse(accessible[3], System.Globalization.CultureInfo.InvariantCulture) / year.Capacity, 6));
    }

    [Fact]
    public void Indicators_name_every_figure_of_the_year()
    {
        var rows = Text(w => SimulationWriter.WriteIndicators(w, year.Report.Indicators)).TrimEnd('\n').Split('\n');
        rows[0].ShouldBe("indicator;group;unit;value");
        string Value(string name, string group = "") => rows.Single(r => r.StartsWith(name + ";" + group + ";", StringComparison.Ordinal)).Split(';')[3];
        var c = Result.Counts;
        Value("leases").ShouldBe(c.Leases.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Value("vacancies").ShouldBe(c.Vacancies.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Value("lapsed").ShouldBe(c.Lapsed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Value("refusals").ShouldBe(c.Refusals.ToString(System.Globalization.CultureInfo.InvariantCulture));
        double.Parse(Value("satisfaction_rate"), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(c.SatisfactionRate);
        Value("unfilled_by_reason", "pending_at_year_end").ShouldBe(Result.Unfilled.Count(u => u.Reason == UnfilledReason.PendingAtYearEnd).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Value("housed", "quartile_1").ShouldNotBeEmpty();
        Value("wait_mean_months", "all_housed").ShouldNotBeEmpty();
        Value("chains_by_length", "1").ShouldBe(Result.ChainLengths[1].ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var t in year.Report.Targets)
        {
            Value("target_share", t.Target.Id).ShouldNotBeEmpty();
        }

        Value("target_share", "cia-priority-share/landlord").ShouldNotBeEmpty();
        Value("target_share_of_capacity", "rebalancing-accessible").ShouldNotBeEmpty();
    }

    [Fact]
    public void The_json_document_holds_everything()
    {
        using var doc = JsonDocument.Parse(Json(s => SimulationWriter.WriteJson(s, year.Report)));
        var root = doc.RootElement;
        root.GetProperty("seed").GetUInt64().ShouldBe(7UL);
        root.GetProperty("year").GetInt32().ShouldBe(2026);
        root.GetProperty("ranking").GetString().ShouldBe("seniority");
        root.GetProperty("mobilisable_capacity").GetInt32().ShouldBe(year.Capacity);
        root.GetProperty("notes").GetArrayLength().ShouldBe(year.Territory.Notes.Count);
        root.GetProperty("counts").GetProperty("leases").GetInt32().ShouldBe(Result.Counts.Leases);
        root.GetProperty("leases").GetArrayLength().ShouldBe(Result.Leases.Length);
        root.GetProperty("unfilled").GetArrayLength().ShouldBe(Result.Unfilled.Length);
        root.GetProperty("targets").GetArrayLength().ShouldBe(year.Report.Targets.Length);
        root.GetProperty("waiting_times").GetArrayLength().ShouldBe(7);
        root.GetProperty("indicators").GetArrayLength().ShouldBe(year.Report.Indicators.Length);
        var lease = root.GetProperty("leases")[0];
        lease.GetProperty("rules").EnumerateArray().Select(r => r.GetString()).ShouldContain("SIM-CAL");
        var priority = root.GetProperty("targets")[0];
        priority.GetProperty("id").GetString().ShouldBe("cia-priority-share");
        priority.GetProperty("reservataires").GetArrayLength().ShouldBe(3);
        priority.GetProperty("overall").GetProperty("status").GetString().ShouldNotBeNull();
    }

    [Fact]
    public void A_monte_carlo_summary_of_two_runs_writes_csv_and_json()
    {
        var second = SimulationReport.Of(Simulator.Run(year.Territory, 8), year.Capacity);
        var summary = MonteCarloSummary.Of([year.Report, second]);
        summary.Seeds.ShouldBe([7UL, 8UL]);
        var leases = summary.Indicators.Single(s => s.Name == "leases");
        leases.Runs.ShouldBe(2);
        leases.Mean.ShouldBe((year.Report.Result.Counts.Leases + second.Result.Counts.Leases) / 2.0);
        leases.Low.ShouldNotBeNull();

        var csv = Text(w => SimulationWriter.WriteMonteCarlo(w, summary)).TrimEnd('\n').Split('\n');
        csv[0].ShouldBe("indicator;group;unit;runs;mean;sd;ci95_low;ci95_high");
        csv.Length.ShouldBe(summary.Indicators.Length + 1);
        using var doc = JsonDocument.Parse(Json(s => SimulationWriter.WriteMonteCarloJson(s, year.Territory, year.Capacity, summary)));
        doc.RootElement.GetProperty("runs").GetInt32().ShouldBe(2);
        doc.RootElement.GetProperty("confidence").GetDouble().ShouldBe(0.95);
        doc.RootElement.GetProperty("indicators").GetArrayLength().ShouldBe(summary.Indicators.Length);
    }
}
