using System.CommandLine;
using CIA.Engine.Classification;
using CIA.Engine.IO;
using CIA.Engine.Policy;
using CIA.Engine.Tables;

namespace CIA.Cli;

/// <summary><c>cia classify</c>: one row per application with UC, quartile, priority criteria, ménage cible and fired rules.</summary>
internal static class ClassifyCommand
{
    public static Command Create(CliIo io)
    {
        var demand = Shared.Demand();
        var year = Shared.Year("Year of allocations (thresholds and PLUS ceilings of that year). Default: the policy's default_year.");
        var policy = Shared.Policy();
        var format = Shared.Format("csv", "csv", "json", "ndjson");
        var thresholds = Shared.Thresholds();
        var plusCeilings = Shared.PlusCeilings();
        var output = Shared.OutputFile();
        var excel = Shared.Excel();
        var explain = new Option<bool>("--explain", "-e") { Description = "JSON and NDJSON only: add each fired rule's reason and reference." };
        var summary = new Option<bool>("--summary", "-s") { Description = "Print counts (quartiles, priority households by criterion, ménages cibles) instead of one row per application; reads the demand row by row without holding it." };
        var timings = Shared.Timings();
        var communes = Shared.Communes();
        var epci = new Option<string?>("--epci") { Description = "The EPCI (nine-digit SIREN) whose published thresholds apply, instead of the policy's epci (docs/epci.md)." };
        var command = new Command("classify", "Classify applications under the policy: priority household (which criteria), quartile, ménage cible, with the rules that fired.")
        {
            demand, year, policy, format, thresholds, plusCeilings, output, excel, explain, summary, timings, epci, communes,
        };
        command.SetAction(r => io.Guard(r.GetValue(timings), t =>
        {
            // Checked here rather than in a command validator: validators run even when --format did not parse, and
            // reading it there throws (exit code 70 for 'classify --format xml --explain').
            if (r.GetValue(explain) && (r.GetValue(format) == "csv" || r.GetValue(summary)))
            {
                return io.Usage("--explain adds reasons to each application's JSON: give it with --format json or ndjson, and without --summary.");
            }

            if (r.GetValue(excel) && (r.GetValue(format) != "csv" || r.GetValue(summary)))
            {
                return io.Usage("--excel is a variant of the CSV output: give it without --format json or ndjson and without --summary.");
            }

            if (r.GetValue(summary) && r.GetValue(format) == "ndjson")
            {
                return io.Usage("--format ndjson writes one line per application: --summary has one object; give it with --format json.");
            }

            var p = Shared.LoadPolicy(r.GetValue(policy), io);
            if (r.GetValue(epci) is { } asEpci)
            {
                if (!Engine.Domain.EpciCode.TryParse(asEpci, out var code))
                {
                    return io.Usage(Engine.Quartiles.EpciThresholdTable.NotASiren(asEpci));
                }

                p = p with { Epci = code };
            }

            var parameters = Shared.Parameters(io, thresholds: r.GetValue(thresholds), plusCeilings: r.GetValue(plusCeilings));
            DemandTable? early = null;
            if (r.GetValue(communes) is { } communesFile)
            {
                // The communes file gives each commune's EPCI (SIREN and name): the national thresholds of the EPCIs it
                // names, and — without --epci — the EPCI of the demand from the communes asked for (docs/epci.md).
                var entries = CommuneCsv.ReadFile(io.Input(communesFile).FullName);
                parameters = parameters.WithCommunes(entries.Select(c => (c.Commune.Code, c.Commune.Zone, (Engine.Domain.EpciCode?)c.Epci)), "communes file " + communesFile.Name);
                parameters = parameters.WithQuartileThresholds(Engine.Quartiles.EpciResolution.ByName(entries, parameters).ToList());
                if (r.GetValue(epci) is null)
                {
                    early = Shared.DemandTable(r.GetValue(demand), io);
                    if (Engine.Quartiles.EpciResolution.OfDemand(early, parameters, out var problem) is { } found)
                    {
                        if (found != p.Epci)
                        {
                            io.Err.WriteLine($"note: the communes asked for are in EPCI {found} (communes file {communesFile.Name}): its thresholds apply, not those of the policy's EPCI {p.Epci}.");
                        }

                        p = p with { Epci = found };
                    }
                    else if (problem is not null)
                    {
                        io.Err.WriteLine("error: " + problem);
                        return CliApp.InvalidInput;
                    }
                }
            }

            var classifier = new HouseholdClassifier(p, parameters);
            var y = r.GetValue(year) ?? p.DefaultYear;
            if (r.GetValue(year) is { } asked)
            {
                Shared.NotePeriod(p, asked, io); // the policy file explains its own default year; an explicit one gets a note
            }
            t.Mark("load policy");
            var target = r.GetValue(output);
            var json = r.GetValue(format) == "json";
            if (early is null && r.GetValue(summary) && p.Quartiles.Thresholds == ThresholdSource.Published && r.GetValue(demand) is { } file)
            {
                // Published thresholds are known before reading: classify each row as it is read, hold none.
                var classificationYear = classifier.ForYear(y);
                var counts = new ClassificationSummary();
                DemandCsv.Scan(io.Input(file).FullName, new Summariser(classifier, classificationYear, counts));
                t.Mark("read + classify");
                io.WriteText(target, w => SummaryWriter.Write(w, counts, classifier, classificationYear, json));
                t.Mark("write");
                return CliApp.Ok;
            }

            var table = early ?? Shared.DemandTable(r.GetValue(demand), io);
            t.Mark("read demand");
            var resolved = classifier.ForYear(y, table); // computed thresholds come from this demand, when the policy says so
            if (r.GetValue(summary))
            {
                var counts = new ClassificationSummary();
                var visitor = new Summariser(classifier, resolved, counts);
                for (var row = 0; row < table.Count; row++)
                {
                    visitor.Add(table.Household(row));
                }

                t.Mark("classify");
                io.WriteText(target, w => SummaryWriter.Write(w, counts, classifier, resolved, json));
                t.Mark("write");
                return CliApp.Ok;
            }

            var rows = Rows(table, classifier, resolved, r.GetValue(explain)); // classified as they are written
            if (r.GetValue(format) == "ndjson")
            {
                io.WriteText(target, w =>
                {
                    using var ms = new MemoryStream();
                    ClassificationWriter.WriteNdjson(ms, classifier, rows);
                    w.Write(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
                });
            }
            else if (json)
            {
                io.WriteText(target, w =>
                {
                    using var ms = new MemoryStream();
                    ClassificationWriter.WriteJson(ms, classifier, resolved, rows);
                    w.Write(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
                    w.Write('\n');
                });
            }
            else
            {
                if (r.GetValue(excel))
                {
                    io.WriteText(target, w => ClassificationWriter.WriteExcelCsv(w, classifier, rows));
                }
                else
                {
                    io.WriteText(target, w => ClassificationWriter.WriteCsv(w, classifier, rows));
                }
            }

            t.Mark("classify + write");
            return CliApp.Ok;
        }));
        return command;
    }

    private static IEnumerable<ClassifiedApplication> Rows(DemandTable table, HouseholdClassifier classifier, ClassificationYear year, bool explain)
    {
        for (var row = 0; row < table.Count; row++)
        {
            var facts = classifier.Facts(table.Household(row), year);
            var result = classifier.Classify(in facts);
            yield return new ClassifiedApplication(table.Ids[row], result, explain
                ? [.. classifier.Rules.Explain(in facts, result.Fired).Select(f => new RuleFiringView(f.Rule.Id, f.Reason, f.Rule.Reference))]
                : null);
        }
    }

    /// <summary>Counts classified applications, from a file being read or from a table.</summary>
    private sealed class Summariser(HouseholdClassifier classifier, ClassificationYear year, ClassificationSummary counts) : IDemandVisitor
    {
        public void Visit(in DemandRow row)
        {
            if (row.IsValid)
            {
                Add(row.Household);
            }
        }

        public void Add(in Engine.Domain.HouseholdInput household) => counts.Add(classifier.Classify(in household, year));
    }
}
