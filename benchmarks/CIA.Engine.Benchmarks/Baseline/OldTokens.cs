// Frozen baseline: the enum-token parsing of Tokens<T> as it was at commit 0889f36 (src/CIA.Engine/Domain/Token.cs):
// a case-insensitive FrozenDictionary over trimmed strings, string.Split for flags, Enum.ToObject to combine them.
// The library has since rewritten it (span comparisons, no boxing); the baseline reader keeps the old one so that it
// measures what the pre-rewrite reader did. Only for ReaderBenchmarks.

using System.Collections.Frozen;
using System.Reflection;
using CIA.Engine.Domain;

namespace CIA.Engine.Benchmarks.Baseline;

#pragma warning disable CA1000 // Kept as it was: static members on a generic type.

/// <summary>Enum tokens parsed the 0889f36 way (see the file header).</summary>
/// <typeparam name="T">An enum whose values carry <see cref="TokenAttribute"/>.</typeparam>
internal static class OldTokens<T>
    where T : struct, Enum
{
    private static readonly FrozenDictionary<string, T> ByText;

    static OldTokens()
    {
        var byText = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var token = field.GetCustomAttribute<TokenAttribute>();
            if (token is null)
            {
                continue;
            }

            byText.Add(token.Text, (T)field.GetValue(null)!);
        }

        ByText = byText.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The non-empty tokens accepted (only used in messages).</summary>
    public static IReadOnlyList<string> Accepted => Tokens<T>.Accepted;

    public static bool TryParse(string? text, out T value) => ByText.TryGetValue(text?.Trim() ?? string.Empty, out value);

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
}
