using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using CIA.Engine.Domain;
using CIA.Engine.Policy;

namespace CIA.Engine.Targets;

/// <summary>
/// Counts a set of allocations (a calendar year's signed leases, or one simulated year) for each target of an
/// evaluator, overall, by réservataire and by the breakdown keys the targets ask for, then produces the
/// attainment of every target with <see cref="Results"/>. Counters are plain arrays indexed by the caller's
/// dense ids, so adding is cheap and the output order is fixed (never the order of a hash set).
/// </summary>
public sealed class TargetTally
{
    private static readonly int ReservataireCount = Enum.GetValues<Reservataire>().Max(r => (int)r) + 1;

    private readonly int _count;
    private readonly int[] _numerator;
    private readonly int[] _denominator;
    private readonly int[] _reservataireNumerator;
    private readonly int[] _reservataireDenominator;
    private readonly ulong _landlordTargets;
    private readonly ulong _communeTargets;
    private readonly ulong _qpvTargets;
    private readonly DenseCounts _landlords;
    private readonly DenseCounts _communes;
    private readonly DenseCounts _qpvs;

    /// <summary>An empty tally for an evaluator's targets.</summary>
    public TargetTally(TargetEvaluator evaluator)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        Evaluator = evaluator;
        _count = evaluator.Targets.Length;
        _numerator = new int[_count];
        _denominator = new int[_count];
        _reservataireNumerator = new int[ReservataireCount * _count];
        _reservataireDenominator = new int[ReservataireCount * _count];
        for (var i = 0; i < _count; i++)
        {
            var breakdown = evaluator.Targets[i].Breakdown;
            _landlordTargets |= breakdown.HasFlag(TargetBreakdown.Landlord) ? 1UL << i : 0;
            _communeTargets |= breakdown.HasFlag(TargetBreakdown.Commune) ? 1UL << i : 0;
            _qpvTargets |= breakdown.HasFlag(TargetBreakdown.Qpv) ? 1UL << i : 0;
        }

