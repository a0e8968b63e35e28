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
/// <remarks>Thread-safe: stateless; <see cref="LoadDefault()"/> builds the built-in policy once and returns that shared immutable instance.</remarks>
public static class PolicyLoader
{
    private const string DefaultResource = "CIA.Engine.Policy.Defaults.nantes-metropole-cia-2016.yaml";

    private static readonly Lazy<CiaPolicy> Default = new(() =>
    {
        using var reader = new StreamReader(DefaultYamlStream());
        return Load(reader, DefaultSource);
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

    /// <summary>The deepest nesting of mappings and lists accepted (the built-in policy nests 5 deep).</summary>
    public const int MaxDepth = 32;

    /// <summary>
    /// Loads and validates a policy file. A file with <c>extends:</c> is a scenario: it names its base policy
    /// (<c>builtin</c>, or a file relative to it) and overrides only the keys it gives (docs/policy-file.md, "Scenarios").
    /// </summary>
    /// <exception cref="PolicyException">The file is not a valid policy; every problem is listed.</exception>
    /// <exception cref="IO.InputException">The path is not a readable UTF-8 file of at most <see cref="MaxFileBytes"/> bytes.</exception>
    public static CiaPolicy LoadFile(string path) => LoadFile(path, []);

    /// <summary>
    /// Loads a policy file (or scenario), then applies <paramref name="overrides"/>, each <c>key.path=value</c> as
    /// <c>cia --set</c> takes it (<c>simulation.ranking=cotation</c>, <c>targets.lec-outside-qpv.min=0.30</c>).
    /// </summary>
    /// <exception cref="PolicyException">The policy, or an override, is not valid; every problem is listed with where it is.</exception>
    /// <exception cref="IO.InputException">The path is not a readable UTF-8 file of at most <see cref="MaxFileBytes"/> bytes.</exception>
    public static CiaPolicy LoadFile(string path, IReadOnlyList<string> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var text = IO.InputFiles.ReadAllText(path, MaxFileBytes);
        return Load(text, path, Path.GetDirectoryName(Path.GetFullPath(path)), overrides);
    }

    /// <summary>The built-in policy with <paramref name="overrides"/> applied (<c>key.path=value</c> each).</summary>
    /// <exception cref="PolicyException">An override is not valid; every problem is listed.</exception>
    public static CiaPolicy LoadDefault(IReadOnlyList<string> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return overrides.Count == 0 ? LoadDefault() : Load(DefaultYaml(), DefaultSource, null, overrides);
    }

    /// <summary>Loads and validates a policy from YAML text.</summary>
    /// <param name="reader">The YAML.</param>
    /// <param name="source">The name errors refer to (file path).</param>
    /// <remarks>Text may be a scenario of the built-in policy (<c>extends: builtin</c>), not of a file: text comes
    /// from anywhere (the web service's requests), and must not make the engine read files.</remarks>
    /// <exception cref="PolicyException">Not a valid policy; every problem is listed.</exception>
    public static CiaPolicy Load(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Load(reader.ReadToEnd(), source, null, []);
    }

    private const string DefaultSource = "built-in nantes-metropole-cia-2016.yaml";

    /// <summary>
    /// Parses, merges (a scenario over its base, then the overrides) and validates. <paramref name="directory"/>: where
    /// <c>extends</c> paths are read from; null when the text may only extend the built-in policy.
    /// </summary>
    private static CiaPolicy Load(string text, string source, string? directory, IReadOnlyList<string> overrides)
    {
        var root = Parse(text, source);
        if (!PolicyScenario.Extends(root) && overrides.Count == 0)
        {
            return Read(root, new YamlFields(), source);
        }

        var origins = new PolicyOrigins();
        var problems = new List<PolicyProblem>();
        var tree = Tree(root, source, directory, origins, problems, [source]);
        for (var i = 0; i < overrides.Count; i++)
        {
            var found = new List<string>();
            // Named as typed, shortened when long (a problem message quotes the value again).
            var shown = overrides[i].Length <= 120 ? overrides[i] : overrides[i][..117] + "…";
            var origin = new PolicyOrigin($"--set '{shown}'", HasPositions: false);
            if (PolicyScenario.ParseSet(overrides[i], found) is { } overlay)
            {
                origins.Mark(overlay, origin);
                MergeInto(tree, overlay, origins, problems);
            }

            problems.AddRange(found.Select(m => new PolicyProblem("(--set)", 0, 0, m) { Source = origin.Source }));
        }

        if (tree is null)
        {
            throw new PolicyException(source, [.. problems]);
        }

        // The merged tree is read even when an override could not be placed, so that every problem is reported at once.
        return Read(tree, new YamlFields(origins), source, problems);
    }

    /// <summary>
    /// The tree of a policy: itself, or — when it extends another — its base's tree with it merged in. Every node is
    /// marked with the file it comes from. Null when the base cannot be read (the problem is added).
    /// </summary>
    private static YamlMappingNode? Tree(YamlNode root, string source, string? directory, PolicyOrigins origins, List<PolicyProblem> problems, List<string> chain)
    {
        origins.Mark(root, new PolicyOrigin(source, HasPositions: true));
        if (!PolicyScenario.Extends(root))
        {
            if (root is YamlMappingNode whole)
            {
                return whole;
            }

            problems.Add(new PolicyProblem("(root)", (int)root.Start.Line, (int)root.Start.Column, "expected a mapping with name, epci, default_year, priority, quartiles, target_households, targets, stock.") { Source = source });
            return null;
        }

        var overlay = (YamlMappingNode)root;
        var extends = YamlFields.Child(overlay, PolicyScenario.ExtendsKey)!;
        PolicyProblem At(string message) => new(PolicyScenario.ExtendsKey, (int)extends.Start.Line, (int)extends.Start.Column, message) { Source = source };
        if (extends is not YamlScalarNode { Value: { } name } || name.Trim().Length == 0)
        {
            problems.Add(At($"expected '{PolicyScenario.BuiltIn}' or the path of the policy file this one extends."));
            return null;
        }

        string baseText, baseSource;
        string? baseDirectory;
        if (name.Trim() == PolicyScenario.BuiltIn)
        {
            (baseText, baseSource, baseDirectory) = (DefaultYaml(), DefaultSource, null);
        }
        else if (directory is null)
        {
            problems.Add(At($"only '{PolicyScenario.BuiltIn}' can be extended here: a policy given as text does not read files."));
            return null;
        }
        else
        {
            var path = Path.GetFullPath(Path.Combine(directory, name.Trim()));
            if (chain.Contains(path, StringComparer.Ordinal) || chain.Count >= PolicyScenario.MaxChain)
            {
                problems.Add(At(chain.Count >= PolicyScenario.MaxChain
                    ? $"scenarios extend each other more than {PolicyScenario.MaxChain} deep: {string.Join(" → ", chain)} → {name}."
                    : $"'{name}' is already in the chain of policies being extended ({string.Join(" → ", chain)}): a policy cannot extend itself."));
                return null;
            }

            try
            {
                baseText = IO.InputFiles.ReadAllText(path, MaxFileBytes);
            }
            catch (IO.InputException e)
            {
                problems.Add(At($"cannot read the policy it extends, '{name}': {string.Join("; ", e.Problems.Select(p => p.Message))}"));
                return null;
            }

            (baseSource, baseDirectory) = (path, Path.GetDirectoryName(path));
        }

        YamlNode baseRoot;
        try
        {
            baseRoot = Parse(baseText, baseSource);
        }
        catch (PolicyException e)
        {
            problems.AddRange(e.Problems.Select(p => p with { Source = p.Source ?? baseSource }));
            return null;
        }

        var tree = Tree(baseRoot, baseSource, baseDirectory, origins, problems, [.. chain, baseSource]);
        if (tree is not null)
        {
            MergeInto(tree, overlay, origins, problems);
        }

        return tree;
    }

    private static void MergeInto(YamlMappingNode? tree, YamlMappingNode overlay, PolicyOrigins origins, List<PolicyProblem> problems)
    {
        if (tree is null)
        {
            return;
        }

        var found = new List<(string Path, YamlNode Node, string Message)>();
        PolicyScenario.Merge(tree, overlay, string.Empty, found);
        foreach (var (path, node, message) in found)
        {
            var origin = origins.Of(node);
            problems.Add(origin is { HasPositions: true }
                ? new PolicyProblem(path, (int)node.Start.Line, (int)node.Start.Column, message) { Source = origin.Source }
                : new PolicyProblem(path, 0, 0, message) { Source = origin?.Source });
        }
    }

    /// <summary>Checks the size and the shape of the YAML and parses its one document.</summary>
    private static YamlNode Parse(string text, string source)
    {
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

        return stream.Documents[0].RootNode;
    }

    /// <summary>Reads the policy out of its tree and validates it; every problem, placed, in one exception.</summary>
    private static CiaPolicy Read(YamlNode root, YamlFields y, string source, IReadOnlyList<PolicyProblem>? earlier = null)
    {
        var policy = Read(root, y);
        var problems = y.Problems;
        if (problems.Count == 0)
        {
            problems.AddRange(PolicyValidator.Validate(policy).Select(y.Locate));
        }

        problems.AddRange(earlier ?? []);

        if (problems.Count > 0)
        {
            throw new PolicyException(source, [.. problems.OrderBy(p => p.Source is null ? 0 : 1).ThenBy(p => p.Source, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Column)]);
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
        var root = y.Mapping(rootNode, string.Empty, "name", "epci", "default_year", "period", "plus_region", "priority", "quartiles", "target_households", "targets", "stock", "simulation");
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
        return new CiaPolicy(name, epci, year, priority, quartiles, targetHouseholds, targets, stock, ReadPeriod(y, YamlFields.Child(root, "period")), region)
        {
            Simulation = ReadSimulation(y, YamlFields.Child(root, "simulation")),
        };
    }

    /// <summary>
    /// The optional <c>simulation</c> section: every key is optional and takes <see cref="SimulationOptions.Default"/>'s
    /// value when absent; a list or map given (rooms, cotation, flux shares, rotation overrides) replaces the default whole.
    /// </summary>
    private static SimulationOptions ReadSimulation(YamlFields y, YamlNode? node)
    {
        const string path = "simulation";
        var d = SimulationOptions.Default;
        if (node is null)
        {
            return d;
        }

        var map = y.Mapping(node, path, "ranking", "management", "flux_shares", "rotation", "notice_days", "cal", "refusals", "lapse_rate", "arrival_lookback_months", "eligibility", "abnormal_delay_months", "cotation", "steering_window", "scan_limit");

        const string cPath = "simulation.cal";
        var c = y.Mapping(YamlFields.Child(map, "cal"), cPath, "candidates", "rounds", "sitting_days", "answer_days", "lease_days");
        var cal = new CalOptions(
            y.Integer(c, cPath, "candidates", d.Cal.Candidates, required: false),
            y.Integer(c, cPath, "rounds", d.Cal.Rounds, required: false),
            y.Integer(c, cPath, "sitting_days", d.Cal.SittingDays, required: false),
            y.Integer(c, cPath, "answer_days", d.Cal.AnswerDays, required: false),
            y.Integer(c, cPath, "lease_days", d.Cal.LeaseDays, required: false));

        const string fPath = "simulation.refusals";
        var f = y.Mapping(YamlFields.Child(map, "refusals"), fPath, "base", "in_qpv", "commune_not_asked");
        var refusals = new RefusalOptions(
            y.RateOr(f, fPath, "base", d.Refusals.Base),
            y.RateOr(f, fPath, "in_qpv", d.Refusals.InQpv),
            y.RateOr(f, fPath, "commune_not_asked", d.Refusals.CommuneNotAsked));

        const string ePath = "simulation.eligibility";
        var e = y.Mapping(YamlFields.Child(map, "eligibility"), ePath, "rent_burden_limit", "rooms");
        var rooms = YamlFields.Child(e, "rooms") is null
            ? d.Rooms
            : y.Sequence(e, ePath, "rooms", required: false).Select(t =>
            {
                var m = y.Mapping(t.Node, t.Path, "persons", "min", "max");
                return new RoomsRule(y.Integer(m, t.Path, "persons", 0), y.Integer(m, t.Path, "min", 0), y.Integer(m, t.Path, "max", 0));
            }).ToImmutableArray();

        return new SimulationOptions(
            y.Token(map, path, "ranking", d.Ranking, required: false),
            y.Token(map, path, "management", d.Management, required: false),
            ReadFluxShares(y, map, d.FluxShares),
            ReadRotation(y, map, d.Rotation),
            y.Integer(map, path, "notice_days", d.NoticeDays, required: false),
            cal,
            refusals,
            y.RateOr(map, path, "lapse_rate", d.LapseRate),
            y.Integer(map, path, "arrival_lookback_months", d.ArrivalLookbackMonths, required: false),
            y.RateOr(e, ePath, "rent_burden_limit", d.RentBurdenLimit),
            rooms,
            y.Integer(map, path, "abnormal_delay_months", d.AbnormalDelayMonths, required: false),
            ReadCotation(y, map, d.Cotation),
            y.Integer(map, path, "steering_window", d.SteeringWindow, required: false),
            y.Integer(map, path, "scan_limit", d.ScanLimit, required: false));
    }

    /// <summary><c>simulation.flux_shares</c>: réservataire token → share, in file order; absent keeps the default (none).</summary>
    private static ImmutableArray<FluxShare> ReadFluxShares(YamlFields y, YamlMappingNode? simulation, ImmutableArray<FluxShare> fallback)
    {
        const string path = "simulation.flux_shares";
        var node = YamlFields.Child(simulation, "flux_shares");
        if (node is null)
        {
            return fallback;
        }

        var shares = ImmutableArray.CreateBuilder<FluxShare>();
        foreach (var (key, value, itemPath) in TokenEntries<Reservataire>(y, node, path))
        {
            if (y.RateScalar(value, itemPath) is { } share)
            {
                shares.Add(new FluxShare(key, share));
            }
        }

        return shares.ToImmutable();
    }

    /// <summary><c>simulation.cotation</c>: criterion token → points, in file order; absent keeps the default grid.</summary>
    private static ImmutableArray<CotationWeight> ReadCotation(YamlFields y, YamlMappingNode? simulation, ImmutableArray<CotationWeight> fallback)
    {
        const string path = "simulation.cotation";
        var node = YamlFields.Child(simulation, "cotation");
        if (node is null)
        {
            return fallback;
        }

        var weights = ImmutableArray.CreateBuilder<CotationWeight>();
        foreach (var (key, value, itemPath) in TokenEntries<CotationCriterion>(y, node, path))
        {
            if (y.IntegerScalar(value, itemPath) is { } points)
            {
                weights.Add(new CotationWeight(key, points));
            }
        }

        return weights.ToImmutable();
    }

    /// <summary>
    /// The entries of a mapping whose keys are the tokens of <typeparamref name="T"/> (each path is <c>path.token</c>);
    /// any other key is reported as unknown.
    /// </summary>
    private static List<(T Key, YamlNode Value, string Path)> TokenEntries<T>(YamlFields y, YamlNode node, string path)
        where T : struct, Enum
    {
        var entries = new List<(T, YamlNode, string)>();
        var map = y.Mapping(node, path, [.. Tokens<T>.Accepted]);
        if (map is null)
        {
            return entries;
        }

        foreach (var (keyNode, value) in map.Children)
        {
            // Mapping has reported every key that is not exactly a token.
            var name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (Tokens<T>.Accepted.Contains(name, StringComparer.Ordinal) && Tokens<T>.TryParse(name, out var token))
            {
                entries.Add((token, value, YamlFields.Join(path, name)));
            }
        }

        return entries;
    }

    private static RotationOptions ReadRotation(YamlFields y, YamlMappingNode? simulation, RotationOptions fallback)
    {
        const string path = "simulation.rotation";
        var map = y.Mapping(YamlFields.Child(simulation, "rotation"), path, "rate", "in_qpv", "landlords", "communes");
        return new RotationOptions(
            YamlFields.Child(map, "rate") is null ? fallback.Rate : y.OptionalRate(map, path, "rate"),
            YamlFields.Child(map, "in_qpv") is null ? fallback.InQpv : y.OptionalRate(map, path, "in_qpv"),
            ReadOverrides(y, map, path, "landlords", fallback.Landlords, "a landlord id (as in the stock file's landlord_id)", static k => k),
            ReadOverrides(y, map, path, "communes", fallback.Communes, "a commune code (INSEE, e.g. \"44109\")", static k => CommuneCode.TryParse(k, out var code) ? code.Value : k));
    }

    /// <summary>
    /// A map of rotation overrides (landlord id or commune code → rate), in file order. Keys are kept as written
    /// (trimmed; commune codes in upper case) so that the validator reports the ones that are not valid.
    /// </summary>
    private static ImmutableArray<RotationOverride> ReadOverrides(
        YamlFields y, YamlMappingNode? rotation, string path, string mapKey, ImmutableArray<RotationOverride> fallback, string expected, Func<string, string> normalise)
    {
        var node = YamlFields.Child(rotation, mapKey);
        var full = YamlFields.Join(path, mapKey);
        if (node is null)
        {
            return fallback;
        }

        var overrides = ImmutableArray.CreateBuilder<RotationOverride>();
        var map = y.DataMapping(node, full);
        if (map is null)
        {
            return overrides.ToImmutable();
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } text })
            {
                y.Problem(full, keyNode, $"expected {expected} as the key.");
                continue;
            }

            // Paths name the key as kept (e.g. 2A004 for 2a004), placed at the key, not the value: the validator's
            // problems about a key (a commune code that is not one) point at it, and its rate is on the same line.
            // YAML refuses a key written twice, but two spellings of one key ("2a004", "2A004") are caught here,
            // where the second one's place is known.
            var key = normalise(text.Trim());
            var itemPath = PolicyValidator.OverridePath(full, key);
            if (!seen.Add(key))
            {
                y.Problem(itemPath, keyNode, $"'{key}' is listed twice.");
                continue;
            }

            y.Remember(itemPath, keyNode);
            if (y.RateScalar(value, itemPath) is { } rate)
            {
                overrides.Add(new RotationOverride(key, rate));
            }
        }

        return overrides.ToImmutable();
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
        var map = y.Mapping(node, path, "reference_date", "rotation_rate", "potentially_accessible_margin", "typology_households", "fragility", "diagnosis", "new_stock_years");
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
        return new StockOptions(date, rotation, margin, typologies, fragility, diagnosis)
        {
            NewStockYears = y.Integer(map, path, "new_stock_years", StockOptions.DefaultNewStockYears, required: false),
        };
    }
}
