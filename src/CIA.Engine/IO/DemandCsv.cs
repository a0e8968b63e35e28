using System.Collections.Immutable;
using CIA.Engine.Domain;
using CIA.Engine.IO.Csv;
using CIA.Engine.Tables;

namespace CIA.Engine.IO;

/// <summary>
/// Reads the demand (applications) file documented in docs/formats.md: into a compact <see cref="DemandTable"/>, into
/// records for small uses, or row by row to a visitor that counts without holding rows. All three go through one
/// parser and report every problem of the file at once; nothing is returned unless the whole file is valid.
/// </summary>
/// <remarks>Thread-safe: static and stateless; concurrent calls read their own files.</remarks>
public static class DemandCsv
{
    /// <summary>Highest monthly resources accepted: above is surely a unit or separator mistake.</summary>
    public static readonly Euros MaxMonthlyResources = Euros.FromEuros(1_000_000m);

    /// <summary>Highest tax income accepted.</summary>
    public static readonly Euros MaxTaxIncome = Euros.FromEuros(20_000_000m);

    /// <summary>Most communes one application may ask for.</summary>
    public const int MaxDesiredCommunes = 64;

    internal static readonly CsvColumn Id = new("application_id", true);
    internal static readonly CsvColumn RegisteredOn = new("registered_on", true);
    internal static readonly CsvColumn Persons14Plus = new("persons_14_plus", true);
    internal static readonly CsvColumn ChildrenUnder14 = new("children_under_14", true);
    internal static readonly CsvColumn MonthlyResources = new("monthly_resources", true);
    internal static readonly CsvColumn TaxIncome = new("tax_income", true);
    internal static readonly CsvColumn Employment = new("employment", true);
    internal static readonly CsvColumn Disabled = new("disabled_member", true);
    internal static readonly CsvColumn IsMutation = new("is_mutation", true);
    internal static readonly CsvColumn MutationReason = new("mutation_reason", true);
    internal static readonly CsvColumn UrbanRenewal = new("urban_renewal", true);
    internal static readonly CsvColumn Prefectoral = new("prefectoral_criteria", true);
    internal static readonly CsvColumn ReservedBy = new("reserved_by", true);
    internal static readonly CsvColumn DesiredCommunes = new("desired_communes", true);
    internal static readonly CsvColumn Dependants = new("dependants", false);
    internal static readonly CsvColumn YoungCouple = new("young_couple", false);
    internal static readonly CsvColumn CurrentDwelling = new("current_dwelling_id", false);

    internal static readonly CsvSchema Schema = new(
        Id, RegisteredOn, Persons14Plus, ChildrenUnder14, MonthlyResources, TaxIncome, Employment, Disabled, IsMutation, MutationReason, UrbanRenewal,
        Prefectoral, ReservedBy, DesiredCommunes, Dependants, YoungCouple, CurrentDwelling);

    /// <summary>The columns, in the documented order.</summary>
    public static IReadOnlyList<string> ColumnNames => Schema.Names;

    /// <summary>Reads a demand file into a columnar table.</summary>
    /// <exception cref="InputException">Every problem in the file (or the path is not a readable file).</exception>
    public static DemandTable ReadTable(string path) => CsvTable.Read(path, Schema, ReadTable);

    /// <summary>Reads demand text into a columnar table.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static DemandTable ReadTable(TextReader reader, string file) => CsvTable.Read(reader, file, Schema, ReadTable);

    /// <summary>Reads a demand file into records.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<Application> ReadFile(string path) => ReadTable(path).ToApplications();

    /// <summary>Reads demand text into records.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="file">The name problems refer to.</param>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<Application> Read(TextReader reader, string file) => ReadTable(reader, file).ToApplications();

    /// <summary>
    /// Reads a demand file row by row, handing each application to a visitor without holding the rows (only the ids,
    /// to find duplicates). Throws at the end if the file had any problem: a visitor's counts are then meaningless.
    /// </summary>
    /// <returns>The number of applications.</returns>
    /// <exception cref="InputException">Every problem in the file.</exception>
    internal static int Scan(string path, IDemandVisitor visitor) => CsvTable.Read(path, Schema, t => Parse(t, new IdColumnBuilder(t.StartRows), new CommuneIndex(), visitor));

    /// <summary>Reads demand text row by row to a visitor (see <see cref="Scan(string, IDemandVisitor)"/>).</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    internal static int Scan(TextReader reader, string file, IDemandVisitor visitor) =>
        CsvTable.Read(reader, file, Schema, t => Parse(t, new IdColumnBuilder(t.StartRows), new CommuneIndex(), visitor));

