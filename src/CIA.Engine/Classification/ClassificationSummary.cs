using System.Collections.Immutable;

namespace CIA.Engine.Classification;

/// <summary>
/// Counts over classified applications: by quartile, priority households and each criterion, ménages cibles.
/// Add results one by one (no allocation) and read the counts; small counts can be suppressed when shown.
/// </summary>
/// <remarks>Not thread-safe: it counts as it is fed. Use one per thread and add them up, or feed it from one thread.</remarks>
public sealed class ClassificationSummary
{
    private readonly int[] _quartiles = new int[5];
    private readonly int[] _criteria = new int[4];

    /// <summary>Applications counted.</summary>
    public int Applications { get; private set; }

    /// <summary>Priority households (at least one criterion).</summary>
    public int Priority { get; private set; }

    /// <summary>Ménages cibles.</summary>
    public int TargetHouseholds { get; private set; }

    /// <summary>The criteria in their CIA order (Axe I §1: 1 préfet, 2 mutation, 3 urban renewal, 4 first quartile).</summary>
    public static ImmutableArray<PriorityCriteria> CriteriaOrder { get; } =
        [PriorityCriteria.Prefectoral, PriorityCriteria.Mutation, PriorityCriteria.UrbanRenewal, PriorityCriteria.FirstQuartile];

    /// <summary>Counts one classified application.</summary>
    public void Add(in HouseholdClassification result)
    {
        Applications++;
        _quartiles[result.Quartile]++;
        if (result.IsPriority)
        {
            Priority++;
        }

        if (result.IsTargetHousehold)
        {
            TargetHouseholds++;
        }

        for (var i = 0; i < CriteriaOrder.Length; i++)
        {
            if ((result.Criteria & CriteriaOrder[i]) != 0)
            {
                _criteria[i]++;
            }
        }
    }

    /// <summary>Applications in a quartile (1–4).</summary>
    public int InQuartile(int quartile) => quartile is >= 1 and <= 4 ? _quartiles[quartile] : throw new ArgumentOutOfRangeException(nameof(quartile), quartile, "1 to 4");

    /// <summary>Applications meeting one criterion (they cumulate, so these add up to more than <see cref="Priority"/>).</summary>
    public int WithCriterion(PriorityCriteria criterion)
    {
        var i = CriteriaOrder.IndexOf(criterion);
        return i >= 0 ? _criteria[i] : throw new ArgumentOutOfRangeException(nameof(criterion), criterion, "one single criterion");
    }
}
