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
/// The figures of one year that classification reads, resolved once: quartile thresholds and PLUS ceilings.
/// Build with <see cref="HouseholdClassifier.ForYear(int)"/> or <see cref="HouseholdClassifier.WithThresholds"/>.
/// </summary>
public sealed class ClassificationYear
{
    internal ClassificationYear(CiaPolicy policy, int year, Euros q1, Euros q2, Euros q3, string thresholdSource, DatedValue<CeilingsByCategory> plus, UcScale ucScale)
    {
        Policy = policy;
        Year = year;
        Q1 = q1;
        Q2 = q2;
        Q3 = q3;
        ThresholdSource = thresholdSource;
        Plus = plus;
        UcScale = ucScale;
    }

    /// <summary>The policy.</summary>
    public CiaPolicy Policy { get; }

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

    /// <summary>PLUS ceilings in force on 1 January of the year.</summary>
    public DatedValue<CeilingsByCategory> Plus { get; }

    /// <summary>The UC scale.</summary>
    public UcScale UcScale { get; }

    /// <summary>Whether resources/UC are below a threshold under the policy's boundary (≤ or &lt;).</summary>
    public bool Below(ResourcesPerUc resources, Euros threshold) =>
        Policy.Quartiles.Boundary == QuartileBoundary.Inclusive ? resources.CompareTo(threshold) <= 0 : resources.CompareTo(threshold) < 0;

    internal string BoundarySign => Policy.Quartiles.Boundary == QuartileBoundary.Inclusive ? "≤" : "<";

    internal string AboveSign => Policy.Quartiles.Boundary == QuartileBoundary.Inclusive ? ">" : "≥";
}

/// <summary>
/// What the household rules read about one application in one year: the application and the values derived
/// from it once (UC, resources per UC, PLUS category and ceiling). A struct passed by reference: building and
/// evaluating it allocates nothing.
/// </summary>
public readonly struct HouseholdFacts
{
    /// <summary>Derives the facts of an application for a year.</summary>
    public HouseholdFacts(Application application, ClassificationYear year)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(year);
        Application = application;
        Year = year;
        var h = application.Household;
        Uc = year.UcScale.For(h.Persons14Plus, h.ChildrenUnder14);
        ResourcesPerUc = new ResourcesPerUc(application.MonthlyResources * 12, Uc);
        BaseCategory = PlusCategory(h);
        Category = BaseCategory + (h.DisabledMember && year.Policy.TargetHouseholds.DisabilityUpgrade ? 1 : 0);
        PlusCeiling = year.Plus.Value.For(Category);
        TargetResources = year.Policy.TargetHouseholds.Resources == TargetResourceBasis.TaxIncome ? application.TaxIncome : application.MonthlyResources * 12;
    }

    /// <summary>The application.</summary>
    public Application Application { get; }

    /// <summary>The year's figures and the policy.</summary>
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
        var persons = household.Persons;
        var adults = persons - household.Dependants;
        if (persons == 2 && household.Dependants == 0 && household.YoungCouple)
        {
            return 3;
        }

        return persons + (adults == 1 && household.Dependants >= 1 ? 1 : 0);
    }
}