    private static DemandTable ReadTable(CsvTable table)
    {
        var ids = new IdColumnBuilder(table.StartRows);
        var communes = new CommuneIndex();
        var builder = new DemandTableBuilder(table.StartRows);
        Parse(table, ids, communes, builder);
        return new DemandTable(table.File, ids.Build(), communes, builder);
    }


    private static int Parse(CsvTable t, IdColumnBuilder ids, CommuneIndex communes, IDemandVisitor visitor)
    {
        Span<ushort> desired = stackalloc ushort[MaxDesiredCommunes];
        var rows = 0;
        while (t.ReadWithId(ids, Id, visitor, out var id))
        {
            var registered = t.Date(RegisteredOn);

            var persons = t.Int(Persons14Plus, 0, 50, 1);
            if (persons == 0)
            {
                t.Problem(Persons14Plus, "0 persons aged 14 or more: a household has at least one (the applicant).");
                persons = 1;
            }

            var children = t.Int(ChildrenUnder14, 0, 50);
            var dependants = t.OptionalInt(Dependants, 0, 100) ?? children;
            if (dependants > persons + children - 1)
            {
                t.Problem(Dependants, $"{dependants} dependants in a household of {persons + children}: at least one person is not a dependant.");
            }

            var young = t.Bool(YoungCouple);
            if (young && (persons + children != 2 || dependants != 0))
            {
                t.Problem(YoungCouple, "true, but a young couple (jeune ménage) is two persons without dependants.");
            }

            var isMutation = t.Bool(IsMutation);
            var reason = t.Token<MutationReason>(MutationReason, allowEmpty: true);
            if (reason != Domain.MutationReason.None && !isMutation)
            {
                t.Problem(MutationReason, "a mutation reason is given but is_mutation is false.");
            }

            // The social dwelling a mutation applicant lives in, checked as dwelling ids are (StockCsv); whether the
            // stock holds it is for the user of the table to see (DemandTable.CurrentDwellingRows).
            var current = t.Text(CurrentDwelling, required: false);
            if (current.Length > 0 && !isMutation)
            {
                t.Problem(CurrentDwelling, "a current dwelling is given but is_mutation is false: only a mutation applicant, already a social tenant, lives in a social dwelling.");
            }

            var count = 0;
            var cell = t.Cell(DesiredCommunes);
            foreach (var range in cell.Split('|'))
            {
                var part = cell[range].Trim(" \t");
                if (part.Length == 0)
                {
                    continue;
                }

                if (!communes.TryIntern(part, out var c))
                {
                    t.Problem(DesiredCommunes, $"'{CsvTable.Cut(part)}' is not an INSEE commune code (five characters, e.g. 44109).");
                    break;
                }

                if (count == MaxDesiredCommunes)
                {
                    t.Problem(DesiredCommunes, $"more than {MaxDesiredCommunes} communes asked for.");
                    break;
                }

                desired[count++] = c;
            }

            var household = new HouseholdInput(
                persons,
                children,
                dependants,
                young,
                t.Bool(Disabled),
                new Euros(t.Money(MonthlyResources, MaxMonthlyResources.Cents)),
                new Euros(t.Money(TaxIncome, MaxTaxIncome.Cents)),
                t.Flags<EmploymentStatus>(Employment),
                isMutation,
                reason,
                t.Token<UrbanRenewal>(UrbanRenewal, allowEmpty: true),
                t.Flags<PrefectoralCriteria>(Prefectoral),
                t.Token<Reservataire>(ReservedBy, allowEmpty: true));
            visitor.Visit(new DemandRow(t.RowOk, t.Line, id, registered, in household, desired[..count], current));
            rows++;
        }

        ReportDuplicates(t, ids, Id);
        t.ThrowIfProblems();
        return rows;
    }

    /// <summary>Reports every id an earlier row already has (unless reading stopped early: the ids are then incomplete).</summary>
    internal static void ReportDuplicates(CsvTable t, IdColumnBuilder ids, CsvColumn column)
    {
        if (t.Problems.Stopped)
        {
            return;
        }

        foreach (var (row, earlier) in ids.Duplicates())
        {
            var id = ids.IdOf(row);
            if (id.Length > 0) // an empty id is already reported as such
            {
                t.ProblemAt(ids.LineOf(row), column, $"'{CsvTable.Cut(id)}' is already used on line {ids.LineOf(earlier)}: ids must be unique.");
            }
        }
    }
}
