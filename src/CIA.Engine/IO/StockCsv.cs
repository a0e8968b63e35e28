using System.Collections.Immutable;
using CIA.Engine.Domain;
using CIA.Engine.IO.Csv;
using CIA.Engine.Tables;

namespace CIA.Engine.IO;

/// <summary>
/// Reads the stock (dwellings) file: RPLS column names where RPLS has the field (<c>DEPCOM</c>, <c>QPV</c>,
/// <c>NBPIECE</c>, <c>SURFHAB</c>, <c>LOYERPRINC</c>, <c>FINAN</c>, <c>CONTINGENT</c>, optional <c>LOCAT</c>), our own documented columns
/// for the rest (docs/formats.md): into a compact <see cref="StockTable"/>, into records, or row by row to a visitor.
/// </summary>
/// <remarks>Thread-safe: static and stateless; concurrent calls read their own files.</remarks>
public static class StockCsv
{
    /// <summary>Highest monthly rent accepted.</summary>
    public static readonly Euros MaxRent = Euros.FromEuros(100_000m);

    /// <summary>RPLS's mark for a rent not fully invoiced in January (item 44): 9 999 €, in whatever spelling.</summary>
    public static readonly Euros RplsRentSentinel = Euros.FromEuros(9999m);

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
    internal static readonly CsvColumn FirstLet = new("LOCAT", false);

    internal static readonly CsvSchema Schema = new(Id, Commune, Qpv, Rooms, Surface, Rent, Financing, Contingent, Programme, Landlord, FirstLet);

    /// <summary>Earliest year of first letting accepted in <c>LOCAT</c>.</summary>
    public const int MinFirstLetYear = 1800;

    /// <summary>Latest year of first letting accepted in <c>LOCAT</c>.</summary>
    public const int MaxFirstLetYear = 2100;

    /// <summary>The columns, in the documented order.</summary>
    public static IReadOnlyList<string> ColumnNames => Schema.Names;

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

    /// <summary>Reads a stock file into a columnar table.</summary>
    /// <exception cref="InputException">Every problem in the file (or the path is not a readable file).</exception>
    public static StockTable ReadTable(string path) => CsvTable.Read(path, Schema, ReadTable);

    /// <summary>Reads stock text into a columnar table.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static StockTable ReadTable(TextReader reader, string file) => CsvTable.Read(reader, file, Schema, ReadTable);

    /// <summary>Reads a stock file into records.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<Dwelling> ReadFile(string path) => ReadTable(path).ToDwellings();

    /// <summary>Reads stock text into records.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<Dwelling> Read(TextReader reader, string file) => ReadTable(reader, file).ToDwellings();

    /// <summary>Reads a stock file row by row to a visitor without holding rows (only ids, to find duplicates); throws at the end on any problem.</summary>
    /// <param name="path">The file.</param>
    /// <param name="communes">Receives the communes met; rows give their index in it.</param>
    /// <param name="visitor">Receives each dwelling.</param>
    /// <returns>The number of dwellings.</returns>
    /// <exception cref="InputException">Every problem in the file.</exception>
    internal static int Scan(string path, CommuneIndex communes, IStockVisitor visitor) =>
        CsvTable.Read(path, Schema, t => Parse(t, new IdColumnBuilder(t.StartRows), communes, visitor));

    /// <summary>Reads stock text row by row to a visitor (see <see cref="Scan(string, CommuneIndex, IStockVisitor)"/>).</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    internal static int Scan(TextReader reader, string file, CommuneIndex communes, IStockVisitor visitor) =>
        CsvTable.Read(reader, file, Schema, t => Parse(t, new IdColumnBuilder(t.StartRows), communes, visitor));

    private static StockTable ReadTable(CsvTable table)
    {
        var ids = new IdColumnBuilder(table.StartRows);
        var builder = new StockTableBuilder(table.StartRows, new CommuneIndex());
        Parse(table, ids, builder.Communes, builder);
        return new StockTable(table.File, ids.Build(), builder);
    }

    private static int Parse(CsvTable t, IdColumnBuilder ids, CommuneIndex communes, IStockVisitor visitor)
    {
        var rows = 0;
        while (t.ReadWithId(ids, Id, visitor, out var id))
        {

            var communeText = t.Cell(Commune);
            if (!communes.TryIntern(communeText, out var commune))
            {
                t.Problem(Commune, $"'{CsvTable.Cut(communeText)}' is not an INSEE commune code (five characters, e.g. 44109).");
            }

            var qpv = t.Cell(Qpv);
            if (IsOutsideQpv(qpv))
            {
                qpv = default;
            }
            else
            {
                qpv = t.Text(Qpv);
            }

            var rent = t.Money(Rent, MaxRent.Cents);
            if (rent == RplsRentSentinel.Cents)
            {
                t.Problem(Rent, "9999 is RPLS's mark for a rent not fully invoiced in January: give the monthly rent.");
            }

            var reservataire = Reservataire.Landlord;
            var contingent = t.Cell(Contingent);
            if (CsvCells.TryParseInteger(contingent, false, out var code) && ContingentCodes.TryGetValue((int)code, out var r))
            {
                reservataire = r;
            }
            else if (contingent.Length == 0 || !Tokens<Reservataire>.TryParse(contingent, out reservataire) || reservataire == Reservataire.None)
            {
                t.Problem(Contingent, $"'{CsvTable.Cut(contingent)}' is not an RPLS contingent code 1–7 nor one of: {string.Join(", ", Tokens<Reservataire>.Accepted)}.");
                reservataire = Reservataire.Landlord;
            }

            var surface = 0L;
            if (t.Cell(Surface).Length > 0 && (!CsvCells.TryParseCents(t.Cell(Surface), false, out surface) || surface < 100 || surface > 1_000_000))
            {
                t.Problem(Surface, $"'{CsvTable.Cut(t.Cell(Surface))}' is not a surface from 1 to 10 000 m² ('.' for decimals, at most 2).");
                surface = 0;
            }

            var rooms = t.Int(Rooms, 1, 20, 1);
            var financing = t.Token<Financing>(Financing, allowEmpty: false);
            var programme = t.Text(Programme);
            var landlord = t.Text(Landlord);

            // RPLS item 27, the year first let as social housing: optional, and an empty cell means unknown.
            var firstLet = t.OptionalInt(FirstLet, MinFirstLetYear, MaxFirstLetYear) ?? 0;
            visitor.Visit(new StockRow(
                t.RowOk,
                t.Line,
                id,
                commune,
                qpv,
                rooms,
                surface,
                new Euros(rent),
                financing,
                reservataire,
                programme,
                landlord,
                firstLet));
            rows++;
        }

        DemandCsv.ReportDuplicates(t, ids, Id);
        t.ThrowIfProblems();
        return rows;
    }

    private static bool IsOutsideQpv(ReadOnlySpan<char> qpv) =>
        qpv.Length == 0 || qpv is "0" or "2" || qpv.Equals("HZ", StringComparison.OrdinalIgnoreCase) || qpv.Equals("NON", StringComparison.OrdinalIgnoreCase);
}
