using System.Globalization;
using CIA.Engine.Domain;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CIA.Engine.Policy;

/// <summary>
/// Reads typed values out of a YAML node tree while collecting every problem with its path and position,
/// so that a policy file reports all its mistakes at once. Remembers where each path was read, so that
/// problems found later (by <see cref="PolicyValidator"/>) can be placed in the file too.
/// </summary>
internal sealed class YamlFields
{
    private readonly Dictionary<string, YamlNode> _marks = new(StringComparer.Ordinal);
    private readonly PolicyOrigins? _origins;

    /// <summary>Reads one file's tree (every node from that file).</summary>
    public YamlFields()
    {
    }

    /// <summary>Reads a tree merged from several sources (a scenario over its base): each problem names the source of its node.</summary>
    public YamlFields(PolicyOrigins origins) => _origins = origins;

    public List<PolicyProblem> Problems { get; } = [];

    public void Problem(string path, YamlNode? node, string message) => Problems.Add(At(new PolicyProblem(path, 0, 0, message), node));

    /// <summary>The problem placed at <paramref name="node"/>: its line and column, and its source when the tree is merged.</summary>
    private PolicyProblem At(PolicyProblem problem, YamlNode? node)
    {
        if (node is null)
        {
            return problem;
        }

        if (_origins?.Of(node) is { } origin)
        {
            return origin.HasPositions
                ? problem with { Line = (int)node.Start.Line, Column = (int)node.Start.Column, Source = origin.Source }
                : problem with { Source = origin.Source };
        }

        return problem with { Line = (int)node.Start.Line, Column = (int)node.Start.Column };
    }

    /// <summary>Places a problem found without a position at the path where it was read, or its nearest parent.</summary>
    public PolicyProblem Locate(PolicyProblem problem)
    {
        var path = problem.Path;
        while (path.Length > 0)
        {
            if (_marks.TryGetValue(path, out var node))
            {
                return At(problem, node);
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            path = cut > 0 ? path[..cut] : string.Empty;
        }

        return problem;
    }

    /// <summary>A mapping whose keys are data (names, codes), not keys of the format: any key is accepted.</summary>
    public YamlMappingNode? DataMapping(YamlNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        Remember(path, node);
        if (node is not YamlMappingNode map)
        {
            Problem(path, node, "expected a mapping (key: value lines).");
            return null;
        }

        return map;
    }

    public YamlMappingNode? Mapping(YamlNode? node, string path, params string[] allowedKeys)
    {
        if (DataMapping(node, path) is not { } map)
        {
            return null;
        }

        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (!allowedKeys.Contains(name, StringComparer.Ordinal))
            {
                Problem(Join(path, name), key, $"unknown key '{name}'; expected one of: {string.Join(", ", allowedKeys)}.");
            }
        }

        return map;
    }

    public static YamlNode? Child(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public IReadOnlyList<(YamlNode Node, string Path)> Sequence(YamlMappingNode? map, string path, string key, bool required)
    {
        var full = Join(path, key);
        var node = Child(map, key);
        if (node is null)
        {
            if (required && map is not null)
            {
                Problem(full, map, $"missing key '{key}'.");
            }

            return [];
        }

        Remember(full, node);
        if (node is not YamlSequenceNode seq)
        {
            Problem(full, node, "expected a list.");
            return [];
        }

        return [.. seq.Children.Select((n, i) => (n, $"{full}[{i}]"))];
    }

    public T Value<T>(YamlMappingNode? map, string path, string key, T fallback, Func<string, (bool Ok, T Value)> parse, string expected, bool required = true)
    {
        var full = Join(path, key);
        var node = Child(map, key);
        if (node is null)
        {
            if (required && map is not null)
            {
                Problem(full, map, $"missing key '{key}' ({expected}).");
            }

            return fallback;
        }

        return Scalar(node, full, fallback, parse, expected);
    }

    public T Scalar<T>(YamlNode node, string path, T fallback, Func<string, (bool Ok, T Value)> parse, string expected)
    {
        Remember(path, node);
        if (node is not YamlScalarNode scalar)
        {
            Problem(path, node, $"expected {expected}.");
            return fallback;
        }

        var (ok, value) = parse(scalar.Value ?? string.Empty);
        if (!ok)
        {
            Problem(path, node, $"'{scalar.Value}' is not {expected}.");
            return fallback;
        }

        return value;
    }

    public string Text(YamlMappingNode? map, string path, string key, bool required = true) =>
        Value(map, path, key, string.Empty, s => (s.Trim().Length > 0, s.Trim()), "a non-empty text", required);

    public int Integer(YamlMappingNode? map, string path, string key, int fallback, bool required = true) =>
        Value(map, path, key, fallback, s => (int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v), v), "a whole number", required);

