using System.Collections.Frozen;
using System.Reflection;
using System.Runtime.CompilerServices;

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
    private static readonly string[] TokenTexts;
    private static readonly T[] TokenValues;
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

        TokenTexts = [.. byText.Keys];
        TokenValues = [.. byText.Values];
        ByValue = byValue.ToFrozenDictionary();
        Accepted = [.. byValue.OrderBy(p => p.Key).Select(p => p.Value).Where(t => t.Length > 0)];
    }

    /// <summary>The non-empty tokens accepted, in the enum's order.</summary>
    public static IReadOnlyList<string> Accepted { get; }

    /// <summary>Parses one token (case-insensitive, surrounding blanks ignored).</summary>
    public static bool TryParse(string? text, out T value) => TryParse((text ?? string.Empty).AsSpan(), out value);

    /// <summary>Parses one token from characters without allocating (case-insensitive, surrounding blanks ignored).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out T value) => TryFind(text.Trim(), out value);

    /// <summary>Parses a <c>|</c>-separated list of tokens into flags; reports the first unknown token.</summary>
    public static bool TryParseFlags(string? text, out T value, out string? unknown)
    {
        var ok = TryParseFlags((text ?? string.Empty).AsSpan(), out value, out var bad);
        unknown = ok ? null : bad.ToString();
        return ok;
    }

    /// <summary>Parses a <c>|</c>-separated list of tokens into flags without allocating; gives the first unknown token.</summary>
    public static bool TryParseFlags(ReadOnlySpan<char> text, out T value, out ReadOnlySpan<char> unknown)
    {
        ulong bits = 0;
        unknown = default;
        while (!text.IsEmpty)
        {
            var bar = text.IndexOf('|');
            var part = (bar < 0 ? text : text[..bar]).Trim();
            text = bar < 0 ? default : text[(bar + 1)..];
            if (part.Length == 0)
            {
                continue;
            }

            if (!TryFind(part, out var one))
            {
                unknown = part;
                value = default;
                return false;
            }

            bits |= Bits(one);
        }

        value = FromBits(bits);
        return true;
    }

    // An enum has a handful of tokens: comparing them in turn, exact case first, beats hashing a span case-insensitively.
    private static bool TryFind(ReadOnlySpan<char> text, out T value)
    {
        var texts = TokenTexts;
        for (var i = 0; i < texts.Length; i++)
        {
            if (text.SequenceEqual(texts[i]))
            {
                value = TokenValues[i];
                return true;
            }
        }

        for (var i = 0; i < texts.Length; i++)
        {
            if (text.Equals(texts[i], StringComparison.OrdinalIgnoreCase))
            {
                value = TokenValues[i];
                return true;
            }
        }

        value = default;
        return false;
    }

    // Enum <-> bits without boxing: parsing runs once per cell of files with millions of rows.
    private static ulong Bits(T value) => Unsafe.SizeOf<T>() switch
    {
        1 => Unsafe.As<T, byte>(ref value),
        2 => Unsafe.As<T, ushort>(ref value),
        4 => Unsafe.As<T, uint>(ref value),
        _ => Unsafe.As<T, ulong>(ref value),
    };

    private static T FromBits(ulong bits)
    {
        switch (Unsafe.SizeOf<T>())
        {
            case 1:
                var b = (byte)bits;
                return Unsafe.As<byte, T>(ref b);
            case 2:
                var u = (ushort)bits;
                return Unsafe.As<ushort, T>(ref u);
            case 4:
                var i = (uint)bits;
                return Unsafe.As<uint, T>(ref i);
            default:
                return Unsafe.As<ulong, T>(ref bits);
        }
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
