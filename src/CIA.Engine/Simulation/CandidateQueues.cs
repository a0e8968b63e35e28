namespace CIA.Engine.Simulation;

/// <summary>
/// One waiting application in a queue: its rank key (smaller is better), its id rank (ties), its index, and the rent in
/// cents above which it surely fails the rent burden (<see cref="SimulationTerritory.AffordCents"/>).
/// </summary>
internal struct QueueEntry(long key, int rank, int application, int afford)
{
    public long Key = key;
    public int Rank = rank;
    public int Application = application;
    public int Afford = afford;

    public readonly bool Before(in QueueEntry other) => Key < other.Key || (Key == other.Key && Rank < other.Rank);
}

/// <summary>
/// A queue of applications asking for one commune, of one household size, in one partition (priority × label, and the
/// cotation tier), sorted by rank key. Housed and lapsed applications are removed lazily: the head skips them.
/// </summary>
/// <remarks>
/// The head entry's key and rank are kept in the queue itself (<see cref="HeadKey"/>, <see cref="HeadRank"/>): a search
/// opens ~16 queues to take ~19 entries, so opening a queue must not read its entries array (a cache miss each at
/// national scale). Whoever moves <see cref="Head"/> or writes the head entry calls <see cref="RefreshHead"/>.
/// </remarks>
internal sealed class CandidateQueue
{
    public QueueEntry[] Items;
    public int Head;
    public int Count;
    public readonly byte Tier;

    /// <summary>The head entry's key (<see cref="long.MaxValue"/> when empty), rank and affordable rent.</summary>
    public long HeadKey = long.MaxValue;

    /// <summary>The head entry's id rank.</summary>
    public int HeadRank;

    /// <summary>The head entry's affordable rent bound.</summary>
    public int HeadAfford;

    public CandidateQueue(QueueEntry[] items, int count, byte tier)
    {
        Items = items;
        Count = count;
        Tier = tier;
        RefreshHead();
    }

    /// <summary>Whether the queue holds no entry (live or dead).</summary>
    public bool IsEmpty => Head >= Count;

    /// <summary>Reads the head entry's key and rank again after <see cref="Head"/> or the head entry changed.</summary>
    public void RefreshHead()
    {
        if (Head < Count)
        {
            HeadKey = Items[Head].Key;
            HeadRank = Items[Head].Rank;
            HeadAfford = Items[Head].Afford;
        }
        else
        {
            HeadKey = long.MaxValue;
            HeadRank = 0;
            HeadAfford = 0;
        }
    }

    /// <summary>Dead entries (housed, lapsed, stale tier) met by the current search.</summary>
    public int DeadSeen;

    /// <summary>The furthest position the current search reached.</summary>
    public int Reach;

    /// <summary>The first position from <paramref name="position"/> on whose entry may afford <paramref name="rent"/>; <see cref="Count"/> when none.</summary>
    public int FirstAffording(int position, long rent)
    {
        var items = Items;
        var count = Count;
        while (position < count && items[position].Afford < rent)
        {
            position++;
        }

        return position;
    }

    public void Append(QueueEntry entry)
    {
        if (Count == Items.Length)
        {
            Grow();
        }

        Items[Count++] = entry;
        if (Count - 1 == Head)
        {
            RefreshHead();
        }
    }

    /// <summary>Makes room at the end: slides the live part down when at least half the array is dead head, else doubles it.</summary>
    private void Grow()
    {
        if (Head > 0 && Head >= Items.Length / 2)
        {
            Array.Copy(Items, Head, Items, 0, Count - Head);
            Count -= Head;
            Head = 0;
        }
        else
        {
            Array.Resize(ref Items, Math.Max(4, Items.Length * 2));
        }
    }

    /// <summary>Inserts at the entry's place in key order (entries that arrive out of order: cotation).</summary>
    public void Insert(QueueEntry entry)
    {
        if (Count == Head || !entry.Before(in Items[Count - 1]))
        {
            Append(entry);
            return;
        }

        if (Count == Items.Length)
        {
            Grow();
        }

        int lo = Head, hi = Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (!entry.Before(in Items[mid]))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        Array.Copy(Items, lo, Items, lo + 1, Count - lo);
        Items[lo] = entry;
        Count++;
        if (lo == Head)
        {
            RefreshHead();
        }
    }

}

