using System.Globalization;
using System.Xml.Linq;
using CIA.Engine.Reporting.Charts;

namespace CIA.Engine.Tests.Reporting.Charts;

// Geometry (ChartLayout): the plot runs from x = 210 (0 %) over 300 units to the scale's upper end; rows are 28 high
// from y = 36, bars 16 high centred in them. Expected coordinates below are worked out by hand from these numbers.
public sealed class AttainmentChartTests
{
    private static readonly ChartText Fr = ChartText.French;

    [Fact]
    public void Bars_are_proportional_to_the_share_and_the_target_line_sits_at_the_minimum()
    {
        // Largest value 40 % → scale 0–50 %. 25 % → 210 + 0.25/0.5 × 300 = 360; 40 % → 240 wide.
        var svg = Chart.Parse(ReportCharts.Attainment("Prioritaires", [
            new("Bailleur A", 0.25, 25, 100, Min: 0.25, Status: "met"),
            new("Bailleur B", 0.40, 40, 100, Min: 0.25, Status: "met"),
        ], Fr));

        var bars = svg.WithClass("bar").ToList();
        bars.Count.ShouldBe(2);
        bars.ShouldAllBe(b => b.D("x") == 210);
        bars[0].D("width").ShouldBe(150);
        bars[1].D("width").ShouldBe(240);
        bars[0].D("y").ShouldBe(42, "row 0: 36 + 14 − 8");
        bars[1].D("y").ShouldBe(70, "row 1: 36 + 28 + 14 − 8");
        bars.ShouldAllBe(b => b.D("height") == 16);

        var target = svg.WithClass("target").ShouldHaveSingleItem("one line for a target every row shares");
        target.D("x1").ShouldBe(360);
        target.D("x2").ShouldBe(360);
        target.D("y1").ShouldBe(32);
        target.D("y2").ShouldBe(92, "36 + 2 rows × 28");
        svg.WithClass("target-label").Single().Value.ShouldBe("objectif ≥ 25\u00A0%");
        svg.D("height").ShouldBe(116, "36 + 2 × 28 + 24 for the axis");
        svg.D("width").ShouldBe(760);
    }

    [Fact]
    public void The_axis_is_labelled_every_ten_points_up_to_the_scale_end_in_the_culture()
    {
        var svg = Chart.Parse(ReportCharts.Attainment("t", [new("A", 0.40)], Fr));

        svg.WithClass("axis").Single().Elements(Chart.SvgNs + "text").Select(t => t.Value)
            .ShouldBe(["0\u00A0%", "10\u00A0%", "20\u00A0%", "30\u00A0%", "40\u00A0%", "50\u00A0%"]);
        var en = Chart.Parse(ReportCharts.Attainment("t", [new("A", 0.40)], ChartText.English));
        en.WithClass("axis").Single().Elements(Chart.SvgNs + "text").Last().Value.ShouldBe("50%");
    }

    [Fact]
    public void A_maximum_is_a_line_at_the_maximum_and_a_band_is_shaded_between_its_bounds()
    {
        // Ceiling 5 %, share 4.1 %: scale 0–10 %; 5 % → 210 + 150 = 360.
        var ceiling = Chart.Parse(ReportCharts.Attainment("Agents", [new("Préfet", 0.041, 9, 219, Max: 0.05, Status: "met")], Fr));
        ceiling.WithClass("target").Single().D("x1").ShouldBe(360);
        ceiling.WithClass("target-label").Single().Value.ShouldBe("objectif ≤ 5\u00A0%");
        ceiling.WithClass("bar").Single().D("width").ShouldBe(123, "0.041 / 0.1 × 300");

        // Band 20–30 %, share 24.3 %: scale 0–40 %; band from 210 + 150 = 360 to 210 + 225 = 435.
        var band = Chart.Parse(ReportCharts.Attainment("Cibles", [new("QPV", 0.243, Min: 0.20, Max: 0.30, Status: "within")], Fr));
        var rect = band.WithClass("band").Single();
        rect.D("x").ShouldBe(360);
        rect.D("width").ShouldBe(75);
        band.WithClass("band-edge").Select(e => e.D("x1")).ShouldBe([360, 435]);
        band.WithClass("target-label").Single().Value.ShouldBe("fourchette 20–30\u00A0%");
        band.WithClass("target-label").Single().D("x").ShouldBe(397.5, "centred on the band");
        band.WithClass("bar").Single().D("width").ShouldBe(182.25, "0.243 / 0.4 × 300");
    }

