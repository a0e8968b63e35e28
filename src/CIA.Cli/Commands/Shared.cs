using System.CommandLine;
using System.Globalization;
using CIA.Engine.Data;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Tables;

namespace CIA.Cli;

/// <summary>Options several commands share, and how they turn into inputs.</summary>
internal static class Shared
{
    public static Option<FileInfo?> Policy() => new("--policy", "-p") { Description = "Policy file (YAML, docs/policy-file.md). Default: the built-in Nantes Métropole CIA." };

    /// <summary>Leave out the attainability bound (the most each target could reach with the year's leases), which takes an exact max flow a run.</summary>
    public static Option<bool> NoBound() => new("--no-bound") { Description = "Do not compute the attainability bound (the share each target could reach at most with the year's leases and demand, docs/whatif.md): faster on large territories." };

    public static Option<bool> Timings() => new("--timings", "-t") { Description = "Print phase timings and peak memory on standard error." };

    public static Option<string> Format(string fallback, params string[] allowed)
    {
        var o = new Option<string>("--format", "-f") { Description = $"Output format: {string.Join(", ", allowed)}. Default: {fallback}.", DefaultValueFactory = _ => fallback, HelpName = string.Join('|', allowed) };
        o.AcceptOnlyFromAmong(allowed);
        return o;
    }

