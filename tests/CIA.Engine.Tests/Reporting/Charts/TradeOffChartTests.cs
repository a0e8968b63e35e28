using System.Globalization;
using System.Xml.Linq;
using CIA.Engine.Reporting.Charts;

namespace CIA.Engine.Tests.Reporting.Charts;

/// <summary>The trade-off chart: where points go (worked out from the chart's fixed geometry), labels, whiskers, bound.</summary>
public class TradeOffChartTests
{
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    private static XElement Parse(string svg) => XElement.Parse(svg);

    private static (double X, double Y) Centre(XElement point)
    {
        var c = point.Element(SvgNs + "circle")!;
        return (double.Parse(c.Attribute("cx")!.Value, CultureInfo.InvariantCulture), double.Parse(c.Attribute("cy")!.Value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_higher_share_is_higher_and_a_longer_wait_further_right_on_a_scale_worked_out_by_hand()
    {
        // x: 10 to 21 months (B's whisker included), padded by a tenth of the span (1.1) → 8.9 to 22.1, over 70 → 530 px.
        // y: 0.20 to 0.31 (whisker and bound included), padded by 0.011 → 0.189 to 0.321, over 300 → 40 px (up).
        var svg = Parse(TradeOffChart.Draw("t", "wait", "share", [
            new TradeOffPoint("A", "builtin", 10, null, null, 0.20, null, null),
            new TradeOffPoint("B", "steered", 20, 19, 21, 0.30, 0.29, 0.31),
        ], bound: 0.25));

        var points = svg.Elements(SvgNs + "g").Where(g => (string?)g.Attribute("class") == "point").ToList();
        points.Select(p => (string?)p.Attribute("data-scenario")).ShouldBe(["A", "B"]);
        var (ax, ay) = Centre(points[0]);
        var (bx, by) = Centre(points[1]);
        ax.ShouldBe(70 + ((10 - 8.9) / 13.2 * 460), 0.01); // 108.33
        bx.ShouldBe(70 + ((20 - 8.9) / 13.2 * 460), 0.01); // 456.82
        ay.ShouldBe(300 - ((0.20 - 0.189) / 0.132 * 260), 0.01); // 278.33
        by.ShouldBe(300 - ((0.30 - 0.189) / 0.132 * 260), 0.01); // 81.36

        // B has both whiskers, A none; each point's tooltip gives its figures in words.
        points[0].Elements(SvgNs + "line").ShouldBeEmpty();
        points[1].Elements(SvgNs + "line").Count().ShouldBe(2);
        points[1].Element(SvgNs + "title")!.Value.ShouldBe("steered: 30.0 % [29.0 %, 31.0 %], 20.0 months [19.0, 21.0]");

        // The bound at 25 %: y = 300 − (0.25 − 0.189) ÷ 0.132 × 260 = 179.85.
        var bound = svg.Elements(SvgNs + "line").Single(l => (string?)l.Attribute("class") == "bound");
        double.Parse(bound.Attribute("y1")!.Value, CultureInfo.InvariantCulture).ShouldBe(179.85, 0.01);
    }

    [Fact]
    public void Scenarios_on_the_same_spot_share_one_label_and_non_finite_ones_are_left_out()
    {
        var svg = TradeOffChart.Draw("t", "wait", "share", [
            new TradeOffPoint("A", "a", 12, null, null, 0.25, null, null),
            new TradeOffPoint("B", "b", 12, null, null, 0.25, null, null),
            new TradeOffPoint("C", "c", double.NaN, null, null, 0.3, null, null),
        ], bound: null);
        var root = Parse(svg);
        root.Descendants(SvgNs + "circle").Count().ShouldBe(2);
        root.Descendants(SvgNs + "text").Count(t => t.Value == "A, B").ShouldBe(1);
        svg.ShouldNotContain(">A<");
        svg.ShouldNotContain("class=\"bound\"");
    }

    [Fact]
    public void No_point_gives_a_chart_that_says_so()
    {
        Parse(TradeOffChart.Draw("t", "wait", "share", [], null)).Descendants(SvgNs + "text").Single().Value.ShouldBe("no data");
    }

    [Fact]
    public void Labels_and_names_are_escaped()
    {
        var svg = TradeOffChart.Draw("<t>", "x & y", "s", [new TradeOffPoint("<A>", "a\"b", 1, null, null, 0.5, null, null)], null);
        Parse(svg).ShouldNotBeNull(); // well-formed XML
        svg.ShouldNotContain("<A>");
        svg.ShouldContain("&lt;A&gt;");
    }
}
