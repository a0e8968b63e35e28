// Frozen baseline: the pre-rewrite stock reader from commit 0889f36 (src/CIA.Engine/IO/StockCsv.cs), CsvHelper 33.0.1's
// CsvParser and one immutable record per row. Kept only so that ReaderBenchmarks can compare the old reader with the
// new one on the same files; never used by the library or the CLI. Changes from 0889f36, none in the parsing logic:
// namespace, and enum tokens parsed through OldTokens (the 0889f36 Tokens<T> parsing, since rewritten in the library).

using System.Collections.Immutable;
using CIA.Engine.Domain;
using CIA.Engine.IO;

namespace CIA.Engine.Benchmarks.Baseline;

/// <summary>
/// Reads the stock (dwellings) file: RPLS column names where RPLS has the field (<c>DEPCOM</c>, <c>QPV</c>,
/// <c>NBPIECE</c>, <c>SURFHAB</c>, <c>LOYERPRINC</c>, <c>FINAN</c>, <c>CONTINGENT</c>), our own documented columns
/// for the rest (docs/formats.md). <c>;</c> or <c>,</c> separated.
/// </summary>
public static class StockCsv
{
    internal static readonly CsvColumn Id = new("dwelling_id", true);
    internal static readonly CsvColumn Commune = new("DEPCOM", true, "DEPCOM_CODE");
    internal static readonly CsvColumn Qpv = new("QPV", true);
    internal static readonly CsvColumn Rooms = new("NBPIECE", true);
    internal static readonly CsvColumn Surface = new("SURFHAB", false);
    internal static readonly CsvColumn Rent = new("LOYERPRINC", true);
    internal static readonly CsvColumn Financing = new("FINAN", true);
    internal static readonly CsvColumn Contingent = new("CONTINGENT", true);
    internal static readonly CsvColumn Programme = new("programme_id", true);
    internal static readonly CsvColumn Landlord = new("landlord_id", true);

    private static readonly CsvColumn[] Columns = [Id, Commune, Qpv, Rooms, Surface, Rent, Financing, Contingent, Programme, Landlord];

    /// <summary>The RPLS contingent codes (R441-5; arrêté du 5 janvier 2010, item 63) and the réservataire each stands for.</summary>
    public static IReadOnlyDictionary<int, Reservataire> ContingentCodes { get; } = new Dictionary<int, Reservataire>
    {
        [1] = Reservataire.StateAgents,
        [2] = Reservataire.Prefecture,
        [3] = Reservataire.ActionLogement,
        [4] = Reservataire.Commune,
        [5] = Reservataire.StateAgents,
        [6] = Reservataire.Other,
        [7] = Reservataire.Landlord,
    };

    /// <summary>QPV cells that mean "outside QPV": empty, <c>0</c>, <c>2</c> (RPLS no), <c>HZ</c> (hors zone), <c>NON</c>.</summary>
    public static IReadOnlySet<string> OutsideQpvValues { get; } = new HashSet<string>(["", "0", "2", "HZ", "NON"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads a stock file from disk.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<Dwelling> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads a stock file.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<Dwelling> Read(TextReader reader, string file)
    {
        using var table = new CsvTable(reader, file, Columns);
        var result = ImmutableArray.CreateBuilder<Dwelling>();
        foreach (var row in table.Rows())
        {
            var id = table.UniqueId(row, Id);

            var communeText = row.Raw(Commune);
            if (!CommuneCode.TryParse(communeText, out var commune))
            {
                row.Problem(Commune, $"'{communeText}' is not an INSEE commune code (five characters, e.g. 44109).");
            }

            var qpv = row.Raw(Qpv);
            var rentText = row.Raw(Rent);
            if (rentText == "9999")
            {
                row.Problem(Rent, "9999 is RPLS's mark for a rent not fully invoiced in January: give the monthly rent.");
            }

            var contingentText = row.Raw(Contingent);
            var reservataire = Reservataire.Landlord;
            if (int.TryParse(contingentText, out var code) && ContingentCodes.TryGetValue(code, out var r))
            {
                reservataire = r;
            }
            else if (contingentText.Length == 0 || !OldTokens<Reservataire>.TryParse(contingentText, out reservataire))
            {
                row.Problem(Contingent, $"'{contingentText}' is not an RPLS contingent code 1–7 nor one of: {string.Join(", ", OldTokens<Reservataire>.Accepted)}.");
            }

            result.Add(new Dwelling(
                new DwellingId(id),
                commune,
                OutsideQpvValues.Contains(qpv) ? null : new QpvCode(qpv),
                row.Int(Rooms, 1, 20, 1),
                row.OptionalDecimal(Surface, 1m),
                rentText == "9999" ? Euros.Zero : row.Money(Rent),
                row.Token<Financing>(Financing, allowEmpty: false),
                reservataire,
                new ProgrammeId(row.Text(Programme)),
                new LandlordId(row.Text(Landlord))));
        }

        table.ThrowIfProblems();
        return result.ToImmutable();
    }
}
