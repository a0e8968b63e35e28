using System.Collections.Frozen;
using System.Reflection;

namespace CIA.Engine.Domain;

#pragma warning disable CA1000 // Tokens<T>.TryParse reads best at the call site; one table per enum type is the point.

/// <summary>The word that stands for an enum value in files (CSV, YAML, JSON), e.g. <c>under_occupation</c>.</summary>
/// <param name="text">The token; empty for the value an empty cell stands for.</param>
[AttributeUsage(AttributeTargets.Field)]
public sealed class TokenAttribute(string text) : Attribute
{
    /// <summary>The token.</summary>
    public string Text { get; } = text;
}

/// <summary>Reads and writes enum values as their file tokens; one table per enum, built once.</summary>
/// <typeparam name="T">An enum whose values carry <see cref="TokenAttribute"/>.</typeparam>
public static class Tokens<T>
    where T : struct, Enum
{
    private static readonly FrozenDictionary<string, T> ByText;
    private static readonly FrozenDictionary<T, string> ByValue;

    static Tokens()
    {
        var byText = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        var byValue = new Dictionary<T, string>();
        foreach (var field in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var token = field.GetCustomAttribute<TokenAttribute>();
            if (token is null)
            {
                continue;
            }

            var value = (T)field.GetValue(null)!;
            byText.Add(token.Text, value);
            byValue.Add(value, token.Text);
        }

        ByText = byText.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        ByValue = byValue.ToFrozenDictionary();
        Accepted = [.. byValue.OrderBy(p => p.Key).Select(p => p.Value).Where(t => t.Length > 0)];
    }

    /// <summary>The non-empty tokens accepted, in the enum's order.</summary>
    public static IReadOnlyList<string> Accepted { get; }

    /// <summary>Parses one token (case-insensitive, surrounding blanks ignored).</summary>
    public static bool TryParse(string? text, out T value) => ByText.TryGetValue(text?.Trim() ?? string.Empty, out value);

    /// <summary>Parses a <c>|</c>-separated list of tokens into flags; reports the first unknown token.</summary>
    public static bool TryParseFlags(string? text, out T value, out string? unknown)
    {
        ulong bits = 0;
        unknown = null;
        foreach (var part in (text ?? string.Empty).Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!ByText.TryGetValue(part, out var one))
            {
                unknown = part;
                value = default;
                return false;
            }

            bits |= Convert.ToUInt64(one, System.Globalization.CultureInfo.InvariantCulture);
        }

        value = (T)Enum.ToObject(typeof(T), bits);
        return true;
    }

    /// <summary>The token of one value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value has no token.</exception>
    public static string Format(T value) =>
        ByValue.TryGetValue(value, out var text) ? text : throw new ArgumentOutOfRangeException(nameof(value), value, $"No file token for {typeof(T).Name}.{value}.");

    /// <summary>The <c>|</c>-separated tokens of a flags value, in the enum's order.</summary>
    public static string FormatFlags(T value)
    {
        var bits = Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        var parts = ByValue.OrderBy(p => Convert.ToUInt64(p.Key, System.Globalization.CultureInfo.InvariantCulture))
            .Where(p => p.Value.Length > 0 && (bits & Convert.ToUInt64(p.Key, System.Globalization.CultureInfo.InvariantCulture)) != 0)
            .Select(p => p.Value);
        return string.Join('|', parts);
    }
}
