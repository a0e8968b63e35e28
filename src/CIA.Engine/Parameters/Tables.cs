using CIA.Engine.Domain;

namespace CIA.Engine.Parameters;

/// <summary>
/// Resource ceilings by household category for one year and one zone (PLUS, arrêté du 29 juillet 1987 as amended):
/// categories 1 to 6, then an amount per additional person.
/// </summary>
/// <param name="Category1">One person alone.</param>
/// <param name="Category2">Two persons, no dependant, not a young couple.</param>
/// <param name="Category3">Three persons, one person + 1 dependant, or a young couple.</param>
/// <param name="Category4">Four persons, or one person + 2 dependants.</param>
/// <param name="Category5">Five persons, or one person + 3 dependants.</param>
/// <param name="Category6">Six persons, or one person + 4 dependants.</param>
/// <param name="PerAdditionalPerson">Added per category above 6.</param>
public sealed record CeilingsByCategory(
    Euros Category1, Euros Category2, Euros Category3, Euros Category4, Euros Category5, Euros Category6, Euros PerAdditionalPerson)
{
    /// <summary>The ceiling of a category; categories above 6 add the per-person amount.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Category below 1.</exception>
    public Euros For(int category) => category switch
    {
        1 => Category1,
        2 => Category2,
        3 => Category3,
        4 => Category4,
        5 => Category5,
        6 => Category6,
        > 6 => Category6 + (PerAdditionalPerson * (category - 6)),
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Household categories start at 1."),
    };
}

/// <summary>
/// The ratios of the PLAI ceilings to the PLUS ceilings by category, for one zone (they differ in category 4 between
/// Île-de-France and "autres régions").
/// </summary>
/// <param name="Category1">PLAI/PLUS, category 1.</param>
/// <param name="Category2">Category 2.</param>
/// <param name="Category3">Category 3.</param>
/// <param name="Category4">Category 4.</param>
/// <param name="Category5">Category 5.</param>
/// <param name="Category6">Category 6.</param>
/// <param name="PerAdditionalPerson">Per additional person.</param>
public sealed record PlaiRatios(Rate Category1, Rate Category2, Rate Category3, Rate Category4, Rate Category5, Rate Category6, Rate PerAdditionalPerson)
{
    /// <summary>The ratio for a category (above 6: the per-person ratio applies to the extra amount, category 6's to the rest).</summary>
    public Rate For(int category) => category switch
    {
        1 => Category1,
        2 => Category2,
        3 => Category3,
        4 => Category4,
        5 => Category5,
        _ => Category6,
    };
}

/// <summary>
/// Monthly rent ceilings of the APL formula (loyers plafonds "L", locatif) for one zone and period.
/// </summary>
/// <param name="PersonAlone">A person alone.</param>
/// <param name="Couple">A couple without dependants.</param>
/// <param name="OneDependant">A person alone or a couple with one dependant.</param>
/// <param name="PerExtraDependant">Added per dependant beyond the first.</param>
public sealed record AplRentCeilings(Euros PersonAlone, Euros Couple, Euros OneDependant, Euros PerExtraDependant)
{
    /// <summary>The ceiling for a household shape.</summary>
    /// <param name="couple">Two adults (ignored when there are dependants).</param>
    /// <param name="dependants">Number of dependants.</param>
    public Euros For(bool couple, int dependants)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dependants);
        if (dependants == 0)
        {
            return couple ? Couple : PersonAlone;
        }

        return OneDependant + (PerExtraDependant * (dependants - 1));
    }
}

/// <summary>The consumption-unit scale, in tenths: first person, each other person 14+, each child under 14.</summary>
/// <param name="FirstPersonTenths">10 = 1 UC.</param>
/// <param name="OtherPerson14PlusTenths">5 = 0.5 UC.</param>
/// <param name="ChildUnder14Tenths">3 = 0.3 UC.</param>
public sealed record UcScale(int FirstPersonTenths, int OtherPerson14PlusTenths, int ChildUnder14Tenths)
{
    /// <summary>The UC of a household with at least one person aged 14 or more.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No person aged 14+, or a negative count.</exception>
    public ConsumptionUnits For(int persons14Plus, int childrenUnder14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(persons14Plus, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(childrenUnder14);
        return new ConsumptionUnits(FirstPersonTenths + (OtherPerson14PlusTenths * (persons14Plus - 1)) + (ChildUnder14Tenths * childrenUnder14));
    }

    /// <summary>
    /// A household's annual resources per UC on this scale (CCH L441-1): declared monthly resources, housing benefit
    /// excluded, × 12 ÷ UC. The one place the quartile rule's resources are derived, for classification and for
    /// thresholds computed from a demand.
    /// </summary>
    public ResourcesPerUc ResourcesPerUc(in HouseholdInput household) =>
        new(household.MonthlyResources * 12, For(household.Persons14Plus, household.ChildrenUnder14));
}

/// <summary>Published quartile thresholds of one EPCI for one year of allocations (€ per UC per year).</summary>
/// <param name="Epci">The EPCI.</param>
/// <param name="Year">Year of allocations the thresholds apply to.</param>
/// <param name="Q1">First-quartile threshold (the legal one).</param>
/// <param name="Q2">Median.</param>
/// <param name="Q3">Third quartile.</param>
/// <param name="Source">The arrêté or data set.</param>
public sealed record QuartileThresholds(EpciCode Epci, int Year, Euros Q1, Euros Q2, Euros Q3, string Source);