    /// <summary>A whole number held by any node (a value of a mapping whose keys are data).</summary>
    public int? IntegerScalar(YamlNode node, string path) =>
        Scalar(node, path, (int?)null, s => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? (true, v) : (false, null), "a whole number");

    public bool Boolean(YamlMappingNode? map, string path, string key, bool fallback, bool required = true) =>
        Value(map, path, key, fallback, s => (bool.TryParse(s, out var v), v), "true or false", required);

    public decimal Number(YamlMappingNode? map, string path, string key, decimal fallback, bool required = true) =>
        Value(map, path, key, fallback, ParseDecimal, "a number (e.g. 0.25)", required);

    public Rate? OptionalRate(YamlMappingNode? map, string path, string key) =>
        Child(map, key) is null ? null : Value(map, path, key, (Rate?)null, s => ParseDecimal(s) is (true, >= 0) r ? (true, new Rate(r.Value)) : (false, null), "a non-negative number (0.25 for 25 %)");

    public Rate RequiredRate(YamlMappingNode? map, string path, string key, Rate fallback) => RateOr(map, path, key, fallback, required: true);

    /// <summary>A rate; <paramref name="fallback"/> when the key is absent and not <paramref name="required"/>.</summary>
    public Rate RateOr(YamlMappingNode? map, string path, string key, Rate fallback, bool required = false) =>
        Value(map, path, key, fallback, ParseRate, RateExpected, required);

    /// <summary>A rate held by any node (a value of a mapping whose keys are data, such as names or tokens).</summary>
    public Rate? RateScalar(YamlNode node, string path) =>
        Scalar(node, path, (Rate?)null, s => ParseRate(s) is (true, var r) ? (true, r) : (false, null), RateExpected);

    public T Token<T>(YamlMappingNode? map, string path, string key, T fallback, bool required = true)
        where T : struct, Enum =>
        Value(map, path, key, fallback, s => (Tokens<T>.TryParse(s, out var v) && s.Trim().Length > 0, v), "one of: " + string.Join(", ", Tokens<T>.Accepted), required);

    public List<T> TokenList<T>(YamlMappingNode? map, string path, string key)
        where T : struct, Enum
    {
        var list = new List<T>();
        foreach (var (node, itemPath) in Sequence(map, path, key, required: true))
        {
            var v = Scalar(node, itemPath, (T?)null, s => Tokens<T>.TryParse(s, out var t) && s.Trim().Length > 0 ? (true, t) : (false, null), "one of: " + string.Join(", ", Tokens<T>.Accepted));
            if (v is { } value)
            {
                if (list.Contains(value))
                {
                    Problem(itemPath, node, $"'{Tokens<T>.Format(value)}' is listed twice.");
                }
                else
                {
                    list.Add(value);
                }
            }
        }

        return list;
    }

    /// <summary>Places <paramref name="path"/> at <paramref name="node"/> for problems found later, unless it is placed already.</summary>
    public void Remember(string path, YamlNode node) => _marks.TryAdd(path, node);

    private const string RateExpected = "a non-negative number (0.25 for 25 %)";

    private static (bool Ok, Rate Value) ParseRate(string s) => ParseDecimal(s) is (true, >= 0) r ? (true, new Rate(r.Value)) : (false, default);

    private static (bool Ok, decimal Value) ParseDecimal(string s) =>
        (decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v), v);
}
