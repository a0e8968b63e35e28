using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Service;

namespace CIA.Cli;

/// <summary>
/// <c>cia household</c>: classifies one household given by flags, or as JSON (a file or standard input), with no
/// demand file: the same fields as the demand file and the web service, read and checked by the service's own reader
/// (<see cref="ApplicationReader"/>), and the same answer as <c>POST /v1/explain</c>.
/// </summary>
internal static class HouseholdCommand
{
    /// <summary>The largest JSON accepted, as for the web service.</summary>
    private const long MaxJsonBytes = ServiceOptions.DefaultMaxRequestBytes;

    /// <summary>The flags, each with the application field it sets and how its text becomes a JSON value.</summary>
    private static readonly (string Flag, string Field, Kind Kind, string Description)[] Flags =
    [
        ("--id", "application_id", Kind.Text, "Pseudonymous id shown in the output. Default: household."),
        ("--persons-14-plus", "persons_14_plus", Kind.Number, "Persons aged 14 or more, the applicant included (required)."),
        ("--children-under-14", "children_under_14", Kind.Number, "Children under 14 (required)."),
        ("--monthly-resources", "monthly_resources", Kind.Number, "Monthly resources in euros, e.g. 1300 (required)."),
        ("--tax-income", "tax_income", Kind.Number, "Reference tax income (revenu fiscal de référence) in euros, e.g. 14000 (required)."),
        ("--registered-on", "registered_on", Kind.Text, "Date of first registration, yyyy-MM-dd."),
        ("--dependants", "dependants", Kind.Number, "Dependants (personnes à charge). Default: the children under 14."),
        ("--young-couple", "young_couple", Kind.Switch, "A young couple (jeune ménage)."),
        ("--disabled-member", "disabled_member", Kind.Switch, "A member with a disability."),
        ("--employment", "employment", Kind.List, "Employment situations, comma-separated, e.g. employed,retired."),
        ("--mutation", "is_mutation", Kind.Switch, "A mutation: the applicant is already a social tenant."),
        ("--mutation-reason", "mutation_reason", Kind.Text, "The mutation's reason, e.g. over_occupation."),
        ("--urban-renewal", "urban_renewal", Kind.Text, "Relocated by urban renewal: anru or non_anru."),
        ("--prefectoral", "prefectoral_criteria", Kind.List, "The préfet's priority criteria, comma-separated, e.g. dalo,chrs_exit."),
        ("--reserved-by", "reserved_by", Kind.Text, "The réservataire that labels the application, e.g. action_logement."),
        ("--communes", "desired_communes", Kind.List, "Desired communes, comma-separated INSEE codes, e.g. 44109,44143."),
    ];

    private static readonly string[] RequiredFlags = ["--persons-14-plus", "--children-under-14", "--monthly-resources", "--tax-income"];

    private enum Kind
    {
        Text,
        Number,
        Switch,
        List,
    }

