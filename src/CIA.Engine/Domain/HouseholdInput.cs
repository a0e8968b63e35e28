namespace CIA.Engine.Domain;

/// <summary>
/// What the household rules read about one application, as plain values: composition, resources, employment,
/// mutation, urban renewal, the préfet's criteria and the réservataire's label. The same struct comes from an
/// <see cref="Application"/> record or from a row of a <see cref="Tables.DemandTable"/>, so classification has one
/// path whatever the source, and building it allocates nothing.
/// </summary>
/// <param name="Persons14Plus">Persons aged 14 or more, the applicant included (at least 1).</param>
/// <param name="ChildrenUnder14">Children under 14.</param>
/// <param name="Dependants">Persons fiscally dependent.</param>
/// <param name="YoungCouple">A young couple without dependants (jeune ménage).</param>
/// <param name="DisabledMember">A member is disabled.</param>
/// <param name="MonthlyResources">Declared monthly resources, housing benefit excluded.</param>
/// <param name="TaxIncome">Revenu fiscal de référence.</param>
/// <param name="Employment">Employment situations.</param>
/// <param name="IsMutation">Already a social tenant.</param>
/// <param name="MutationReason">Why a tenant asks to move.</param>
/// <param name="UrbanRenewal">Relocation by urban renewal.</param>
/// <param name="PrefectoralCriteria">The préfet's priority criteria met.</param>
/// <param name="ReservedBy">The réservataire whose contingent labels the application; None = non contingentée.</param>
public readonly record struct HouseholdInput(
    int Persons14Plus,
    int ChildrenUnder14,
    int Dependants,
    bool YoungCouple,
    bool DisabledMember,
    Euros MonthlyResources,
    Euros TaxIncome,
    EmploymentStatus Employment,
    bool IsMutation,
    MutationReason MutationReason,
    UrbanRenewal UrbanRenewal,
    PrefectoralCriteria PrefectoralCriteria,
    Reservataire ReservedBy)
{
    /// <summary>Everyone in the household.</summary>
    public int Persons => Persons14Plus + ChildrenUnder14;

    /// <summary>The values of an application record.</summary>
    public static HouseholdInput Of(Application application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var h = application.Household;
        return new(h.Persons14Plus, h.ChildrenUnder14, h.Dependants, h.YoungCouple, h.DisabledMember, application.MonthlyResources, application.TaxIncome,
            application.Employment, application.IsMutation, application.MutationReason, application.UrbanRenewal, application.PrefectoralCriteria, application.ReservedBy);
    }
}
