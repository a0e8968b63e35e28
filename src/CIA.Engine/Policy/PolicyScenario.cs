using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CIA.Engine.Policy;

/// <summary>Where a node of a merged policy tree was read: a file (with positions) or a <c>--set</c> override (without).</summary>
/// <param name="Source">The file, or <c>--set 'key=value'</c>.</param>
/// <param name="HasPositions">Whether the node's line and column mean something to the user.</param>
internal sealed record PolicyOrigin(string Source, bool HasPositions);

/// <summary>The origin of every node of a merged policy tree (by reference: YAML nodes compare by content).</summary>
internal sealed class PolicyOrigins
{
    private readonly Dictionary<YamlNode, PolicyOrigin> _of = new(ReferenceEqualityComparer.Instance);

    public PolicyOrigin? Of(YamlNode node) => _of.GetValueOrDefault(node);

    /// <summary>Marks <paramref name="root"/> and every node under it as read from <paramref name="origin"/>.</summary>
    public void Mark(YamlNode root, PolicyOrigin origin)
    {
        foreach (var node in root.AllNodes)
        {
            _of[node] = origin;
        }
    }
}

/// <summary>
/// Scenarios (docs/policy-file.md, "Scenarios"): a policy file with <c>extends:</c> names a base policy — <c>builtin</c>
/// or a file, relative to the scenario — and overrides only the keys it gives; <c>--set key=value</c> overrides one key
/// from the command line. Mappings merge key by key; a list whose items have an <c>id</c> (the targets) merges by id
/// when the override is a mapping (<c>targets: {lec-outside-qpv: {min: 0.30}}</c>); any other value replaces the
/// base's. The merged tree is then read and validated as one policy, each problem placed in the file (or the
/// <c>--set</c>) it comes from.
/// </summary>
internal static class PolicyScenario
{
    /// <summary>The key that makes a policy file a scenario.</summary>
    public const string ExtendsKey = "extends";

    /// <summary>The value of <c>extends</c> that names the built-in policy.</summary>
    public const string BuiltIn = "builtin";

    /// <summary>How many scenarios may extend each other in a chain (a scenario of a scenario…).</summary>
    public const int MaxChain = 8;

    /// <summary>Whether a parsed policy root extends another policy.</summary>
    public static bool Extends(YamlNode root) => root is YamlMappingNode map && YamlFields.Child(map, ExtendsKey) is not null;

    /// <summary>
    /// Merges <paramref name="overlay"/> (its <c>extends</c> key left out at the root) into <paramref name="target"/>,
    /// which is changed; problems (an id the base does not have) go to <paramref name="problems"/>.
    /// </summary>
    public static void Merge(YamlMappingNode target, YamlMappingNode overlay, string path, List<(string Path, YamlNode Node, string Message)> problems)
    {
        foreach (var (keyNode, value) in overlay.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (path.Length == 0 && key == ExtendsKey)
            {
                continue;
            }

            var full = YamlFields.Join(path, key);
            var existing = YamlFields.Child(target, key);
            switch (existing, value)
            {
                case (YamlMappingNode baseMap, YamlMappingNode over):
                    Merge(baseMap, over, full, problems);
                    break;
                case (YamlSequenceNode list, YamlMappingNode byId) when HasIds(list):
                    MergeById(list, byId, full, problems);
                    break;
                default:
                    // A new key, or a value that replaces the base's whole (a scalar, a list, a mapping over a scalar).
                    target.Children[keyNode] = value; // an existing key keeps its node; a new one comes with the overlay's
                    break;
            }
        }
    }

    /// <summary>
    /// The override <c>--set key.path=value</c> as a tree to merge: the value is read as YAML (<c>0.3</c>,
    /// <c>cotation</c>, <c>[dalo, dalo_urgent]</c>); null, with a problem, when it cannot be.
    /// </summary>
    public static YamlMappingNode? ParseSet(string assignment, List<string> problems)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            problems.Add("expected key=value, e.g. simulation.ranking=cotation or targets.lec-outside-qpv.min=0.30.");
            return null;
        }

        var segments = assignment[..equals].Trim().Split('.');
        if (segments.Any(s => s.Trim().Length == 0))
        {
            problems.Add($"'{assignment[..equals]}' is not a key path: give the keys from the top of the policy separated by dots, e.g. simulation.cal.candidates.");
            return null;
        }

        if (segments[0].Trim() == ExtendsKey)
        {
            problems.Add("extends cannot be set from the command line: give --policy the scenario file instead.");
            return null;
        }

        YamlNode value;
        var text = assignment[(equals + 1)..];
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            value = stream.Documents.Count == 0 ? new YamlScalarNode(string.Empty) : stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            problems.Add($"the value '{text}' is not YAML: {e.Message}");
            return null;
        }

        for (var i = segments.Length - 1; i >= 0; i--)
        {
            value = new YamlMappingNode(new YamlScalarNode(segments[i].Trim()), value);
        }

        return (YamlMappingNode)value;
    }

    private static bool HasIds(YamlSequenceNode list) =>
        list.Children.Count > 0 && list.Children.All(item => item is YamlMappingNode m && YamlFields.Child(m, "id") is YamlScalarNode);

    private static void MergeById(YamlSequenceNode list, YamlMappingNode byId, string path, List<(string Path, YamlNode Node, string Message)> problems)
    {
        var items = list.Children.Cast<YamlMappingNode>().ToList();
        string IdOf(YamlMappingNode m) => ((YamlScalarNode)YamlFields.Child(m, "id")!).Value ?? string.Empty;
        foreach (var (keyNode, value) in byId.Children)
        {
            var id = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            var index = items.FindIndex(m => IdOf(m) == id);
            if (index < 0)
            {
                problems.Add(($"{path}.{id}", keyNode, $"the base policy has no item with id '{id}' in {path} (its ids: {string.Join(", ", items.Select(IdOf))}); to add or remove items, give the whole list."));
                continue;
            }

            if (value is YamlMappingNode over)
            {
                Merge(items[index], over, $"{path}[{index}]", problems);
            }
            else
            {
                problems.Add(($"{path}.{id}", value, $"expected the keys to change in item '{id}' (a mapping, e.g. {{min: 0.30}})."));
            }
        }
    }
}
