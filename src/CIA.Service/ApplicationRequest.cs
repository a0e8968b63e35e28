using System.Text.Json.Serialization;
using CIA.Engine.Domain;

namespace CIA.Service;

/// <summary>
/// One application as the service reads it: the demand file's columns (docs/formats.md) as JSON fields. Describes the
/// request body in the OpenAPI document; the body itself is read by <see cref="ApplicationReader"/>, which reports every
/// problem at once. Required: <c>application_id</c>, <c>persons_14_plus</c>, <c>children_under_14</c>,
/// <c>monthly_resources</c>, <c>tax_income</c>; the others default to false, none or empty.
/// </summary>
public sealed record ApplicationRequest(
    string ApplicationId,
    [property: JsonPropertyName("persons_14_plus")] int Persons14Plus,
    [property: JsonPropertyName("children_under_14")] int ChildrenUnder14,
    Euros MonthlyResources,
    Euros TaxIncome,
    DateOnly? RegisteredOn = null,
    int? Dependants = null,
    bool? YoungCouple = null,
    bool? DisabledMember = null,
    EmploymentStatus Employment = EmploymentStatus.None,
    bool? IsMutation = null,
    MutationReason? MutationReason = null,
    UrbanRenewal? UrbanRenewal = null,
    PrefectoralCriteria PrefectoralCriteria = PrefectoralCriteria.None,
    Reservataire? ReservedBy = null,
    IReadOnlyList<CommuneCode>? DesiredCommunes = null,
    string? CurrentDwellingId = null);
