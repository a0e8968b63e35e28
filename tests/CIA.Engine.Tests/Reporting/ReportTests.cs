using System.Collections.Immutable;
using System.Text;
using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Policy;
using CIA.Engine.Reporting;
using CIA.Engine.Tables;
using CIA.Engine.Targets;

namespace CIA.Engine.Tests.Reporting;

/// <summary>
/// The annual report on <see cref="HandBuiltYear"/>: every figure worked out by hand below, then the Markdown, CSV and
/// JSON approved as files (tests/CIA.Engine.Tests/Reporting/*.approved.*), which were read against these figures.
/// </summary>
public class ReportTests
{
    private static readonly AnnualReport Report = HandBuiltYear.Report();

    // The trend's previous year: two shares, given by hand.
    private static readonly PreviousReport Previous = new(2024, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
        [new KeyValuePair<string, decimal>("cia-priority-share", 0.30m), new KeyValuePair<string, decimal>("lec-in-qpv", 0.50m)]));

    private static TargetResult Target(string id) => Report.Targets.Single(t => t.Target.Id == id);

    private static (int, int, TargetStatus) Of(TargetFigure f) => (f.Numerator, f.Denominator, f.Status);

    [Fact]
    public void Every_target_attains_the_figures_worked_out_by_hand()
    {
        Report.Records.ShouldBe(19); // 14 leases + 5 records that cannot be counted
        Report.Counted.ShouldBe(14);

        // CIA 25 % (landlord, commune, Action Logement), priority households P*, D1:
        //   landlord leases 1 (P1 ✓), 2, 3, 9, 10, 12, 14 → 1 / 7 = 14.3 % < 25 %: not met;
        //   Action Logement leases 4 (D1 ✓), 5, 11 (P3 ✓), 13 → 2 / 4 = 50 %: met;
        //   communes: no lease → no allocations; overall 3 / 11 = 27.3 % ≥ 25 % (3 ≥ 2.75): met.
        var cia = Target("cia-priority-share");
        Of(cia.Overall).ShouldBe((3, 11, TargetStatus.Met));
        cia.ByReservataire.Select(r => (r.Reservataire, Of(r.Figure))).ShouldBe([
            (Reservataire.Landlord, (1, 7, TargetStatus.NotMet)),
            (Reservataire.Commune, (0, 0, TargetStatus.NoAllocations)),
            (Reservataire.ActionLogement, (2, 4, TargetStatus.Met)),
        ]);

        // Préfet's contingent: leases 6 (P2 ✓) and 7 (C1 ✗) → 1 / 2 = 50 % < 100 %: not met.
        Of(Target("prefect-contingent-priority").Overall).ShouldBe((1, 2, TargetStatus.NotMet));

        // State agents among the préfet's allocations (6, 7, 8): lease 8 → 1 / 3 = 33.3 % > 5 %: not met.
        Of(Target("prefect-state-agents").Overall).ShouldBe((1, 3, TargetStatus.NotMet));

        // Statutory 25 % (DALO or L441-1): only D1 (Action Logement) → 1 / 11 overall = 9.1 %: not met;
        // Action Logement 1 / 4 = 25 %, the bound itself: met; landlord 0 / 7: not met.
        var lec = Target("lec-statutory-priority");
        Of(lec.Overall).ShouldBe((1, 11, TargetStatus.NotMet));
        lec.ByReservataire.Select(r => Of(r.Figure)).ShouldBe([(0, 0, TargetStatus.NoAllocations), (1, 4, TargetStatus.Met), (0, 7, TargetStatus.NotMet)]);

        // Outside QPV (leases 1–6): 1st quartile P1, P2 → 2 / 6 = 33.3 % ≥ 25 %: met.
        // By landlord: L1 has O1 (P1 ✓), O2 (N1), O6 (P2 ✓) → 2 / 3 met; L2 has O3, O4, O5 → 0 / 3 not met.
        var outside = Target("lec-outside-qpv");
        Of(outside.Overall).ShouldBe((2, 6, TargetStatus.Met));
        outside.Breakdown.Where(b => b.Dimension == TargetBreakdown.Landlord).Select(b => (b.Name, Of(b.Figure))).ShouldBe([
            ("L1", (2, 3, TargetStatus.Met)), ("L2", (0, 3, TargetStatus.NotMet))]);

        // In QPV (leases 7–14): quartiles 2–4 all but P3 → 7 / 8 = 87.5 % ≥ 50 %: met.
        Of(Target("lec-in-qpv").Overall).ShouldBe((7, 8, TargetStatus.Met));

        // Ménages cibles in QPV: C1, C2, C3 → 3 / 8 = 37.5 %, above the 20–30 % band. By QPV:
        // NMQ01 (leases 7–11): C1 → 1 / 5 = 20 %, the lower bound itself: within; NMQ02 (lease 12): 0 / 1: below;
        // NMQ03 (leases 13, 14): C2, C3 → 2 / 2 = 100 %: above.
        var band = Target("qpv-diversification");
        Of(band.Overall).ShouldBe((3, 8, TargetStatus.Above));
        band.Breakdown.Where(b => b.Dimension == TargetBreakdown.Qpv).Select(b => (b.Name, Of(b.Figure))).ShouldBe([
            ("NMQ01", (1, 5, TargetStatus.Within)), ("NMQ02", (0, 1, TargetStatus.Below)), ("NMQ03", (2, 2, TargetStatus.Above))]);

        // Rebalancing: priority households in the (accessible) non-fragile stock outside QPV: P1, D1, P2 → 3 of the 6
        // leases there, against the 1 241 mobilisable (3 / 1 241 = 0.24 %). By commune: Nantes O1–O4 → P1, D1: 2 / 4;
        // Rezé O5, O6 → P2: 1 / 2.
        foreach (var id in new[] { "rebalancing-accessible", "rebalancing-non-fragile" })
        {
            var r = Target(id);
            Of(r.Overall).ShouldBe((3, 6, TargetStatus.Indicator));
            r.ReferenceFigure.ShouldBe(1241);
            r.ShareOfReference.ShouldBe(3m / 1241m);
            r.Breakdown.Where(b => b.Dimension == TargetBreakdown.Commune).Select(b => (b.Name, b.Figure.Numerator, b.Figure.Denominator)).ShouldBe([("44109", 2, 4), ("44143", 1, 2)]);
        }
    }

    [Fact]
    public void Moves_and_the_least_served_are_worked_out_by_hand()
    {
        // One mutation applicant, N7, living in QC1 (QPV NMQ03), housed in QB1 (QPV NMQ02): in QPV, not outside. QB1's
        // LOCAT cell is empty: its age is unknown, neither new nor older.
        Report.Mutations.ShouldBe([
            new MoveFigure("mutation", 1, 1, 1) { HousedAgeUnknown = 1 },
            new MoveFigure("mutation_from_qpv", 1, 1, 1) { HousedAgeUnknown = 1 }]);
        Report.NewStockSince.ShouldBe(2021); // 2025 − 5 + 1: "livrés depuis moins de 5 ans"
        Report.Relocations.ShouldBe([new MoveFigure("relocation_anru", 0, 0, 0), new MoveFigure("relocation_non_anru", 0, 0, 0)]);

        // Abnormal delay 24 months: registered 2023-01-01, before 2023-12-31 (31 December 2025 − 24 months). Housed in
        // 2025: all but X1 (its lease is dated 2024) and N8 (its lease duplicates another). 1st quartile P1–P3, X1 → 4,
        // of whom X1 waits; priority P1–P3, X1, D1 → 5, of whom X1 waits.
        Report.AbnormalDelayMonths.ShouldBe(24);
        Report.LeastServed.ShouldBe([new LeastServedFigure("quartile_1", 4, 1), new LeastServedFigure("priority", 5, 1)]);
    }

    [Fact]
    public void Records_that_cannot_be_counted_are_reported_with_a_count_and_examples_never_dropped()
    {
        // Line 16 unknown application; 17 unknown dwelling (and a duplicate application too, N1 on line 3: each record
        // is counted under its first reason only, so 14 counted + 5 reasons = 19 records); 18 duplicate application
        // (P1, line 2); 19 outside the year; 20 duplicate lease (O1 on 2025-01-10, line 2).
        Report.Problems.Select(g => (g.Kind, g.Count, string.Join(",", g.Examples.Select(e => e.Problem.Line)))).ShouldBe([
            (AllocationProblemKind.UnknownApplication, 1, "16"),
            (AllocationProblemKind.UnknownDwelling, 1, "17"),
            (AllocationProblemKind.DuplicateApplication, 1, "18"),
            (AllocationProblemKind.DuplicateLease, 1, "20"),
            (AllocationProblemKind.OutsideYear, 1, "19"),
        ]);
        (Report.Counted + Report.Problems.Sum(g => g.Count)).ShouldBe(Report.Records);

        var md = Markdown(ReportComposer.Compose(Report, new ReportOptions(ReportLanguage.English, 0)));
        md.ShouldContain("5 of 19 allocation records could not be counted");
        md.ShouldContain("'Z9' is not an application of demand.csv.");
        md.ShouldContain("| application already housed on an earlier line | 1 |");
    }

    [Fact]
    public void The_report_names_input_files_without_their_folder()
    {
        // The same files read from a folder: the examples name demand.csv, never the folder, and every format is the
        // same bytes as with no folder.
        var there = HandBuiltYear.Report("/srv/cil/2025/");
        there.Problems.SelectMany(g => g.Examples).ShouldAllBe(e => !e.Problem.Message.Contains("/srv") && !e.Problem.File.Contains("/srv"));
        var options = new ReportOptions(ReportLanguage.French, 5);
        Markdown(ReportComposer.Compose(there, options)).ShouldBe(Markdown(ReportComposer.Compose(Report, options)));
    }

    [Fact]
    public void Markdown_is_approved() =>
        Markdown(ReportComposer.Compose(Report, new ReportOptions(ReportLanguage.French, 0, Previous))).ShouldMatchApproved(c => c.NoDiff().WithFileExtension("md"));

    [Fact]
    public void Markdown_in_English_is_approved() =>
        Markdown(ReportComposer.Compose(Report, new ReportOptions(ReportLanguage.English, 0, Previous))).ShouldMatchApproved(c => c.NoDiff().WithFileExtension("md"));

    [Fact]
    public void Csv_is_approved()
    {
        var csv = Csv(ReportComposer.Compose(Report, new ReportOptions(ReportLanguage.French, 0, Previous)));

        // Hand-worked rows, checked before the whole file is approved.
        csv.ShouldContain("\ncia-priority-share;summary;");
        csv.ShouldContain(";3;11;0.272727;0.25;;met;;false;false;;;0.3\n");
        csv.ShouldContain("\nqpv-diversification/qpv/NMQ01;target-qpv-diversification;NMQ01 Grand Bellevue;1;5;0.2;0.2;0.3;within;");
        csv.ShouldContain("\nlec-in-qpv;summary;Ménages des quartiles 2 à 4 dans les attributions en QPV;7;8;0.875;0.5;;met;;false;false;;;0.5\n");
        csv.ShouldMatchApproved(c => c.NoDiff().WithFileExtension("csv"));
    }

    [Fact]
    public void Json_is_approved_and_reads_back_as_previous()
    {
        var document = ReportComposer.Compose(Report, new ReportOptions(ReportLanguage.French, 0, Previous));
        var json = Json(document);
        json.ShouldMatchApproved(c => c.NoDiff().WithFileExtension("json"));

        var back = ReportJson.ReadPrevious(json, "report.json");
        back.Year.ShouldBe(2025);
        back.Shares["lec-in-qpv"].ShouldBe(0.875m);           // 7 / 8
        back.Shares["cia-priority-share/landlord"].ShouldBe(0.142857m); // 1 / 7, six decimals
        back.Shares.ContainsKey("cia-priority-share/commune").ShouldBeFalse(); // no allocations: no share
    }

    [Fact]
    public void A_previous_report_with_malformed_figures_is_refused_with_every_problem()
    {
        var text = "{\"format\":\"cia-annual-report/1\",\"year\":2024,\"figures\":[{\"key\":1},{\"key\":\"a\",\"share\":\"x\"},{\"key\":\"b\",\"share\":1.5},{\"key\":\"c\",\"share\":null},{\"key\":\"d\",\"share\":0.25}]}";
        var e = Should.Throw<InputException>(() => ReportJson.ReadPrevious(text, "old.json"));
        e.Problems.Select(p => p.Message).ShouldBe([
            "figures[0].key: expected a non-empty string.",
            "figures[1].share: expected a number from 0 to 1, or null.",
            "figures[2].share: expected a number from 0 to 1, or null.",
        ]);

        // A null share (masked or undefined) and a share in range are read.
        var good = ReportJson.ReadPrevious(text.Replace("{\"key\":1},{\"key\":\"a\",\"share\":\"x\"},{\"key\":\"b\",\"share\":1.5},", string.Empty, StringComparison.Ordinal), "old.json");
        good.Shares.ShouldBe(new Dictionary<string, decimal> { ["d"] = 0.25m });
    }

    [Fact]
    public void A_previous_report_that_is_not_one_is_refused_with_line_and_column()
    {
        Should.Throw<CIA.Engine.IO.InputException>(() => ReportJson.ReadPrevious("{\"format\": \"other\"}", "old.json")).Problems[0].ToString().ShouldContain("is not an annual report");
        var e = Should.Throw<CIA.Engine.IO.InputException>(() => ReportJson.ReadPrevious("{\n  \"format\": ,\n}", "old.json"));
        (e.Problems[0].Line, e.Problems[0].File).ShouldBe((2, "old.json"));
    }

    [Fact]
    public void Every_format_is_byte_identical_for_the_same_inputs()
    {
        var a = ReportComposer.Compose(HandBuiltYear.Report(), new ReportOptions(Previous: Previous));
        var b = ReportComposer.Compose(HandBuiltYear.Report(), new ReportOptions(Previous: Previous));
        Markdown(a).ShouldBe(Markdown(b));
        Csv(a).ShouldBe(Csv(b));
        Json(a).ShouldBe(Json(b));
        Html(a).ShouldBe(Html(b));
        Xlsx(a).ShouldBe(Xlsx(b));
    }

    [Fact]
    public void The_workbook_has_one_sheet_per_table_with_numbers_as_numbers()
    {
        var document = ReportComposer.Compose(Report, new ReportOptions(MaskBelow: 0));
        using var stream = new MemoryStream(Xlsx(document));
        var sheets = MiniExcelLibs.MiniExcel.GetSheetNames(stream);
        var tables = document.Sections.SelectMany(s => s.Tables).Count();
        sheets.Count.ShouldBe(tables + 1); // + the summary's paragraphs
        stream.Position = 0;
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "summary").Cast<IDictionary<string, object>>().ToList();
        rows[0]["Numérateur"].ShouldBe(3d);   // cia-priority-share, 3 / 11
        rows[0]["Part"].ShouldBe(0.272727d);
    }

    [Fact]
    public void The_html_page_is_self_contained_french_and_takes_a_chart_per_table()
    {
        var document = ReportComposer.Compose(Report, new ReportOptions(MaskBelow: 0));
        var html = Html(document, (t, _) => t.Chart == ChartHint.Band ? "<svg data-test=\"band\"></svg>" : null);
        html.ShouldStartWith("<!DOCTYPE html>\n<html lang=\"fr\">");
        html.ShouldNotContain("http://");
        html.ShouldNotContain("https://");
        html.ShouldNotContain("<script");
        html.ShouldContain("<figure class=\"chart\" data-chart=\"band\"><svg data-test=\"band\"></svg></figure>");
        html.ShouldContain("27,3&#160;%"); // 3 / 11, the French way
    }

    [Fact]
    public void Masking_hides_small_counts_and_a_second_cell_when_the_total_would_give_one_back()
    {
        // Three landlords, numerators 10, 3, 12 of a published total 25: 3 is under 5 and masked; alone, it would be
        // 25 − 10 − 12. So the smallest other numerator, 10, is masked too: 25 − 12 = 13 = 10 + 3, no longer split.
        // Denominators 40, 20, 30: none small, and no complement (40 − 10, 20 − 3, 30 − 12) is.
        var (numerators, denominators) = Disclosure.Mask([10, 3, 12], [40, 20, 30], 5);
        numerators.ShouldBe([true, true, false]);
        denominators.ShouldBe([false, false, false]);

        // A small denominator hides its whole row; a zero is never masked (it says nothing about anybody), and a small
        // complement hides the numerator (18 of 20: the 2 others would be known). Two masked numerators already: no
        // secondary one.
        var (n2, d2) = Disclosure.Mask([0, 2, 18, 30], [0, 3, 20, 50], 5);
        n2.ShouldBe([false, true, true, false]);
        d2.ShouldBe([false, true, true, false]); // 3 is small; the 20 is masked as the smallest other denominator (secondary)

        // Threshold 0: nothing masked.
        Disclosure.Mask([1, 2], [1, 2], 0).Numerator.ShouldBe([false, false]);
    }

    [Fact]
    public void In_the_report_masked_counts_never_leave_and_the_threshold_is_stated()
    {
        var document = ReportComposer.Compose(Report, new ReportOptions(ReportLanguage.English));
        var csv = Csv(document);

        // lec-outside-qpv by landlord: L1 2 / 3 and L2 0 / 3: the denominators are under 5, so the whole rows are masked
        // (statuses stay published, docs/report.md).
        csv.ShouldContain("\nlec-outside-qpv/landlord/L1;target-lec-outside-qpv;L1;;;;0.25;;met;;true;true;;;\n");
        csv.ShouldContain("\nlec-outside-qpv/landlord/L2;target-lec-outside-qpv;L2;;;;0.25;;not_met;;true;true;;;\n");

        // The overall figure stays published (2 / 6), and the threshold is said.
        csv.ShouldContain("\nlec-outside-qpv;summary;");
        Markdown(document).ShouldContain("counts from 1 to 4 are masked");
        Markdown(document).ShouldContain("| L1 | masked | masked | masked | ≥ 25% | met |");
    }

    private static string Markdown(ReportDocument d)
    {
        var w = new StringWriter { NewLine = "\n" };
        ReportMarkdown.Write(w, d);
        return w.ToString();
    }

    private static string Csv(ReportDocument d)
    {
        var w = new StringWriter { NewLine = "\n" };
        ReportCsv.Write(w, d);
        return w.ToString();
    }

    private static string Json(ReportDocument d)
    {
        using var s = new MemoryStream();
        ReportJson.Write(s, d);
        return Encoding.UTF8.GetString(s.ToArray());
    }

    private static string Html(ReportDocument d, Func<ReportTable, ReportText, string?>? chart = null)
    {
        var w = new StringWriter { NewLine = "\n" };
        ReportHtml.Write(w, d, chart);
        return w.ToString();
    }

    private static byte[] Xlsx(ReportDocument d)
    {
        using var s = new MemoryStream();
        ReportXlsx.Write(s, d);
        return s.ToArray();
    }
}
