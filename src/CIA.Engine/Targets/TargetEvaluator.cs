using System.Collections.Immutable;
using System.Numerics;
using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.Policy;
using CIA.Engine.Stock;

namespace CIA.Engine.Targets;

/// <summary>
/// Where one allocation counts: bit <c>i</c> of <see cref="InDenominator"/> is set when the allocation is in the
/// denominator of target <c>i</c> (policy order), and of <see cref="InNumerator"/> when it is also in its numerator.
/// </summary>
/// <param name="InDenominator">Targets whose denominator counts the allocation.</param>
/// <param name="InNumerator">Targets whose numerator counts it (always within <paramref name="InDenominator"/>).</param>
public readonly record struct TargetHits(ulong InDenominator, ulong InNumerator)
{
    /// <summary>Whether the allocation is in the denominator of the target at an index.</summary>
    public bool CountsIn(int target) => (InDenominator & (1UL << target)) != 0;

    /// <summary>Whether the allocation is in the numerator of the target at an index.</summary>
    public bool CountsInNumeratorOf(int target) => (InNumerator & (1UL << target)) != 0;

    /// <summary>How many targets count the allocation in their denominator.</summary>
    public int DenominatorCount => BitOperations.PopCount(InDenominator);
}

/// <summary>Whether and why one allocation counts in one target.</summary>
/// <param name="Target">The target.</param>
/// <param name="InDenominator">The allocation is in the target's denominator.</param>
/// <param name="InNumerator">It is in its numerator.</param>
/// <param name="Reason">Why, in plain words.</param>
public sealed record TargetExplanation(AllocationTarget Target, bool InDenominator, bool InNumerator, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Target.Id}: {Reason} ({Target.Reference})";
}

/// <summary>
/// Evaluates a policy's allocation targets on one allocation at a time. Build once per policy: the targets are
/// compiled to a plain array at construction, so <see cref="Evaluate"/> can be called for every allocation of a
/// year (or of many simulated years) without allocating. <see cref="Explain"/> says why, when a person asks.
/// Feed the hits to a <see cref="TargetTally"/> to get attainment.
/// </summary>
/// <example>
/// <code>
/// var evaluator = new TargetEvaluator(PolicyLoader.LoadDefault());
/// var tally = evaluator.CreateTally();
/// foreach (var allocation in year) tally.Add(evaluator.Evaluate(in allocation.Facts), allocation.Keys);
/// var results = tally.Results(mobilisableCapacity: 1241, names);
/// </code>
/// </example>
/// <remarks>Thread-safe: immutable once built (its targets are compiled in the constructor).</remarks>
public sealed class TargetEvaluator
{
    private readonly CompiledTarget[] _targets;

    /// <summary>Compiles the targets of a policy.</summary>
    /// <exception cref="PolicyException">The policy is not valid (among others: more than 64 targets).</exception>
    public TargetEvaluator(CiaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var problems = PolicyValidator.Validate(policy);
        if (problems.Count > 0)
        {
            throw new PolicyException(policy.Name, problems);
        }

        Policy = policy;
        Targets = policy.Targets;
        _targets = new CompiledTarget[Targets.Length];
        for (var i = 0; i < Targets.Length; i++)
        {
            _targets[i] = CompiledTarget.Of(Targets[i]);
        }
    }

    /// <summary>The policy.</summary>
    public CiaPolicy Policy { get; }

    /// <summary>The targets, in policy order: target <c>i</c> is bit <c>i</c> of <see cref="TargetHits"/>.</summary>
    public ImmutableArray<AllocationTarget> Targets { get; }

