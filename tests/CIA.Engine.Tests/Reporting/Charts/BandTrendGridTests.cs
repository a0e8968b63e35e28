using CIA.Engine.Reporting.Charts;

namespace CIA.Engine.Tests.Reporting.Charts;

// Coordinates worked out by hand from ChartLayout: plot from x = 210 over 300 units; rows of 28 from y = 36;
// trend groups of 48 from y = 36 with last year's bar at +8 and this year's at +26, both 14 high.
public sealed class BandTrendGridTests
{
    private static readonly ChartText Fr = ChartText.French;

    [Fact]
    public void The_band_chart_shades_the_band_and_puts_the_marker_at_the_share()
    {
        // Band 20–30 %: scale 0–40 %. Band 360 → 435; 24.3 % → 210 + 0.243 / 0.4 × 300 = 392.25; row centre y = 50.
        var svg = Chart.Parse(ReportCharts.Band("Ménages cibles en QPV", [new("Nantes Métropole", 0.243, 151, 621, Min: 0.20, Max: 0.30, Status: "within")], Fr));

        var band = svg.WithClass("band").Single();
        (band.D("x"), band.D("width")).ShouldBe((360.0, 75.0));
        (band.D("y"), band.D("height")).ShouldBe((32.0, 32.0), "from 4 above the first row to the bottom of the last: 36 − 4 to 36 + 28");
        var marker = svg.WithClass("marker").Single();
        (marker.D("cx"), marker.D("cy"), marker.D("r")).ShouldBe((392.25, 50.0, 6.0));
        var bar = svg.WithClass("bar").Single();
        (bar.D("x"), bar.D("width"), bar.D("height"), bar.D("y")).ShouldBe((210.0, 182.25, 4.0, 48.0));
        svg.WithClass("target-label").Single().Value.ShouldBe("fourchette 20–30\u00A0%");
        svg.WithClass("value").Single().Value.ShouldBe("24,3\u00A0% (151/621) · dans la fourchette");
    }

    [Fact]
    public void The_band_chart_colours_and_words_below_within_above()
    {
        var svg = Chart.Parse(ReportCharts.Band("t", [
            new("Bas", 0.15, Min: 0.2, Max: 0.3, Status: "below"),
            new("Dedans", 0.25, Min: 0.2, Max: 0.3, Status: "within"),
            new("Haut", 0.35, Min: 0.2, Max: 0.3, Status: "above"),
            new("Masqué", 0.22, Min: 0.2, Max: 0.3, Status: "within", Masked: true),
        ], Fr));

        svg.WithClass("marker").Select(m => (string)m.Attribute("fill")!).ShouldBe(["#ce0500", "#18753c", "#b34000"]);
        svg.WithClass("status").Select(s => s.Value).ShouldBe(["en dessous", "dans la fourchette", "au-dessus"]);
        svg.Row("Masqué").WithClass("marker").ShouldBeEmpty();
        svg.Row("Masqué").WithClass("mask").Single().Value.ShouldBe("masqué");
        svg.WithClass("band").Count().ShouldBe(1, "one band shared by every row");
    }

    [Fact]
    public void The_trend_pairs_last_years_bar_with_this_years_and_writes_the_difference()
    {
        // Largest 30 % → scale 0–40 %. 20 % → 150 wide, 30 % → 225; target 25 % → 397.5 across the group (40 → 80).
        var svg = Chart.Parse(ReportCharts.Trend("Évolution", [new("Prioritaires", 0.20, 0.30, Min: 0.25, Status: "met")], "2024", "2025", Fr));

        var previous = svg.WithClass("previous").Single(e => e.Name.LocalName == "rect");
        var current = svg.WithClass("current").Single(e => e.Name.LocalName == "rect");
        (previous.D("x"), previous.D("y"), previous.D("width"), previous.D("height")).ShouldBe((210.0, 44.0, 150.0, 14.0));
        (current.D("x"), current.D("y"), current.D("width"), current.D("height")).ShouldBe((210.0, 62.0, 225.0, 14.0));
        current.Attribute("fill")!.Value.ShouldBe("#18753c");
        var target = svg.WithClass("target").Single();
        (target.D("x1"), target.D("y1"), target.D("y2")).ShouldBe((397.5, 40.0, 80.0));
        svg.WithClass("value").Select(v => v.Value).ShouldBe(["20,0\u00A0%", "30,0\u00A0% (+10,0\u00A0pt) · atteint"]);
        svg.WithClass("legend").Single().Value.ShouldBe("20242025");
        svg.D("height").ShouldBe(36 + 48 + 24);
        svg.WithClass("group").Single().Element(Chart.SvgNs + "title")!.Value
            .ShouldBe("Prioritaires : 2024 20,0\u00A0%, 2025 30,0\u00A0% (+10,0\u00A0pt), objectif ≥ 25\u00A0%, atteint");
    }

