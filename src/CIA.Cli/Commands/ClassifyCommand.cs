using System.CommandLine;
using CIA.Engine.Classification;
using CIA.Engine.IO;
using CIA.Engine.Policy;
using CIA.Engine.Quartiles;

namespace CIA.Cli;

/// <summary><c>cia classify</c>: one row per application with UC, quartile, priority criteria, ménage cible and fired rules.</summary>
internal static class ClassifyCommand
{
    public static Command Create(CliIo io)
    {
        var demand = Shared.Demand();
        var year = new Option<int?>("--year") { Description = "Year of allocations (thresholds and PLUS ceilings of that year). Default: the policy's default_year." };
        var policy = Shared.Policy();
        var format = Shared.Format("csv", "csv", "json");
        var thresholds = Shared.Thresholds();
        var output = new Option<FileInfo?>("--out") { Description = "Write to this file (atomically) instead of standard output." };
        var explain = new Option<bool>("--explain") { Description = "JSON only: add each fired rule's reason and reference." };
        var summary = new Option<bool>("--summary") { Description = "Print counts (quartiles, priority households by criterion, ménages cibles) instead of one row per application." };
        var timings = Shared.Timings();
        var command = new Command("classify", "Classify applications under the policy: priority household (which criteria), quartile, ménage cible, with the rules that fired.")
        {
            demand, year, policy, format, thresholds, output, explain, summary, timings,
        };
        command.SetAction(r => io.Guard(r.GetValue(timings), t =>
        {
            var p = CliIo.Policy(r.GetValue(policy));
            var parameters = Shared.Parameters(r.GetValue(thresholds));
            t.Mark("load policy");
            var applications = Shared.Applications(r.GetValue(demand), io);
            t.Mark("read demand");
            var classifier = new HouseholdClassifier(p, parameters);
            var y = r.GetValue(year) ?? p.DefaultYear;
            var classificationYear = p.Quartiles.Thresholds == ThresholdSource.Computed
                ? classifier.ForYear(y, QuartileCalculator.Compute(applications, parameters.UcScale.At(new DateOnly(y, 1, 1)).Value))
                : classifier.ForYear(y);
            var withReasons = r.GetValue(explain);
            var rows = new ClassifiedApplication[applications.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                var a = applications[i];
                var facts = new HouseholdFacts(a, classificationYear);
                var result = classifier.Classify(in facts);
                rows[i] = new ClassifiedApplication(a, result, withReasons
                    ? [.. classifier.Rules.Explain(in facts, result.Fired).Select(f => new RuleFiringView(f.Rule.Id, f.Reason, f.Rule.Reference))]
                    : null);
            }

            t.Mark("classify");
            var target = r.GetValue(output);
            if (r.GetValue(summary))
            {
                var counts = new ClassificationSummary();
                foreach (var row in rows)
                {
                    counts.Add(row.Result);
                }

                io.WriteText(target, w => SummaryWriter.Write(w, counts, classificationYear, r.GetValue(format) == "json"));
                t.Mark("write");
                return CliApp.Ok;
            }

            if (r.GetValue(format) == "json")
            {
                io.WriteText(target, w =>
                {
                    using var ms = new MemoryStream();
                    ClassificationWriter.WriteJson(ms, classifier, classificationYear, rows);
                    w.Write(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
                    w.Write('\n');
                });
            }
            else
            {
                io.WriteText(target, w => ClassificationWriter.WriteCsv(w, classifier, rows));
            }

            t.Mark("write");
            return CliApp.Ok;
        }));
        return command;
    }
}
