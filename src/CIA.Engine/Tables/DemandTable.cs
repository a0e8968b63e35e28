using System.Collections.Immutable;
using CIA.Engine.Domain;

namespace CIA.Engine.Tables;

/// <summary>
/// Applications held column by column (struct-of-arrays): one array per field, indexed by a dense row number, ids as
/// UTF-8 bytes, communes interned. About 45 bytes an application (16 more for one that gives its current dwelling),
/// against about a kilobyte as records: the national demand (2.6 million applications) fits in some 125 MB. Built by <see cref="IO.DemandCsv.ReadTable(string)"/>;
/// immutable once built and safe to read from several threads.
/// </summary>
/// <remarks>Thread-safe for reading: immutable once read; any number of threads may read one table.</remarks>
public sealed class DemandTable
{
    private const byte YoungCoupleBit = 1;
    private const byte DisabledBit = 2;
    private const byte MutationBit = 4;

    private readonly int[] _registered;
    private readonly byte[] _persons14;
    private readonly byte[] _children;
    private readonly byte[] _dependants;
    private readonly byte[] _flags;
    private readonly int[] _monthlyCents;
    private readonly int[] _taxCents;
    private readonly byte[] _employment;
    private readonly byte[] _mutationReason;
    private readonly byte[] _urbanRenewal;
    private readonly byte[] _prefectoral;
    private readonly byte[] _reservedBy;
    private readonly int[] _desiredEnds;
    private readonly ushort[] _desired;

    // The current dwelling ids are sparse (mutation applicants only): the rows that give one, in ascending order, and
    // their ids in the same order. A row without one costs nothing.
    private readonly int[] _currentRows;
    private readonly IdColumn _currentIds;

    internal DemandTable(string source, IdColumn ids, CommuneIndex communes, DemandTableBuilder b)
    {
        Source = source;
        Ids = ids;
        Communes = communes;
        Count = ids.Count;
        _registered = b.Registered.TakeArray();
        _persons14 = b.Persons14.TakeArray();
        _children = b.Children.TakeArray();
        _dependants = b.Dependants.TakeArray();
        _flags = b.Flags.TakeArray();
        _monthlyCents = b.MonthlyCents.TakeArray();
        _taxCents = b.TaxCents.TakeArray();
        _employment = b.Employment.TakeArray();
        _mutationReason = b.MutationReason.TakeArray();
        _urbanRenewal = b.UrbanRenewal.TakeArray();
        _prefectoral = b.Prefectoral.TakeArray();
        _reservedBy = b.ReservedBy.TakeArray();
        _desiredEnds = b.DesiredEnds.TakeArray();
        _desired = b.Desired.TakeArray();
        _currentRows = b.CurrentRows.TakeArray();
        _currentIds = b.CurrentIds.Build();
    }

    /// <summary>Where the rows come from (a file name), for messages.</summary>
    public string Source { get; }

    /// <summary>Applications.</summary>
    public int Count { get; }

    /// <summary>Application ids, by row.</summary>
    internal IdColumn Ids { get; }

    /// <summary>The communes the applications ask for.</summary>
    internal CommuneIndex Communes { get; }

    /// <summary>Applications that give the dwelling they live in (<c>current_dwelling_id</c>).</summary>
    public int CurrentDwellingCount => _currentIds.Count;

    /// <summary>Memory held by the table, in bytes: its columns (with any spare room) and its interned communes.</summary>
    public long SizeInBytes =>
        Ids.SizeInBytes + Communes.SizeInBytes + (4L * (_registered.Length + _monthlyCents.Length + _taxCents.Length + _desiredEnds.Length))
        + _persons14.Length + _children.Length + _dependants.Length + _flags.Length + _employment.Length + _mutationReason.Length
        + _urbanRenewal.Length + _prefectoral.Length + _reservedBy.Length + (2L * _desired.Length)
        + (4L * _currentRows.Length) + _currentIds.SizeInBytes;