    public static Command Create(CliIo io)
    {
        var json = new Option<string?>("--json", "-j") { Description = "Read the household as JSON — the body /v1/explain takes (docs/service.md) — from this file, or from standard input with '-'.", HelpName = "FILE|-" };
        var year = Shared.Year("Year of allocations (thresholds and PLUS ceilings of that year). Default: the policy's default_year.");
        var policy = Shared.Policy();
        var format = Shared.Format("text", "text", "json");
        var output = Shared.OutputFile();
        var epci = new Option<string?>("--epci") { Description = "The EPCI (nine-digit SIREN) whose published thresholds apply, instead of the policy's epci (docs/epci.md)." };
        var command = new Command("household", "Classify one household given by flags or as JSON (standard input with --json -), no file needed: UC, quartile, priority criteria, ménage cible, and every rule fired with its reason and reference.")
        {
            json, year, policy, epci, format, output,
        };
        var flags = new List<Option>();
        foreach (var (flag, _, kind, description) in Flags)
        {
            Option option = kind == Kind.Switch ? new Option<bool>(flag) { Description = description } : new Option<string?>(flag) { Description = description };
            flags.Add(option);
            command.Options.Add(option);
        }

        command.SetAction(r => io.Guard(false, _ =>
        {
            var given = flags.Where(f => r.GetResult(f) is { Implicit: false }).Select(f => f.Name).ToList();
            if (r.GetValue(json) is { } source)
            {
                if (given.Count > 0)
                {
                    return io.Usage($"the household comes from --json or from flags, not both: {string.Join(", ", given)} given with --json.");
                }
            }
            else if (RequiredFlags.Where(f => !given.Contains(f)).ToList() is { Count: > 0 } missing)
            {
                return io.Usage($"give the household with {string.Join(", ", RequiredFlags)} (missing: {string.Join(", ", missing)}), or as JSON with --json FILE or --json - (standard input).");
            }

            if (r.GetValue(epci) is { } asEpci && !EpciCode.TryParse(asEpci, out EpciCode _))
            {
                return io.Usage(Engine.Quartiles.EpciThresholdTable.NotASiren(asEpci));
            }

            // The household as the JSON object the service reads; problems named by the flag or the JSON path.
            string name;
            JsonDocument document;
            if (r.GetValue(json) is { } from)
            {
                name = from == "-" ? "standard input" : from;
                var text = from == "-" ? ReadStandardInput(io) : InputFiles.ReadAllText(io.Input(new FileInfo(from)).FullName, MaxJsonBytes);
                try
                {
                    document = JsonDocument.Parse(text);
                }
                catch (JsonException e)
                {
                    throw new InputException([new InputProblem(name, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, string.Empty, "not valid JSON: " + FirstSentence(e.Message))]);
                }
            }
            else
            {
                name = "the flags";
                document = FromFlags(r, flags);
            }

            using (document)
            {
                var problems = new Problems();
                if (ApplicationReader.Read(document.RootElement, "$", problems) is not { } application)
                {
                    var found = problems.ToDictionary();
                    io.Err.WriteLine($"error: {found.Values.Sum(v => v.Length)} problem(s) in the household from {name}; nothing was written.");
                    foreach (var (path, messages) in found)
                    {
                        foreach (var message in messages)
                        {
                            // A flag's problem names the flag and the text typed, which says more than the JSON kind it became.
                            io.Err.WriteLine(r.GetValue(json) is null
                                ? $"  {FlagOf(path, r, flags)}: {message.Replace(", not a string.", ".", StringComparison.Ordinal)}"
                                : $"  {name}: {path}: {message}");
                        }
                    }

                    return CliApp.InvalidInput;
                }

                var p = Shared.LoadPolicy(r.GetValue(policy), io);
                if (r.GetValue(epci) is { } e && EpciCode.TryParse(e, out var code))
                {
                    p = p with { Epci = code };
                }

                var state = new ServiceState(new HouseholdClassifier(p, Shared.Parameters(io)), new ServiceOptions());
                var y = r.GetValue(year) ?? p.DefaultYear;
                var response = Endpoints.Response(state, state.Year(y), application, explain: true);
                io.WriteText(r.GetValue(output), w =>
                {
                    if (r.GetValue(format) == "json")
                    {
                        w.Write(JsonSerializer.Serialize(response, CiaWebService.Json(new JsonSerializerOptions())));
                        w.Write('\n');
                    }
                    else
                    {
                        WriteText(w, response);
                    }
                });
                return CliApp.Ok;
            }
        }));
        return command;
    }

    /// <summary>The JSON object the flags describe: numbers as numbers when they read as one (the reader says what is wrong otherwise).</summary>
    private static JsonDocument FromFlags(ParseResult r, List<Option> options)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            if (r.GetResult(options[0]) is not { Implicit: false })
            {
                w.WriteString("application_id", "household"); // --id not given
            }