/// <summary>
/// The matching core's index: one <see cref="CandidateQueue"/> per commune (or "any commune") × household size ×
/// partition. A vacancy looks only at the queues of its commune and of "any commune", for the household sizes its
/// rooms allow and the partitions its channel proposes, and merges them in rank order: the work depends on the few
/// candidates examined, not on the size of the demand.
/// </summary>
internal sealed class CandidateQueues
{
    public const int Sizes = 7;

    private readonly CandidateQueue?[] _queues;

    /// <summary>
    /// By (slot, size), one bit per partition whose queue exists and may hold entries: a search reads this small array
    /// (a few MB at national scale, against ~120 MB of queue references) and opens only the queues it marks.
    /// </summary>
    private readonly ulong[] _live;

    public CandidateQueues(int communes, int partitions)
    {
        if (partitions is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(partitions), partitions, "A (slot, size) holds at most 64 partitions: one bit each.");
        }

        Communes = communes;
        Partitions = partitions;
        _queues = new CandidateQueue?[(communes + 1) * Sizes * partitions];
        _live = new ulong[(communes + 1) * Sizes];
    }

    public int Communes { get; }

    /// <summary>Queue slots (most are empty).</summary>
    public int Slots => _queues.Length;

    public int Partitions { get; }

    /// <summary>The slot of applications that ask for no commune in particular.</summary>
    public int AnySlot => Communes;

    public int IndexOf(int slot, int persons, int partition) => (((slot * Sizes) + SizeIndex(persons)) * Partitions) + partition;

    public static int SizeIndex(int persons) => Math.Clamp(persons, 1, Sizes) - 1;

    public CandidateQueue? this[int index] => _queues[index];

    /// <summary>The queue at an index, created when missing; marked live (the caller is about to add an entry).</summary>
    public CandidateQueue GetOrAdd(int index, byte tier)
    {
        MarkLive(index);
        return _queues[index] ??= new CandidateQueue(new QueueEntry[4], 0, tier);
    }

    public void Set(int index, CandidateQueue queue)
    {
        _queues[index] = queue;
        MarkLive(index);
    }

    /// <summary>The partitions of a (slot, size) whose queues may hold entries, one bit each (bit = partition).</summary>
    public ulong LiveMask(int slot, int persons) => _live[(slot * Sizes) + SizeIndex(persons)];

    /// <summary>Marks the queue at an index as holding no entry, until an entry is added to it.</summary>
    public void MarkEmpty(int index) => _live[index / Partitions] &= ~(1UL << (index % Partitions));

    private void MarkLive(int index) => _live[index / Partitions] |= 1UL << (index % Partitions);

    /// <summary>A copy whose queues can be changed without touching this one (each run works on its own).</summary>
    public CandidateQueues Clone()
    {
        var copy = new CandidateQueues(Communes, Partitions);
        const int Chunk = 1 << 16; // slots per task: the national index has ~15 M slots, a built-in territory's a few thousand
        Parallel.For(0, (_queues.Length + Chunk - 1) / Chunk, chunk =>
        {
            var end = Math.Min(_queues.Length, (chunk + 1) * Chunk);
            for (var i = chunk * Chunk; i < end; i++)
            {
                if (_queues[i] is { } q)
                {
                    var live = q.Count - q.Head;
                    var items = GC.AllocateUninitializedArray<QueueEntry>(live + Math.Max(4, live / 2)); // room for the year's arrivals
                    Array.Copy(q.Items, q.Head, items, 0, live);
                    copy._queues[i] = new CandidateQueue(items, live, q.Tier);
                }
            }
        });
        Array.Copy(_live, copy._live, _live.Length);
        return copy;
    }

    /// <summary>Entries held (live or not yet skipped), for memory reports.</summary>
    public long Entries()
    {
        long n = 0;
        foreach (var q in _queues)
        {
            n += q is null ? 0 : q.Count - q.Head;
        }

        return n;
    }
}
