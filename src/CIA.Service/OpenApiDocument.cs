using System.Reflection;
using System.Text.Json.Nodes;
using CIA.Engine.Domain;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CIA.Service;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>, generated from the endpoints themselves (so it cannot drift from
/// them), with the domain types described as they are written: money, units and rates as numbers, enums as their
/// tokens, flags as lists of tokens.
/// </summary>
internal static class OpenApiDocument
{
    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "CIA.Engine service (cia serve)",
                Version = "v1",
                Description = "Explainable classification of social-housing applications under a Convention Intercommunale d'Attribution "
                    + "(default: Nantes Métropole). JSON in snake_case; money in euros as numbers; errors as RFC 7807 problem details "
                    + "(application/problem+json), with every invalid field listed under its JSON path in `errors`. See docs/service.md.",
            };
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
            if (type == typeof(Euros) || type == typeof(ResourcesPerUc))
            {
                Number(schema, type == typeof(Euros) ? "An amount in euros, at most two decimals." : "Euros per consumption unit per year, rounded to the cent.");
            }
            else if (type == typeof(ConsumptionUnits))
            {
                Number(schema, "Consumption units (1 for the first person, 0.5 per other person aged 14+, 0.3 per child under 14).");
            }
            else if (type == typeof(Rate))
            {
                Number(schema, "A rate as a fraction (0.25 for 25 %).");
            }
            else if (type == typeof(CommuneCode) || type == typeof(EpciCode) || type == typeof(DemandId))
            {
                Clear(schema);
                schema.Type = JsonSchemaType.String;
            }
            else if (type.IsEnum && TokensOf(type) is { Count: > 0 } tokens)
            {
                Clear(schema);
                var values = tokens.Where(t => t.Length > 0).Select(t => (JsonNode)JsonValue.Create(t)!).ToList();
                if (type.IsDefined(typeof(FlagsAttribute)))
                {
                    schema.Type = JsonSchemaType.Array;
                    schema.Items = new OpenApiSchema { Type = JsonSchemaType.String, Enum = values };
                    schema.Description = "A list of tokens (empty for none).";
                }
                else
                {
                    schema.Type = tokens.Contains(string.Empty) ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
                    schema.Enum = values;
                }
            }

            return Task.CompletedTask;
        });
    }

    private static void Number(OpenApiSchema schema, string description)
    {
        Clear(schema);
        schema.Type = JsonSchemaType.Number;
        schema.Description = description;
    }

    private static void Clear(OpenApiSchema schema)
    {
        schema.Properties?.Clear();
        schema.Required?.Clear();
        schema.Enum?.Clear();
        schema.Format = null;
    }

    private static List<string> TokensOf(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.GetCustomAttribute<TokenAttribute>()?.Text).OfType<string>()];
}
