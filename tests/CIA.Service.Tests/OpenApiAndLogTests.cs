using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CIA.Service.Tests;

/// <summary>The OpenAPI document against the real endpoints, and what the logs hold.</summary>
public sealed class OpenApiAndLogTests
{
    [Fact]
    public async Task The_openapi_document_lists_every_endpoint_with_its_method_and_nothing_else()
    {
        await using var host = await ServiceHost.StartAsync();
        using var response = await host.Client.GetAsync("/openapi/v1.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = await ServiceHost.Json(response);
        document.GetProperty("openapi").GetString()!.ShouldStartWith("3.");
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}"))
            .Order().ToList();

        var routes = host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText != "/openapi/{documentName}.json")
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order().ToList();

        routes.Count.ShouldBe(8);
        documented.ShouldBe(routes);
    }

    [Fact]
    public async Task The_openapi_document_describes_bodies_errors_and_domain_values_as_they_are_written()
    {
        await using var host = await ServiceHost.StartAsync();
        var document = await ServiceHost.Json(await host.Client.GetAsync("/openapi/v1.json"));
        var classify = document.GetProperty("paths").GetProperty("/v1/classify").GetProperty("post");
        classify.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _).ShouldBeTrue();
        var responses = classify.GetProperty("responses");
        foreach (var status in new[] { "200", "400", "413", "415", "422" })
        {
            responses.TryGetProperty(status, out _).ShouldBeTrue(status);
        }

        responses.GetProperty("400").GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        schemas.GetProperty("Euros").GetProperty("type").GetString().ShouldBe("number");
        schemas.GetProperty("PriorityCriteria").GetProperty("type").GetString().ShouldBe("array");
        var request = schemas.GetProperty("ApplicationRequest");
        request.GetProperty("properties").TryGetProperty("persons_14_plus", out var persons).ShouldBeTrue();
        persons.GetProperty("type").GetString().ShouldBe("integer");
        request.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ShouldBe(ApplicationReader.Required, ignoreOrder: true);

        // The fields the document gives are the fields the service reads.
        request.GetProperty("properties").EnumerateObject().Select(p => p.Name).ShouldBe(ApplicationReader.Fields, ignoreOrder: true);
    }

    [Fact]
    public async Task The_documented_response_fields_are_the_fields_the_service_writes()
    {
        await using var host = await ServiceHost.StartAsync();
        var schemas = (await ServiceHost.Json(await host.Client.GetAsync("/openapi/v1.json"))).GetProperty("components").GetProperty("schemas");
        static List<string> Properties(JsonElement schema) => [.. schema.GetProperty("properties").EnumerateObject().Select(p => p.Name)];

        using var explained = await host.PostJson("/v1/explain", ServiceHost.Application(prefectoral: ["dalo"]));
        var json = await ServiceHost.Json(explained);
        json.EnumerateObject().Select(p => p.Name).ShouldBe(Properties(schemas.GetProperty("ClassifyResponse")), ignoreOrder: true);
        var application = json.GetProperty("application");
        application.EnumerateObject().Select(p => p.Name).ShouldBe(Properties(schemas.GetProperty("ApplicationClassification")), ignoreOrder: true);
        application.GetProperty("explanation")[0].EnumerateObject().Select(p => p.Name).ShouldBe(Properties(schemas.GetProperty("RuleFiringView")), ignoreOrder: true);
        json.GetProperty("thresholds").EnumerateObject().Select(p => p.Name).ShouldBe(Properties(schemas.GetProperty("ThresholdsView")), ignoreOrder: true);

        using var rules = await host.Client.GetAsync("/v1/rules");
        (await ServiceHost.Json(rules))[0].EnumerateObject().Select(p => p.Name).ShouldBe(Properties(schemas.GetProperty("RuleView")), ignoreOrder: true);
    }

    [Fact]
    public async Task No_personal_field_of_an_application_reaches_the_logs_even_at_trace_level()
    {
        await using var host = await ServiceHost.StartAsync();
        var application = ServiceHost.Application(id: "PSEUDO-7Q3XK", monthly: 1987.65m, tax: 23456.78m, prefectoral: ["refugee_cada_exit"], reservedBy: "action_logement");
        using (var ok = await host.PostJson("/v1/explain", application))
        {
            ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var bad = ServiceHost.Application(id: "PSEUDO-9ZZWV", monthly: 3141.59m, tax: 27182.81m);
        bad["children_under_14"] = "seven-dwarfs";
        using (var invalid = await host.PostJson("/v1/classify?year=2025", bad))
        {
            invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        using (var malformed = await host.PostJson("/v1/classify", "{\"application_id\": \"PSEUDO-MALF0\", \"monthly_resources\": 2718.28,"))
        {
            malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        await host.App.StopAsync();
        var logs = host.Logs.Lines.ToList();
        logs.Count.ShouldBeGreaterThan(10); // trace logging was on: Kestrel, routing and the service's own lines are there
        logs.ShouldContain(l => l.Contains("CIA.Service", StringComparison.Ordinal) && l.Contains("/v1/explain", StringComparison.Ordinal));
        logs.ShouldContain(l => l.StartsWith("Debug Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal));
        logs.ShouldContain(l => l.StartsWith("Trace Microsoft.AspNetCore.Routing", StringComparison.Ordinal));
        logs.ShouldContain(l => l.StartsWith("Information Microsoft.AspNetCore.Hosting.Diagnostics", StringComparison.Ordinal)); // ASP.NET Core's own request lines
        foreach (var secret in new[] { "PSEUDO-", "1987.65", "1987,65", "23456.78", "3141.59", "27182.81", "2718.28", "seven-dwarfs", "refugee_cada_exit", "action_logement" })
        {
            logs.ShouldNotContain(l => l.Contains(secret, StringComparison.Ordinal), $"a log line holds '{secret}'");
        }
    }

    [Fact]
    public async Task The_request_line_names_the_route_pattern_not_the_path_typed()
    {
        await using var host = await ServiceHost.StartAsync();
        using (var response = await host.Client.GetAsync("/v1/applicant/PSEUDO-PATH1/details"))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        await host.App.StopAsync();
        host.Logs.Lines.Where(l => l.Contains(" CIA.Service:", StringComparison.Ordinal)).ShouldContain(l => l.Contains("(no route)", StringComparison.Ordinal));
        host.Logs.Lines.Where(l => l.Contains(" CIA.Service:", StringComparison.Ordinal)).ShouldNotContain(l => l.Contains("PSEUDO-PATH1", StringComparison.Ordinal));
    }
}
