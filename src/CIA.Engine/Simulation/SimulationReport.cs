using System.Collections.Immutable;
using CIA.Engine.Domain;
using CIA.Engine.Targets;

namespace CIA.Engine.Simulation;

/// <summary>What an indicator's value measures, so that it can be shown (a share as a percentage) and averaged.</summary>
public enum IndicatorUnit
{
    /// <summary>A number of applications, vacancies, leases, refusals or chains.</summary>
    [Token("count")] Count,

    /// <summary>A share, 0 to 1.</summary>
    [Token("share")] Share,

    /// <summary>A duration in months (30.4375 days).</summary>
    [Token("months")] Months,
}

/// <summary>One figure of a simulated year, named so that runs can be compared and averaged (docs/formats.md lists them).</summary>
/// <param name="Name">What is measured, e.g. <c>leases</c>, <c>wait_mean_months</c>, <c>target_share</c>.</param>
/// <param name="Group">Which part, e.g. <c>quartile_1</c>, a target id, <c>cia-priority-share/landlord</c>; empty for the whole year.</param>
/// <param name="Value">The value; NaN when undefined (a share of no allocation, a wait of nobody housed).</param>
/// <param name="Unit">What the value measures.</param>
public sealed record SimulationIndicator(string Name, string Group, double Value, IndicatorUnit Unit);

/// <summary>Vacancies left unfilled for one reason.</summary>
/// <param name="Reason">The reason.</param>
/// <param name="Vacancies">How many.</param>
public sealed record UnfilledCount(UnfilledReason Reason, int Vacancies);

/// <summary>
/// A simulated year made ready to show and write: the attainment of every target against the mobilisable capacity,
/// waiting times, unfilled vacancies by reason and the year's indicators, each computed once.
/// </summary>
public sealed class SimulationReport
{
    private SimulationReport(SimulationResult result, int? mobilisableCapacity, ImmutableArray<ReachableShare> reachable)
    {
        Result = result;
        MobilisableCapacity = mobilisableCapacity;
        Reachable = reachable.IsDefault ? [] : reachable;
        Targets = result.Targets(mobilisableCapacity);
        WaitingTimes = result.WaitingTimes();
        var unfilled = new int[Enum.GetValues<UnfilledReason>().Length];
        foreach (var u in result.Unfilled)
        {
            unfilled[(int)u.Reason]++;
        }

        UnfilledByReason = [.. Enum.GetValues<UnfilledReason>().Select(r => new UnfilledCount(r, unfilled[(int)r]))];
        Indicators = BuildIndicators();
    }

    /// <summary>The simulated year.</summary>
    public SimulationResult Result { get; }

    /// <summary>The reference figure of the indicators that compare to it (<c>compare_to: mobilisable_capacity</c>); null when unknown.</summary>
    public int? MobilisableCapacity { get; }

    /// <summary>The attainment of every target, in policy order.</summary>
    public ImmutableArray<TargetResult> Targets { get; }

    /// <summary>Waiting times of the housed by group (<see cref="SimulationResult.WaitingTimes"/>).</summary>
    public ImmutableArray<WaitingTime> WaitingTimes { get; }

    /// <summary>Unfilled vacancies by reason, every reason listed (0 included), in the enum's order.</summary>
    public ImmutableArray<UnfilledCount> UnfilledByReason { get; }

    /// <summary>The attainability bound of every target figure, when it was computed (empty otherwise).</summary>
    public ImmutableArray<ReachableShare> Reachable { get; }

    /// <summary>The year's indicators, in a fixed order (docs/formats.md).</summary>
    public ImmutableArray<SimulationIndicator> Indicators { get; }

    /// <summary>Reports on a simulated year.</summary>
    /// <param name="result">The year.</param>
    /// <param name="mobilisableCapacity">The mobilisable capacity computed from the same stock with the same classifier (<see cref="Stock.CapacityCalculator"/>), null when unknown.</param>
    public static SimulationReport Of(SimulationResult result, int? mobilisableCapacity)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new SimulationReport(result, mobilisableCapacity, []);
    }

    /// <summary>Reports on a simulated year with the attainability bound of its targets (indicators <c>target_reachable_share</c>).</summary>
    /// <param name="result">The year.</param>
    /// <param name="mobilisableCapacity">As for <see cref="Of(SimulationResult, int?)"/>.</param>
    /// <param name="reachable">The bound of the year's target figures (<c>CIA.Engine.Attainability</c>).</param>
    public static SimulationReport Of(SimulationResult result, int? mobilisableCapacity, ImmutableArray<ReachableShare> reachable)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new SimulationReport(result, mobilisableCapacity, reachable);
    }

    /// <summary>A waiting-time group as an indicator group: <c>quartile 1</c> → <c>quartile_1</c>.</summary>
    public static string GroupToken(string group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.Replace(' ', '_');
    }

    private ImmutableArray<SimulationIndicator> BuildIndicators()
    {
        var c = Result.Counts;
        var list = ImmutableArray.CreateBuilder<SimulationIndicator>();
        void Count(string name, double value, string group = "") => list.Add(new SimulationIndicator(name, group, value, IndicatorUnit.Count));
        Count("waiting_at_start", c.Waiting);
        Count("arrivals", c.Arrivals);
        Count("lapsed", c.Lapsed);
        Count("vacancies", c.Vacancies);
        Count("chain_vacancies", c.ChainVacancies);
        Count("skipped_chains", c.SkippedChains);
        Count("leases", c.Leases);
        Count("unfilled", Result.Unfilled.Length);
        foreach (var u in UnfilledByReason)
        {
            Count("unfilled_by_reason", u.Vacancies, Tokens<UnfilledReason>.Format(u.Reason));
        }

        Count("refusals", c.Refusals);
        Count("fallbacks", c.Fallbacks);
        Count("waiting_at_end", c.WaitingAtEnd);
        Count("signed_after_year", c.SignedAfterYear);
        Count("mean_queue", c.MeanQueue);
        list.Add(new SimulationIndicator("satisfaction_rate", "", c.SatisfactionRate, IndicatorUnit.Share));
        foreach (var w in WaitingTimes)
        {
            Count("housed", w.Housed, GroupToken(w.Group));
        }

        foreach (var w in WaitingTimes)
        {
            list.Add(new SimulationIndicator("wait_mean_months", GroupToken(w.Group), w.MeanMonths, IndicatorUnit.Months));
        }

        foreach (var w in WaitingTimes)
        {
            list.Add(new SimulationIndicator("wait_median_months", GroupToken(w.Group), w.MedianMonths, IndicatorUnit.Months));
        }

        for (var length = 1; length < Result.ChainLengths.Length; length++)
        {
            Count("chains_by_length", Result.ChainLengths[length], length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var t in Targets)
        {
            list.Add(new SimulationIndicator("target_share", t.Target.Id, Share(t.Overall), IndicatorUnit.Share));
            foreach (var r in t.ByReservataire)
            {
                list.Add(new SimulationIndicator("target_share", t.Target.Id + "/" + Tokens<Reservataire>.Format(r.Reservataire), Share(r.Figure), IndicatorUnit.Share));
            }

            if (t.ShareOfReference is { } ofReference)
            {
                list.Add(new SimulationIndicator("target_share_of_capacity", t.Target.Id, (double)ofReference, IndicatorUnit.Share));
            }
        }

        foreach (var r in Reachable)
        {
            list.Add(new SimulationIndicator("target_reachable_share", r.Group, r.Share, IndicatorUnit.Share));
        }

        return list.ToImmutable();
    }

    private static double Share(TargetFigure figure) => figure.Share is { } s ? (double)s : double.NaN;
}
