using System.Collections.Immutable;
using System.Globalization;
using CIA.Engine.Domain;
using CIA.Engine.Policy;

namespace CIA.Engine.Targets;

/// <summary>Where a figure stands against its target's bounds.</summary>
public enum TargetStatus
{
    /// <summary>The denominator is empty: no allocation to judge.</summary>
    [Token("no_allocations")] NoAllocations,

    /// <summary>A minimum or maximum target is met (the bound itself included).</summary>
    [Token("met")] Met,

    /// <summary>A minimum or maximum target is not met.</summary>
    [Token("not_met")] NotMet,

    /// <summary>A band's share is below its lower bound.</summary>
    [Token("below")] Below,

    /// <summary>A band's share is within its bounds (both included).</summary>
    [Token("within")] Within,

    /// <summary>A band's share is above its upper bound: the band is something to tend towards, so this is not a miss.</summary>
    [Token("above")] Above,

    /// <summary>An indicator: reported, with no pass or fail.</summary>
    [Token("indicator")] Indicator,
}

/// <summary>
/// One figure of a target: numerator over denominator, the exact share, the target's bounds and the status.
/// </summary>
/// <param name="Numerator">Allocations counted by the measure.</param>
/// <param name="Denominator">Allocations in the target's scope.</param>
/// <param name="Share">Numerator ÷ denominator, null when the denominator is 0. Decimal, for display: the status compares exactly (see <see cref="Of"/>).</param>
/// <param name="Min">The target's lower bound, if any.</param>
/// <param name="Max">The target's upper bound, if any.</param>
/// <param name="Status">Where the figure stands.</param>
public sealed record TargetFigure(int Numerator, int Denominator, decimal? Share, Rate? Min, Rate? Max, TargetStatus Status)
{
    /// <summary>
    /// The figure of a numerator and denominator under a target's bounds. The bounds are compared by
    /// cross-multiplication, numerator ≥ min × denominator, in decimal, which is exact for any bound written with
    /// up to 28 digits: 25 of 100 against 0.25 is met, with no rounding of a share in between.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative counts, or a numerator above the denominator.</exception>
    public static TargetFigure Of(AllocationTarget target, int numerator, int denominator)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfNegative(numerator);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(numerator, denominator);
        decimal? share = denominator == 0 ? null : (decimal)numerator / denominator;
        return new TargetFigure(numerator, denominator, share, target.Min, target.Max, StatusOf(target, numerator, denominator));
    }

    private static TargetStatus StatusOf(AllocationTarget target, int numerator, int denominator)
    {
        if (denominator == 0)
        {
            return TargetStatus.NoAllocations;
        }

        decimal n = numerator;
        var atLeastMin = target.Min is not { } min || n >= min.Fraction * denominator;
        var atMostMax = target.Max is not { } max || n <= max.Fraction * denominator;
        return target.Kind switch
        {
            TargetKind.Minimum or TargetKind.Maximum => atLeastMin && atMostMax ? TargetStatus.Met : TargetStatus.NotMet,
            TargetKind.Band => !atLeastMin ? TargetStatus.Below : !atMostMax ? TargetStatus.Above : TargetStatus.Within,
            _ => TargetStatus.Indicator,
        };
    }

    /// <summary>E.g. <c>25 / 100 = 25 % (≥ 25 %): met</c>.</summary>
    public override string ToString()
    {
        var share = Share is { } s ? $" = {(s * 100m).ToString("0.##", CultureInfo.InvariantCulture)} %" : string.Empty;
        var bounds = (Min, Max) switch
        {
            ({ } lo, { } hi) => $" ({lo}–{hi})",
            ({ } lo, null) => $" (≥ {lo})",
            (null, { } hi) => $" (≤ {hi})",
            _ => string.Empty,
        };
        return $"{Numerator} / {Denominator}{share}{bounds}: {Tokens<TargetStatus>.Format(Status).Replace('_', ' ')}";
    }
}

/// <summary>A target's figure for one réservataire, when the target is judged <c>per: reservataire</c>.</summary>
/// <param name="Reservataire">The réservataire.</param>
/// <param name="Figure">Its figure and status.</param>
public sealed record ReservataireFigure(Reservataire Reservataire, TargetFigure Figure);

/// <summary>One row of a target's breakdown.</summary>
/// <param name="Dimension">The breakdown (total, réservataire, landlord, commune, QPV): one flag of <see cref="TargetBreakdown"/>.</param>
/// <param name="Key">The key: the réservataire's enum value, the caller's dense id for landlord, commune or QPV, −1 for allocations without one (outside QPV for the QPV breakdown); 0 for the total.</param>
/// <param name="Name">The key's name: the réservataire's token, the caller's name for an id, "total", or "none"/"outside QPV" for −1.</param>
/// <param name="Figure">The row's figure, with its status against the target's bounds (for information: the target binds the level it is set at).</param>
public sealed record BreakdownRow(TargetBreakdown Dimension, int Key, string Name, TargetFigure Figure);

/// <summary>A target's attainment on a set of allocations.</summary>
/// <param name="Target">The target.</param>
/// <param name="Overall">All allocations of the denominator together.</param>
/// <param name="ByReservataire">For <c>per: reservataire</c>, one figure per listed réservataire, in the listed order; empty otherwise.</param>
/// <param name="ReferenceFigure">For an indicator: the reference figure it is reported against (the mobilisable capacity), when given.</param>
/// <param name="ShareOfReference">For an indicator: the numerator ÷ the reference figure, when that is known and above 0.</param>
/// <param name="Breakdown">The rows of the requested breakdowns, in the order total, réservataire, landlord, commune, QPV, each by ascending key with −1 last.</param>
public sealed record TargetResult(
    AllocationTarget Target,
    TargetFigure Overall,
    ImmutableArray<ReservataireFigure> ByReservataire,
    int? ReferenceFigure,
    decimal? ShareOfReference,
    ImmutableArray<BreakdownRow> Breakdown)
{
    /// <summary>The target's kind.</summary>
    public TargetKind Kind => Target.Kind;
}

/// <summary>The keys an allocation is broken down by: the réservataire of imputation and dense ids (−1 when none).</summary>
/// <param name="Reservataire">The réservataire of imputation.</param>
/// <param name="Landlord">The landlord's dense id (0, 1, 2…), −1 when unknown.</param>
/// <param name="Commune">The commune's dense id, −1 when unknown.</param>
/// <param name="Qpv">The QPV's dense id, −1 outside QPV.</param>
public readonly record struct BreakdownKeys(Reservataire Reservataire, int Landlord, int Commune, int Qpv);

/// <summary>Resolves a dense id of a breakdown (landlord, commune or QPV) to the name shown in results.</summary>
/// <param name="dimension"><see cref="TargetBreakdown.Landlord"/>, <see cref="TargetBreakdown.Commune"/> or <see cref="TargetBreakdown.Qpv"/>.</param>
/// <param name="id">The id, 0 or more.</param>
public delegate string BreakdownName(TargetBreakdown dimension, int id);