    /// <summary>The id of a row.</summary>
    public DemandId IdOf(int row) => new(Ids[row]);

    /// <summary>Date of first registration.</summary>
    public DateOnly RegisteredOn(int row) => DateOnly.FromDayNumber(_registered[row]);

    /// <summary>What the household rules read about a row (no allocation).</summary>
    public HouseholdInput Household(int row)
    {
        var flags = _flags[row];
        return new HouseholdInput(
            _persons14[row],
            _children[row],
            _dependants[row],
            (flags & YoungCoupleBit) != 0,
            (flags & DisabledBit) != 0,
            new Euros(_monthlyCents[row]),
            new Euros(_taxCents[row]),
            (EmploymentStatus)_employment[row],
            (flags & MutationBit) != 0,
            (MutationReason)_mutationReason[row],
            (UrbanRenewal)_urbanRenewal[row],
            (PrefectoralCriteria)_prefectoral[row],
            (Reservataire)_reservedBy[row]);
    }

    /// <summary>The communes a row asks for, as indices into <see cref="Communes"/>, in the applicant's order.</summary>
    public ReadOnlySpan<ushort> DesiredCommunes(int row)
    {
        var start = row == 0 ? 0 : _desiredEnds[row - 1];
        return _desired.AsSpan(start, _desiredEnds[row] - start);
    }

    /// <summary>
    /// The id of the social dwelling a row's applicant lives in (<c>current_dwelling_id</c>, given for mutation
    /// applicants only), as UTF-8 bytes; false, with an empty span, when the row gives none.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The row is not in the table.</exception>
    public bool TryCurrentDwelling(int row, out ReadOnlySpan<byte> utf8Id)
    {
        var at = CurrentIndexOf(row);
        utf8Id = at < 0 ? default : _currentIds.Utf8(at);
        return at >= 0;
    }

    /// <summary>The id of the social dwelling a row's applicant lives in, or null when the row gives none (allocates).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The row is not in the table.</exception>
    public string? CurrentDwellingIdOf(int row)
    {
        var at = CurrentIndexOf(row);
        return at < 0 ? null : _currentIds[at];
    }

    /// <summary>
    /// The current dwellings resolved against a stock: for each demand row, the stock row of the dwelling its
    /// applicant lives in, or −1 when the row gives none or the stock does not hold that id (a dwelling of another
    /// territory, or a mistake: <see cref="TryCurrentDwelling"/> tells the two apart). Two rows may name the same
    /// dwelling (co-tenants who separate each ask to move); the reader does not refuse it.
    /// </summary>
    public int[] CurrentDwellingRows(StockTable stock)
    {
        ArgumentNullException.ThrowIfNull(stock);
        var rows = new int[Count];
        Array.Fill(rows, -1);
        _ = stock.Ids.IndexOf(ReadOnlySpan<byte>.Empty); // builds the stock's id index once, before the lookups share it
        Parallel.For(0, (_currentIds.Count + 8191) / 8192, chunk =>
        {
            var end = Math.Min(_currentIds.Count, (chunk + 1) * 8192);
            for (var i = chunk * 8192; i < end; i++)
            {
                rows[_currentRows[i]] = stock.Ids.IndexOf(_currentIds.Utf8(i));
            }
        });

        return rows;
    }

    // Where a row's current dwelling id is in the sparse column, or −1.
    private int CurrentIndexOf(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
        var at = _currentRows.AsSpan(0, _currentIds.Count).BinarySearch(row);
        return at < 0 ? -1 : at;
    }

    /// <summary>A row as an <see cref="Application"/> record (allocates: for small uses and the record API).</summary>
    public Application ToApplication(int row)
    {
        var h = Household(row);
        var desired = DesiredCommunes(row);
        var communes = ImmutableArray.CreateBuilder<CommuneCode>(desired.Length);
        foreach (var c in desired)
        {
            communes.Add(Communes[c]);
        }

        return new Application(IdOf(row), RegisteredOn(row), new Domain.Household(h.Persons14Plus, h.ChildrenUnder14, h.Dependants, h.YoungCouple, h.DisabledMember),
            h.MonthlyResources, h.TaxIncome, h.Employment, h.IsMutation, h.MutationReason, h.UrbanRenewal, h.PrefectoralCriteria, h.ReservedBy, communes.MoveToImmutable())
        {
            CurrentDwellingId = CurrentDwellingIdOf(row),
        };
    }

