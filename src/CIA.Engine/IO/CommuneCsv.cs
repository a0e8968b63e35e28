using System.Collections.Immutable;
using CIA.Engine.Domain;
using CIA.Engine.IO.Csv;
using CIA.Engine.Tables;

namespace CIA.Engine.IO;

/// <summary>One row of a communes file: a commune, its APL zone and its EPCI.</summary>
/// <param name="Commune">The commune with its APL zone.</param>
/// <param name="Epci">The EPCI it belongs to.</param>
/// <param name="EpciName">The EPCI's name.</param>
public sealed record CommuneEntry(Commune Commune, EpciCode Epci, string EpciName);

/// <summary>
/// Reads the communes file (<c>commune;name;epci;epci_name;apl_zone</c>, docs/formats.md): the APL zoning of
/// communes the built-in table does not cover (it holds Nantes Métropole's 24), and which EPCI each belongs to.
/// </summary>
public static class CommuneCsv
{
    internal static readonly CsvColumn Code = new("commune", true, "DEPCOM");
    internal static readonly CsvColumn Name = new("name", true);
    internal static readonly CsvColumn Epci = new("epci", true);
    internal static readonly CsvColumn EpciName = new("epci_name", false);
    internal static readonly CsvColumn Zone = new("apl_zone", true);

    internal static readonly CsvSchema Schema = new(Code, Name, Epci, EpciName, Zone);

    /// <summary>The columns, in the documented order.</summary>
    public static IReadOnlyList<string> ColumnNames => Schema.Names;

    /// <summary>Reads a communes file from disk.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<CommuneEntry> ReadFile(string path) =>
        CsvTable.Read(path, Schema, t => Read(t));

    /// <summary>Reads a communes file.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<CommuneEntry> Read(TextReader reader, string file) =>
        CsvTable.Read(reader, file, Schema, t => Read(t));

    private static ImmutableArray<CommuneEntry> Read(CsvTable t)
    {
        var ids = new IdColumnBuilder(CsvTable.InitialRows);
        var result = ImmutableArray.CreateBuilder<CommuneEntry>();
        while (t.ReadWithId(ids, Code, null, out var text))
        {
            if (!CommuneCode.TryParse(text.ToString(), out var code) && text.Length > 0)
            {
                t.Problem(Code, $"'{CsvTable.Cut(text)}' is not an INSEE commune code (five characters, e.g. 44109).");
            }

            var epciText = t.Cell(Epci);
            if (!EpciCode.TryParse(epciText.ToString(), out var epci))
            {
                t.Problem(Epci, $"'{CsvTable.Cut(epciText)}' is not an EPCI SIREN (nine digits, e.g. 244400404).");
            }

            result.Add(new CommuneEntry(new Commune(code, t.Text(Name).ToString(), t.Token<AplZone>(Zone, allowEmpty: false)), epci, t.Text(EpciName, required: false).ToString()));
        }

        DemandCsv.ReportDuplicates(t, ids, Code);
        t.ThrowIfProblems();
        return result.ToImmutable();
    }
}