    /// <summary>The index of a target by id.</summary>
    /// <exception cref="KeyNotFoundException">No target with that id.</exception>
    public int IndexOf(string id)
    {
        for (var i = 0; i < Targets.Length; i++)
        {
            if (string.Equals(Targets[i].Id, id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"The policy has no target '{id}'.");
    }

    /// <summary>Where one allocation counts, as two masks over the targets. Allocates nothing.</summary>
    internal TargetHits Evaluate(in AllocationFacts facts)
    {
        ulong denominator = 0;
        ulong numerator = 0;
        var targets = _targets;
        var reservataire = Bit((int)facts.Reservataire);
        var dwelling = facts.Dwelling;
        for (var i = 0; i < targets.Length; i++)
        {
            ref readonly var t = ref targets[i];
            if ((t.Reservataires & reservataire) == 0 || !InScope(t.Dwellings, in dwelling))
            {
                continue;
            }

            denominator |= 1UL << i;
            if (Counts(in t, in facts))
            {
                numerator |= 1UL << i;
            }
        }

        return new TargetHits(denominator, numerator);
    }

    /// <summary>
    /// The targets whose measure counts the allocation, whatever its scope: what the household (and, for the State-agent
    /// measure, the réservataire) brings to a numerator. <see cref="Evaluate"/>'s numerator is this within the denominator.
    /// </summary>
    internal ulong MeasureMask(in AllocationFacts facts)
    {
        ulong mask = 0;
        var targets = _targets;
        for (var i = 0; i < targets.Length; i++)
        {
            if (Counts(in targets[i], in facts))
            {
                mask |= 1UL << i;
            }
        }

        return mask;
    }

    /// <summary>For each target, in policy order: whether the allocation counts in its denominator and numerator, and why.</summary>
    internal ImmutableArray<TargetExplanation> Explain(in AllocationFacts facts)
    {
        var builder = ImmutableArray.CreateBuilder<TargetExplanation>(_targets.Length);
        var dwelling = facts.Dwelling;
        for (var i = 0; i < _targets.Length; i++)
        {
            ref readonly var t = ref _targets[i];
            var target = Targets[i];
            if ((t.Reservataires & Bit((int)facts.Reservataire)) == 0)
            {
                builder.Add(new TargetExplanation(target, false, false,
                    $"not counted: imputed to {Name(facts.Reservataire)}, not one of the target's réservataires ({string.Join(", ", target.Reservataires.Select(Name))})"));
                continue;
            }

            if (!InScope(t.Dwellings, in dwelling))
            {
                builder.Add(new TargetExplanation(target, false, false, $"not counted: {ScopeMiss(t.Dwellings, in dwelling)}"));
                continue;
            }

            var counts = Counts(in t, in facts);
            var denominator = $"in the denominator ({ScopeHit(t.Dwellings, in dwelling)}, imputed to {Name(facts.Reservataire)})";
            var reason = counts
                ? $"{denominator} and in the numerator: {MeasureReason(in t, in facts)}"
                : $"{denominator} but not in the numerator: {MeasureReason(in t, in facts)}";
            builder.Add(new TargetExplanation(target, true, counts, reason));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>A new, empty tally of this evaluator's targets.</summary>
    public TargetTally CreateTally() => new(this);

    private static uint Bit(int value) => (uint)value < 32 ? 1u << value : 0u;

    private static bool InScope(DwellingScope scope, in DwellingClassification d) => scope switch
    {
        DwellingScope.All => true,
        DwellingScope.OutsideQpv => !d.InQpv,
        DwellingScope.InQpv => d.InQpv,
        DwellingScope.NonFragileOutsideQpv => d.NonFragileOutsideQpv,
        DwellingScope.RebalancingStock => d.InRebalancingStock,
        _ => false,
    };

    private static bool Counts(in CompiledTarget t, in AllocationFacts f) => t.Measure switch
    {
        TargetMeasure.Priority => f.Household.IsPriority,
        TargetMeasure.PrefectoralCriteria => (f.PrefectoralCriteria & t.Criteria) != 0,
        TargetMeasure.FirstQuartileOrRelocated => f.Household.Quartile == 1 || (t.Relocations & Bit((int)f.UrbanRenewal)) != 0,
        TargetMeasure.QuartilesTwoToFour => f.Household.Quartile >= 2,
        TargetMeasure.TargetHousehold => f.Household.IsTargetHousehold,
        TargetMeasure.StateAgents => f.Reservataire == Reservataire.StateAgents,
        _ => false,
    };

    private static string Name(Reservataire r) =>
        r == Reservataire.None ? "no réservataire" : Enum.IsDefined(r) ? Tokens<Reservataire>.Format(r) : ((int)r).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Token(UrbanRenewal u) => Enum.IsDefined(u) ? Tokens<UrbanRenewal>.Format(u) : u.ToString();

    private static string ScopeHit(DwellingScope scope, in DwellingClassification d) => scope switch
    {
        DwellingScope.OutsideQpv => "dwelling outside QPV",
        DwellingScope.InQpv => "dwelling in a QPV",
        DwellingScope.NonFragileOutsideQpv => "dwelling outside QPV in a programme that does not count as fragile",
        DwellingScope.RebalancingStock => "dwelling outside QPV in a programme that does not count as fragile, rent "
            + (d.Accessible ? "accessible (within the APL ceiling)" : "potentially accessible (within the margin above the APL ceiling)"),
        _ => "any dwelling",
    };

    private static string ScopeMiss(DwellingScope scope, in DwellingClassification d) => scope switch
    {
        DwellingScope.OutsideQpv => "the dwelling is in a QPV; the target counts dwellings outside QPV",
        DwellingScope.InQpv => "the dwelling is outside QPV; the target counts dwellings in QPV",
        DwellingScope.NonFragileOutsideQpv or DwellingScope.RebalancingStock when d.InQpv =>
            "the dwelling is in a QPV; the target counts the non-fragile stock outside QPV",
        DwellingScope.NonFragileOutsideQpv or DwellingScope.RebalancingStock when d.CountsFragile =>
            $"the dwelling's programme counts as fragile ({Tokens<FragilityStatus>.Format(d.Fragility).Replace('_', ' ')}); the target counts the non-fragile stock outside QPV",
        DwellingScope.RebalancingStock =>
            "the rent is neither accessible nor potentially accessible (above the APL ceiling plus the margin); the target counts the accessible part of the non-fragile stock outside QPV",
        _ => "the dwelling is outside the target's scope",
    };

    private static string MeasureReason(in CompiledTarget t, in AllocationFacts f)
    {
        var h = f.Household;
        switch (t.Measure)
        {
            case TargetMeasure.Priority:
                return h.IsPriority ? $"a priority household (criteria: {Tokens<PriorityCriteria>.FormatFlags(h.Criteria)})" : "not a priority household";
            case TargetMeasure.PrefectoralCriteria:
                var met = f.PrefectoralCriteria & t.Criteria;
                if (met != PrefectoralCriteria.None)
                {
                    return $"meets {Tokens<PrefectoralCriteria>.FormatFlags(met)}";
                }

                return $"meets none of {Tokens<PrefectoralCriteria>.FormatFlags(t.Criteria)}"
                    + (f.PrefectoralCriteria == PrefectoralCriteria.None ? string.Empty : $" (declares {Tokens<PrefectoralCriteria>.FormatFlags(f.PrefectoralCriteria)})");
            case TargetMeasure.FirstQuartileOrRelocated:
                var relocated = (t.Relocations & Bit((int)f.UrbanRenewal)) != 0;
                if (h.Quartile == 1)
                {
                    return relocated ? $"1st-quartile household, relocated by urban renewal ({Token(f.UrbanRenewal)})" : "1st-quartile household";
                }

                if (relocated)
                {
                    return $"quartile {h.Quartile} household relocated by urban renewal ({Token(f.UrbanRenewal)})";
                }

                return f.UrbanRenewal == UrbanRenewal.None
                    ? $"quartile {h.Quartile} household, not relocated by urban renewal"
                    : $"quartile {h.Quartile} household; relocated by urban renewal ({Token(f.UrbanRenewal)}), a kind the target does not count";
            case TargetMeasure.QuartilesTwoToFour:
                return $"quartile {h.Quartile} household";
            case TargetMeasure.TargetHousehold:
                return h.IsTargetHousehold ? "a ménage cible" : "not a ménage cible";
            case TargetMeasure.StateAgents:
                return f.Reservataire == Reservataire.StateAgents
                    ? "imputed to the State agents' share"
                    : $"imputed to {Name(f.Reservataire)}, not to the State agents' share";
            default:
                return "unknown measure";
        }
    }

    /// <summary>A target reduced to what evaluation reads: enums and bit masks.</summary>
    private readonly struct CompiledTarget
    {
        private CompiledTarget(TargetMeasure measure, DwellingScope dwellings, uint reservataires, PrefectoralCriteria criteria, uint relocations)
        {
            Measure = measure;
            Dwellings = dwellings;
            Reservataires = reservataires;
            Criteria = criteria;
            Relocations = relocations;
        }

        public TargetMeasure Measure { get; }

        public DwellingScope Dwellings { get; }

        /// <summary>Bit <c>(int)r</c> set when réservataire <c>r</c> is in the denominator; all bits when the target lists none.</summary>
        public uint Reservataires { get; }

        public PrefectoralCriteria Criteria { get; }

        /// <summary>Bit <c>(int)u</c> set when relocation kind <c>u</c> counts.</summary>
        public uint Relocations { get; }

        public static CompiledTarget Of(AllocationTarget target)
        {
            var reservataires = target.Reservataires.IsDefaultOrEmpty ? uint.MaxValue : 0u;
            if (!target.Reservataires.IsDefaultOrEmpty)
            {
                foreach (var r in target.Reservataires)
                {
                    reservataires |= Bit((int)r);
                }
            }

            var relocations = 0u;
            if (!target.Relocations.IsDefaultOrEmpty)
            {
                foreach (var u in target.Relocations)
                {
                    relocations |= Bit((int)u);
                }
            }

            return new CompiledTarget(target.Measure, target.Dwellings, reservataires, target.Criteria, relocations);
        }
    }
}
