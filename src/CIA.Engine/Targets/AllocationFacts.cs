using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.Stock;

namespace CIA.Engine.Targets;

/// <summary>
/// What the targets read about one allocation (a signed lease): how the household was classified, the préfet's
/// criteria and urban-renewal relocation it declared, how the dwelling was classified, and the réservataire the
/// allocation is imputed to. A struct passed by reference: building and evaluating it allocates nothing.
/// </summary>
internal readonly struct AllocationFacts
{
    /// <summary>Gathers the facts of one allocation.</summary>
    /// <param name="household">The household's classification (priority criteria, quartile, ménage cible).</param>
    /// <param name="prefectoralCriteria">The préfet's criteria declared in the application, as they are (not filtered by the policy's priority definition).</param>
    /// <param name="urbanRenewal">The urban-renewal relocation declared in the application.</param>
    /// <param name="dwelling">The dwelling's classification (QPV, fragility, accessibility).</param>
    /// <param name="reservataire">The réservataire of imputation: whose allocation it is.</param>
    public AllocationFacts(HouseholdClassification household, PrefectoralCriteria prefectoralCriteria, UrbanRenewal urbanRenewal, DwellingClassification dwelling, Reservataire reservataire)
    {
        Household = household;
        PrefectoralCriteria = prefectoralCriteria;
        UrbanRenewal = urbanRenewal;
        Dwelling = dwelling;
        Reservataire = reservataire;
    }

    /// <summary>Gathers the facts of one allocation, reading the raw criteria and relocation from the application.</summary>
    /// <param name="household">The household's classification.</param>
    /// <param name="application">The application the household was classified from.</param>
    /// <param name="dwelling">The dwelling's classification.</param>
    /// <param name="reservataire">The réservataire of imputation.</param>
    public AllocationFacts(HouseholdClassification household, Application application, DwellingClassification dwelling, Reservataire reservataire)
        : this(household, (application ?? throw new ArgumentNullException(nameof(application))).PrefectoralCriteria, application.UrbanRenewal, dwelling, reservataire)
    {
    }

    /// <summary>The household's classification.</summary>
    public HouseholdClassification Household { get; }

    /// <summary>
    /// The préfet's criteria declared in the application. Raw, because the statutory target (CCH L441-1) counts
    /// DALO households and L441-1 publics whatever the CIA's own priority definition enables.
    /// </summary>
    public PrefectoralCriteria PrefectoralCriteria { get; }

    /// <summary>The urban-renewal relocation declared in the application; the LEC target filters the kinds itself.</summary>
    public UrbanRenewal UrbanRenewal { get; }

    /// <summary>The dwelling's classification.</summary>
    public DwellingClassification Dwelling { get; }

    /// <summary>The réservataire the allocation is imputed to.</summary>
    public Reservataire Reservataire { get; }
}
