using System.Collections.Immutable;

namespace CIA.Engine.Domain;

/// <summary>Who will live in the dwelling, as an application declares it.</summary>
/// <param name="Persons14Plus">Persons aged 14 or more, the applicant included (at least 1).</param>
/// <param name="ChildrenUnder14">Children under 14.</param>
/// <param name="Dependants">Persons fiscally dependent (personnes à charge); by default the children under 14.</param>
/// <param name="YoungCouple">A couple without dependants whose ages add up to 55 or less (jeune ménage, PLUS category 3).</param>
/// <param name="DisabledMember">A member of the household is disabled (moves the PLUS category up by one).</param>
public sealed record Household(int Persons14Plus, int ChildrenUnder14, int Dependants, bool YoungCouple, bool DisabledMember)
{
    /// <summary>Everyone in the household.</summary>
    public int Persons => Persons14Plus + ChildrenUnder14;
}

/// <summary>One application for social housing (a demande), with what the CIA rules read from it.</summary>
/// <param name="Id">Pseudonymous id.</param>
/// <param name="RegisteredOn">Date of first registration (seniority).</param>
/// <param name="Household">Composition.</param>
/// <param name="MonthlyResources">Declared monthly resources, housing benefit excluded (the quartile basis).</param>
/// <param name="TaxIncome">Revenu fiscal de référence (the PLUS-ceiling basis).</param>
/// <param name="Employment">Employment situations.</param>
/// <param name="IsMutation">The applicant is already a social tenant.</param>
/// <param name="MutationReason">Why a tenant asks to move.</param>
/// <param name="UrbanRenewal">Relocation by an urban-renewal operation.</param>
/// <param name="PrefectoralCriteria">The préfet's priority criteria met.</param>
/// <param name="ReservedBy">The réservataire whose contingent labels the application; None = non contingentée.</param>
/// <param name="DesiredCommunes">Communes asked for, in the applicant's order.</param>
public sealed record Application(
    DemandId Id,
    DateOnly RegisteredOn,
    Household Household,
    Euros MonthlyResources,
    Euros TaxIncome,
    EmploymentStatus Employment,
    bool IsMutation,
    MutationReason MutationReason,
    UrbanRenewal UrbanRenewal,
    PrefectoralCriteria PrefectoralCriteria,
    Reservataire ReservedBy,
    ImmutableArray<CommuneCode> DesiredCommunes)
{
    /// <summary>
    /// The id of the social dwelling a mutation applicant lives in (<c>current_dwelling_id</c>, as in the stock file),
    /// which housing them would free; null when not given, and never given for a first-time applicant.
    /// </summary>
    public string? CurrentDwellingId { get; init; }
}

/// <summary>One social dwelling, RPLS-style.</summary>
/// <param name="Id">Dwelling id.</param>
/// <param name="Commune">Commune (RPLS <c>DEPCOM</c>).</param>
/// <param name="Qpv">The QPV it lies in, or null outside QPV.</param>
/// <param name="Rooms">Main rooms (RPLS <c>NBPIECE</c>): T1 = 1 ... T5 = 5.</param>
/// <param name="Surface">Habitable surface in m² (RPLS <c>SURFHAB</c>), if known.</param>
/// <param name="MonthlyRent">Rent in principal, excluding charges (RPLS <c>LOYERPRINC</c>).</param>
/// <param name="Financing">Initial financing (RPLS <c>FINAN</c>).</param>
/// <param name="Reservataire">Réservataire holding it (RPLS contingent), or Landlord when not reserved.</param>
/// <param name="Programme">The programme it belongs to.</param>
/// <param name="Landlord">Its landlord.</param>
public sealed record Dwelling(
    DwellingId Id,
    CommuneCode Commune,
    QpvCode? Qpv,
    int Rooms,
    decimal? Surface,
    Euros MonthlyRent,
    Financing Financing,
    Reservataire Reservataire,
    ProgrammeId Programme,
    LandlordId Landlord)
{
    /// <summary>Whether the dwelling lies in a QPV.</summary>
    public bool InQpv => Qpv is not null;

    /// <summary>The year it was first let as social housing (RPLS <c>LOCAT</c>, item 27), if known.</summary>
    public int? FirstLetYear { get; init; }
}

/// <summary>
/// Occupancy indicators of one programme from the occupancy survey (OPS): shares of tenant households with
/// resources under 20 %, 40 % and 60 % of the PLUS ceilings.
/// </summary>
/// <param name="Programme">Programme id.</param>
/// <param name="Dwellings">Dwellings in the programme (the OPS scope test: more than 30).</param>
/// <param name="Households">Households surveyed.</param>
/// <param name="ShareUnder20PctPlus">Share of households under 20 % of the PLUS ceiling.</param>
/// <param name="ShareUnder40PctPlus">Share under 40 %.</param>
/// <param name="ShareUnder60PctPlus">Share under 60 %, if surveyed.</param>
public sealed record ProgrammeOccupancy(
    ProgrammeId Programme,
    int Dwellings,
    int Households,
    Rate ShareUnder20PctPlus,
    Rate ShareUnder40PctPlus,
    Rate? ShareUnder60PctPlus);

/// <summary>A commune with its APL zone.</summary>
/// <param name="Code">INSEE code.</param>
/// <param name="Name">Official name.</param>
/// <param name="Zone">APL zone.</param>
public sealed record Commune(CommuneCode Code, string Name, AplZone Zone);

/// <summary>A QPV neighbourhood.</summary>
/// <param name="Code">Its code, when sourced; otherwise a documented placeholder id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Communes">The communes it lies in.</param>
public sealed record Qpv(QpvCode Code, string Name, ImmutableArray<CommuneCode> Communes);

/// <summary>An EPCI (inter-municipal body) and its communes.</summary>
/// <param name="Code">SIREN.</param>
/// <param name="Name">Name.</param>
/// <param name="Communes">Member communes.</param>
public sealed record Epci(EpciCode Code, string Name, ImmutableArray<Commune> Communes);

/// <summary>A social landlord.</summary>
/// <param name="Id">Id.</param>
/// <param name="Name">Name.</param>
public sealed record Landlord(LandlordId Id, string Name);

/// <summary>One allocation: a lease signed by a household for a dwelling, charged to a réservataire.</summary>
/// <param name="Application">The household's application.</param>
/// <param name="Dwelling">The dwelling let.</param>
/// <param name="LeaseSignedOn">Date the lease was signed (the targets count signed leases by calendar year).</param>
/// <param name="Reservataire">The réservataire of imputation.</param>
public sealed record Allocation(DemandId Application, DwellingId Dwelling, DateOnly LeaseSignedOn, Reservataire Reservataire);
