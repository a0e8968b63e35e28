using System.Collections.Immutable;
using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Simulation;
using CIA.Engine.Stock;
using CIA.Engine.Tables;

namespace CIA.Engine.Reporting;

/// <summary>One lease the report counts.</summary>
/// <param name="HouseholdRow">The demand row whose household was housed (for a simulated arrival: the row it was drawn from).</param>
/// <param name="DemandRow">The demand row of the application housed, −1 when the application is not in the demand (a simulated arrival).</param>
/// <param name="DwellingRow">The stock row of the dwelling let.</param>
/// <param name="SignedOn">The date the lease was signed.</param>
/// <param name="Reservataire">The réservataire of imputation.</param>
public readonly record struct ReportLease(int HouseholdRow, int DemandRow, int DwellingRow, DateOnly SignedOn, Reservataire Reservataire);

/// <summary>An input file named in the report's traceability block.</summary>
/// <param name="Role">What the file is: <c>allocations</c>, <c>demand</c>, <c>stock</c>, <c>programmes</c>, <c>policy</c>.</param>
/// <param name="Name">The file's name (no folder: the report does not disclose where it was made), or a built-in data set's name.</param>
/// <param name="Sha256">The SHA-256 of its bytes, lower-case hex; empty for a built-in data set.</param>
public sealed record InputFile(string Role, string Name, string Sha256);

/// <summary>
/// Everything the annual report is computed from: leases already checked (<see cref="AllocationCheck"/>), the
/// demand and stock they name, the classifiers (policy and dated parameters), the year and, for traceability, the
/// input files. Build with <see cref="FromAllocations"/> (real records) or <see cref="FromSimulation"/>.
/// </summary>
public sealed class ReportInput
{
    /// <summary>Gathers a report's inputs.</summary>
    /// <param name="households">The household classifier (policy + parameters).</param>
    /// <param name="classificationYear">The year's quartile thresholds and PLUS ceilings.</param>
    /// <param name="dwellings">The dwelling classifier (APL ceilings, fragility).</param>
    /// <param name="demand">The demand pending on 1 January.</param>
    /// <param name="stock">The stock.</param>
    /// <param name="leases">The leases that can be counted.</param>
    /// <param name="records">Allocation records read, counted or not.</param>
    /// <param name="problems">Records that cannot be counted, with why.</param>
    /// <param name="mobilisableCapacity">The mobilisable capacity the rebalancing indicators compare to, null when unknown.</param>
    /// <param name="files">Input files, for traceability.</param>
    /// <param name="capacitySource">Where the mobilisable capacity comes from; default: computed from the stock as <c>cia capacity</c> does.</param>
    /// <param name="notes">What the figures rest on that a reader must know (a simulated year's moved dates, carried-forward ceilings), in English.</param>
    /// <param name="registeredOn">The date of first registration of a demand row, when not the demand's own (a simulated year moves them).</param>
    public ReportInput(
        HouseholdClassifier households,
        ClassificationYear classificationYear,
        DwellingClassifier dwellings,
        DemandTable demand,
        StockTable stock,
        ImmutableArray<ReportLease> leases,
        int records,
        ImmutableArray<AllocationProblem> problems,
        int? mobilisableCapacity,
        ImmutableArray<InputFile> files,
        Func<int, DateOnly>? registeredOn = null,
        string? capacitySource = null,
        IReadOnlyList<string>? notes = null)
    {
        _registeredOn = registeredOn;
        Notes = notes is null ? [] : [.. notes];
        CapacitySource = capacitySource ?? "computed from the stock and programmes as cia capacity does (CIA Annexe 1)";
        Households = households ?? throw new ArgumentNullException(nameof(households));
        ClassificationYear = classificationYear ?? throw new ArgumentNullException(nameof(classificationYear));
        Dwellings = dwellings ?? throw new ArgumentNullException(nameof(dwellings));
        Demand = demand ?? throw new ArgumentNullException(nameof(demand));
        Stock = stock ?? throw new ArgumentNullException(nameof(stock));
        Leases = leases;
        Records = records;
        Problems = problems.IsDefault ? [] : problems;
        MobilisableCapacity = mobilisableCapacity;
        Files = files.IsDefault ? [] : files;
    }

    private readonly Func<int, DateOnly>? _registeredOn;

    /// <summary>The date of first registration of a demand row (moved as the simulator moves it, for a simulated year).</summary>
    public DateOnly RegisteredOn(int demandRow) => _registeredOn?.Invoke(demandRow) ?? Demand.RegisteredOn(demandRow);

