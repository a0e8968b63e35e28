using System.Globalization;
using System.Xml.Linq;
using CIA.Engine.Reporting.Charts;

namespace CIA.Engine.Tests.Reporting.Charts;

/// <summary>The sweep chart: the key's values left to right, a line per combination of the other keys, positions by hand.</summary>
public class SweepChartTests
{
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    [Fact]
    public void Values_go_left_to_right_and_shares_up_on_a_scale_worked_out_by_hand()
    {
        // Shares 0.20 … 0.30 with the bound 0.25 inside: padded by a tenth of the span (0.01) → 0.19 to 0.31 over
        // y 260 → 40. Three values over x 90 → 380 (70 + 20 to 400 − 20): 90, 235, 380.
        var svg = XElement.Parse(SweepChart.Draw("t", "targets.lec-outside-qpv.min", ["0.25", "0.30", "0.35"], [
            new SweepSeries("ranking=seniority", [0.20, 0.20, 0.20], [null, null, null], [null, null, null]),
            new SweepSeries("ranking=cia_steered", [0.25, 0.28, 0.30], [0.24, null, null], [0.26, null, null]),
        ], bound: 0.25));

        var series = svg.Elements(SvgNs + "g").Where(g => (string?)g.Attribute("class") == "series").ToList();
        series.Select(g => (string?)g.Attribute("data-series")).ShouldBe(["ranking=seniority", "ranking=cia_steered"]);
        var steered = series[1].Descendants(SvgNs + "circle").Select(c => (X: double.Parse(c.Attribute("cx")!.Value, CultureInfo.InvariantCulture), Y: double.Parse(c.Attribute("cy")!.Value, CultureInfo.InvariantCulture))).ToList();
        steered.Select(p => p.X).ShouldBe([90, 235, 380]);
        steered[0].Y.ShouldBe(260 - ((0.25 - 0.19) / 0.12 * 220), 0.01); // 150
        steered[2].Y.ShouldBe(260 - ((0.30 - 0.19) / 0.12 * 220), 0.01); // 58.33
        series[1].Descendants(SvgNs + "line").Count(l => (string?)l.Attribute("class") == "whisker").ShouldBe(1);
        series[1].Descendants(SvgNs + "title").First().Value.ShouldBe("ranking=cia_steered, targets.lec-outside-qpv.min=0.25: 25.0 % [24.0 %, 26.0 %]");
        svg.Descendants(SvgNs + "text").Count(t => t.Value is "ranking=seniority" or "ranking=cia_steered").ShouldBe(2); // the legend
    }

    [Fact]
    public void An_undefined_point_breaks_nothing_and_nothing_defined_says_no_data()
    {
        var svg = XElement.Parse(SweepChart.Draw("t", "k", ["a", "b"], [new SweepSeries("", [double.NaN, 0.5], [null, null], [null, null])], null));
        svg.Descendants(SvgNs + "circle").Count().ShouldBe(1);
        svg.Descendants(SvgNs + "polyline").ShouldBeEmpty(); // one point: no line
        XElement.Parse(SweepChart.Draw("t", "k", ["a"], [new SweepSeries("", [double.NaN], [null], [null])], null))
            .Descendants(SvgNs + "text").Single().Value.ShouldBe("no data");
    }
}