        _landlords = new DenseCounts(_count);
        _communes = new DenseCounts(_count);
        _qpvs = new DenseCounts(_count);
    }

    /// <summary>The evaluator whose targets are counted.</summary>
    public TargetEvaluator Evaluator { get; }

    /// <summary>How many allocations were added (whether or not any target counts them).</summary>
    public int Allocations { get; private set; }

    /// <summary>Adds one allocation's hits with its breakdown keys. Allocates only when an id higher than any seen before grows the counters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A réservataire outside the enum, or an id below −1.</exception>
    public void Add(TargetHits hits, in BreakdownKeys keys)
    {
        var r = (int)keys.Reservataire;
        if ((uint)r >= (uint)ReservataireCount)
        {
            throw new ArgumentOutOfRangeException(nameof(keys), keys.Reservataire, "Not a réservataire.");
        }

        CheckId(keys.Landlord, "landlord");
        CheckId(keys.Commune, "commune");
        CheckId(keys.Qpv, "QPV");
        Allocations++;

        var denominator = hits.InDenominator;
        if (_count < 64)
        {
            denominator &= (1UL << _count) - 1; // bits beyond the targets mean nothing
        }

        var numerator = hits.InNumerator & denominator;
        var bits = denominator;
        while (bits != 0)
        {
            var t = BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
            var inNumerator = (numerator & (1UL << t)) != 0 ? 1 : 0;
            _denominator[t]++;
            _numerator[t] += inNumerator;
            _reservataireDenominator[(r * _count) + t]++;
            _reservataireNumerator[(r * _count) + t] += inNumerator;
            var bit = 1UL << t;
            if ((_landlordTargets & bit) != 0)
            {
                _landlords.Add(keys.Landlord, t, inNumerator);
            }

            if ((_communeTargets & bit) != 0)
            {
                _communes.Add(keys.Commune, t, inNumerator);
            }

            if ((_qpvTargets & bit) != 0)
            {
                _qpvs.Add(keys.Qpv, t, inNumerator);
            }
        }
    }

    /// <summary>The running numerator and denominator of a target, overall or for one réservataire of imputation.</summary>
    internal (int Numerator, int Denominator) Running(int target, Reservataire? reservataire = null) => reservataire is { } r
        ? (_reservataireNumerator[((int)r * _count) + target], _reservataireDenominator[((int)r * _count) + target])
        : (_numerator[target], _denominator[target]);

    /// <summary>Evaluates one allocation and adds it, its réservataire of imputation taken from the facts.</summary>
    /// <returns>The allocation's hits.</returns>
    internal TargetHits Add(in AllocationFacts facts, int landlord, int commune, int qpv)
    {
        var hits = Evaluator.Evaluate(in facts);
        Add(hits, new BreakdownKeys(facts.Reservataire, landlord, commune, qpv));
        return hits;
    }

    /// <summary>The attainment of every target, in policy order.</summary>
    /// <param name="mobilisableCapacity">
    /// The reference figure of the indicators (<c>compare_to: mobilisable_capacity</c>): the CIA's 1 241 a year
    /// (<see cref="Stock.CapacityCalculator.FromDiagnosis"/>) or one computed from a stock file; null when unknown.
    /// </param>
    /// <param name="names">Names of the landlord, commune and QPV ids; without it, rows are named by their id.</param>
    public ImmutableArray<TargetResult> Results(int? mobilisableCapacity = null, BreakdownName? names = null)
    {
        if (mobilisableCapacity is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(mobilisableCapacity), mobilisableCapacity, "The mobilisable capacity cannot be negative.");
        }

        var results = ImmutableArray.CreateBuilder<TargetResult>(_count);
        for (var t = 0; t < _count; t++)
        {
            var target = Evaluator.Targets[t];
            var overall = TargetFigure.Of(target, _numerator[t], _denominator[t]);

            var byReservataire = ImmutableArray<ReservataireFigure>.Empty;
            if (target.Per == TargetPer.Reservataire)
            {
                var figures = ImmutableArray.CreateBuilder<ReservataireFigure>(target.Reservataires.Length);
                foreach (var r in target.Reservataires)
                {
                    var i = ((int)r * _count) + t;
                    figures.Add(new ReservataireFigure(r, TargetFigure.Of(target, _reservataireNumerator[i], _reservataireDenominator[i])));
                }

                byReservataire = figures.MoveToImmutable();
            }

            int? reference = null;
            decimal? shareOfReference = null;
            if (target.CompareTo == TargetComparison.MobilisableCapacity && mobilisableCapacity is { } capacity)
            {
                reference = capacity;
                shareOfReference = capacity > 0 ? (decimal)_numerator[t] / capacity : null;
            }

            results.Add(new TargetResult(target, overall, byReservataire, reference, shareOfReference, Rows(target, t, overall, names)));
        }

        return results.MoveToImmutable();
    }

    private ImmutableArray<BreakdownRow> Rows(AllocationTarget target, int t, TargetFigure overall, BreakdownName? names)
    {
        var rows = ImmutableArray.CreateBuilder<BreakdownRow>();
        if (target.Breakdown.HasFlag(TargetBreakdown.Total))
        {
            rows.Add(new BreakdownRow(TargetBreakdown.Total, 0, "total", overall));
        }

        if (target.Breakdown.HasFlag(TargetBreakdown.Reservataire))
        {
            for (var r = 0; r < ReservataireCount; r++)
            {
                var i = (r * _count) + t;
                if (_reservataireDenominator[i] > 0)
                {
                    var reservataire = (Reservataire)r;
                    var name = reservataire == Reservataire.None ? "none" : Tokens<Reservataire>.Format(reservataire);
                    rows.Add(new BreakdownRow(TargetBreakdown.Reservataire, r, name, TargetFigure.Of(target, _reservataireNumerator[i], _reservataireDenominator[i])));
                }
            }
        }

        AddDense(rows, target, t, TargetBreakdown.Landlord, _landlords, "none", names);
        AddDense(rows, target, t, TargetBreakdown.Commune, _communes, "none", names);
        AddDense(rows, target, t, TargetBreakdown.Qpv, _qpvs, "outside QPV", names);
        return rows.ToImmutable();
    }

    private static void AddDense(ImmutableArray<BreakdownRow>.Builder rows, AllocationTarget target, int t, TargetBreakdown dimension, DenseCounts counts, string noneName, BreakdownName? names)
    {
        if (!target.Breakdown.HasFlag(dimension))
        {
            return;
        }

        for (var id = 0; id < counts.Keys - 1; id++)
        {
            var (numerator, denominator) = counts.Get(id, t);
            if (denominator > 0)
            {
                var name = names?.Invoke(dimension, id) ?? id.ToString(CultureInfo.InvariantCulture);
                rows.Add(new BreakdownRow(dimension, id, name, TargetFigure.Of(target, numerator, denominator)));
            }
        }

        // Allocations without a key (outside QPV, unknown landlord or commune) form one row, last.
        var (n, d) = counts.Get(-1, t);
        if (d > 0)
        {
            rows.Add(new BreakdownRow(dimension, -1, noneName, TargetFigure.Of(target, n, d)));
        }
    }

    private static void CheckId(int id, string what)
    {
        if (id < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"A {what} id is 0 or more, or −1 when there is none.");
        }
    }

    /// <summary>Numerator and denominator per (id, target), id −1 in slot 0, grown by doubling as higher ids come.</summary>
    private sealed class DenseCounts(int targets)
    {
        private int[] _numerator = [];
        private int[] _denominator = [];

        /// <summary>Slots in use: the highest id seen + 2 (slot 0 is id −1).</summary>
        public int Keys { get; private set; }

        public void Add(int id, int target, int inNumerator)
        {
            var slot = id + 1;
            if (slot >= Keys)
            {
                Keys = slot + 1;
                var needed = Keys * targets;
                if (needed > _denominator.Length)
                {
                    var size = Math.Max(needed, _denominator.Length * 2);
                    Array.Resize(ref _numerator, size);
                    Array.Resize(ref _denominator, size);
                }
            }

            var i = (slot * targets) + target;
            _denominator[i]++;
            _numerator[i] += inNumerator;
        }

        public (int Numerator, int Denominator) Get(int id, int target)
        {
            var slot = id + 1;
            if (slot >= Keys)
            {
                return (0, 0);
            }

            var i = (slot * targets) + target;
            return (_numerator[i], _denominator[i]);
        }
    }
}