    [Fact]
    public void Rows_with_different_targets_each_get_their_own_mark()
    {
        // Scale 0–60 % (largest 50 %). 25 % → 335; 50 % → 460. Row 0 spans y 38–62, row 1 66–90.
        var svg = Chart.Parse(ReportCharts.Attainment("t", [new("A", 0.3, Min: 0.25), new("B", 0.45, Min: 0.5)], Fr));

        var lines = svg.WithClass("target").ToList();
        lines.Select(l => l.D("x1")).ShouldBe([335, 460]);
        lines.Select(l => (l.D("y1"), l.D("y2"))).ShouldBe([(38.0, 62.0), (66.0, 90.0)]);
        svg.WithClass("target-label").ShouldBeEmpty();
    }

    [Fact]
    public void A_masked_row_shows_the_mask_word_and_no_bar_share_or_counts()
    {
        var svg = Chart.Parse(ReportCharts.Attainment("t", [
            new("Visible", 0.30, 30, 100, Min: 0.25, Status: "met"),
            new("Secret", 0.123, 3, 7, Min: 0.25, Status: "not_met", IntervalLow: 0.1, IntervalHigh: 0.2, Masked: true),
        ], Fr));

        var row = svg.Row("Secret");
        row.WithClass("bar").ShouldBeEmpty();
        row.WithClass("interval").ShouldBeEmpty();
        row.WithClass("mask").Single().Value.ShouldBe("masqué");
        row.ToString().ShouldNotContain("12,3");
        row.ToString().ShouldNotContain("3/7");
        row.WithClass("status").ShouldBeEmpty();
        ((string?)row.Attribute("class")).ShouldBe("row masked");
        svg.WithClass("bar").Count().ShouldBe(1);
        svg.WithClass("interval").ShouldBeEmpty("the whisker legend only appears for a visible interval");
    }

    [Fact]
    public void The_value_text_gives_share_counts_and_status_in_words()
    {
        var svg = Chart.Parse(ReportCharts.Attainment("t", [new("A", 0.253, 1253, 4952, Min: 0.25, Status: "met")], Fr));

        var value = svg.WithClass("value").Single();
        value.Value.ShouldBe("25,3\u00A0% (1\u00A0253/4\u00A0952) · atteint");
        value.WithClass("status").Single().Attribute("fill")!.Value.ShouldBe("#18753c");
        svg.Row("A").Element(Chart.SvgNs + "title")!.Value.ShouldBe("A : 25,3\u00A0%, 1\u00A0253/4\u00A0952, objectif ≥ 25\u00A0%, atteint");

        var en = Chart.Parse(ReportCharts.Attainment("t", [new("A", 0.253, 1253, 4952, Min: 0.25, Status: "not_met")], ChartText.English));
        en.WithClass("value").Single().Value.ShouldBe("25.3% (1,253/4,952) · not met");
        en.WithClass("status").Single().Attribute("fill")!.Value.ShouldBe("#ce0500");
    }

    [Fact]
    public void The_callers_wording_replaces_the_default()
    {
        var svg = Chart.Parse(ReportCharts.Attainment("t", [new("A", 0.2, Status: "not_met") { StatusText = "manqué de 5 pt", ShareText = "20 %" }], Fr));

        svg.WithClass("value").Single().Value.ShouldBe("20 % · manqué de 5 pt");
    }

    [Fact]
    public void An_interval_is_a_whisker_from_its_low_to_its_high_end_with_a_legend()
    {
        // Scale 0–50 % (largest: the interval's 42 %). 20 % → 330, 42 % → 462; row centre y = 50.
        var svg = Chart.Parse(ReportCharts.Attainment("t", [new("A", 0.3, IntervalLow: 0.2, IntervalHigh: 0.42)], Fr));

        var whisker = svg.Row("A").WithClass("interval").Single();
        var stem = whisker.Elements().First();
        (stem.D("x1"), stem.D("x2"), stem.D("y1")).ShouldBe((330.0, 462.0, 50.0));
        whisker.Elements().Skip(1).Select(cap => cap.D("x1")).ShouldBe([330, 462]);
        svg.WithClass("legend").Single().Value.ShouldBe("intervalle à 95\u00A0%");
        svg.D("height").ShouldBe(36 + 28 + 24 + 20);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(null)]
    public void A_share_that_is_not_a_number_draws_no_bar_and_says_there_is_no_data(double? share)
    {
        var svg = Chart.Parse(ReportCharts.Attainment("t", [new("A", share, 0, 0, Min: 0.25), new("B", 0.1)], Fr));

        svg.Row("A").WithClass("bar").ShouldBeEmpty();
        svg.Row("A").WithClass("nodata").Single().Value.ShouldBe("aucune donnée");
        svg.Row("A").WithClass("value").Single().Value.ShouldBe("0/0");
        svg.ToString().ShouldNotContain("NaN");
        svg.ToString().ShouldNotContain("Infinity");
        svg.ToString().ShouldNotContain("∞");
        svg.Row("B").WithClass("bar").Single().D("width").ShouldBe(100, "the missing share leaves the scale alone: 0–30 % from A's 25 % target; 0.1 / 0.3 × 300");
    }

