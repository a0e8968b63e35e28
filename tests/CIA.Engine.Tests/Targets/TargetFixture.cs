using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Stock;
using CIA.Engine.Targets;

namespace CIA.Engine.Tests.Targets;

/// <summary>
/// Allocations for target tests: households classified by the real classifier in 2025 (Q1 = 10 900 €/UC,
/// Q2 = 15 138, Q3 = 19 980; PLUS 2025 category 1 = 23 201 €, so a ménage cible alone needs tax income above
/// 0.60 × 23 201 = 13 920.60 €), dwellings given by their classification.
/// </summary>
internal sealed class TargetFixture
{
    public TargetFixture(CiaPolicy? policy = null)
    {
        Policy = policy ?? PolicyLoader.LoadDefault();
        Classifier = new HouseholdClassifier(Policy, BuiltInParameters.Create());
        Year = Classifier.ForYear(2025);
        Evaluator = new TargetEvaluator(Policy);
    }

    public CiaPolicy Policy { get; }

    public HouseholdClassifier Classifier { get; }

    public ClassificationYear Year { get; }

    public TargetEvaluator Evaluator { get; }

    public AllocationFacts Facts(Application household, DwellingClassification dwelling, Reservataire reservataire) =>
        new(Classifier.Classify(household, Year), household, dwelling, reservataire);

    /// <summary>The ids of the targets whose denominator (or numerator) a mask holds, in policy order.</summary>
    public string[] Ids(ulong mask) => [.. Evaluator.Targets.Where((_, i) => (mask & (1UL << i)) != 0).Select(t => t.Id)];

    public TargetHits Hits(Application household, DwellingClassification dwelling, Reservataire reservataire)
    {
        var facts = Facts(household, dwelling, reservataire);
        return Evaluator.Evaluate(in facts);
    }

    /// <summary>The explanation of one target for one allocation.</summary>
    public TargetExplanation Explain(Application household, DwellingClassification dwelling, Reservataire reservataire, string id)
    {
        var facts = Facts(household, dwelling, reservataire);
        return Evaluator.Explain(in facts)[Evaluator.IndexOf(id)];
    }

    /// <summary>Adds <paramref name="count"/> identical allocations to a tally.</summary>
    public void Add(TargetTally tally, int count, Application household, DwellingClassification dwelling, Reservataire reservataire, int landlord = 0, int commune = 0, int qpv = -1)
    {
        var facts = Facts(household, dwelling, reservataire);
        for (var i = 0; i < count; i++)
        {
            tally.Add(in facts, landlord, commune, qpv);
        }
    }
}

/// <summary>Households, each worked out by hand for 2025 (person alone: UC 1, resources per UC = monthly × 12).</summary>
internal static class Households
{
    /// <summary>1 000 × 12 = 12 000 €/UC: Q1 10 900 &lt; 12 000 ≤ Q2 15 138 → quartile 2; tax 10 000 ≤ 13 920.60 → not a ménage cible; no criterion → not priority.</summary>
    public static Application Plain => A.Household(monthly: 1000m, taxIncome: 10000m);

    /// <summary>800 × 12 = 9 600 ≤ 10 900 → quartile 1; not labelled → priority by criterion 4.</summary>
    public static Application FirstQuartile => A.Household(monthly: 800m);

    /// <summary>Quartile 1 but labelled by Action Logement → not priority (criterion 4 is for non contingentés only).</summary>
    public static Application FirstQuartileLabelled => A.Household(monthly: 800m, reservedBy: Reservataire.ActionLogement);

    /// <summary>2 000 × 12 = 24 000 &gt; Q3 19 980 → quartile 4; employed, tax 20 000 &gt; 13 920.60 → ménage cible; not priority.</summary>
    public static Application TargetHousehold => A.Household(monthly: 2000m, taxIncome: 20000m);

    /// <summary>Quartile 4 (24 000 €/UC), tax 10 000 → not a ménage cible, not priority.</summary>
    public static Application Wealthy => A.Household(monthly: 2000m, taxIncome: 10000m);

    /// <summary>Quartile 2, DALO → priority by criterion 1 and counted by the statutory target.</summary>
    public static Application Dalo => A.Household(monthly: 1000m, prefectoral: PrefectoralCriteria.Dalo);

    /// <summary>Quartile 2, CCH L441-1 public → priority by criterion 1 and counted by the statutory target.</summary>
    public static Application L441Public => A.Household(monthly: 1000m, prefectoral: PrefectoralCriteria.L441Dash1Public);

    /// <summary>Quartile 2, leaving a CHRS → priority by criterion 1, but not DALO nor L441-1 as declared.</summary>
    public static Application ChrsExit => A.Household(monthly: 1000m, prefectoral: PrefectoralCriteria.ChrsExit);

    /// <summary>Quartile 4 (24 000 €/UC), tax 10 000, relocated by an ANRU operation → priority by criterion 3.</summary>
    public static Application RelocatedAnru => A.Household(monthly: 2000m, urbanRenewal: UrbanRenewal.Anru);

    /// <summary>Quartile 4, relocated by a local (non-ANRU) operation → priority by criterion 3.</summary>
    public static Application RelocatedNonAnru => A.Household(monthly: 2000m, urbanRenewal: UrbanRenewal.NonAnru);
}

/// <summary>Dwelling classifications, as the stock rules would give them.</summary>
internal static class Dwellings
{
    /// <summary>Outside QPV, non-fragile, rent within the APL ceiling: in the rebalancing stock.</summary>
    public static DwellingClassification Accessible => Of(inQpv: false, fragile: false, accessible: true, potentially: false);

    /// <summary>Outside QPV, non-fragile, rent within 30 € above the ceiling: in the rebalancing stock.</summary>
    public static DwellingClassification PotentiallyAccessible => Of(inQpv: false, fragile: false, accessible: false, potentially: true);

    /// <summary>Outside QPV, non-fragile, rent beyond the ceiling plus the margin: non-fragile stock, not rebalancing stock.</summary>
    public static DwellingClassification Expensive => Of(inQpv: false, fragile: false, accessible: false, potentially: false);

    /// <summary>Outside QPV in a fragile programme.</summary>
    public static DwellingClassification Fragile => Of(inQpv: false, fragile: true, accessible: true, potentially: false);

    /// <summary>In a QPV.</summary>
    public static DwellingClassification InQpv => Of(inQpv: true, fragile: false, accessible: true, potentially: false);

    public static DwellingClassification Of(bool inQpv, bool fragile, bool accessible, bool potentially) =>
        new(inQpv, fragile ? FragilityStatus.Fragile : FragilityStatus.NonFragile, fragile, accessible, potentially, Reservataire.Landlord, Financing.Plus, default);
}