    /// <summary>Every row as a record.</summary>
    public ImmutableArray<Application> ToApplications()
    {
        var builder = ImmutableArray.CreateBuilder<Application>(Count);
        for (var row = 0; row < Count; row++)
        {
            builder.Add(ToApplication(row));
        }

        return builder.MoveToImmutable();
    }

    internal static byte FlagsOf(in HouseholdInput h) =>
        (byte)((h.YoungCouple ? YoungCoupleBit : 0) | (h.DisabledMember ? DisabledBit : 0) | (h.IsMutation ? MutationBit : 0));
}

/// <summary>One application as a reader parsed it, handed to a <see cref="IDemandVisitor"/>; valid only during the call.</summary>
internal readonly ref struct DemandRow
{
    internal DemandRow(
        bool isValid, int line, ReadOnlySpan<char> id, DateOnly registeredOn, in HouseholdInput household, ReadOnlySpan<ushort> desiredCommunes, ReadOnlySpan<char> currentDwellingId)
    {
        IsValid = isValid;
        Line = line;
        Id = id;
        RegisteredOn = registeredOn;
        Household = household;
        DesiredCommunes = desiredCommunes;
        CurrentDwellingId = currentDwellingId;
    }

    /// <summary>The row had no problem: when false its values are fallbacks, and the read will throw at the end.</summary>
    public bool IsValid { get; }

    /// <summary>The physical line it starts on.</summary>
    public int Line { get; }

    /// <summary>Its id.</summary>
    public ReadOnlySpan<char> Id { get; }

    /// <summary>Date of first registration.</summary>
    public DateOnly RegisteredOn { get; }

    /// <summary>What the household rules read.</summary>
    public HouseholdInput Household { get; }

    /// <summary>Communes asked for, as indices into the reader's <see cref="CommuneIndex"/>.</summary>
    public ReadOnlySpan<ushort> DesiredCommunes { get; }

    /// <summary>The id of the social dwelling a mutation applicant lives in (<c>current_dwelling_id</c>); empty when none is given.</summary>
    public ReadOnlySpan<char> CurrentDwellingId { get; }
}

/// <summary>Receives applications one by one as a demand file is read, so that counts can be made without holding rows.</summary>
internal interface IDemandVisitor
{
    /// <summary>One parsed application. Its values may be fallbacks when the row has problems: the read then throws at the end.</summary>
    void Visit(in DemandRow row);
}

/// <summary>Fills the columns of a <see cref="DemandTable"/>.</summary>
internal sealed class DemandTableBuilder(int capacity) : IDemandVisitor, IRowReserve
{
    public Column<int> Registered { get; } = new(capacity);

    public Column<byte> Persons14 { get; } = new(capacity);

    public Column<byte> Children { get; } = new(capacity);

    public Column<byte> Dependants { get; } = new(capacity);

    public Column<byte> Flags { get; } = new(capacity);

    public Column<int> MonthlyCents { get; } = new(capacity);

    public Column<int> TaxCents { get; } = new(capacity);

    public Column<byte> Employment { get; } = new(capacity);

    public Column<byte> MutationReason { get; } = new(capacity);

    public Column<byte> UrbanRenewal { get; } = new(capacity);

    public Column<byte> Prefectoral { get; } = new(capacity);

    public Column<byte> ReservedBy { get; } = new(capacity);

    public Column<int> DesiredEnds { get; } = new(capacity);

    public Column<ushort> Desired { get; } = new(capacity * 2);

    /// <summary>The rows that give a current dwelling (about a third of the applications: they grow from a small start).</summary>
    public Column<int> CurrentRows { get; } = new(capacity / 8);

