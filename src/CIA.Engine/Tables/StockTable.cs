using System.Collections.Immutable;
using CIA.Engine.Domain;

namespace CIA.Engine.Tables;

/// <summary>
/// Dwellings held column by column: one array per field indexed by a dense row number, ids as UTF-8 bytes, and
/// communes, QPV, programmes and landlords interned (a small integer a row). About 35 bytes a dwelling: the national
/// stock (5.4 million dwellings) fits in some 190 MB. Built by <see cref="IO.StockCsv.ReadTable(string)"/>; immutable
/// once built and safe to read from several threads.
/// </summary>
/// <remarks>Thread-safe for reading: immutable once read; any number of threads may read one table.</remarks>
public sealed class StockTable
{
    private readonly ushort[] _commune;
    private readonly ushort[] _qpv;
    private readonly byte[] _rooms;
    private readonly int[] _surfaceCenti;
    private readonly int[] _rentCents;
    private readonly byte[] _financing;
    private readonly byte[] _reservataire;
    private readonly int[] _programme;
    private readonly ushort[] _landlord;
    private readonly ushort[] _firstLetYear;

    internal StockTable(string source, IdColumn ids, StockTableBuilder b)
    {
        Source = source;
        Ids = ids;
        Count = ids.Count;
        Communes = b.Communes;
        Qpvs = b.Qpvs;
        Programmes = b.Programmes;
        Landlords = b.Landlords;
        _commune = b.Commune.TakeArray();
        _qpv = b.Qpv.TakeArray();
        _rooms = b.Rooms.TakeArray();
        _surfaceCenti = b.SurfaceCenti.TakeArray();
        _rentCents = b.RentCents.TakeArray();
        _financing = b.Financing.TakeArray();
        _reservataire = b.Reservataire.TakeArray();
        _programme = b.Programme.TakeArray();
        _landlord = b.Landlord.TakeArray();
        _firstLetYear = b.FirstLetYear.TakeArray();
    }

    /// <summary>Where the rows come from, for messages.</summary>
    public string Source { get; }

    /// <summary>Dwellings.</summary>
    public int Count { get; }

    /// <summary>Dwelling ids, by row.</summary>
    internal IdColumn Ids { get; }

    /// <summary>The communes of the dwellings.</summary>
    internal CommuneIndex Communes { get; }

    /// <summary>The QPV codes met; a dwelling outside QPV has none (<see cref="QpvOf"/> gives −1).</summary>
    internal TextIndex Qpvs { get; }

    /// <summary>The programme ids.</summary>
    internal TextIndex Programmes { get; }

    /// <summary>The landlord ids.</summary>
    internal TextIndex Landlords { get; }

    /// <summary>Memory held by the table, in bytes: its columns (with any spare room) and its interned codes.</summary>
    public long SizeInBytes =>
        Ids.SizeInBytes + Communes.SizeInBytes + Qpvs.SizeInBytes + Programmes.SizeInBytes + Landlords.SizeInBytes + (2L * (_commune.Length + _qpv.Length + _landlord.Length + _firstLetYear.Length)) + _rooms.Length + _financing.Length + _reservataire.Length
        + (4L * (_surfaceCenti.Length + _rentCents.Length + _programme.Length));

    /// <summary>The commune of a row, as an index into <see cref="Communes"/>.</summary>
    public int CommuneOf(int row) => _commune[row];

    /// <summary>The QPV of a row as an index into <see cref="Qpvs"/>, or −1 outside QPV.</summary>
    public int QpvOf(int row) => _qpv[row] - 1;

    /// <summary>Main rooms.</summary>
    public int RoomsOf(int row) => _rooms[row];

    /// <summary>Habitable surface in m², if known.</summary>
    public decimal? SurfaceOf(int row) => _surfaceCenti[row] == 0 ? null : _surfaceCenti[row] / 100m;

    /// <summary>Monthly rent in principal.</summary>
    public Euros RentOf(int row) => new(_rentCents[row]);

    /// <summary>Initial financing.</summary>
    public Financing FinancingOf(int row) => (Financing)_financing[row];

    /// <summary>Réservataire holding the dwelling.</summary>
    public Reservataire ReservataireOf(int row) => (Reservataire)_reservataire[row];

    /// <summary>The programme of a row, as an index into <see cref="Programmes"/>.</summary>
    public int ProgrammeOf(int row) => _programme[row];

    /// <summary>The landlord of a row, as an index into <see cref="Landlords"/>.</summary>
    public int LandlordOf(int row) => _landlord[row];

    /// <summary>The year a row was first let as social housing (RPLS <c>LOCAT</c>), or null when the file does not say.</summary>
    public int? FirstLetYearOf(int row) => _firstLetYear[row] == 0 ? null : _firstLetYear[row];

    /// <summary>A row as a <see cref="Dwelling"/> record (allocates: for small uses and the record API).</summary>
    public Dwelling ToDwelling(int row)
    {
        var qpv = QpvOf(row);
        return new Dwelling(new DwellingId(Ids[row]), Communes[CommuneOf(row)], qpv < 0 ? null : new QpvCode(Qpvs[qpv]), RoomsOf(row), SurfaceOf(row),
            RentOf(row), FinancingOf(row), ReservataireOf(row), new ProgrammeId(Programmes[ProgrammeOf(row)]), new LandlordId(Landlords[LandlordOf(row)]))
        {
            FirstLetYear = FirstLetYearOf(row),
        };
    }

    /// <summary>Every row as a record.</summary>
    public ImmutableArray<Dwelling> ToDwellings()
    {
        var builder = ImmutableArray.CreateBuilder<Dwelling>(Count);
        for (var row = 0; row < Count; row++)
        {
            builder.Add(ToDwelling(row));
        }

        return builder.MoveToImmutable();
    }
}