    [Fact]
    public void A_denominator_of_zero_with_no_allocations_says_so()
    {
        var svg = Chart.Parse(ReportCharts.Attainment("t", [new("Vide", null, 0, 0, Min: 0.25, Status: "no_allocations")], Fr));

        svg.Row("Vide").WithClass("bar").ShouldBeEmpty();
        svg.Row("Vide").WithClass("nodata").Single().Value.ShouldBe("aucune attribution");
        svg.Row("Vide").WithClass("value").Single().Value.ShouldBe("0/0");
    }

    [Fact]
    public void Shares_outside_0_to_1_are_clamped_to_the_plot()
    {
        var svg = Chart.Parse(ReportCharts.Attainment("t", [new("Neg", -0.2), new("Over", 1.7)], Fr));

        svg.Row("Neg").WithClass("bar").Single().D("width").ShouldBe(0);
        svg.Row("Over").WithClass("bar").Single().D("width").ShouldBe(300, "scale capped at 100 %, bar at the plot's end");
    }

    [Fact]
    public void Labels_are_escaped_and_characters_xml_forbids_are_dropped()
    {
        const string nasty = "<b>\"R&D\" l'été</b>\u0001";
        var markup = ReportCharts.Attainment(nasty, [new(nasty, 0.3, Status: "<met>") { StatusText = "a & b" }], Fr);

        markup.ShouldNotContain("<b>");
        markup.ShouldContain("&lt;b&gt;&quot;R&amp;D&quot; l&#39;été&lt;/b&gt;");
        var svg = Chart.Parse(markup);
        svg.Attribute("aria-label")!.Value.ShouldBe("<b>\"R&D\" l'été</b>");
        svg.Element(Chart.SvgNs + "title")!.Value.ShouldBe("<b>\"R&D\" l'été</b>");
        svg.WithClass("label").Single().Value.ShouldBe("<b>\"R&D\" l'été</b>");
        svg.WithClass("status").Single().Value.ShouldBe("a & b");
    }

    [Fact]
    public void A_long_label_is_shortened_with_an_ellipsis_and_kept_whole_in_the_row_title()
    {
        var label = new string('x', 45);
        var svg = Chart.Parse(ReportCharts.Attainment("t", [new(label, 0.3)], Fr));

        svg.WithClass("label").Single().Value.ShouldBe(new string('x', 29) + "…");
        svg.Row(label).Element(Chart.SvgNs + "title")!.Value.ShouldStartWith(label + " : ");
    }

    [Fact]
    public void Empty_input_is_a_small_well_formed_chart_that_says_there_is_no_data()
    {
        var svg = Chart.Parse(ReportCharts.Attainment("Rien", [], Fr));

        svg.Name.ShouldBe(Chart.SvgNs + "svg");
        svg.Element(Chart.SvgNs + "title")!.Value.ShouldBe("Rien");
        svg.WithClass("nodata").Single().Value.ShouldBe("aucune donnée");
        svg.WithClass("bar").ShouldBeEmpty();
    }

    [Fact]
    public void The_chart_is_accessible_an_image_named_by_its_title()
    {
        var svg = Chart.Parse(ReportCharts.Attainment("Attribution par réservataire", [new("A", 0.3)], Fr));

        svg.Attribute("role")!.Value.ShouldBe("img");
        svg.Attribute("aria-label")!.Value.ShouldBe("Attribution par réservataire");
        svg.Elements().First().Name.ShouldBe(Chart.SvgNs + "title");
        svg.Attribute("viewBox")!.Value.ShouldBe("0 0 760 88");
        svg.ToString().ShouldNotContain("<script");
        svg.Descendants().Attributes("id").ShouldBeEmpty("no ids: several charts share a page");
    }

    [Fact]
    public void Output_is_deterministic_and_does_not_follow_the_current_culture()
    {
        var rows = new ChartBar[] { new("A", 0.3333, 1, 3, Min: 0.25, Status: "met", IntervalLow: 0.25, IntervalHigh: 0.41) };
        var first = ReportCharts.Attainment("t", rows, Fr);
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = ChartText.FrenchCulture;
            ReportCharts.Attainment("t", rows, Fr).ShouldBe(first);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        first.ShouldContain("width=\"199.98\"", customMessage: "coordinates are invariant: 0.3333 / 0.5 × 300 = 199.98");
    }
}