    /// <summary>Their current dwelling ids, in the same order.</summary>
    public IdListBuilder CurrentIds { get; } = new(capacity / 8);

    private int _rows;

    public void Reserve(int rows)
    {
        foreach (var c in new[] { Persons14, Children, Dependants, Flags, Employment, MutationReason, UrbanRenewal, Prefectoral, ReservedBy })
        {
            c.Reserve(rows);
        }

        foreach (var c in new[] { Registered, MonthlyCents, TaxCents, DesiredEnds })
        {
            c.Reserve(rows);
        }

        Desired.Reserve(rows * 2);

        // The sparse columns: in the share of the rows so far that give a current dwelling, with a sixteenth to spare.
        if (_rows > 0 && CurrentRows.Count > 0)
        {
            var expected = (int)Math.Min(rows, ((long)rows * CurrentRows.Count / _rows * 17 / 16) + 64);
            CurrentRows.Reserve(expected);
            CurrentIds.Reserve(expected);
        }
    }

    public void Visit(in DemandRow row)
    {
        var h = row.Household;
        Registered.Add(row.RegisteredOn.DayNumber);
        Persons14.Add((byte)h.Persons14Plus);
        Children.Add((byte)h.ChildrenUnder14);
        Dependants.Add((byte)h.Dependants);
        Flags.Add(DemandTable.FlagsOf(in h));
        MonthlyCents.Add((int)h.MonthlyResources.Cents); // readers bound amounts well within int
        TaxCents.Add((int)h.TaxIncome.Cents);
        Employment.Add((byte)h.Employment);
        MutationReason.Add((byte)h.MutationReason);
        UrbanRenewal.Add((byte)h.UrbanRenewal);
        Prefectoral.Add((byte)h.PrefectoralCriteria);
        ReservedBy.Add((byte)h.ReservedBy);
        Desired.AddRange(row.DesiredCommunes);
        DesiredEnds.Add(Desired.Count);
        if (row.CurrentDwellingId.Length > 0)
        {
            CurrentRows.Add(_rows);
            CurrentIds.Add(row.CurrentDwellingId);
        }

        _rows++;
    }
}

/// <summary>
/// A growable array for building a column. <see cref="TakeArray"/> hands over the array itself when its unused tail is
/// small (copying a national column costs more, in page faults, than the slack), an exact-size copy otherwise; either
/// way the column's row count is the table's, not the array's length.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class Column<T>(int capacity)
    where T : unmanaged
{
    private T[] _items = new T[Math.Max(4, capacity)];

    public int Count { get; private set; }

    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length + (_items.Length / 2));
        }

        _items[Count++] = item;
    }

    public void AddRange(ReadOnlySpan<T> items)
    {
        if (Count + items.Length > _items.Length)
        {
            Array.Resize(ref _items, Math.Max(_items.Length + (_items.Length / 2), Count + items.Length));
        }

        items.CopyTo(_items.AsSpan(Count));
        Count += items.Length;
    }

    /// <summary>Makes room for <paramref name="capacity"/> items at once, when a better estimate of the total is known.</summary>
    public void Reserve(int capacity)
    {
        if (capacity > _items.Length)
        {
            Array.Resize(ref _items, capacity);
        }
    }

    public T[] TakeArray() => KeepsArray(_items.Length, Count) ? _items : _items.AsSpan(0, Count).ToArray();

    /// <summary>
    /// Whether an array with <paramref name="length"/> room for <paramref name="count"/> items is kept as it is: up to an
    /// eighth unused. A row-count estimate from a file's first rows can be that far off; copying a national column to
    /// the exact size costs more (a second array, its page faults) than the room it would save.
    /// </summary>
    public static bool KeepsArray(long length, long count) => length - count <= (count / 8) + 64;
}

/// <summary>A builder that can take a better estimate of how many rows are coming.</summary>
internal interface IRowReserve
{
    void Reserve(int rows);
}
