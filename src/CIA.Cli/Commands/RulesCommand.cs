using System.CommandLine;
using CIA.Engine.IO;
using System.Text.Json;
using CIA.Engine.Classification;
using CIA.Engine.Rules;
using CIA.Engine.Stock;

namespace CIA.Cli;

/// <summary><c>cia rules</c>: the catalogue of rules with ids, titles and references.</summary>
internal static class RulesCommand
{
    public static Command Create(CliIo io)
    {
        var policy = Shared.Policy();
        var format = Shared.Format("text", "text", "json");
        var command = new Command("rules", "List every rule: id, title, reference, what it checks.") { policy, format };
        command.SetAction(r => io.Guard(false, _ =>
        {
            var p = Shared.LoadPolicy(r.GetValue(policy), io);
            var all = RuleCatalogue.All(p);
            if (r.GetValue(format) == "json")
            {
                io.Out.WriteLine(JsonText.Write(json =>
                {
                    json.WriteStartArray();
                    foreach (var rule in all)
                    {
                        json.WriteStartObject();
                        json.WriteString("id", rule.Id);
                        json.WriteString("rule_set", rule.RuleSet);
                        json.WriteString("title", rule.Title);
                        json.WriteString("reference", rule.Reference);
                        json.WriteString("description", rule.Description);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }));
                return CliApp.Ok;
            }

            foreach (var group in all.GroupBy(x => x.RuleSet))
            {
                io.Out.WriteLine($"[{group.Key}]");
                foreach (var rule in group)
                {
                    io.Out.WriteLine($"  {rule.Id,-28} {rule.Title}");
                    io.Out.WriteLine($"  {string.Empty,-28} {rule.Reference}");
                }

                io.Out.WriteLine();
            }

            return CliApp.Ok;
        }));
        return command;
    }
}
