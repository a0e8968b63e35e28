using CIA.Engine.Domain;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;

namespace CIA.Engine.Classification;

/// <summary>The four criteria of the priority-household definition (Nantes CIA Axe I §1).</summary>
[Flags]
public enum PriorityCriteria
{
    /// <summary>Not a priority household.</summary>
    None = 0,

    /// <summary>1. The préfet's contingent criteria.</summary>
    [Token("prefectoral")] Prefectoral = 1,

    /// <summary>2. Mutation for a priority reason.</summary>
    [Token("mutation")] Mutation = 2,

    /// <summary>3. Urban-renewal relocation.</summary>
    [Token("urban_renewal")] UrbanRenewal = 4,

    /// <summary>4. First quartile, non contingenté.</summary>
    [Token("first_quartile")] FirstQuartile = 8,
}

/// <summary>
/// The figures of one year that classification reads, resolved once by one classifier: quartile thresholds and where
/// they come from, PLUS ceilings, the UC scale. A year belongs to the classifier that resolved it; another classifier
/// (another policy) refuses it, so the rules read the policy through one route only.
/// Build with <see cref="HouseholdClassifier.ForYear(int)"/> and its overloads.
/// </summary>
/// <remarks>Thread-safe: immutable; resolve a year once and share it between threads.</remarks>
public sealed class ClassificationYear
{
    internal ClassificationYear(HouseholdClassifier owner, int year, Euros q1, Euros q2, Euros q3, string thresholdSource, DatedValue<CeilingsByCategory> plus, UcScale ucScale)
    {
        Owner = owner;
        Year = year;
        Q1 = q1;
        Q2 = q2;
        Q3 = q3;
        ThresholdSource = thresholdSource;
        Plus = plus;
        UcScale = ucScale;
    }

    /// <summary>Year of allocations.</summary>
    public int Year { get; }

    /// <summary>First-quartile threshold (€ per UC per year).</summary>
    public Euros Q1 { get; }

    /// <summary>Median threshold.</summary>
    public Euros Q2 { get; }

    /// <summary>Third-quartile threshold.</summary>
    public Euros Q3 { get; }

    /// <summary>Where the thresholds come from.</summary>
    public string ThresholdSource { get; }

    /// <summary>PLUS ceilings in force on 1 January of the year, with their period and source.</summary>
    public DatedValue<CeilingsByCategory> Plus { get; }

    /// <summary>The UC scale.</summary>
    public UcScale UcScale { get; }

    internal HouseholdClassifier Owner { get; }
}

/// <summary>
/// What the household rules read about one application in one year: its values and those derived from them once
/// (UC, resources per UC, PLUS category and ceiling, the resources compared for a ménage cible). A struct passed by
/// reference: building and evaluating it allocates nothing. Built by <see cref="HouseholdClassifier.Facts"/>.
/// </summary>
internal readonly struct HouseholdFacts
{
    internal HouseholdFacts(in HouseholdInput input, ClassificationYear year, TargetHouseholdOptions targets)
    {
        Input = input;
        Year = year;
        ResourcesPerUc = year.UcScale.ResourcesPerUc(in input);
        Uc = ResourcesPerUc.Units;
        BaseCategory = PlusCategory(in input);
        Category = BaseCategory + (input.DisabledMember && targets.DisabilityUpgrade ? 1 : 0);
        PlusCeiling = year.Plus.Value.For(Category);
        TargetResources = targets.Resources == TargetResourceBasis.TaxIncome ? input.TaxIncome : input.MonthlyResources * 12;
    }

    /// <summary>The application's values.</summary>
    public HouseholdInput Input { get; }

    /// <summary>The year's figures.</summary>
    public ClassificationYear Year { get; }

    /// <summary>Consumption units.</summary>
    public ConsumptionUnits Uc { get; }

    /// <summary>Annual resources per UC.</summary>
    public ResourcesPerUc ResourcesPerUc { get; }

    /// <summary>PLUS household category before the disability upgrade.</summary>
    public int BaseCategory { get; }

    /// <summary>PLUS household category used (after the disability upgrade, if any).</summary>
    public int Category { get; }

    /// <summary>PLUS ceiling of <see cref="Category"/> for the year.</summary>
    public Euros PlusCeiling { get; }

    /// <summary>The resources compared with the PLUS ceiling (tax income by default).</summary>
    public Euros TargetResources { get; }

    /// <summary>
    /// The PLUS household category (arrêté du 29 juillet 1987): the number of persons, one more for a person
    /// alone with dependants, category 3 for a young couple without dependants; above 6, one per extra person.
    /// </summary>
    public static int PlusCategory(Household household)
    {
        ArgumentNullException.ThrowIfNull(household);
        return CategoryOf(household.Persons, household.Dependants, household.YoungCouple);
    }

    /// <summary>The PLUS household category of an application's values.</summary>
    public static int PlusCategory(in HouseholdInput household) => CategoryOf(household.Persons, household.Dependants, household.YoungCouple);

    private static int CategoryOf(int persons, int dependants, bool youngCouple)
    {
        var adults = persons - dependants;
        if (persons == 2 && dependants == 0 && youngCouple)
        {
            return 3;
        }

        return persons + (adults == 1 && dependants >= 1 ? 1 : 0);
    }
}
