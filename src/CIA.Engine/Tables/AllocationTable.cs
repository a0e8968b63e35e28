using CIA.Engine.Domain;

namespace CIA.Engine.Tables;

/// <summary>
/// Signed leases held column by column: lease date, application id, dwelling id, réservataire of imputation, and the
/// line each came from (so that checks made after reading can point at it). Built by
/// <see cref="IO.AllocationCsv.ReadTable(string)"/>; the simulator writes the same format.
/// </summary>
public sealed class AllocationTable
{
    private readonly int[] _leaseDays;
    private readonly byte[] _reservataire;
    private readonly int[] _lines;

    internal AllocationTable(string source, IdColumn applications, IdColumn dwellings, int[] leaseDays, byte[] reservataire, int[] lines)
    {
        Source = source;
        Applications = applications;
        Dwellings = dwellings;
        _leaseDays = leaseDays;
        _reservataire = reservataire;
        _lines = lines;
    }

    /// <summary>Where the rows come from, for messages.</summary>
    public string Source { get; }

    /// <summary>Leases.</summary>
    public int Count => Applications.Count;

    /// <summary>The application id of each lease.</summary>
    internal IdColumn Applications { get; }

    /// <summary>The dwelling id of each lease.</summary>
    internal IdColumn Dwellings { get; }

    /// <summary>Date the lease was signed.</summary>
    public DateOnly LeaseSignedOn(int row) => DateOnly.FromDayNumber(_leaseDays[row]);

    /// <summary>The réservataire the allocation is imputed to.</summary>
    public Reservataire ReservataireOf(int row) => (Reservataire)_reservataire[row];

    /// <summary>The physical line of the file the lease is on.</summary>
    public int LineOf(int row) => _lines[row];

    /// <summary>A row as a record.</summary>
    public Allocation ToAllocation(int row) => new(new DemandId(Applications[row]), new DwellingId(Dwellings[row]), LeaseSignedOn(row), ReservataireOf(row));
}
