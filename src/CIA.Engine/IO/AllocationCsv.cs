using CIA.Engine.Domain;
using CIA.Engine.IO.Csv;
using CIA.Engine.Tables;

namespace CIA.Engine.IO;

/// <summary>
/// Reads allocation records — signed leases (docs/formats.md): <c>lease_signed_on;application_id;dwelling_id;reservataire</c>.
/// Real records (SNE extracts) and the simulator's log use the same format, so the annual report reads both the same
/// way. A file whose rows are not well formed is rejected with every problem; whether the leases fit a demand, a
/// stock and a year is <see cref="AllocationCheck"/>'s job.
/// </summary>
public static class AllocationCsv
{
    internal static readonly CsvColumn LeaseSignedOn = new("lease_signed_on", true);
    internal static readonly CsvColumn ApplicationId = new("application_id", true);
    internal static readonly CsvColumn DwellingId = new("dwelling_id", true);
    internal static readonly CsvColumn Reservataire = new("reservataire", true);

    internal static readonly CsvSchema Schema = new(LeaseSignedOn, ApplicationId, DwellingId, Reservataire);

    /// <summary>The columns, in the documented order.</summary>
    public static IReadOnlyList<string> ColumnNames => Schema.Names;

    /// <summary>Reads an allocation file.</summary>
    /// <exception cref="InputException">Every problem in the file (or the path is not a readable file).</exception>
    public static AllocationTable ReadTable(string path) =>
        CsvTable.Read(path, Schema, t => Read(t));

    /// <summary>Reads allocation text.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static AllocationTable ReadTable(TextReader reader, string file) =>
        CsvTable.Read(reader, file, Schema, t => Read(t));

    private static AllocationTable Read(CsvTable t)
    {
        var applications = new IdColumnBuilder(CsvTable.InitialRows);
        var dwellings = new IdColumnBuilder(CsvTable.InitialRows);
        var days = new Column<int>(CsvTable.InitialRows);
        var reservataires = new Column<byte>(CsvTable.InitialRows);
        var lines = new Column<int>(CsvTable.InitialRows);
        while (t.Read())
        {
            var date = t.Date(LeaseSignedOn);
            applications.Add(t.Text(ApplicationId), t.Line);
            dwellings.Add(t.Text(DwellingId), t.Line);
            var reservataire = t.Token<Reservataire>(Reservataire, allowEmpty: false); // the CIA asks that it be recorded for every allocation

            days.Add(date.DayNumber);
            reservataires.Add((byte)reservataire);
            lines.Add(t.Line);
        }

        t.ThrowIfProblems();
        return new AllocationTable(t.File, applications.Build(), dwellings.Build(), days.TakeArray(), reservataires.TakeArray(), lines.TakeArray());
    }
}
