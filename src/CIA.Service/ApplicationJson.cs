using System.Text.Json.Nodes;
using CIA.Engine.Domain;

namespace CIA.Service;

/// <summary>
/// Writes an engine household as the JSON body the service reads (<see cref="ApplicationRequest"/>'s fields): for .NET
/// clients, the load test and the tests, so that all of them send what the service documents.
/// </summary>
public static class ApplicationJson
{
    /// <summary>The household of one application, with its id, as a JSON object (flags as lists of tokens, absent values as null).</summary>
    /// <param name="id">The application id (pseudonymous).</param>
    /// <param name="h">The household.</param>
    public static JsonObject Of(string id, in HouseholdInput h) => new()
    {
        ["application_id"] = id,
        ["persons_14_plus"] = h.Persons14Plus,
        ["children_under_14"] = h.ChildrenUnder14,
        ["dependants"] = h.Dependants,
        ["young_couple"] = h.YoungCouple,
        ["disabled_member"] = h.DisabledMember,
        ["monthly_resources"] = h.MonthlyResources.Value,
        ["tax_income"] = h.TaxIncome.Value,
        ["employment"] = List(Tokens<EmploymentStatus>.FormatFlags(h.Employment)),
        ["is_mutation"] = h.IsMutation,
        ["mutation_reason"] = One(Tokens<MutationReason>.Format(h.MutationReason)),
        ["urban_renewal"] = One(Tokens<UrbanRenewal>.Format(h.UrbanRenewal)),
        ["prefectoral_criteria"] = List(Tokens<PrefectoralCriteria>.FormatFlags(h.PrefectoralCriteria)),
        ["reserved_by"] = One(Tokens<Reservataire>.Format(h.ReservedBy)),
    };

    private static JsonArray List(string flags) => new([.. flags.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(t => (JsonNode)t)]);

    private static JsonNode? One(string token) => token.Length == 0 ? null : token;
}
