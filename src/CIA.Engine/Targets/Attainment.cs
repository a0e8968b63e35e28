using CIA.Engine.Classification;
using CIA.Engine.Policy;
using CIA.Engine.Stock;
using CIA.Engine.Tables;

namespace CIA.Engine.Targets;

/// <summary>
/// Counts a year's leases for the policy's targets: each usable lease of a checked <see cref="AllocationTable"/> is
/// classified — its household by the <see cref="HouseholdClassifier"/> with the year's thresholds, its dwelling by the
/// <see cref="DwellingClassifier"/> with the APL ceilings in force on the lease date — and evaluated by the
/// <see cref="TargetEvaluator"/>, broken down by the dwelling's landlord, commune and QPV. The seam between allocation
/// records (real or simulated) and the annual report.
/// </summary>
public static class Attainment
{
    /// <summary>Tallies every usable lease (<see cref="AllocationCheck.IsUsable"/>); leases that cannot be counted are left to the caller to report.</summary>
    public static TargetTally Tally(
        AllocationTable allocations,
        AllocationCheck check,
        DemandTable demand,
        StockInputs stock,
        HouseholdClassifier households,
        ClassificationYear year,
        DwellingClassifier dwellings,
        TargetEvaluator evaluator)
    {
        ArgumentNullException.ThrowIfNull(allocations);
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(stock);
        ArgumentNullException.ThrowIfNull(households);
        ArgumentNullException.ThrowIfNull(dwellings);
        ArgumentNullException.ThrowIfNull(evaluator);
        var tally = evaluator.CreateTally();
        var dates = new Dictionary<int, DwellingDate>(); // one resolution per lease date: ceilings change on 1 October
        var table = stock.Table;
        for (var row = 0; row < allocations.Count; row++)
        {
            if (!check.IsUsable(row))
            {
                continue;
            }

            var day = allocations.LeaseSignedOn(row);
            if (!dates.TryGetValue(day.DayNumber, out var at))
            {
                at = dwellings.At(day);
                dates.Add(day.DayNumber, at);
            }

            var household = demand.Household(check.ApplicationRowOf(row));
            var dwellingRow = check.DwellingRowOf(row);
            var dwelling = stock.Of(dwellingRow);
            var facts = new AllocationFacts(households.Classify(in household, year), household.PrefectoralCriteria, household.UrbanRenewal,
                dwellings.Classify(in dwelling, at), allocations.ReservataireOf(row));
            tally.Add(in facts, table.LandlordOf(dwellingRow), table.CommuneOf(dwellingRow), table.QpvOf(dwellingRow));
        }

        return tally;
    }

    /// <summary>Names the landlord, commune and QPV ids of a stock table, for <see cref="TargetTally.Results"/>.</summary>
    public static BreakdownName Names(StockTable stock)
    {
        ArgumentNullException.ThrowIfNull(stock);
        return (dimension, id) => dimension switch
        {
            TargetBreakdown.Landlord => stock.Landlords[id],
            TargetBreakdown.Commune => stock.Communes[id].Value,
            TargetBreakdown.Qpv => stock.Qpvs[id],
            _ => id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