    /// <summary>The policy.</summary>
    public CiaPolicy Policy => Households.Policy;

    /// <summary>The dated parameters.</summary>
    public ParameterSet Parameters => Households.Parameters;

    /// <summary>The household classifier.</summary>
    public HouseholdClassifier Households { get; }

    /// <summary>The year's thresholds and ceilings.</summary>
    public ClassificationYear ClassificationYear { get; }

    /// <summary>The year reported on.</summary>
    public int Year => ClassificationYear.Year;

    /// <summary>The dwelling classifier.</summary>
    public DwellingClassifier Dwellings { get; }

    /// <summary>The demand.</summary>
    public DemandTable Demand { get; }

    /// <summary>The stock.</summary>
    public StockTable Stock { get; }

    /// <summary>The leases counted.</summary>
    public ImmutableArray<ReportLease> Leases { get; }

    /// <summary>Allocation records read, counted or not.</summary>
    public int Records { get; }

    /// <summary>Records that cannot be counted.</summary>
    public ImmutableArray<AllocationProblem> Problems { get; }

    /// <summary>The mobilisable capacity, null when unknown.</summary>
    public int? MobilisableCapacity { get; }

    /// <summary>Input files, for traceability.</summary>
    public ImmutableArray<InputFile> Files { get; }

    /// <summary>What the figures rest on that a reader must know, for traceability.</summary>
    public ImmutableArray<string> Notes { get; }

    /// <summary>Where the mobilisable capacity comes from, for traceability.</summary>
    public string CapacitySource { get; }

    /// <summary>The inputs of a report on allocation records: the usable leases of the check; the others are kept as problems, never dropped silently.</summary>
    /// <param name="allocations">The leases.</param>
    /// <param name="check">Their check against the demand, the stock and the year.</param>
    /// <param name="demand">The demand.</param>
    /// <param name="stock">The stock.</param>
    /// <param name="households">The household classifier.</param>
    /// <param name="year">The year's thresholds and ceilings.</param>
    /// <param name="dwellings">The dwelling classifier.</param>
    /// <param name="mobilisableCapacity">The mobilisable capacity, null when unknown.</param>
    /// <param name="files">Input files, for traceability.</param>
    /// <param name="capacitySource">Where the capacity comes from, when not computed from the stock.</param>
    public static ReportInput FromAllocations(
        AllocationTable allocations,
        AllocationCheck check,
        DemandTable demand,
        StockTable stock,
        HouseholdClassifier households,
        ClassificationYear year,
        DwellingClassifier dwellings,
        int? mobilisableCapacity,
        ImmutableArray<InputFile> files,
        string? capacitySource = null)
    {
        ArgumentNullException.ThrowIfNull(allocations);
        ArgumentNullException.ThrowIfNull(check);
        var leases = ImmutableArray.CreateBuilder<ReportLease>(check.UsableCount);
        for (var row = 0; row < allocations.Count; row++)
        {
            if (check.IsUsable(row))
            {
                var application = check.ApplicationRowOf(row);
                leases.Add(new ReportLease(application, application, check.DwellingRowOf(row), allocations.LeaseSignedOn(row), allocations.ReservataireOf(row)));
            }
        }

        return new ReportInput(households, year, dwellings, demand, stock, leases.MoveToImmutable(), allocations.Count, check.Problems, mobilisableCapacity, files, capacitySource: capacitySource);
    }

    /// <summary>The inputs of a report on a simulated year: every simulated lease counts (the simulator makes no faulty record).</summary>
    public static ReportInput FromSimulation(SimulationResult result, int? mobilisableCapacity, ImmutableArray<InputFile> files)
    {
        ArgumentNullException.ThrowIfNull(result);
        var territory = result.Territory;
        var demandCount = territory.Demand.Count;
        var leases = ImmutableArray.CreateBuilder<ReportLease>(result.Leases.Length);
        foreach (var l in result.Leases)
        {
            leases.Add(new ReportLease(result.SourceRow(l.Application), l.Application < demandCount ? l.Application : -1, l.Dwelling, l.SignedOn, l.Reservataire));
        }

        return new ReportInput(territory.Households, territory.ClassificationYear, territory.Dwellings, territory.Demand, territory.Stock,
            leases.MoveToImmutable(), result.Leases.Length, [], mobilisableCapacity, files, result.RegisteredOn, notes: territory.Notes);
    }
}
