using System.Buffers.Binary;
using System.Text;

namespace CIA.Engine.Tables;

/// <summary>
/// The ids of a table's rows, held as UTF-8 bytes end to end in one array (about the id's length plus 4 bytes a row,
/// against some 40 for a string object each). Looking an id up builds a hash index on first use.
/// </summary>
internal sealed class IdColumn
{
    private readonly byte[] _bytes;
    private readonly int[] _ends;
    private int[]? _index;

    internal IdColumn(byte[] bytes, int[] ends, int count)
    {
        _bytes = bytes;
        _ends = ends;
        Count = count;
    }

    /// <summary>How many ids.</summary>
    public int Count { get; }

    /// <summary>The id of a row, as text (allocates: for output and messages, not for hot loops).</summary>
    public string this[int row] => Encoding.UTF8.GetString(Utf8(row));

    /// <summary>The id of a row as UTF-8 bytes.</summary>
    public ReadOnlySpan<byte> Utf8(int row)
    {
        var start = row == 0 ? 0 : _ends[row - 1];
        return _bytes.AsSpan(start, _ends[row] - start);
    }

    /// <summary>Memory held, in bytes (the lookup index, once built, included).</summary>
    public long SizeInBytes => _bytes.LongLength + (4L * _ends.Length) + (4L * (_index?.Length ?? 0));

    /// <summary>The row of an id, or −1. The first call builds the index (thread-safe).</summary>
    public int IndexOf(ReadOnlySpan<char> id)
    {
        Span<byte> buffer = stackalloc byte[1024];
        var max = Encoding.UTF8.GetMaxByteCount(id.Length);
        var bytes = max <= buffer.Length ? buffer : new byte[max];
        var n = Encoding.UTF8.GetBytes(id, bytes);
        return IndexOf(bytes[..n]);
    }

    /// <summary>The row of an id given as UTF-8, or −1.</summary>
    public int IndexOf(ReadOnlySpan<byte> utf8)
    {
        var index = LazyInitializer.EnsureInitialized(ref _index, BuildIndex);
        var mask = index.Length - 1;
        for (var slot = (int)IdHash.Of(utf8) & mask; ; slot = (slot + 1) & mask)
        {
            var entry = index[slot];
            if (entry == 0)
            {
                return -1;
            }

            if (Utf8(entry - 1).SequenceEqual(utf8))
            {
                return entry - 1;
            }
        }
    }

