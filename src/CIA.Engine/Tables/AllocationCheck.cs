using System.Collections.Immutable;
using CIA.Engine.IO;

namespace CIA.Engine.Tables;

/// <summary>Why a lease cannot be counted.</summary>
public enum AllocationProblemKind
{
    /// <summary>Its application is not in the demand.</summary>
    UnknownApplication,

    /// <summary>Its dwelling is not in the stock.</summary>
    UnknownDwelling,

    /// <summary>The application already has a lease on an earlier line (a lease ends an application).</summary>
    DuplicateApplication,

    /// <summary>The dwelling already has a lease signed the same day on an earlier line.</summary>
    DuplicateLease,

    /// <summary>Signed outside the year being reported on.</summary>
    OutsideYear,
}

/// <summary>One lease that cannot be counted, with where it is and why.</summary>
/// <param name="Row">The lease's row in the table.</param>
/// <param name="Kind">Why.</param>
/// <param name="Problem">File, line, column and message, as every input problem.</param>
public sealed record AllocationProblem(int Row, AllocationProblemKind Kind, InputProblem Problem);

/// <summary>
/// Links leases to the demand and the stock they name and finds those that cannot be counted: unknown application or
/// dwelling, duplicate leases, dates outside the year. Strict use: <see cref="ThrowIfAny"/>. Lenient use (a report on
/// real records): count only <see cref="IsUsable"/> rows and write out every <see cref="Problems"/> entry with its reason.
/// </summary>
public sealed class AllocationCheck
{
    private readonly int[] _applicationRows;
    private readonly int[] _dwellingRows;
    private readonly bool[] _usable;

    private AllocationCheck(int[] applicationRows, int[] dwellingRows, bool[] usable, ImmutableArray<AllocationProblem> problems)
    {
        _applicationRows = applicationRows;
        _dwellingRows = dwellingRows;
        _usable = usable;
        Problems = problems;
    }

    /// <summary>Every problem, in line order.</summary>
    public ImmutableArray<AllocationProblem> Problems { get; }

    /// <summary>Leases that can be counted.</summary>
    public int UsableCount => _usable.Count(u => u);

    /// <summary>Problems by kind, for a summary line ("3 unknown dwellings, 1 duplicate lease").</summary>
    public ImmutableSortedDictionary<AllocationProblemKind, int> CountsByKind =>
        Problems.GroupBy(p => p.Kind).ToImmutableSortedDictionary(g => g.Key, g => g.Count());

    /// <summary>Whether a lease can be counted.</summary>
    public bool IsUsable(int row) => _usable[row];

    /// <summary>The demand row of a lease's application, or −1.</summary>
    public int ApplicationRowOf(int row) => _applicationRows[row];

    /// <summary>The stock row of a lease's dwelling, or −1.</summary>
    public int DwellingRowOf(int row) => _dwellingRows[row];

    /// <summary>Checks leases against a demand, a stock and, when given, a calendar year of lease dates.</summary>
    public static AllocationCheck Of(AllocationTable allocations, DemandTable demand, StockTable stock, int? year = null)
    {
        ArgumentNullException.ThrowIfNull(allocations);
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(stock);
        var n = allocations.Count;
        var applicationRows = new int[n];
        var dwellingRows = new int[n];
        var usable = new bool[n];
        var problems = new List<AllocationProblem>();
        var firstByApplication = new Dictionary<int, int>();
        var firstByLease = new Dictionary<(int Dwelling, int Day), int>();
        var file = allocations.Source;
        for (var row = 0; row < n; row++)
        {
            var line = allocations.LineOf(row);
            void Add(AllocationProblemKind kind, int column, string name, string message) =>
                problems.Add(new AllocationProblem(row, kind, new InputProblem(file, line, column, name, message)));

            var ok = true;
            var application = demand.Ids.IndexOf(allocations.Applications.Utf8(row));
            var dwelling = stock.Ids.IndexOf(allocations.Dwellings.Utf8(row));
            applicationRows[row] = application;
            dwellingRows[row] = dwelling;
            if (application < 0)
            {
                Add(AllocationProblemKind.UnknownApplication, 2, "application_id", $"'{Cut(allocations.Applications[row])}' is not an application of {demand.Source}.");
                ok = false;
            }
            else if (!firstByApplication.TryAdd(application, row))
            {
                Add(AllocationProblemKind.DuplicateApplication, 2, "application_id", $"'{Cut(allocations.Applications[row])}' already has a lease on line {allocations.LineOf(firstByApplication[application])}: a lease ends an application, so it is counted once.");
                ok = false;
            }

            var day = allocations.LeaseSignedOn(row);
            if (dwelling < 0)
            {
                Add(AllocationProblemKind.UnknownDwelling, 3, "dwelling_id", $"'{Cut(allocations.Dwellings[row])}' is not a dwelling of {stock.Source}.");
                ok = false;
            }
            else if (!firstByLease.TryAdd((dwelling, day.DayNumber), row))
            {
                Add(AllocationProblemKind.DuplicateLease, 3, "dwelling_id", $"'{Cut(allocations.Dwellings[row])}' already has a lease signed {day:yyyy-MM-dd} on line {allocations.LineOf(firstByLease[(dwelling, day.DayNumber)])}.");
                ok = false;
            }

            if (year is { } y && day.Year != y)
            {
                Add(AllocationProblemKind.OutsideYear, 1, "lease_signed_on", $"{day:yyyy-MM-dd} is not in {y}, the year reported on.");
                ok = false;
            }

            usable[row] = ok;
        }

        return new AllocationCheck(applicationRows, dwellingRows, usable, [.. problems]);
    }

    /// <summary>Throws every problem, if any (strict use).</summary>
    /// <exception cref="InputException">Some leases cannot be counted.</exception>
    public void ThrowIfAny()
    {
        if (!Problems.IsEmpty)
        {
            var shown = Problems.Take(IO.Csv.CsvTable.MaxProblems).Select(p => p.Problem).ToList();
            if (Problems.Length > shown.Count)
            {
                var last = Problems[shown.Count - 1].Problem;
                shown.Add(last with { Column = 0, ColumnName = string.Empty, Message = $"and {Counts.Of(Problems.Length - shown.Count)} more leases that cannot be counted." });
            }

            throw new InputException(shown);
        }
    }

    private static string Cut(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
