using System.Net;
using System.Text;
using CIA.Engine.Reporting.Charts;

namespace CIA.Cli.Tests.Browser;

/// <summary>A sample page with every report chart, on figures shaped like Nantes Métropole's (docs/report-charts.png).</summary>
internal static class ChartSamplePage
{
    public static string Build(ChartText? text = null)
    {
        text ??= ChartText.French;
        var charts = new (string Heading, string Html)[]
        {
            ("Attribution aux ménages prioritaires, par réservataire", ReportCharts.Attainment(
                "Part des attributions aux ménages prioritaires, par réservataire (objectif ≥ 25 %)",
                [
                    new("Nantes Métropole Habitat", 0.312, 187, 600, Min: 0.25, Status: "met", IntervalLow: 0.289, IntervalHigh: 0.336),
                    new("Atlantique Habitations", 0.221, 64, 290, Min: 0.25, Status: "not_met", IntervalLow: 0.19, IntervalHigh: 0.254),
                    new("La Nantaise d'Habitations", 0.274, 52, 190, Min: 0.25, Status: "met", IntervalLow: 0.241, IntervalHigh: 0.309),
                    new("Action Logement Services", 0.153, 31, 203, Min: 0.25, Status: "not_met", IntervalLow: 0.13, IntervalHigh: 0.178),
                    new("Communes", 0.258, 71, 275, Min: 0.25, Status: "met", IntervalLow: 0.231, IntervalHigh: 0.286),
                    new("Harmonie Habitat", null, 3, 11, Min: 0.25, Masked: true),
                    new("Bailleur sans attribution", null, 0, 0, Min: 0.25, Status: "no_allocations"),
                ],
                text)),
            ("Agents de l'État dans le contingent préfectoral", ReportCharts.Attainment(
                "Part des agents de l'État dans le contingent préfectoral (plafond ≤ 5 %)",
                [new("Contingent préfectoral", 0.041, 9, 219, Max: 0.05, Status: "met")],
                text)),
            ("Ménages cibles en QPV", ReportCharts.Band(
                "Ménages cibles parmi les attributions en QPV (fourchette 20–30 %)",
                [
                    new("Nantes Métropole", 0.243, 151, 621, Min: 0.20, Max: 0.30, Status: "within"),
                    new("Nantes", 0.317, 132, 416, Min: 0.20, Max: 0.30, Status: "above"),
                    new("Saint-Herblain", 0.164, 19, 116, Min: 0.20, Max: 0.30, Status: "below"),
                ],
                text)),
            ("Évolution depuis l'an dernier", ReportCharts.Trend(
                "Évolution des objectifs entre 2024 et 2025",
                [
                    new("25 % aux ménages prioritaires (tous partenaires)", 0.231, 0.262, Min: 0.25, Status: "met"),
                    new("Hors QPV : 1er quartile ou relogés", 0.214, 0.198, Min: 0.25, Status: "not_met"),
                    new("En QPV : quartiles 2 à 4", 0.553, 0.581, Min: 0.50, Status: "met"),
                    new("Ménages cibles en QPV", 0.227, 0.243, Min: 0.20, Max: 0.30, Status: "within"),
                ],
                "2024",
                "2025",
                text)),
            ("Carte par commune", ReportCharts.CommuneGrid(
                "Attributions hors QPV au 1er quartile ou à des ménages relogés, par commune",
                [
                    new HeatCell("Orvault", 0.262, 22, 84, "met") { Row = 0, Column = 1 },
                    new HeatCell("La Chapelle-sur-Erdre", 0.19, 11, 58, "not_met") { Row = 0, Column = 2 },
                    new HeatCell("Carquefou", 0.318, 14, 44, "met") { Row = 0, Column = 3 },
                    new HeatCell("Saint-Herblain", 0.284, 40, 141, "met") { Row = 1, Column = 0 },
                    new HeatCell("Nantes", 0.231, 212, 918, "not_met") { Row = 1, Column = 1 },
                    new HeatCell("Sainte-Luce-sur-Loire", 0.171, 7, 41, "not_met") { Row = 1, Column = 2 },
                    new HeatCell("Thouaré-sur-Loire", null, Masked: true) { Row = 1, Column = 3 },
                    new HeatCell("Bouguenais", 0.121, 8, 66, "not_met") { Row = 2, Column = 0 },
                    new HeatCell("Rezé", 0.352, 43, 122, "met") { Row = 2, Column = 1 },
                    new HeatCell("Saint-Sébastien-sur-Loire", 0.297, 19, 64, "met") { Row = 2, Column = 2 },
                    new HeatCell("Mauves-sur-Loire", null, 0, 0, "no_allocations") { Row = 2, Column = 3 },
                ],
                text)),
        };

        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<title>CIA — graphiques du bilan annuel</title>\n<style>\n")
          .Append("body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"DejaVu Sans\",sans-serif;margin:0;color:#1b1b1b;background:#fff}\n")
          .Append("main{max-width:48rem;margin:0 auto;padding:1rem 1.5rem 2rem}h1{font-size:1.4rem;border-bottom:3px solid #000091;padding-bottom:.3rem}\n")
          .Append("h2{font-size:1.05rem;margin:1.4rem 0 .3rem;color:#000091}figure.chart{margin:.3rem 0}figure.chart svg{max-width:100%;height:auto}\n")
          .Append("</style>\n</head>\n<body>\n<main>\n<h1>Bilan annuel de la CIA — graphiques (exemple)</h1>\n");
        foreach (var (heading, html) in charts)
        {
            sb.Append($"<section><h2>{WebUtility.HtmlEncode(heading)}</h2>\n<figure class=\"chart\">{html}</figure>\n</section>\n");
        }

        sb.Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }
}
