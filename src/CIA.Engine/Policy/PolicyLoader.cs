using System.Collections.Immutable;
using System.Globalization;
using CIA.Engine.Domain;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace CIA.Engine.Policy;

/// <summary>
/// Loads a policy from YAML (format: docs/policy-file.md) and validates it, reporting every problem at once
/// with its path, line and column. The built-in default is the Nantes CIA (2016/17) with the LEC targets.
/// </summary>
public static class PolicyLoader
{
    private const string DefaultResource = "CIA.Engine.Policy.Defaults.nantes-metropole-cia-2016.yaml";

    private static readonly Lazy<CiaPolicy> Default = new(() =>
    {
        using var reader = new StreamReader(DefaultYamlStream());
        return Load(reader, "built-in nantes-metropole-cia-2016.yaml");
    });

    /// <summary>The built-in Nantes Métropole CIA policy.</summary>
    public static CiaPolicy LoadDefault() => Default.Value;

    /// <summary>The text of the built-in policy, to start a policy file of one's own from.</summary>
    public static string DefaultYaml()
    {
        using var reader = new StreamReader(DefaultYamlStream());
        return reader.ReadToEnd();
    }

    /// <summary>The largest policy file accepted: a policy is a page of YAML, not megabytes.</summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>The deepest nesting of mappings and lists accepted (the built-in policy nests 4 deep).</summary>
    public const int MaxDepth = 32;

    /// <summary>Loads and validates a policy file.</summary>
    /// <exception cref="PolicyException">The file is not a valid policy; every problem is listed.</exception>
    /// <exception cref="IO.InputException">The path is not a readable UTF-8 file of at most <see cref="MaxFileBytes"/> bytes.</exception>
    public static CiaPolicy LoadFile(string path)
    {
        var text = IO.InputFiles.ReadAllText(path, MaxFileBytes);
        return Load(new StringReader(text), path);
    }

    /// <summary>Loads and validates a policy from YAML text.</summary>
    /// <param name="reader">The YAML.</param>
    /// <param name="source">The name errors refer to (file path).</param>
    /// <exception cref="PolicyException">Not a valid policy; every problem is listed.</exception>
    public static CiaPolicy Load(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var text = reader.ReadToEnd();
        if (text.Length > MaxFileBytes)
        {
            throw new PolicyException(source, [new PolicyProblem("(file)", 1, 1, $"is longer than {IO.Counts.Of(MaxFileBytes)} characters: a policy is a page of YAML.")]);
        }

        CheckShape(text, source);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new PolicyException(source, [new PolicyProblem("(syntax)", (int)e.Start.Line, (int)e.Start.Column, e.Message)]);
        }

        if (stream.Documents.Count != 1)
        {
            throw new PolicyException(source, [new PolicyProblem("(document)", 1, 1, $"expected one YAML document, found {stream.Documents.Count}.")]);
        }

        var y = new YamlFields();
        var policy = Read(stream.Documents[0].RootNode, y);
        var problems = y.Problems;
        if (problems.Count == 0)
        {
            problems.AddRange(PolicyValidator.Validate(policy).Select(y.Locate));
        }

        if (problems.Count > 0)
        {
            throw new PolicyException(source, [.. problems.OrderBy(p => p.Line).ThenBy(p => p.Column)]);
        }