            for (var i = 0; i < Flags.Length; i++)
            {
                var (_, field, kind, _) = Flags[i];
                if (r.GetResult(options[i]) is not { Implicit: false })
                {
                    continue;
                }

                if (kind == Kind.Switch)
                {
                    w.WriteBoolean(field, r.GetValue((Option<bool>)options[i]));
                    continue;
                }

                var text = r.GetValue((Option<string?>)options[i]) ?? string.Empty;
                switch (kind)
                {
                    case Kind.Number when decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number):
                        w.WriteNumber(field, number);
                        break;
                    case Kind.List:
                        w.WriteStartArray(field);
                        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                        {
                            w.WriteStringValue(item);
                        }

                        w.WriteEndArray();
                        break;
                    default:
                        w.WriteString(field, text);
                        break;
                }
            }

            w.WriteEndObject();
        }

        return JsonDocument.Parse(ms.ToArray());
    }

    /// <summary>A problem's JSON path (<c>$.tax_income</c>) as the flag that set it, with the text typed: <c>--tax-income 'abc'</c>.</summary>
    private static string FlagOf(string path, ParseResult r, List<Option> options)
    {
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
        field = field.IndexOf('[', StringComparison.Ordinal) is var bracket and > 0 ? field[..bracket] : field; // a list's item: its flag
        var index = Array.FindIndex(Flags, f => f.Field == field);
        if (index < 0)
        {
            return path;
        }

        return options[index] is Option<string?> text && r.GetValue(text) is { } typed ? $"{Flags[index].Flag} '{typed}'" : Flags[index].Flag;
    }

    /// <summary>Standard input, whole, refused past <see cref="MaxJsonBytes"/> characters.</summary>
    private static string ReadStandardInput(CliIo io)
    {
        var buffer = new char[MaxJsonBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = io.In.Read(buffer, read, buffer.Length - read)) > 0)
        {
            read += n;
        }

        if (read > MaxJsonBytes)
        {
            throw new InputException([new InputProblem("standard input", 0, 0, string.Empty, $"longer than {Counts.Of(MaxJsonBytes)} characters: one household's JSON is a few hundred.")]);
        }

        return new string(buffer, 0, read);
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    private static void WriteText(TextWriter w, ClassifyResponse response)
    {
        var a = response.Application;
        var euros = new NumberFormatInfo { NumberGroupSeparator = " ", NumberDecimalSeparator = "." };
        string Money(decimal v) => v.ToString("#,0", euros) + " €";
        var criteria = Tokens<PriorityCriteria>.FormatFlags(a.PriorityCriteria).Replace('|', ',');
        w.WriteLine($"{a.ApplicationId}: {(a.Priority ? $"priority household ({criteria})" : "not a priority household")}, quartile {a.Quartile.ToString(CultureInfo.InvariantCulture)}, {(a.TargetHousehold ? "ménage cible" : "not a ménage cible")}");
        w.WriteLine($"  {a.Uc} UC, {a.ResourcesPerUc.Rounded.ToDisplayString()} per UC a year; PLUS category {a.PlusCategory.ToString(CultureInfo.InvariantCulture)}");
        var t = response.Thresholds;
        w.WriteLine($"  {response.Year.ToString(CultureInfo.InvariantCulture)} thresholds (€ per UC a year): Q1 {Money(t.Q1.Value)}, Q2 {Money(t.Q2.Value)}, Q3 {Money(t.Q3.Value)} ({t.Source})");
        w.WriteLine($"  policy: {response.Policy}");
        w.WriteLine("Rules fired:");
        foreach (var f in a.Explanation ?? [])
        {
            w.WriteLine($"  {f.Rule,-24} {f.Title}");
            w.WriteLine($"  {string.Empty,-24} {f.Reason}");
            w.WriteLine($"  {string.Empty,-24} [{f.Reference}]");
        }
    }
}
