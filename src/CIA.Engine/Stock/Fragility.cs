using System.Collections.Frozen;
using CIA.Engine.Domain;
using CIA.Engine.Policy;
using CIA.Engine.Quartiles;
using CIA.Engine.Rules;

namespace CIA.Engine.Stock;

/// <summary>Whether a programme is fragile (CIA Annexe 1).</summary>
public enum FragilityStatus
{
    /// <summary>Not assessed: too small, or no occupancy survey.</summary>
    [Token("not_assessed")] NotAssessed,

    /// <summary>Assessed and not fragile.</summary>
    [Token("non_fragile")] NonFragile,

    /// <summary>Assessed and fragile.</summary>
    [Token("fragile")] Fragile,
}

/// <summary>The decile cut-offs of the two indicators over all assessed programmes.</summary>
/// <param name="Decile">Which decile (8 = the 80 % point).</param>
/// <param name="Under20">Cut-off of the share of households under 20 % of PLUS ceilings.</param>
/// <param name="Under40">Cut-off of the share under 40 %.</param>
/// <param name="ProgrammesAssessed">How many programmes the deciles are computed over.</param>
public sealed record FragilityCutoffs(int Decile, Rate Under20, Rate Under40, int ProgrammesAssessed);

/// <summary>What the programme rules read.</summary>
/// <param name="Occupancy">The programme's survey indicators.</param>
/// <param name="Cutoffs">The decile cut-offs (null when no programme could be assessed).</param>
/// <param name="Options">The policy's fragility options.</param>
internal readonly record struct ProgrammeFacts(ProgrammeOccupancy Occupancy, FragilityCutoffs? Cutoffs, FragilityOptions Options)
{
    /// <summary>Large enough to be assessed (more than the policy's minimum) and cut-offs exist.</summary>
    public bool Assessed => Cutoffs is not null && Occupancy.Dwellings > Options.MinDwellingsExclusive;

    /// <summary>The under-20 % indicator is at or above its decile cut-off (a small territory can then still have a fragile programme).</summary>
    public bool Under20High => Assessed && Occupancy.ShareUnder20PctPlus >= Cutoffs!.Under20;

    /// <summary>The under-40 % indicator is at or above its decile cut-off.</summary>
    public bool Under40High => Assessed && Occupancy.ShareUnder40PctPlus >= Cutoffs!.Under40;
}

/// <summary>The programme fragility rules and the decile method (CIA Annexe 1, étape 1).</summary>
internal static class FragilityRules
{
    /// <summary>The rule set's name.</summary>
    public const string Name = "programme";

    private const string Annexe1 = "Nantes CIA Annexe 1, étape 1 (OPS 2015, decile method)";

    /// <summary>The programme rule set.</summary>
    public static RuleSet<ProgrammeFacts> Rules { get; } = Build();

    /// <summary>Computes the decile cut-offs over the programmes large enough to be assessed.</summary>
    /// <returns>Null when no programme is large enough.</returns>
    public static FragilityCutoffs? Cutoffs(IEnumerable<ProgrammeOccupancy> programmes, FragilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(programmes);
        ArgumentNullException.ThrowIfNull(options);
        var assessed = programmes.Where(p => p.Dwellings > options.MinDwellingsExclusive).ToList();
        if (assessed.Count == 0)
        {
            return null;
        }

        var u20 = assessed.Select(p => p.ShareUnder20PctPlus.Fraction).Order().ToArray();
        var u40 = assessed.Select(p => p.ShareUnder40PctPlus.Fraction).Order().ToArray();
        return new FragilityCutoffs(options.Decile, new Rate(Quantile(u20, options.Decile)), new Rate(Quantile(u40, options.Decile)), assessed.Count);
    }

    /// <summary>Assesses every programme: cut-offs, then the rules on each.</summary>
    public static FragilityAssessment Assess(IReadOnlyCollection<ProgrammeOccupancy> programmes, FragilityOptions options)
    {
        var cutoffs = Cutoffs(programmes, options);
        var fragile = Rules.MaskOf("PROG-FRAGILE");
        var assessed = Rules.MaskOf("PROG-ASSESSED");
        var status = new Dictionary<ProgrammeId, FragilityStatus>();
        foreach (var p in programmes)
        {
            var facts = new ProgrammeFacts(p, cutoffs, options);
            var fired = Rules.Evaluate(in facts);
            status[p.Programme] = fired.Any(fragile) ? FragilityStatus.Fragile : fired.Any(assessed) ? FragilityStatus.NonFragile : FragilityStatus.NotAssessed;
        }

        return new FragilityAssessment(cutoffs, status);
    }

    // Type-1 quantile (inverse empirical distribution), as for quartiles: the value of rank ⌈d/10 · n⌉.
    private static decimal Quantile(decimal[] sorted, int decile) => sorted[QuartileCalculator.Rank(sorted.Length, decile, 10) - 1];