        return policy;
    }

    /// <summary>
    /// Reads the YAML as a stream of events (which needs no recursion) before building the node tree (which does): a
    /// file nested thousands of levels deep would otherwise overflow the stack, and some malformed input makes the
    /// scanner fail with an exception that is not a <see cref="YamlException"/>.
    /// </summary>
    private static void CheckShape(string text, string source)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        var last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                last = e.End;
                if (e is MappingStart or SequenceStart && ++depth > MaxDepth)
                {
                    throw new PolicyException(source, [new PolicyProblem("(syntax)", (int)e.Start.Line, (int)e.Start.Column, $"mappings and lists are nested more than {MaxDepth} levels deep: a policy needs a handful.")]);
                }

                if (e is MappingEnd or SequenceEnd)
                {
                    depth--;
                }
            }
        }
        catch (YamlException e)
        {
            throw new PolicyException(source, [new PolicyProblem("(syntax)", (int)e.Start.Line, (int)e.Start.Column, e.Message)]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this on some unclosed flow collections ("[1, 2" then a new key).
            throw new PolicyException(source, [new PolicyProblem("(syntax)", (int)last.Line, (int)last.Column, "malformed YAML after this point: a '[' or '{' is probably not closed.")]);
        }
    }

    private static Stream DefaultYamlStream() =>
        typeof(PolicyLoader).Assembly.GetManifestResourceStream(DefaultResource)
        ?? throw new InvalidOperationException($"The built-in policy resource {DefaultResource} is missing from the assembly.");

    private static CiaPolicy Read(YamlNode rootNode, YamlFields y)
    {
        var root = y.Mapping(rootNode, string.Empty, "name", "epci", "default_year", "period", "plus_region", "priority", "quartiles", "target_households", "targets", "stock");
        if (root is null)
        {
            y.Problem("(root)", rootNode, "expected a mapping with name, epci, default_year, priority, quartiles, target_households, targets, stock.");
        }

        var name = y.Text(root, string.Empty, "name");
        var epci = y.Value(root, string.Empty, "epci", default(EpciCode), s => (EpciCode.TryParse(s, out var c), c), "a SIREN of nine digits (e.g. \"244400404\")");
        var year = y.Integer(root, string.Empty, "default_year", 0);
        var priority = ReadPriority(y, Need(y, root, "priority"));
        var quartiles = ReadQuartiles(y, Need(y, root, "quartiles"));
        var targetHouseholds = ReadTargetHouseholds(y, Need(y, root, "target_households"));
        var targets = y.Sequence(root, string.Empty, "targets", required: true).Select(t => ReadTarget(y, t.Node, t.Path)).ToImmutableArray();
        var stock = ReadStock(y, Need(y, root, "stock"));
        var region = YamlFields.Child(root, "plus_region") is null ? PlusRegion.OtherRegions : y.Token(root, string.Empty, "plus_region", PlusRegion.OtherRegions);
        return new CiaPolicy(name, epci, year, priority, quartiles, targetHouseholds, targets, stock, ReadPeriod(y, YamlFields.Child(root, "period")), region);
    }

    private static PolicyPeriod? ReadPeriod(YamlFields y, YamlNode? node)
    {
        const string path = "period";
        if (node is null)
        {
            return null;
        }

        var map = y.Mapping(node, path, "from", "until", "source");
        return new PolicyPeriod(y.Integer(map, path, "from", 0), y.Integer(map, path, "until", 0), y.Text(map, path, "source"));
    }

    private static YamlNode? Need(YamlFields y, YamlMappingNode? map, string key)
    {
        var node = YamlFields.Child(map, key);
        if (node is null && map is not null)
        {
            y.Problem(key, map, $"missing section '{key}'.");
        }

        return node;
    }

    private static PriorityDefinition ReadPriority(YamlFields y, YamlNode? node)
    {
        const string path = "priority";
        var map = y.Mapping(node, path, "prefectoral_criteria", "prefectoral_label", "mutation_reasons", "urban_renewal", "first_quartile");
        var prefectoral = y.TokenList<PrefectoralCriteria>(map, path, "prefectoral_criteria").Aggregate(PrefectoralCriteria.None, (a, b) => a | b);
        var mutation = y.TokenList<MutationReason>(map, path, "mutation_reasons");
        var renewal = y.TokenList<UrbanRenewal>(map, path, "urban_renewal");
        var fqPath = YamlFields.Join(path, "first_quartile");
        var fq = y.Mapping(YamlFields.Child(map, "first_quartile") ?? Missing(y, map, fqPath), fqPath, "enabled", "non_contingente_only");
        return new PriorityDefinition(
            prefectoral,
            [.. mutation],
            [.. renewal],
            new FirstQuartileCriterion(y.Boolean(fq, fqPath, "enabled", true), y.Boolean(fq, fqPath, "non_contingente_only", true)),
            y.Boolean(map, path, "prefectoral_label", true, required: false));
    }

    private static YamlNode? Missing(YamlFields y, YamlMappingNode? parent, string path)
    {
        if (parent is not null)
        {
            y.Problem(path, parent, $"missing section '{path[(path.LastIndexOf('.') + 1)..]}'.");
        }

        return null;
    }

    private static QuartileOptions ReadQuartiles(YamlFields y, YamlNode? node)
    {
        const string path = "quartiles";
        var map = y.Mapping(node, path, "boundary", "thresholds");
        return new QuartileOptions(y.Token(map, path, "boundary", QuartileBoundary.Inclusive), y.Token(map, path, "thresholds", ThresholdSource.Published));
    }

    private static TargetHouseholdOptions ReadTargetHouseholds(YamlFields y, YamlNode? node)
    {
        const string path = "target_households";
        var map = y.Mapping(node, path, "plus_ceiling_share", "resources", "employment", "disability_upgrade");
        return new TargetHouseholdOptions(
            y.RequiredRate(map, path, "plus_ceiling_share", new Rate(0.6m)),
            y.Token(map, path, "resources", TargetResourceBasis.TaxIncome),
            y.TokenList<EmploymentStatus>(map, path, "employment").Aggregate(EmploymentStatus.None, (a, b) => a | b),
            y.Boolean(map, path, "disability_upgrade", true));
    }

    private static AllocationTarget ReadTarget(YamlFields y, YamlNode node, string path)
    {
        var map = y.Mapping(node, path, "id", "title", "reference", "measure", "criteria", "relocations", "dwellings", "reservataires", "per", "breakdown", "min", "max", "compare_to");
        var measure = y.Token(map, path, "measure", TargetMeasure.Priority);
        var reservataires = YamlFields.Child(map, "reservataires") is null ? [] : y.TokenList<Reservataire>(map, path, "reservataires");
        var breakdown = YamlFields.Child(map, "breakdown") is null
            ? TargetBreakdown.Total
            : y.TokenList<TargetBreakdown>(map, path, "breakdown").Aggregate(TargetBreakdown.None, (a, b) => a | b);
        var criteria = YamlFields.Child(map, "criteria") is null
            ? PrefectoralCriteria.None
            : y.TokenList<PrefectoralCriteria>(map, path, "criteria").Aggregate(PrefectoralCriteria.None, (a, b) => a | b);

        // The relocation kinds are a setting of the first_quartile_or_relocated measure only; when the file does not
        // list them that measure counts both (see AllocationTarget.DefaultRelocations). Listed with another
        // measure, they are kept so that the validator reports them.
        ImmutableArray<UrbanRenewal> relocations = YamlFields.Child(map, "relocations") is not null
            ? [.. y.TokenList<UrbanRenewal>(map, path, "relocations")]
            : measure == TargetMeasure.FirstQuartileOrRelocated ? AllocationTarget.DefaultRelocations : [];
        return new AllocationTarget(
            y.Text(map, path, "id"),
            y.Text(map, path, "title"),
            y.Text(map, path, "reference"),
            measure,
            YamlFields.Child(map, "dwellings") is null ? DwellingScope.All : y.Token(map, path, "dwellings", DwellingScope.All),
            [.. reservataires],
            YamlFields.Child(map, "per") is null ? TargetPer.Total : y.Token(map, path, "per", TargetPer.Total),
            breakdown,
            y.OptionalRate(map, path, "min"),
            y.OptionalRate(map, path, "max"),
            YamlFields.Child(map, "compare_to") is null ? TargetComparison.None : y.Token(map, path, "compare_to", TargetComparison.None))
        {
            Criteria = criteria,
            Relocations = relocations,
        };
    }

    private static StockOptions ReadStock(YamlFields y, YamlNode? node)
    {
        const string path = "stock";
        var map = y.Mapping(node, path, "reference_date", "rotation_rate", "potentially_accessible_margin", "typology_households", "fragility", "diagnosis");
        var date = y.Value(map, path, "reference_date", default(DateOnly),
            s => (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d), d), "a date yyyy-MM-dd");
        var rotation = y.RequiredRate(map, path, "rotation_rate", new Rate(0.114m));
        var margin = y.Value(map, path, "potentially_accessible_margin", Euros.Zero, s => (Euros.TryParse(s, out var e), e), "an amount in euros (e.g. 30.00)");
        var typologies = y.Sequence(map, path, "typology_households", required: true).Select(t =>
        {
            var m = y.Mapping(t.Node, t.Path, "rooms", "couple", "dependants");
            return new TypologyHousehold(y.Integer(m, t.Path, "rooms", 1), y.Boolean(m, t.Path, "couple", false), y.Integer(m, t.Path, "dependants", 0));
        }).ToImmutableArray();

        const string fPath = "stock.fragility";
        var f = y.Mapping(YamlFields.Child(map, "fragility") ?? Missing(y, map, fPath), fPath, "min_dwellings_exclusive", "decile", "combine", "not_assessed");
        var fragility = new FragilityOptions(
            y.Integer(f, fPath, "min_dwellings_exclusive", 30),
            y.Integer(f, fPath, "decile", 8),
            y.Token(f, fPath, "combine", FragilityCombination.Any),
            y.Value(f, fPath, "not_assessed", false, s => s.Trim() switch { "fragile" => (true, true), "non_fragile" => (true, false), _ => (false, false) }, "fragile or non_fragile"));

        const string dPath = "stock.diagnosis";
        var d = y.Mapping(YamlFields.Child(map, "diagnosis") ?? Missing(y, map, dPath), dPath, "accessible", "potentially_accessible", "non_fragile_share_outside_qpv", "source");
        var diagnosis = new StockDiagnosis(
            y.Integer(d, dPath, "accessible", 0),
            y.Integer(d, dPath, "potentially_accessible", 0),
            y.RequiredRate(d, dPath, "non_fragile_share_outside_qpv", new Rate(0.75m)),
            y.Text(d, dPath, "source"));
        return new StockOptions(date, rotation, margin, typologies, fragility, diagnosis);
    }
}
