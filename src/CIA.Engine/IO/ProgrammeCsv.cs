using System.Collections.Immutable;
using CIA.Engine.Domain;

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

    private static readonly CsvColumn[] Columns = [Id, Dwellings, Households, Under20, Under40, Under60];

    /// <summary>Reads a programme file from disk.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<ProgrammeOccupancy> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads a programme file.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<ProgrammeOccupancy> Read(TextReader reader, string file)
    {
        using var table = new CsvTable(reader, file, Columns);
        var result = ImmutableArray.CreateBuilder<ProgrammeOccupancy>();
        foreach (var row in table.Rows())
        {
            var id = table.UniqueId(row, Id);

            var dwellings = row.Int(Dwellings, 1, 100_000, 1);
            var households = row.Int(Households, 0, 100_000);
            var u20 = row.Share(Under20);
            var u40 = row.Share(Under40);
            Rate? u60 = table.Has(Under60) && row.Raw(Under60).Length > 0 ? row.Share(Under60) : null;
            if (u20 > u40)
            {
                row.Problem(Under40, $"{u40.Fraction} is below share_under_20 ({u20.Fraction}): households under 20 % are also under 40 %.");
            }

            if (u60 is { } s60 && u40 > s60)
            {
                row.Problem(Under60, $"{s60.Fraction} is below share_under_40 ({u40.Fraction}).");
            }

            result.Add(new ProgrammeOccupancy(new ProgrammeId(id), dwellings, households, u20, u40, u60));
        }

        table.ThrowIfProblems();
        return result.ToImmutable();
    }
}
