using System.Collections.Immutable;
using CIA.Engine.Domain;
using CIA.Engine.IO.Csv;
using CIA.Engine.Tables;

namespace CIA.Engine.IO;

/// <summary>Reads the programme occupancy file (OPS indicators by programme, docs/formats.md).</summary>
public static class ProgrammeCsv
{
    internal static readonly CsvColumn Id = new("programme_id", true);
    internal static readonly CsvColumn Dwellings = new("dwellings", true);
    internal static readonly CsvColumn Households = new("households", true);
    internal static readonly CsvColumn Under20 = new("share_under_20", true);
    internal static readonly CsvColumn Under40 = new("share_under_40", true);
    internal static readonly CsvColumn Under60 = new("share_under_60", false);

    internal static readonly CsvSchema Schema = new(Id, Dwellings, Households, Under20, Under40, Under60);

    /// <summary>The columns, in the documented order.</summary>
    public static IReadOnlyList<string> ColumnNames => Schema.Names;

    /// <summary>Reads a programme file from disk.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<ProgrammeOccupancy> ReadFile(string path) =>
        CsvTable.Read(path, Schema, t => Read(t));

    /// <summary>Reads a programme file.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<ProgrammeOccupancy> Read(TextReader reader, string file) =>
        CsvTable.Read(reader, file, Schema, t => Read(t));

    private static ImmutableArray<ProgrammeOccupancy> Read(CsvTable t)
    {
        var ids = new IdColumnBuilder(CsvTable.InitialRows);
        var result = ImmutableArray.CreateBuilder<ProgrammeOccupancy>();
        while (t.ReadWithId(ids, Id, null, out var id))
        {
            var dwellings = t.Int(Dwellings, 1, 100_000, 1);
            var households = t.Int(Households, 0, 100_000);
            var u20 = t.Share(Under20);
            var u40 = t.Share(Under40);
            Rate? u60 = t.Cell(Under60).Length > 0 ? t.Share(Under60) : null;
            if (u20 > u40)
            {
                t.Problem(Under40, $"{u40.Fraction} is below share_under_20 ({u20.Fraction}): households under 20 % are also under 40 %.");
            }

            if (u60 is { } s60 && u40 > s60)
            {
                t.Problem(Under60, $"{s60.Fraction} is below share_under_40 ({u40.Fraction}).");
            }

            if (households > dwellings)
            {
                t.Problem(Households, $"{households} households in a programme of {dwellings} dwellings.");
            }

            result.Add(new ProgrammeOccupancy(new ProgrammeId(id.ToString()), dwellings, households, u20, u40, u60));
        }

        DemandCsv.ReportDuplicates(t, ids, Id);
        t.ThrowIfProblems();
        return result.ToImmutable();
    }
}
