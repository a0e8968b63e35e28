// Frozen baseline: the pre-rewrite demand reader from commit 0889f36 (src/CIA.Engine/IO/DemandCsv.cs), CsvHelper 33.0.1's
// CsvParser and one immutable record per row. Kept only so that ReaderBenchmarks can compare the old reader with the
// new one on the same files; never used by the library or the CLI. Changes from 0889f36, none in the parsing logic:
// namespace, and enum tokens parsed through OldTokens (the 0889f36 Tokens<T> parsing, since rewritten in the library).

using System.Collections.Immutable;
using CIA.Engine.Domain;
using CIA.Engine.IO;

namespace CIA.Engine.Benchmarks.Baseline;

/// <summary>
/// Reads the demand (applications) file documented in docs/formats.md. Reports every problem of the file at
/// once; returns nothing unless the whole file is valid.
/// </summary>
public static class DemandCsv
{
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

    /// <summary>The columns, in the documented order.</summary>
    public static IReadOnlyList<string> ColumnNames => [.. Columns.Select(c => c.Name)];

    private static readonly CsvColumn[] Columns =
        [Id, RegisteredOn, Persons14Plus, ChildrenUnder14, MonthlyResources, TaxIncome, Employment, Disabled, IsMutation, MutationReason, UrbanRenewal, Prefectoral, ReservedBy, DesiredCommunes, Dependants, YoungCouple];

    /// <summary>Reads a demand file from disk.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<Application> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads a demand file.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="file">The name problems refer to.</param>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<Application> Read(TextReader reader, string file)
    {
        using var table = new CsvTable(reader, file, Columns);
        var result = ImmutableArray.CreateBuilder<Application>();
        foreach (var row in table.Rows())
        {
            var id = table.UniqueId(row, Id);

            var persons = row.Int(Persons14Plus, 0, 50);
            if (persons == 0 && row.Raw(Persons14Plus) == "0")
            {
                row.Problem(Persons14Plus, "0 persons aged 14 or more: a household has at least one (the applicant).");
            }

            var children = row.Int(ChildrenUnder14, 0, 50);
            var dependants = row.OptionalInt(Dependants, 0, 100) ?? children;
            if (persons >= 1 && dependants > persons + children - 1)
            {
                row.Problem(Dependants, $"{dependants} dependants in a household of {persons + children}: at least one person is not a dependant.");
            }

            var young = row.Bool(YoungCouple);
            if (young && (persons + children != 2 || dependants != 0))
            {
                row.Problem(YoungCouple, "true, but a young couple (jeune ménage) is two persons without dependants.");
            }

            var isMutation = row.Bool(IsMutation);
            var reason = row.Token<MutationReason>(MutationReason, allowEmpty: true);
            if (reason != Domain.MutationReason.None && !isMutation)
            {
                row.Problem(MutationReason, "a mutation reason is given but is_mutation is false.");
            }

            var communes = ImmutableArray.CreateBuilder<CommuneCode>();
            foreach (var part in row.Raw(DesiredCommunes).Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (CommuneCode.TryParse(part, out var c))
                {
                    communes.Add(c);
                }
                else
                {
                    row.Problem(DesiredCommunes, $"'{part}' is not an INSEE commune code (five characters, e.g. 44109).");
                }
            }

            var application = new Application(
                new DemandId(id),
                row.Date(RegisteredOn),
                new Household(Math.Max(persons, 1), children, dependants, young, row.Bool(Disabled)),
                row.Money(MonthlyResources),
                row.Money(TaxIncome),
                row.Flags<EmploymentStatus>(Employment),
                isMutation,
                reason,
                row.Token<UrbanRenewal>(UrbanRenewal, allowEmpty: true),
                row.Flags<PrefectoralCriteria>(Prefectoral),
                row.Token<Reservataire>(ReservedBy, allowEmpty: true),
                communes.ToImmutable());
            result.Add(application);
        }

        table.ThrowIfProblems();
        return result.ToImmutable();
    }
}