    private static RuleSet<ProgrammeFacts> Build()
    {
        var b = new RuleSetBuilder<ProgrammeFacts>(Name);
        b.Rule("PROG-ASSESSED").Title("Programme assessed for fragility").Reference(Annexe1)
            .Description("Programmes of more than 30 dwellings (policy setting) with occupancy-survey indicators are assessed.")
            .When(static (in ProgrammeFacts f) => f.Assessed)
            .Because(static (in ProgrammeFacts f) => $"{f.Occupancy.Dwellings} dwellings > {f.Options.MinDwellingsExclusive}");
        b.Rule("PROG-UNDER-20-HIGH").Title("High share of households under 20 % of PLUS ceilings").Reference(Annexe1)
            .Description("The share of households under 20 % of PLUS ceilings is at or above the policy's decile of all assessed programmes.")
            .When(static (in ProgrammeFacts f) => f.Under20High)
            .Because(static (in ProgrammeFacts f) => $"{f.Occupancy.ShareUnder20PctPlus} under 20 % of PLUS ≥ D{f.Cutoffs!.Decile} {f.Cutoffs.Under20}");
        b.Rule("PROG-UNDER-40-HIGH").Title("High share of households under 40 % of PLUS ceilings").Reference(Annexe1)
            .Description("The share of households under 40 % of PLUS ceilings is at or above the policy's decile of all assessed programmes.")
            .When(static (in ProgrammeFacts f) => f.Under40High)
            .Because(static (in ProgrammeFacts f) => $"{f.Occupancy.ShareUnder40PctPlus} under 40 % of PLUS ≥ D{f.Cutoffs!.Decile} {f.Cutoffs.Under40}");
        b.Rule("PROG-FRAGILE").Title("Fragile programme").Reference(Annexe1)
            .Description("Fragile when either indicator (or both, per policy) is at or above its decile cut-off.")
            .When(static (in ProgrammeFacts f) => f.Options.Combination == FragilityCombination.Any ? f.Under20High || f.Under40High : f.Under20High && f.Under40High)
            .Because(static (in ProgrammeFacts f) => f.Options.Combination == FragilityCombination.Any ? "an indicator is at or above its decile cut-off" : "both indicators are at or above their decile cut-offs");
        return b.Build();
    }
}

/// <summary>The fragility of every programme with survey indicators.</summary>
/// <remarks>Thread-safe: immutable once built.</remarks>
public sealed class FragilityAssessment
{
    private readonly Dictionary<string, FragilityStatus> _byText;
#if NET9_0_OR_GREATER
    private readonly Dictionary<string, FragilityStatus>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
#endif

    /// <summary>Creates an assessment.</summary>
    /// <param name="cutoffs">The decile cut-offs (null when none could be computed).</param>
    /// <param name="status">Status by programme.</param>
    public FragilityAssessment(FragilityCutoffs? cutoffs, IReadOnlyDictionary<ProgrammeId, FragilityStatus> status)
    {
        ArgumentNullException.ThrowIfNull(status);
        Cutoffs = cutoffs;
        Status = status.ToFrozenDictionary();
        _byText = status.ToDictionary(p => p.Key.Value, p => p.Value, StringComparer.Ordinal);
#if NET9_0_OR_GREATER
        _bySpan = _byText.GetAlternateLookup<ReadOnlySpan<char>>();
#endif
    }

    /// <summary>An assessment with no programme: every programme is not assessed.</summary>
    public static FragilityAssessment None { get; } = new(null, new Dictionary<ProgrammeId, FragilityStatus>());

    /// <summary>The decile cut-offs (null when none could be computed).</summary>
    public FragilityCutoffs? Cutoffs { get; }

    /// <summary>Status by programme.</summary>
    public FrozenDictionary<ProgrammeId, FragilityStatus> Status { get; }

    /// <summary>The status of a programme; not assessed when it has no survey indicators.</summary>
    public FragilityStatus StatusOf(ProgrammeId programme) => StatusOf(programme.Value);

    /// <summary>The status of a programme given by its id.</summary>
    public FragilityStatus StatusOf(string programme) => _byText.TryGetValue(programme, out var s) ? s : FragilityStatus.NotAssessed;

    /// <summary>The status of a programme given as characters, and its id as held by the assessment (null when it has no survey).</summary>
    public FragilityStatus StatusOf(ReadOnlySpan<char> programme, out string? id)
    {
#if NET9_0_OR_GREATER
        if (_bySpan.TryGetValue(programme, out var key, out var s))
        {
            id = key;
            return s;
        }
#else
        // .NET 8 has no span lookup: the id is looked up as a string (one allocation per call).
        var key = programme.ToString();
        if (_byText.TryGetValue(key, out var s))
        {
            id = key;
            return s;
        }
#endif

        id = null;
        return FragilityStatus.NotAssessed;
    }
}
