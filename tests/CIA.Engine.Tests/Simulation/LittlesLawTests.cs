using CIA.Engine.Domain;
using CIA.Engine.Simulation;
using Xunit;

namespace CIA.Engine.Tests.Simulation;

/// <summary>
/// A textbook check. In a steady state, the mean number waiting L, the throughput X and the mean time in the queue W
/// satisfy L = X × W (Little's law). Built so that the queue starts in its steady state: two dwellings fall vacant every
/// day; 364 applicants registered two a day over the half-year before 1 January; new applications arrive at that same
/// rate (the six-month look-back); everyone is eligible for every dwelling, nobody refuses or lapses.
/// </summary>
public sealed class LittlesLawTests
{
    [Fact]
    public void Mean_wait_is_mean_queue_over_throughput()
    {
        var t = new SimTerritory();
        t.Options = t.Options with { ArrivalLookbackMonths = 6, Cal = t.Options.Cal with { SittingDays = 0, LeaseDays = 0 } };
        for (var i = 0; i < 730; i++)
        {
            t.Dwelling($"D{i:000}", i / 2, rooms: 1, rent: 250m);
        }

        var start = new DateOnly(2025, 7, 3);
        for (var i = 0; i < 364; i++)
        {
            t.Applicant($"A{i:000}", start.AddDays(i / 2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), persons: 1, monthly: 1500m, tax: 15000m);
        }

        var result = Simulator.Run(t.Build(), 7);

        // The commission sits and the lease is signed on the day of the vacancy, so that service runs from 1 January;
        // time in the queue runs from registration to the lease.
        var leases = result.Leases;
        var wait = leases.Average(l => l.SignedOn.DayNumber - result.RegisteredOn(l.Application).DayNumber);
        var throughput = leases.Length / 365.0;
        var littles = result.Counts.MeanQueue / throughput;

        result.Counts.Arrivals.ShouldBeInRange(650, 800);                  // about 728 a year expected
        wait.ShouldBeInRange(150, 250);                                    // about 364 waiting / 2 a day = 182 days (a run gives W = 180.9, L / X = 362.3 / 2 = 181.1)
        Math.Abs(wait - littles).ShouldBeLessThan(0.02 * wait, $"W = {wait:0.0} days, L / X = {result.Counts.MeanQueue:0.0} / {throughput:0.000} = {littles:0.0} days");
    }
}