    [Fact]
    public void The_trend_handles_a_fall_no_previous_year_and_masked_years()
    {
        var svg = Chart.Parse(ReportCharts.Trend("t", [
            new("Baisse", 0.30, 0.25, Min: 0.25, Status: "met"),
            new("Nouveau", null, 0.4, Status: "indicator"),
            new("Secret", 0.3, 0.2, PreviousMasked: true, CurrentMasked: true),
        ], "N-1", "N", ChartText.English));

        svg.WithClass("value").Select(v => v.Value).ShouldBe(["30.0%", "25.0% (\u22125.0\u00A0pt) · met", "40.0% · indicator"]);
        var nouveau = svg.WithClass("group").Single(g => (string?)g.Attribute("data-label") == "Nouveau");
        nouveau.WithClass("nodata").Single().Value.ShouldBe("no data");
        var secret = svg.WithClass("group").Single(g => (string?)g.Attribute("data-label") == "Secret");
        secret.WithClass("bar").ShouldBeEmpty();
        secret.WithClass("mask").Select(m => m.Value).ShouldBe(["masked", "masked"]);
        secret.ToString().ShouldNotContain("30.0");
        secret.ToString().ShouldNotContain("20.0");
    }

    [Fact]
    public void A_long_target_name_wraps_on_two_lines_at_a_space()
    {
        var svg = Chart.Parse(ReportCharts.Trend("t", [new("Hors QPV : 1er quartile ou ménages relogés", 0.2, 0.3)], "a", "b", Fr));

        svg.WithClass("label").Single().Elements().Select(t => t.Value).ShouldBe(["Hors QPV : 1er quartile ou", "ménages relogés"]);
    }

    [Fact]
    public void An_empty_trend_says_there_is_no_data()
    {
        var svg = Chart.Parse(ReportCharts.Trend("t", [], "a", "b", Fr));

        svg.WithClass("nodata").Single().Value.ShouldBe("aucune donnée");
    }

    [Fact]
    public void The_commune_grid_shades_each_cell_by_its_share()
    {
        // Scale set to 40 %: 20 % is half way from #eef2fb to #000091: (238 + 0) / 2 = 119 = 0x77, 242 / 2 = 121 = 0x79, (251 + 145) / 2 = 198 = 0xc6.
        var html = Chart.Parse(ReportCharts.CommuneGrid("Par commune", [
            new("Nantes", 0.2, 20, 100, "not_met"),
            new("Rezé", 0.4, 40, 100, "met"),
            new("Orvault", 0.0, 0, 12, "not_met"),
        ], Fr, scaleMax: 0.4));

        string Style(string label) => (string)html.WithClass("heat-share").Single(td => (string?)td.Attribute("data-label") == label).Attribute("style")!;
        Style("Nantes").ShouldContain("background:#7779c6;");
        Style("Rezé").ShouldContain("background:#000091;");
        Style("Rezé").ShouldContain("color:#ffffff", customMessage: "white ink on a dark cell");
        Style("Orvault").ShouldContain("background:#eef2fb;");
        Style("Orvault").ShouldContain("color:#1b1b1b");
        html.WithClass("heat-share").First().Value.ShouldBe("Nantes20,0\u00A0%20/100 · non atteint");
        html.Descendants("caption").Single().Value.ShouldBe("Par commune");
        html.WithClass("cia-heat-legend").Single().Value.ShouldBe("0\u00A0%40\u00A0%masqué");
    }

    [Fact]
    public void The_commune_grid_marks_masked_and_empty_communes_in_words()
    {
        var html = Chart.Parse(ReportCharts.CommuneGrid("t", [
            new("Petite", 0.617, 3, 5, Masked: true),
            new("Vide", null, 0, 0, "no_allocations"),
            new("Nan", double.NaN),
        ], Fr));

        var masked = html.WithClass("heat-masked").Single();
        html.WithClass("masked").Single().ShouldBe(masked, "the plain class names (share, masked, nodata) stay for pages that select on them");
        masked.Value.ShouldBe("Petitemasqué");
        masked.ToString().ShouldNotContain("61");
        masked.ToString().ShouldNotContain("3/5");
        html.WithClass("heat-nodata").Select(td => td.Value).ShouldBe(["Videaucune attribution0/0", "Nanaucune donnée"]);
        html.WithClass("heat-share").ShouldBeEmpty();
        html.WithClass("cia-heat-legend").Single().Value.ShouldContain("10\u00A0%", customMessage: "the masked 61.7 % does not set the scale");
    }

