using System.Collections.Immutable;
using CIA.Engine.Domain;

namespace CIA.Engine.Tables;

/// <summary>
/// Commune codes seen in a table, each held once and referred to by a small dense index (a <see cref="ushort"/> a
/// row instead of a string). Codes are checked for the INSEE form when first met.
/// </summary>
internal sealed class CommuneIndex
{
    private readonly List<CommuneCode> _codes = [];
    private readonly Dictionary<int, ushort> _byKey = [];

    /// <summary>How many distinct communes.</summary>
    public int Count => _codes.Count;

    /// <summary>The commune of an index.</summary>
    public CommuneCode this[int index] => _codes[index];

    /// <summary>Every commune, by index.</summary>
    public ImmutableArray<CommuneCode> Codes => [.. _codes];

    /// <summary>The index of a commune code given as text; false when the text is not an INSEE code (five digits, or 2A/2B then three digits).</summary>
    /// <exception cref="InvalidOperationException">More than 65 535 distinct communes (France has about 35 000).</exception>
    public bool TryIntern(ReadOnlySpan<char> text, out ushort index)
    {
        index = 0;
        if (!TryKey(text, out var key))
        {
            return false;
        }

        if (_byKey.TryGetValue(key, out index))
        {
            return true;
        }

        if (_codes.Count == ushort.MaxValue)
        {
            throw new InvalidOperationException("More than 65 535 distinct communes in one file.");
        }

        index = (ushort)_codes.Count;
        _codes.Add(CommuneCode.Parse(text.ToString()));
        _byKey.Add(key, index);
        return true;
    }

    /// <summary>Memory held, approximately: each code's object and its dictionary and list entries.</summary>
    public long SizeInBytes => _codes.Count * (CodeObjectBytes + 24L + 8L);

    // A CommuneCode holds a five-character string: about 24 bytes of object header and length plus 2 per character.
    private const long CodeObjectBytes = 24 + (2 * 5);

    /// <summary>The index of a commune, or −1 when no row has it.</summary>
    public int IndexOf(CommuneCode code) => TryKey(code.Value, out var key) && _byKey.TryGetValue(key, out var i) ? i : -1;

    // Five characters to one number: digits 0-9, and A/B in second place for Corsica (2A, 2B) as 10/11.
    private static bool TryKey(ReadOnlySpan<char> t, out int key)
    {
        key = 0;
        if (t.Length != 5)
        {
            return false;
        }

        for (var i = 0; i < 5; i++)
        {
            var c = t[i];
            int d;
            if (char.IsAsciiDigit(c))
            {
                d = c - '0';
            }
            else if (i == 1 && t[0] == '2' && (c is 'A' or 'a' or 'B' or 'b'))
            {
                d = c is 'A' or 'a' ? 10 : 11;
            }
            else
            {
                return false;
            }

            key = (key * 12) + d;
        }

        return true;
    }
}

/// <summary>Texts seen in a table (QPV codes, programme and landlord ids), each held once and referred to by a dense index.</summary>
internal sealed class TextIndex
{
    private readonly List<string> _texts = [];
    private readonly Dictionary<string, int> _byText = new(StringComparer.Ordinal);
#if NET9_0_OR_GREATER
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    /// <summary>Creates an empty index.</summary>
    public TextIndex() => _bySpan = _byText.GetAlternateLookup<ReadOnlySpan<char>>();
#else
    /// <summary>Creates an empty index.</summary>
    public TextIndex()
    {
    }
#endif

    /// <summary>How many distinct texts.</summary>
    public int Count => _texts.Count;

    /// <summary>The text of an index.</summary>
    public string this[int index] => _texts[index];

    /// <summary>The index of a text, adding it when new (a string is allocated only then).</summary>
    public int Intern(ReadOnlySpan<char> text)
    {
#if NET9_0_OR_GREATER
        if (_bySpan.TryGetValue(text, out var index))
        {
            return index;
        }

        var s = text.ToString();
#else
        // .NET 8 has no span lookup: the text becomes a string before the lookup.
        var s = text.ToString();
        if (_byText.TryGetValue(s, out var index))
        {
            return index;
        }
#endif

        index = _texts.Count;
        _texts.Add(s);
        _byText.Add(s, index);
        SizeInBytes += 24 + (2L * s.Length) + 24 + 8;
        return index;
    }

    /// <summary>Memory held, approximately: each string (24 bytes of header and length, 2 per character) and its dictionary and list entries.</summary>
    public long SizeInBytes { get; private set; }

    /// <summary>The index of a text, or −1.</summary>
#if NET9_0_OR_GREATER
    public int IndexOf(ReadOnlySpan<char> text) => _bySpan.TryGetValue(text, out var index) ? index : -1;
#else
    public int IndexOf(ReadOnlySpan<char> text) => _byText.TryGetValue(text.ToString(), out var index) ? index : -1;
#endif
}
