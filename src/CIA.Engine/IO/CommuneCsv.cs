using System.Collections.Immutable;
using CIA.Engine.Domain;

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

    private static readonly CsvColumn[] Columns = [Code, Name, Epci, EpciName, Zone];

    /// <summary>Reads a communes file from disk.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<CommuneEntry> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads a communes file.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<CommuneEntry> Read(TextReader reader, string file)
    {
        using var table = new CsvTable(reader, file, Columns);
        var result = ImmutableArray.CreateBuilder<CommuneEntry>();
        foreach (var row in table.Rows())
        {
            var text = table.UniqueId(row, Code);
            if (!CommuneCode.TryParse(text, out var code) && text.Length > 0)
            {
                row.Problem(Code, $"'{text}' is not an INSEE commune code (five characters, e.g. 44109).");
            }

            var epciText = row.Raw(Epci);
            if (!EpciCode.TryParse(epciText, out var epci))
            {
                row.Problem(Epci, $"'{epciText}' is not an EPCI SIREN (nine digits, e.g. 244400404).");
            }

            result.Add(new CommuneEntry(new Commune(code, row.Text(Name), row.Token<AplZone>(Zone, allowEmpty: false)), epci, row.Raw(EpciName)));
        }

        table.ThrowIfProblems();
        return result.ToImmutable();
    }
}
