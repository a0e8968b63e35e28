using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CIA.Engine.IO.Csv;
using CIA.Engine.Parameters;
using CIA.Engine.Quartiles;
using CIA.Service;

namespace CIA.Cli;

/// <summary>
/// <c>cia parameters</c>: every dated legal figure the engine holds (PLUS ceilings, quartile thresholds of every EPCI,
/// APL tables…), each period with its dates and source — the same list as the web service's <c>/v1/parameters</c>.
/// </summary>
internal static class ParametersCommand
{
    public static Command Create(CliIo io)
    {
        var format = Shared.Format("text", "text", "csv", "json", "ndjson");
        var excel = Shared.Excel();
        var output = Shared.OutputFile();
        var name = new Option<string?>("--name", "-n") { Description = "Only the figures whose name or scope contains this text (case-insensitive), e.g. 'quartile' or 'Lyon'." };
        var command = new Command("parameters", "List every dated legal figure with its period and source (the built-in parameters).") { format, excel, name, output };
        command.SetAction(r => io.Guard(false, _ =>
        {
            if (r.GetValue(excel) && r.GetValue(format) != "csv")
            {
                return io.Usage("--excel is a variant of the CSV output: give it with --format csv.");
            }

            // The web service's serializer settings: one JSON shape for a figure, whether it comes from here or /v1/parameters.
            var options = CiaWebService.Json(new JsonSerializerOptions());
            var filter = r.GetValue(name);

            // A quartile entry's scope is the EPCI's SIREN: its name(s) in the national table are shown and searched too.
            var epciNames = EpciThresholdTable.All.Where(t => t.Siren is not null).GroupBy(t => t.Siren!.Value.Value)
                .ToDictionary(g => g.Key, g => string.Join(" / ", g.Select(t => t.Name).Distinct()), StringComparer.Ordinal);
            string ScopeName(ParameterEntry e) => e.Scope is { } scope && epciNames.TryGetValue(scope, out var n) ? n : string.Empty;
            var entries = ParameterCatalogue.All(BuiltInParameters.Create())
                .Where(e => string.IsNullOrEmpty(filter) || e.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)
                    || (e.Scope?.Contains(filter, StringComparison.OrdinalIgnoreCase) ?? false) || ScopeName(e).Contains(filter, StringComparison.OrdinalIgnoreCase))
                .ToList();
            io.WriteText(r.GetValue(output), w =>
            {
                switch (r.GetValue(format))
                {
                    case "json":
                        w.WriteLine(JsonSerializer.Serialize(entries, options));
                        break;
                    case "ndjson":
                        var compact = new JsonSerializerOptions(options) { WriteIndented = false };
                        foreach (var e in entries)
                        {
                            w.Write(JsonSerializer.Serialize(e, compact));
                            w.Write('\n');
                        }

                        break;
                    case "csv":
                        var csv = Shared.Csv(w, r.GetValue(excel));
                        csv.Write("name;scope;scope_name;from;until;value;source\n");
                        foreach (var e in entries)
                        {
                            foreach (var p in e.Periods)
                            {
                                csv.Write(string.Join(';',
                                    CsvCells.Quote(e.Name), CsvCells.Quote(e.Scope ?? string.Empty), CsvCells.Quote(ScopeName(e)), Date(p.From), p.Until is { } u ? Date(u) : string.Empty,
                                    CsvCells.Quote(JsonSerializer.Serialize(p.Value, options)), CsvCells.Quote(p.Source)) + "\n");
                            }
                        }

                        csv.Flush();
                        break;
                    default:
                        foreach (var e in entries)
                        {
                            var scopeName = ScopeName(e);
                            w.WriteLine(e.Scope is null ? e.Name : scopeName.Length == 0 ? $"{e.Name} — {e.Scope}" : $"{e.Name} — {e.Scope} ({scopeName})");
                            foreach (var p in e.Periods)
                            {
                                w.WriteLine($"  {Date(p.From)} – {(p.Until is { } u ? Date(u) : "…")}  {JsonSerializer.Serialize(p.Value, options)}");
                                w.WriteLine($"    source: {p.Source}");
                            }
                        }

                        w.WriteLine($"{entries.Count} figure(s), {entries.Sum(e => e.Periods.Length)} period(s).");
                        break;
                }
            });

            if (entries.Count == 0)
            {
                io.Err.WriteLine($"note: no figure's name or scope contains '{filter}'.");
            }

            return CliApp.Ok;
        }));
        return command;
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