    // Open addressing, load factor at most one half; slots hold row + 1 so that 0 means empty. The hashes are computed
    // on every core first; the insertion, in row order, gives the same table whatever the thread count.
    private int[] BuildIndex()
    {
        var index = new int[IdHash.TableSize(Count)];
        var mask = index.Length - 1;
        var hashes = GC.AllocateUninitializedArray<int>(Count);
        Parallel.For(0, (Count + 65535) / 65536, chunk =>
        {
            var end = Math.Min(Count, (chunk + 1) * 65536);
            for (var row = chunk * 65536; row < end; row++)
            {
                hashes[row] = (int)IdHash.Of(Utf8(row)) & mask;
            }
        });

        for (var row = 0; row < Count; row++)
        {
            var slot = hashes[row];
            while (index[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            index[slot] = row + 1;
        }

        return index;
    }
}

/// <summary>
/// Collects ids row by row with the line each came from, finds duplicates, then gives an <see cref="IdColumn"/>.
/// Lines are kept as change points (a row's line is its index plus an offset that changes only after a blank line or
/// a multi-line record), so that a national file does not need an array of line numbers.
/// </summary>
internal sealed class IdColumnBuilder(int capacity) : IRowReserve
{
    private readonly List<(int Row, int Offset)> _lineOffsets = [];
    private byte[] _bytes = new byte[Math.Max(16, capacity * 8)];
    private int _byteCount;
    private int[] _ends = new int[Math.Max(4, capacity)];

    public int Count { get; private set; }

    public void Reserve(int rows)
    {
        if (rows > _ends.Length)
        {
            Array.Resize(ref _ends, rows);
        }

        var bytes = (long)rows * Math.Max(1, _byteCount / Math.Max(1, Count)) * 17 / 16;
        if (bytes > _bytes.Length && bytes < Array.MaxLength)
        {
            Array.Resize(ref _bytes, (int)bytes);
        }
    }

    public void Add(ReadOnlySpan<char> id, int line)
    {
        var max = Encoding.UTF8.GetMaxByteCount(id.Length);
        if (_byteCount + max > _bytes.Length)
        {
            Array.Resize(ref _bytes, (int)Math.Min(Array.MaxLength, Math.Max(_bytes.Length + ((long)_bytes.Length / 2), _byteCount + max)));
        }

        if (Count == _ends.Length)
        {
            Array.Resize(ref _ends, _ends.Length + (_ends.Length / 2));
        }

        if (line - Count != (_lineOffsets.Count == 0 ? 0 : _lineOffsets[^1].Offset))
        {
            _lineOffsets.Add((Count, line - Count));
        }

        _byteCount += Encoding.UTF8.GetBytes(id, _bytes.AsSpan(_byteCount));
        _ends[Count] = _byteCount;
        Count++;
    }

    public int LineOf(int row)
    {
        // The last change point at or before the row (binary search: a file of blank lines has one per row).
        int lo = 0, hi = _lineOffsets.Count - 1, offset = 0;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_lineOffsets[mid].Row <= row)
            {
                offset = _lineOffsets[mid].Offset;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return row + offset;
    }

    public string IdOf(int row) => Encoding.UTF8.GetString(Utf8(row));

    /// <summary>
    /// Every row whose id an earlier row already has, with that earlier row, in row order. Hashes are split by their
    /// top byte into 256 groups, each checked with a small open-addressing table that fits in cache — much faster than
    /// one hash set over millions of ids, whose every probe is a cache miss — and the groups are checked in parallel.
    /// Hashes are computed twice (to count, then to place) rather than stored: cheaper than the memory they would take.
    /// </summary>
    public List<(int Row, int Earlier)> Duplicates()
    {
        var n = Count;
        if (n < 2)
        {
            return [];
        }

        var starts = new int[257];
        for (var row = 0; row < n; row++)
        {
            starts[(int)(IdHash.Of(Utf8(row)) >> 56) + 1]++;
        }

        for (var b = 1; b <= 256; b++)
        {
            starts[b] += starts[b - 1];
        }

        // Rows and their hashes move to their group together (rows stay in file order within a group), so the
        // checks below read both sequentially instead of jumping about a large array.
        var order = new int[n];
        var orderHashes = new uint[n];
        var next = starts[..256];
        for (var row = 0; row < n; row++)
        {
            var h = IdHash.Of(Utf8(row));
            var at = next[(int)(h >> 56)]++;
            order[at] = row;
            orderHashes[at] = (uint)h;
        }

        var found = new List<(int, int)>[256];
        Parallel.For(0, 256, () => (Rows: new int[64], Hashes: new uint[64]), (b, _, scratch) =>
        {
            found[b] = CheckGroup(order.AsSpan(starts[b], starts[b + 1] - starts[b]), orderHashes.AsSpan(starts[b], starts[b + 1] - starts[b]), ref scratch.Rows, ref scratch.Hashes);
            return scratch;
        }, _ => { });
        var all = found.SelectMany(f => f).ToList();
        all.Sort(); // the same order whatever the threads did
        return all;
    }

    // Each slot keeps the row and 32 bits of its hash, so a probe compares in the slot and touches a row's bytes only
    // when the hashes agree (for a true duplicate, nearly always).
    private List<(int, int)> CheckGroup(ReadOnlySpan<int> rows, ReadOnlySpan<uint> hashes, ref int[] rowsOf, ref uint[] hashOf)
    {
        var found = new List<(int, int)>();
        if (rows.Length < 2)
        {
            return found;
        }

        var length = IdHash.TableSize(rows.Length);
        if (rowsOf.Length < length)
        {
            rowsOf = new int[length];
            hashOf = new uint[length];
        }

        var slotRows = rowsOf.AsSpan(0, length);
        var slotHashes = hashOf.AsSpan(0, length);
        slotRows.Clear();
        var mask = length - 1;
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            var h = hashes[i];
            for (var slot = (int)(h >> 8) & mask; ; slot = (slot + 1) & mask)
            {
                var entry = slotRows[slot];
                if (entry == 0)
                {
                    slotRows[slot] = row + 1;
                    slotHashes[slot] = h;
                    break;
                }

                if (slotHashes[slot] == h && Utf8(entry - 1).SequenceEqual(Utf8(row)))
                {
                    found.Add((row, entry - 1));
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>The column; ids kept without a final copy when the unused room is small.</summary>
    public IdColumn Build()
    {
        var bytes = Column<byte>.KeepsArray(_bytes.Length, _byteCount) ? _bytes : _bytes.AsSpan(0, _byteCount).ToArray();
        var ends = Column<int>.KeepsArray(_ends.Length, Count) ? _ends : _ends.AsSpan(0, Count).ToArray();
        return new IdColumn(bytes, ends, Count);
    }

    private ReadOnlySpan<byte> Utf8(int row)
    {
        var start = row == 0 ? 0 : _ends[row - 1];
        return _bytes.AsSpan(start, _ends[row] - start);
    }
}

/// <summary>
/// Collects ids into an <see cref="IdColumn"/> without their lines nor a duplicate check: for ids that refer to
/// another table's rows (an applicant's current dwelling), which need not be unique.
/// </summary>
internal sealed class IdListBuilder(int capacity)
{
    private readonly Column<byte> _bytes = new(capacity * 8);
    private readonly Column<int> _ends = new(capacity);

    public int Count => _ends.Count;

    /// <summary>Makes room for <paramref name="ids"/> ids as long on average as those so far.</summary>
    public void Reserve(int ids)
    {
        _ends.Reserve(ids);
        var bytes = (long)ids * Math.Max(1, _bytes.Count / Math.Max(1, Count)) * 17 / 16;
        if (bytes < Array.MaxLength)
        {
            _bytes.Reserve((int)bytes);
        }
    }

    public void Add(ReadOnlySpan<char> id)
    {
        Span<byte> buffer = stackalloc byte[256]; // ids are short; the rare long one takes an array
        var max = Encoding.UTF8.GetMaxByteCount(id.Length);
        var bytes = max <= buffer.Length ? buffer : new byte[max];
        var n = Encoding.UTF8.GetBytes(id, bytes);
        _bytes.AddRange(bytes[..n]);
        _ends.Add(_bytes.Count);
    }

    public IdColumn Build() => new(_bytes.TakeArray(), _ends.TakeArray(), Count);
}

/// <summary>A fast 64-bit hash of short byte strings (SplitMix64 finalizer over 8-byte words): ids, codes.</summary>
internal static class IdHash
{
    public static ulong Of(ReadOnlySpan<byte> bytes)
    {
        var h = 0x9E3779B97F4A7C15UL ^ (ulong)bytes.Length;
        while (bytes.Length >= 8)
        {
            h = Mix(h ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes));
            bytes = bytes[8..];
        }

        ulong tail = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            tail |= (ulong)bytes[i] << (8 * i);
        }

        return Mix(h ^ tail ^ 0xD1B54A32D192ED03UL);
    }

    /// <summary>A power of two at least twice <paramref name="count"/>.</summary>
    public static int TableSize(int count) => (int)Math.Max(4, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)count * 2));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
