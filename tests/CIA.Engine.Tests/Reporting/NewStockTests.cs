using CIA.Engine.Policy;
using CIA.Engine.Reporting;

namespace CIA.Engine.Tests.Reporting;

/// <summary>
/// Relocations by urban renewal and where they were housed: in QPV or not, in new stock or not (CIA Annexe 2, the
/// relocation charter: "neufs ou livrés depuis moins de 5 ans"; RPLS LOCAT, the year first let as social housing).
/// Every figure below is worked out by hand from the files of <see cref="Files"/>.
/// </summary>
public class NewStockTests
{
    // Four relocated households (two ANRU, two not), one mutation applicant and one other, all of 2023, alone, 1 000 €/month.
    private const string Demand =
        "application_id;registered_on;persons_14_plus;children_under_14;monthly_resources;tax_income;employment;disabled_member;is_mutation;mutation_reason;urban_renewal;prefectoral_criteria;reserved_by;desired_communes;current_dwelling_id\n"
        + "R1;2023-01-01;1;0;1000;10000;employed;false;false;;anru;;;;\n"
        + "R2;2023-01-01;1;0;1000;10000;employed;false;false;;anru;;;;\n"
        + "R3;2023-01-01;1;0;1000;10000;employed;false;false;;non_anru;;;;\n"
        + "R4;2023-01-01;1;0;1000;10000;employed;false;false;;non_anru;;;;\n"
        + "M1;2023-01-01;1;0;1000;10000;employed;false;true;other;;;;;\n"
        + "N1;2023-01-01;1;0;1000;10000;employed;false;false;;;;;;\n";

    // Year 2025: with 5 years, new stock is first let in 2021 or later.
    // D1 outside QPV, first let 2021 (the first new year); D2 outside, 2020 (the last older year); D3 in QPV, 2025;
    // D4 in QPV, LOCAT empty (unknown); D5 outside, 2022; D6 outside, 1975.
    private const string Stock =
        "dwelling_id;DEPCOM;QPV;NBPIECE;LOYERPRINC;FINAN;CONTINGENT;programme_id;landlord_id;LOCAT\n"
        + "D1;44109;;3;300.00;PLUS;7;P1;L1;2021\n"
        + "D2;44109;;3;300.00;PLUS;7;P2;L1;2020\n"
        + "D3;44109;NMQ01;3;300.00;PLUS;7;P3;L1;2025\n"
        + "D4;44109;NMQ01;3;300.00;HLMO;7;P4;L1;\n"
        + "D5;44109;;3;300.00;PLUS;7;P5;L1;2022\n"
        + "D6;44109;;3;300.00;HLMO;7;P6;L1;1975\n";

    // R1 → D1 (new, outside), R2 → D2 (older, outside), R3 → D3 (new, QPV), R4 → D4 (unknown, QPV), M1 → D5 (new, outside), N1 → D6.
    private const string Allocations =
        "lease_signed_on;application_id;dwelling_id;reservataire\n"
        + "2025-02-01;R1;D1;landlord\n"
        + "2025-03-01;R2;D2;landlord\n"
        + "2025-04-01;R3;D3;landlord\n"
        + "2025-05-01;R4;D4;landlord\n"
        + "2025-06-01;M1;D5;landlord\n"
        + "2025-07-01;N1;D6;landlord\n";

    [Fact]
    public void Relocations_are_split_by_qpv_and_by_new_stock_with_the_boundary_year_counted_new()
    {
        var report = HandBuiltYear.Report(Demand, Stock, Allocations, PolicyLoader.LoadDefault());

        report.NewStockSince.ShouldBe(2021);
        report.Relocations.ShouldBe([
            new MoveFigure("relocation_anru", 2, 2, 0) { HousedInNewStock = 1 },                          // D1 new (2021), D2 older (2020)
            new MoveFigure("relocation_non_anru", 2, 2, 2) { HousedInNewStock = 1, HousedAgeUnknown = 1 }, // D3 new (2025), D4 unknown
        ]);
        report.Relocations[0].HousedInOlderStock.ShouldBe(1);
        report.Relocations[1].HousedInOlderStock.ShouldBe(0);
        report.Mutations[0].ShouldBe(new MoveFigure("mutation", 1, 1, 0) { HousedInNewStock = 1 }); // M1 → D5, 2022
    }

    [Fact]
    public void The_policy_sets_how_many_years_count_as_new()
    {
        // new_stock_years: 1 → only dwellings first let in 2025 itself: D3 alone.
        var yaml = PolicyLoader.DefaultYaml().Replace("new_stock_years: 5", "new_stock_years: 1", StringComparison.Ordinal);
        var report = HandBuiltYear.Report(Demand, Stock, Allocations, PolicyLoader.Load(new StringReader(yaml), "one-year.yaml"));

        report.NewStockSince.ShouldBe(2025);
        report.Relocations.Select(r => (r.HousedInNewStock, r.HousedAgeUnknown)).ShouldBe([(0, 0), (1, 1)]);
    }

    [Fact]
    public void The_report_shows_the_split_and_defines_new_stock()
    {
        var report = HandBuiltYear.Report(Demand, Stock, Allocations, PolicyLoader.LoadDefault());
        var writer = new StringWriter { NewLine = "\n" };
        ReportMarkdown.Write(writer, ReportComposer.Compose(report, new ReportOptions(ReportLanguage.English, MaskBelow: 0)));
        var markdown = writer.ToString();

        // ANRU: 2 housed, 0 in QPV, 2 outside, 100 % outside; 1 new, 0 unknown, 1 / 2 = 50 % new.
        markdown.ShouldContain("| ANRU relocations | 2 | 2 | 0 | 2 | 100.0% | 1 | 0 | 50.0% |");

        // Non-ANRU: 2 housed, both in QPV; 1 new, 1 unknown: 1 of the 1 known = 100 % new.
        markdown.ShouldContain("| non-ANRU relocations | 2 | 2 | 2 | 0 | 0.0% | 1 | 1 | 100.0% |");
        markdown.ShouldContain("first let (RPLS: LOCAT) in 2021 or later");
        markdown.ShouldContain("counted neither new nor older");
    }

    [Fact]
    public void A_policy_with_a_new_stock_period_out_of_range_is_rejected_with_its_path()
    {
        var yaml = PolicyLoader.DefaultYaml().Replace("new_stock_years: 5", "new_stock_years: 0", StringComparison.Ordinal);
        var error = Should.Throw<PolicyException>(() => PolicyLoader.Load(new StringReader(yaml), "zero.yaml"));
        error.Message.ShouldContain("stock.new_stock_years");
    }
}
