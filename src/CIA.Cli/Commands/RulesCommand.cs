using System.CommandLine;
using System.Text.Json;
using CIA.Engine.IO;
using CIA.Engine.IO.Csv;
using CIA.Engine.Rules;

namespace CIA.Cli;

/// <summary><c>cia rules</c>: the catalogue of rules with ids, titles and references.</summary>
internal static class RulesCommand
{
    /// <summary>The CSV columns, which are also the JSON fields of a rule.</summary>
    private static readonly string[] Columns = ["id", "rule_set", "title", "reference", "description"];

    public static Command Create(CliIo io)
    {
        var policy = Shared.Policy();
        var format = Shared.Format("text", "text", "csv", "json", "ndjson");
        var excel = Shared.Excel();
        var output = Shared.OutputFile();
        var command = new Command("rules", "List every rule: id, title, reference, what it checks.") { policy, format, excel, output };
        command.SetAction(r => io.Guard(false, _ =>
        {
            if (r.GetValue(excel) && r.GetValue(format) != "csv")
            {
                return io.Usage("--excel is a variant of the CSV output: give it with --format csv.");
            }

            var p = Shared.LoadPolicy(r.GetValue(policy), io);
            var all = RuleCatalogue.All(p);
            io.WriteText(r.GetValue(output), w =>
            {
                switch (r.GetValue(format))
                {
                    case "json":
                        w.WriteLine(JsonText.Write(json =>
                        {
                            json.WriteStartArray();
                            foreach (var rule in all)
                            {
                                WriteRule(json, rule);
                            }

                            json.WriteEndArray();
                        }));
                        break;
                    case "ndjson":
                        foreach (var rule in all)
                        {
                            w.Write(JsonText.Write(json => WriteRule(json, rule), indented: false));
                            w.Write('\n');
                        }

                        break;
                    case "csv":
                        var csv = Shared.Csv(w, r.GetValue(excel));
                        csv.Write(string.Join(';', Columns) + "\n");
                        foreach (var rule in all)
                        {
                            csv.Write(string.Join(';', Cells(rule).Select(CsvCells.Quote)) + "\n");
                        }

                        csv.Flush();
                        break;
                    default:
                        foreach (var group in all.GroupBy(x => x.RuleSet))
                        {
                            w.WriteLine($"[{group.Key}]");
                            foreach (var rule in group)
                            {
                                w.WriteLine($"  {rule.Id,-28} {rule.Title}");
                                w.WriteLine($"  {string.Empty,-28} {rule.Reference}");
                            }

                            w.WriteLine();
                        }

                        break;
                }
            });
            return CliApp.Ok;
        }));
        return command;
    }

    private static string[] Cells(RuleDefinition rule) => [rule.Id, rule.RuleSet, rule.Title, rule.Reference, rule.Description];

    private static void WriteRule(Utf8JsonWriter json, RuleDefinition rule)
    {
        json.WriteStartObject();
        foreach (var (name, value) in Columns.Zip(Cells(rule)))
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
    }
}