/// <summary>One dwelling as a reader parsed it, handed to a <see cref="IStockVisitor"/>; valid only during the call.</summary>
internal readonly ref struct StockRow
{
    internal StockRow(bool isValid, int line, ReadOnlySpan<char> id, int commune, ReadOnlySpan<char> qpv, int rooms, long surfaceCenti, Euros rent, Financing financing,
        Reservataire reservataire, ReadOnlySpan<char> programme, ReadOnlySpan<char> landlord, int firstLetYear)
    {
        FirstLetYear = firstLetYear;
        IsValid = isValid;
        Line = line;
        Id = id;
        Commune = commune;
        Qpv = qpv;
        Rooms = rooms;
        SurfaceCenti = surfaceCenti;
        Rent = rent;
        Financing = financing;
        Reservataire = reservataire;
        Programme = programme;
        Landlord = landlord;
    }

    /// <summary>The row had no problem: when false its values are fallbacks, and the read will throw at the end.</summary>
    public bool IsValid { get; }

    /// <summary>The physical line it starts on.</summary>
    public int Line { get; }

    /// <summary>Its id.</summary>
    public ReadOnlySpan<char> Id { get; }

    /// <summary>Its commune, as an index into the reader's <see cref="CommuneIndex"/>.</summary>
    public int Commune { get; }

    /// <summary>Its QPV code; empty outside QPV.</summary>
    public ReadOnlySpan<char> Qpv { get; }

    /// <summary>Main rooms.</summary>
    public int Rooms { get; }

    /// <summary>Surface in hundredths of m²; 0 when unknown.</summary>
    public long SurfaceCenti { get; }

    /// <summary>Monthly rent in principal.</summary>
    public Euros Rent { get; }

    /// <summary>Initial financing.</summary>
    public Financing Financing { get; }

    /// <summary>Réservataire holding it.</summary>
    public Reservataire Reservataire { get; }

    /// <summary>Its programme id.</summary>
    public ReadOnlySpan<char> Programme { get; }

    /// <summary>Its landlord id.</summary>
    public ReadOnlySpan<char> Landlord { get; }

    /// <summary>The year it was first let as social housing (RPLS <c>LOCAT</c>); 0 when unknown.</summary>
    public int FirstLetYear { get; }
}

/// <summary>Receives dwellings one by one as a stock file is read, so that counts can be made without holding rows.</summary>
internal interface IStockVisitor
{
    /// <summary>One parsed dwelling. Values may be fallbacks when the row has problems: the read then throws at the end.</summary>
    void Visit(in StockRow row);
}

/// <summary>Fills the columns of a <see cref="StockTable"/>.</summary>
internal sealed class StockTableBuilder(int capacity, CommuneIndex communes) : IStockVisitor, IRowReserve
{
    private int _programme = -1; // the last programme and landlord met, compared before hashing
    private int _landlord = -1;

    public CommuneIndex Communes { get; } = communes;

    public TextIndex Qpvs { get; } = new();

    public TextIndex Programmes { get; } = new();

    public TextIndex Landlords { get; } = new();

    public Column<ushort> Commune { get; } = new(capacity);

    public Column<ushort> Qpv { get; } = new(capacity);

    public Column<byte> Rooms { get; } = new(capacity);

    public Column<int> SurfaceCenti { get; } = new(capacity);

    public Column<int> RentCents { get; } = new(capacity);

    public Column<byte> Financing { get; } = new(capacity);

    public Column<byte> Reservataire { get; } = new(capacity);

    public Column<int> Programme { get; } = new(capacity);

    public Column<ushort> Landlord { get; } = new(capacity);

    public Column<ushort> FirstLetYear { get; } = new(capacity);

    public void Reserve(int rows)
    {
        FirstLetYear.Reserve(rows);
        Commune.Reserve(rows);
        Qpv.Reserve(rows);
        Rooms.Reserve(rows);
        SurfaceCenti.Reserve(rows);
        RentCents.Reserve(rows);
        Financing.Reserve(rows);
        Reservataire.Reserve(rows);
        Programme.Reserve(rows);
        Landlord.Reserve(rows);
    }

    public void Visit(in StockRow row)
    {
        Commune.Add((ushort)row.Commune);
        Qpv.Add(row.Qpv.IsEmpty ? (ushort)0 : Small(Qpvs.Intern(row.Qpv) + 1, "QPV codes"));
        Rooms.Add((byte)row.Rooms);
        SurfaceCenti.Add((int)row.SurfaceCenti);
        RentCents.Add((int)row.Rent.Cents); // the reader bounds rents well within int
        Financing.Add((byte)row.Financing);
        Reservataire.Add((byte)row.Reservataire);

        // A stock file lists a programme's dwellings one after another (RPLS too, by building): compare with the last
        // one before hashing.
        if (_programme < 0 || !row.Programme.SequenceEqual(Programmes[_programme]))
        {
            _programme = Programmes.Intern(row.Programme);
        }

        if (_landlord < 0 || !row.Landlord.SequenceEqual(Landlords[_landlord]))
        {
            _landlord = Small(Landlords.Intern(row.Landlord), "landlords");
        }

        Programme.Add(_programme);
        Landlord.Add((ushort)_landlord);
        FirstLetYear.Add((ushort)row.FirstLetYear); // the reader bounds years to 1800–2100
    }


    private static ushort Small(int index, string what) =>
        index <= ushort.MaxValue ? (ushort)index : throw new InvalidOperationException($"More than 65 535 distinct {what} in one stock file.");
}
