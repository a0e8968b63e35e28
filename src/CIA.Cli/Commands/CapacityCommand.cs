using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Stock;

namespace CIA.Cli;

/// <summary><c>cia capacity</c>: accessible, potentially accessible and mobilisable dwellings (CIA Annexe 1).</summary>
internal static class CapacityCommand
{
    public static Command Create(CliIo io)
    {
        var stock = new Option<FileInfo?>("--stock") { Description = "Stock file (RPLS-style CSV, docs/formats.md). Without it (and without --builtin-stock): the CIA's own figures (Annexe 1)." };
        var builtin = new Option<bool>("--builtin-stock") { Description = "Compute from the built-in Nantes Métropole data set's stock and programmes (docs/default-data.md) instead of the CIA's own figures." };
        var communes = Shared.Communes();
        var aplCeilings = Shared.AplCeilings();
        var programmes = new Option<FileInfo?>("--programmes") { Description = "Programme occupancy file (OPS indicators) for the fragility rule. Without it every programme is 'not assessed'." };
        var policy = Shared.Policy();
        var format = Shared.Format("text", "text", "json");
        var timings = Shared.Timings();
        var output = Shared.OutputFile();
        var command = new Command("capacity", "Accessible, potentially accessible and mobilisable dwellings of the non-fragile stock outside QPV.")
        {
            stock, builtin, programmes, communes, aplCeilings, policy, format, timings, output,
        };
        command.SetAction(r => io.Guard(r.GetValue(timings), t =>
        {
            var p = Shared.LoadPolicy(r.GetValue(policy), io);
            CapacityReport report;
            if (r.GetValue(builtin) && (r.GetValue(stock) is not null || r.GetValue(programmes) is not null))
            {
                return io.Usage("--builtin-stock uses the built-in stock and programmes: give it without --stock and --programmes.");
            }

            if (r.GetValue(stock) is { } stockFile)
            {
                var parameters = Shared.Parameters(io, aplCeilings: r.GetValue(aplCeilings), communes: r.GetValue(communes));
                var occupancy = r.GetValue(programmes) is { } pf ? ProgrammeCsv.ReadFile(io.Input(pf).FullName) : [];
                t.Mark("read programmes");
                report = CapacityCalculator.FromStockFile(io.Input(stockFile).FullName, occupancy, p, parameters); // row by row: no dwelling held
                t.Mark("read + classify stock");
            }
            else if (r.GetValue(builtin))
            {
                var parameters = Shared.Parameters(io, aplCeilings: r.GetValue(aplCeilings));
                report = CapacityCalculator.FromStock(CIA.Engine.Data.DefaultData.Stock, CIA.Engine.Data.DefaultData.Programmes, p, parameters);
                report = report with { Source = CIA.Engine.Data.DefaultData.Name };
                t.Mark("built-in data + classify");
            }
            else
            {
                if (r.GetValue(programmes) is not null || r.GetValue(communes) is not null || r.GetValue(aplCeilings) is not null)
                {
                    return io.Usage("--programmes, --communes and --apl-ceilings need --stock or --builtin-stock.");
                }

                report = CapacityCalculator.FromDiagnosis(p);
            }

            io.WriteText(r.GetValue(output), w =>
            {
                if (r.GetValue(format) == "json")
                {
                    WriteJson(w, report);
                }
                else
                {
                    WriteText(w, report);
                }
            });

            return CliApp.Ok;
        }));
        return command;
    }

    private static void WriteText(TextWriter w, CapacityReport r)
    {
        w.WriteLine(r.Basis == "diagnosis" ? $"Mobilisable capacity from the CIA's own figures ({r.Source})" : $"Mobilisable capacity computed from {r.Source}");
        if (r.Dwellings is { } n)
        {
            w.WriteLine(Line("dwellings", n));
            w.WriteLine(Line("outside QPV", r.OutsideQpv!.Value));
            w.WriteLine(Line("non-fragile outside QPV", r.NonFragileOutsideQpv!.Value));
            if (r.Cutoffs is { } c)
            {
                w.WriteLine($"  fragility cut-offs (D{c.Decile} over {c.ProgrammesAssessed} programmes): fragile at or above: under 20 % of PLUS {c.Under20}, under 40 % {c.Under40}");
            }
            else
            {
                w.WriteLine("  fragility: no programme assessed (no programme file, or none above the size threshold)");
            }
        }

        if (r.NonFragileShareOutsideQpv is { } share)
        {
            w.WriteLine($"  {"non-fragile share outside QPV",-30} {share}");
        }

        w.WriteLine(Line("accessible", r.Accessible));
        w.WriteLine(Line("potentially accessible", r.PotentiallyAccessible));
        w.WriteLine(Line("rebalancing stock", r.RebalancingStock));
        w.WriteLine($"  {"rotation rate",-30} {r.RotationRate}");
        w.WriteLine(Line("mobilisable a year", r.Mobilisable));
        if (r.ReferenceDate is { } date)
        {
            foreach (var (zone, c) in r.AplCeilings)
            {
                w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  APL ceilings at {date:yyyy-MM-dd}, zone {(int)zone}: in force {c.From:yyyy-MM-dd}..{c.Until:yyyy-MM-dd} ({c.Source})"));
            }
        }

        foreach (var f in r.Explanation)
        {
            w.WriteLine($"  {f.Rule.Id}: {f.Reason} [{f.Rule.Reference}]");
        }
    }

    private static string Line(string label, int value) => $"  {label,-30} {value.ToString("#,0", new NumberFormatInfo { NumberGroupSeparator = " " })}";

    private static void WriteJson(TextWriter w, CapacityReport r)
    {
        w.WriteLine(JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("basis", r.Basis);
            json.WriteString("source", r.Source);
            WriteOptional(json, "dwellings", r.Dwellings);
            WriteOptional(json, "outside_qpv", r.OutsideQpv);
            WriteOptional(json, "non_fragile_outside_qpv", r.NonFragileOutsideQpv);
            if (r.NonFragileShareOutsideQpv is { } share)
            {
                json.WriteNumber("non_fragile_share_outside_qpv", share.Fraction);
            }

            json.WriteNumber("accessible", r.Accessible);
            json.WriteNumber("potentially_accessible", r.PotentiallyAccessible);
            json.WriteNumber("rebalancing_stock", r.RebalancingStock);
            json.WriteNumber("rotation_rate", r.RotationRate.Fraction);
            json.WriteNumber("mobilisable", r.Mobilisable);
            if (r.ReferenceDate is { } date)
            {
                json.WriteString("reference_date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteStartArray("apl_ceilings");
                foreach (var (zone, ceilings) in r.AplCeilings)
                {
                    json.WriteStartObject();
                    json.WriteNumber("zone", (int)zone);
                    json.WriteString("from", ceilings.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    json.WriteString("until", ceilings.Until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    json.WriteString("source", ceilings.Source);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (r.Cutoffs is { } c)
            {
                json.WriteStartObject("fragility_cutoffs");
                json.WriteNumber("decile", c.Decile);
                json.WriteNumber("share_under_20", c.Under20.Fraction);
                json.WriteNumber("share_under_40", c.Under40.Fraction);
                json.WriteNumber("programmes_assessed", c.ProgrammesAssessed);
                json.WriteEndObject();
            }

            json.WriteStartArray("explanation");
            foreach (var f in r.Explanation)
            {
                json.WriteStartObject();
                json.WriteString("rule", f.Rule.Id);
                json.WriteString("reason", f.Reason);
                json.WriteString("reference", f.Rule.Reference);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }));
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }
}
