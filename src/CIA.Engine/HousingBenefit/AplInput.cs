using CIA.Engine.Domain;

namespace CIA.Engine.HousingBenefit;

/// <summary>
/// The household as the housing-benefit formula sees it: a person alone or a couple, and the number of dependants
/// (personnes à charge: children under 21 who are not financially autonomous, disabled adult dependants). With one
/// dependant or more, a person alone and a couple are treated alike. A pregnant woman alone counts as a couple.
/// </summary>
public readonly record struct AplHousehold
{
    /// <summary>Creates a household.</summary>
    /// <param name="couple">Two adults (married, PACS or concubinage).</param>
    /// <param name="dependants">Number of dependants.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative number of dependants.</exception>
    public AplHousehold(bool couple, int dependants)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dependants);
        Couple = couple;
        Dependants = dependants;
    }

    /// <summary>A person alone without dependants.</summary>
    public static AplHousehold PersonAlone => default;

    /// <summary>A couple without dependants.</summary>
    public static AplHousehold CoupleWithoutDependants => new(true, 0);

    /// <summary>Two adults.</summary>
    public bool Couple { get; }

    /// <summary>Number of dependants (personnes à charge).</summary>
    public int Dependants { get; }

    /// <summary>A household with dependants.</summary>
    /// <param name="dependants">Number of dependants.</param>
    /// <param name="couple">Two adults (it changes nothing in the formula once there are dependants).</param>
    public static AplHousehold WithDependants(int dependants, bool couple = false) => new(couple, dependants);

    /// <inheritdoc />
    public override string ToString() => Dependants switch
    {
        0 => Couple ? "couple without dependants" : "person alone",
        1 => (Couple ? "couple" : "person alone") + " with 1 dependant",
        _ => (Couple ? "couple" : "person alone") + $" with {Dependants} dependants",
    };
}

/// <summary>
/// What the housing-benefit formula reads about one household and one dwelling for a month.
/// </summary>
/// <param name="Zone">The APL zone of the dwelling's commune.</param>
/// <param name="Household">Couple or person alone, and dependants.</param>
/// <param name="Rent">Monthly rent excluding charges (loyer principal hors charges).</param>
/// <param name="ResourceBase">
/// The annual resource base R, already computed by the caller, as OpenFisca's <c>aide_logement_base_ressources</c>
/// computes it (CCH R822-13 to R822-17, formerly R351-5 and R351-7, as OpenFisca cites them: taxable income of the
/// reference period after the 10 % deduction, abattements and neutralisations, rounded up to the next 100 €).
/// <see cref="AplResourceBase"/> gives a documented simplification of it.
/// </param>
/// <param name="Conventionne">The dwelling is conventionné (every social dwelling is): the aid is the APL, with its payment threshold and the RLS; otherwise the AL.</param>
/// <param name="DisabledMember">A member of the household is disabled: the high-rent dégressivité does not apply.</param>
public readonly record struct AplInput(
    AplZone Zone,
    AplHousehold Household,
    Euros Rent,
    Euros ResourceBase,
    bool Conventionne = true,
    bool DisabledMember = false);