    /// <summary>A year of allocations, refused at parse time when it is not a whole number or no calendar the engine knows has it.</summary>
    public static Option<int?> Year(string description)
    {
        const int min = Engine.Classification.HouseholdClassifier.MinYear, max = Engine.Classification.HouseholdClassifier.MaxYear;

        // A parser of its own rather than a validator: System.CommandLine's parser throws (from the validator's
        // GetValue) on a value that is not a number, which would end as an internal error.
        return new Option<int?>("--year", "-y")
        {
            Description = description,
            CustomParser = r =>
            {
                if (r.Tokens.Count != 1)
                {
                    return null; // no value or several: System.CommandLine reports it
                }

                var text = r.Tokens[0].Value;
                if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var y))
                {
                    r.AddError($"--year '{text}' is not a year: give one as digits, e.g. 2026.");
                    return null;
                }

                if (y is < min or > max)
                {
                    r.AddError($"--year {y} is not a year the engine can use: give a year from {min} to {max}.");
                    return null;
                }

                return y;
            },
        };
    }

    public static Option<FileInfo?> Demand() => new("--demand", "-d") { Description = "Demand file (CSV, docs/formats.md). Default: the built-in Nantes Métropole data set (28 441 synthetic applications, docs/default-data.md)." };

    public static Option<FileInfo?> Communes() => new("--communes") { Description = "Communes file (commune;name;epci;epci_name;apl_zone) giving the APL zone and EPCI of communes outside the built-in table (Nantes Métropole's 24)." };

    public static Option<FileInfo?> Thresholds() => new("--thresholds") { Description = "Published quartile thresholds to add (CSV: epci;year;q1;q2;q3;source)." };

    public static Option<FileInfo?> PlusCeilings() => new("--plus-ceilings") { Description = "PLUS resource ceilings to add or replace (CSV: region;from;until;category_1..category_6;per_additional_person;source)." };

    public static Option<FileInfo?> AplCeilings() => new("--apl-ceilings") { Description = "APL rent ceilings to add or replace (CSV: zone;from;until;person_alone;couple;one_dependant;per_extra_dependant;source)." };

    /// <summary>
    /// <c>-o|--output FILE</c> (also <c>--out</c>, its name before 2026.1): the file to write, atomically, instead of
    /// standard output. Every command that prints a result has it.
    /// </summary>
    public static Option<FileInfo?> OutputFile() => new(CliApp.OutputOption, "-o", "--out")
    {
        Description = "Write to this file (whole or not at all; never over an input) instead of standard output.",
    };

    /// <summary><c>-o|--output DIR</c> (also <c>--out</c>) for the commands that write a folder of files.</summary>
    public static Option<DirectoryInfo?> OutputFolder(string description, bool required = false) => new(CliApp.OutputOption, "-o", "--out")
    {
        Description = description,
        Required = required,
        CustomParser = r =>
        {
            if (r.Tokens.Count != 1)
            {
                return null; // no value or several: System.CommandLine reports it
            }

            var text = r.Tokens[0].Value;
            if (string.IsNullOrWhiteSpace(text))
            {
                r.AddError($"--output '{text}' is not a folder name: give the folder to write into, e.g. --output results.");
                return null;
            }

            return new DirectoryInfo(text);
        },
    };

    /// <summary><c>--excel</c>: CSV output the way French Excel opens it (<see cref="Engine.IO.ExcelCsvWriter"/>).</summary>
    public static Option<bool> Excel(string what = "the CSV") => new("--excel", "-x")
    {
        Description = $"Write {what} for French Excel: UTF-8 byte-order mark, ';' separators, decimal commas.",
    };

    /// <summary>The writer to give a CSV writer: <paramref name="writer"/> itself, or its French-Excel variant.</summary>
    public static TextWriter Csv(TextWriter writer, bool excel) => excel ? new Engine.IO.ExcelCsvWriter(writer) : writer;

    /// <summary>
    /// <c>--set key=value</c>, repeatable: overrides one key of the policy (docs/policy-file.md, "Scenarios"). Added by
    /// <see cref="CliApp"/> to every command that has <c>--policy</c>.
    /// </summary>
    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override one key of the policy, e.g. --set simulation.ranking=cotation --set targets.lec-outside-qpv.min=0.30 (repeatable; docs/policy-file.md, \"Scenarios\").",
        HelpName = "KEY=VALUE",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The policy given (a policy file or a scenario), or the built-in one, with the command's <c>--set</c> overrides.</summary>
    public static CiaPolicy LoadPolicy(FileInfo? file, CliIo io) =>
        file is null ? PolicyLoader.LoadDefault(io.Sets) : PolicyLoader.LoadFile(io.Input(file).FullName, io.Sets);

    /// <summary>The built-in parameters with whatever the files given add: thresholds, ceilings, communes.</summary>
    public static ParameterSet Parameters(CliIo io, FileInfo? thresholds = null, FileInfo? plusCeilings = null, FileInfo? aplCeilings = null, FileInfo? communes = null)
    {
        var parameters = BuiltInParameters.Create();
        if (thresholds is not null)
        {
            parameters = parameters.WithQuartileThresholds(ThresholdCsv.ReadFile(io.Input(thresholds).FullName));
        }

        if (plusCeilings is not null)
        {
            parameters = PlusCeilingCsv.Apply(parameters, PlusCeilingCsv.ReadFile(io.Input(plusCeilings).FullName));
        }

        if (aplCeilings is not null)
        {
            parameters = AplCeilingCsv.Apply(parameters, AplCeilingCsv.ReadFile(io.Input(aplCeilings).FullName));
        }

        if (communes is not null)
        {
            var entries = CommuneCsv.ReadFile(io.Input(communes).FullName);
            parameters = parameters.WithCommunes(entries.Select(c => (c.Commune.Code, c.Commune.Zone, (Engine.Domain.EpciCode?)c.Epci)), "communes file " + communes.Name);
        }

        return parameters;
    }

    /// <summary>The demand table of a file, or of the built-in data set (said on standard error, so standard output stays the data).</summary>
    public static DemandTable DemandTable(FileInfo? demand, CliIo io)
    {
        if (demand is not null)
        {
            return DemandCsv.ReadTable(io.Input(demand).FullName);
        }

        io.Err.WriteLine($"note: no --demand given: using the {DefaultData.Name}.");
        return DefaultData.Demand;
    }

    /// <summary>Says on standard error when a policy is applied outside the years it was adopted for.</summary>
    public static void NotePeriod(CiaPolicy policy, int year, CliIo io)
    {
        if (!policy.Covers(year) && policy.Period is { } period)
        {
            io.Err.WriteLine($"note: the policy '{policy.Name}' was adopted for {period}; it is applied here to {year}, with {year}'s thresholds and ceilings.");
        }
    }

    /// <summary>Reads one input; its problems are added to <paramref name="problems"/> (so that every file's are reported together) and default is returned.</summary>
    public static T? Read<T>(List<InputProblem> problems, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InputException e) when (e.Problems.Count > 0)
        {
            problems.AddRange(e.Problems);
            return default;
        }
    }
}
