using System.CommandLine;
using System.Text.Json;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Quartiles;

namespace CIA.Cli;

/// <summary><c>cia quartile</c>: Q1/Q2/Q3 computed from a demand file by the SNE method.</summary>
internal static class QuartileCommand
{
    public static Command Create(CliIo io)
    {
        var demand = Shared.Demand();
        var format = Shared.Format("text", "text", "json");
        var year = Shared.Year("Also show the published thresholds of the default policy's EPCI for this year, to compare.");
        var timings = Shared.Timings();
        var epci = new Option<string?>("--epci") { Description = "With --year: the EPCI (nine-digit SIREN) whose published thresholds are shown, instead of the default policy's (docs/epci.md)." };
        var output = Shared.OutputFile();
        var command = new Command("quartile", "Compute quartile thresholds (€ per UC per year) from a demand file: the highest resources per UC of the poorest quarter, half, three quarters.")
        {
            demand, format, year, timings, epci, output,
        };
        command.SetAction(r => io.Guard(r.GetValue(timings), t =>
        {
            CIA.Engine.Domain.EpciCode? asked = null;
            if (r.GetValue(epci) is { } asEpci)
            {
                if (!CIA.Engine.Domain.EpciCode.TryParse(asEpci, out var code))
                {
                    return io.Usage(EpciThresholdTable.NotASiren(asEpci));
                }

                asked = code;
            }

            var applications = Shared.DemandTable(r.GetValue(demand), io);
            t.Mark("read demand");
            var parameters = BuiltInParameters.Create();
            var policy = CIA.Engine.Policy.PolicyLoader.LoadDefault();
            var scale = parameters.UcScale.At(new DateOnly(r.GetValue(year) ?? policy.DefaultYear, 1, 1)).Value;
            var q = QuartileCalculator.Compute(applications, scale); // an empty demand is a clear error
            t.Mark("compute");
            var published = r.GetValue(year) is { } y ? parameters.QuartilesFor(asked ?? policy.Epci, y) : null;
            io.WriteText(r.GetValue(output), w => Write(w, r.GetValue(format) == "json", q, published));
            return CliApp.Ok;
        }));
        return command;
    }

    private static void Write(TextWriter w, bool asJson, ComputedQuartiles q, QuartileThresholds? published)
    {
        if (asJson)
        {
            w.WriteLine(JsonText.Write(json =>
            {
                json.WriteStartObject();
                json.WriteNumber("applications", q.Count);
                json.WriteNumber("q1", q.Q1.Rounded.Value);
                json.WriteNumber("q2", q.Q2.Rounded.Value);
                json.WriteNumber("q3", q.Q3.Rounded.Value);
                json.WriteString("method", "type-1 quantile (inverse empirical distribution) of annual resources per UC; docs/rules.md");
                if (published is not null)
                {
                    json.WriteStartObject("published");
                    json.WriteNumber("year", published.Year);
                    json.WriteNumber("q1", published.Q1.Value);
                    json.WriteNumber("q2", published.Q2.Value);
                    json.WriteNumber("q3", published.Q3.Value);
                    json.WriteString("source", published.Source);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }));
        }
        else
        {
            w.WriteLine($"Quartile thresholds computed from {q.Count} applications (€ per UC per year):");
            w.WriteLine($"  Q1 {q.Q1.Rounded.ToDisplayString()}");
            w.WriteLine($"  Q2 {q.Q2.Rounded.ToDisplayString()}");
            w.WriteLine($"  Q3 {q.Q3.Rounded.ToDisplayString()}");
            if (published is not null)
            {
                w.WriteLine($"Published for {published.Year}: Q1 {published.Q1.ToDisplayString()}, Q2 {published.Q2.ToDisplayString()}, Q3 {published.Q3.ToDisplayString()} ({published.Source})");
            }
        }
    }
}