    [Fact]
    public void Cells_flow_by_rows_or_sit_where_the_map_puts_them()
    {
        var flow = Chart.Parse(ReportCharts.CommuneGrid("t", [.. Enumerable.Range(1, 7).Select(i => new HeatCell("C" + i, 0.1))], Fr, columns: 3));
        flow.Descendants("tr").Select(tr => tr.Elements("td").Count()).ShouldBe([3, 3, 1]);

        var map = Chart.Parse(ReportCharts.CommuneGrid("t", [
            new HeatCell("Nord", 0.1) { Row = 0, Column = 1 },
            new HeatCell("Ouest", 0.2) { Row = 1, Column = 0 },
            new HeatCell("Sans place", 0.3),
        ], Fr));
        var rows = map.Descendants("tr").Select(tr => tr.Elements("td").Select(td => (string?)td.Attribute("data-label") ?? "·").ToList()).ToList();
        rows.ShouldBe([["·", "Nord"], ["Ouest", "·"], ["Sans place"]]);
    }

    [Fact]
    public void The_commune_grid_escapes_names_and_has_no_data_when_empty()
    {
        var markup = ReportCharts.CommuneGrid("a<b", [new("Saint-<Jean> & \"Co\"", 0.1)], Fr);
        markup.ShouldNotContain("<Jean>");
        Chart.Parse(markup).WithClass("heat-share").Single().Attribute("data-label")!.Value.ShouldBe("Saint-<Jean> & \"Co\"");

        Chart.Parse(ReportCharts.CommuneGrid("t", [], Fr)).WithClass("heat-nodata").Single().Value.ShouldBe("aucune donnée");
    }

    [Theory]
    [InlineData(new[] { 0.4 }, 5)]
    [InlineData(new[] { 0.25 }, 3)]
    [InlineData(new[] { 0.3 }, 4)]
    [InlineData(new double[0], 1)]
    [InlineData(new[] { 0.0 }, 1)]
    [InlineData(new[] { 0.65 }, 8)]
    [InlineData(new[] { 0.71 }, 8)]
    [InlineData(new[] { 0.95 }, 10)]
    [InlineData(new[] { 1.0 }, 10)]
    [InlineData(new[] { 1.7, double.NaN }, 10)]
    [InlineData(new[] { double.NaN, 0.12 }, 2)]
    public void The_scale_ends_one_tenth_above_the_largest_value(double[] values, int tenths) =>
        Svg.ScaleTenths(values.Select(v => (double?)v), scaleMax: null).ShouldBe(tenths);

    [Fact]
    public void An_explicit_scale_end_wins_rounded_up_to_a_tenth()
    {
        Svg.ScaleTenths([0.9], 0.35).ShouldBe(4);
        Svg.ScaleTenths([0.9], 0.3).ShouldBe(3);
        Svg.ScaleTenths([0.1], 2).ShouldBe(10);
        Svg.ScaleTenths([0.1], double.NaN).ShouldBe(2);
    }

    [Fact]
    public void Numbers_are_written_the_cultures_way()
    {
        Fr.Percent(0.253).ShouldBe("25,3\u00A0%");
        ChartText.English.Percent(0.253).ShouldBe("25.3%");
        Fr.Bound(0.055).ShouldBe("5,5\u00A0%");
        Fr.Bound(0.25).ShouldBe("25\u00A0%");
        Fr.PointsDifference(-0.0104).ShouldBe("\u22121,0\u00A0pt");
        Fr.PointsDifference(0.00004).ShouldBe("0,0\u00A0pt");
        Fr.Count(1241).ShouldBe("1\u00A0241");
        ChartText.English.Count(1241).ShouldBe("1,241");
        Fr.StatusWords("Not-Met").ShouldBe("non atteint");
        Fr.StatusWords("something_else").ShouldBe("something_else");
        Fr.StatusWords(null).ShouldBe(string.Empty);
    }

    [Fact]
    public void Shortening_a_label_never_splits_a_surrogate_pair()
    {
        Svg.Truncate("abcd\U0001F3E0xyz", 5).ShouldBe("abcd…");
        Svg.Truncate("abc\U0001F3E0xyz", 5).ShouldBe("abc…");
        Svg.Truncate("  court  ", 5).ShouldBe("court");
    }

    [Fact]
    public void Coordinates_never_read_minus_zero_and_round_to_two_decimals()
    {
        Svg.N(-0.001).ShouldBe("0");
        Svg.N(199.98000000001).ShouldBe("199.98");
        Svg.N(12.345).ShouldBe("12.35");
    }
}
