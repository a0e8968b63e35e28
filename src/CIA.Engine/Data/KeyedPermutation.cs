using System.Numerics;

namespace CIA.Engine.Data;

/// <summary>
/// A pseudo-random permutation of <c>[0, n)</c> chosen by a random stream, computed one element at a time without
/// memory: a four-round Feistel network over the smallest even number of bits that covers <c>n</c>, re-applied
/// (cycle walking) until the value falls below <c>n</c> — under four applications on average, since the network's
/// domain is less than 4n. Distinct indices give distinct values: draws without replacement at no cost in memory.
/// </summary>
internal readonly struct KeyedPermutation
{
    private readonly int _halfBits;
    private readonly ulong _key0;
    private readonly ulong _key1;
    private readonly ulong _key2;
    private readonly ulong _key3;

    /// <summary>Chooses a permutation of <paramref name="count"/> elements with four draws from <paramref name="random"/>.</summary>
    public KeyedPermutation(ref KeyedRandom random, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Count = count;
        var bits = count <= 1 ? 0 : 32 - BitOperations.LeadingZeroCount((uint)(count - 1));
        _halfBits = Math.Max(1, (bits + 1) / 2);
        _key0 = random.NextUInt64();
        _key1 = random.NextUInt64();
        _key2 = random.NextUInt64();
        _key3 = random.NextUInt64();
    }

    /// <summary>How many elements are permuted.</summary>
    public int Count { get; }

    /// <summary>The element at <paramref name="index"/>: every index of <c>[0, Count)</c> gives another one of <c>[0, Count)</c>.</summary>
    public int this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var x = (ulong)index;
            do
            {
                x = Encrypt(x);
            }
            while (x >= (ulong)Count);

            return (int)x;
        }
    }

    private ulong Encrypt(ulong x)
    {
        var mask = (1UL << _halfBits) - 1;
        var left = x >> _halfBits;
        var right = x & mask;
        (left, right) = (right, left ^ (KeyedRandom.Mix(right ^ _key0) & mask));
        (left, right) = (right, left ^ (KeyedRandom.Mix(right ^ _key1) & mask));
        (left, right) = (right, left ^ (KeyedRandom.Mix(right ^ _key2) & mask));
        (left, right) = (right, left ^ (KeyedRandom.Mix(right ^ _key3) & mask));
        return (left << _halfBits) | right;
    }
}
