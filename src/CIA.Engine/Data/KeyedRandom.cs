namespace CIA.Engine.Data;

/// <summary>
/// A small, fast, seeded random source (SplitMix64) whose stream is chosen by a key: the same seed, stream and
/// index always give the same numbers, on every platform and .NET version (integer arithmetic only). Keying by
/// what is being drawn (a territory, a programme, an application) keeps one part of a generated data set
/// unchanged when another part changes.
/// </summary>
internal struct KeyedRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    /// <summary>Creates the stream for a seed, a stream key and an index within it.</summary>
    public KeyedRandom(ulong seed, ulong stream, ulong index)
    {
        _state = Mix(Mix(seed + Golden) ^ Mix((stream * 0xD1B54A32D192ED03UL) + index + 1));
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += Golden;
        return Mix(_state);
    }

    /// <summary>A uniform double in [0, 1), with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, n).</summary>
    public int Next(int n)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "must be positive");
        }

        return (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);
    }

    /// <summary>A uniform integer in [min, max] (both included).</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    /// <summary>A uniform double in [min, max).</summary>
    public double Between(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>True with probability p.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>A stable 64-bit key for a text (FNV-1a), to key streams by name.</summary>
    public static ulong KeyOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var h = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            h = (h ^ c) * 0x100000001B3UL;
        }

        return h;
    }

    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
