using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CIA.Service.Tests;

/// <summary>Bad requests get RFC 7807 problem details (application/problem+json), never an empty body or a stack trace.</summary>
public sealed class ProblemTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private readonly ServiceHost _host = fixture.Host;

    [Fact]
    public async Task Missing_and_invalid_fields_are_all_listed_under_their_json_paths()
    {
        var body = new JsonObject
        {
            ["persons_14_plus"] = 0,
            ["children_under_14"] = "two",
            ["monthly_resources"] = 1234.567,
            ["employment"] = new JsonArray("employed", "astronaut"),
            ["reserved_by"] = "mayor",
            ["is_mutation"] = false,
            ["mutation_reason"] = "health",
            ["monthly_income"] = 1000,
        };
        using var response = await _host.PostJson("/v1/classify", body);
        var errors = await Problem(response, HttpStatusCode.BadRequest);
        errors.Keys.ShouldBe(
            ["$.monthly_income", "$.application_id", "$.tax_income", "$.persons_14_plus", "$.children_under_14", "$.mutation_reason", "$.monthly_resources", "$.employment[1]", "$.reserved_by"],
            ignoreOrder: true);
        errors["$.application_id"].ShouldBe(["is required."]);
        errors["$.monthly_resources"][0].ShouldContain("two decimals");
        errors["$.employment[1]"][0].ShouldContain("\"retired\"");
    }

    [Fact]
    public async Task A_problem_in_a_batch_names_the_application_by_its_index_and_nothing_is_classified()
    {
        var batch = new JsonArray(ServiceHost.Application("A-1"), ServiceHost.Application("A-2", tax: -5), ServiceHost.Application("A-1"), 42);
        using var response = await _host.PostJson("/v1/classify/batch", batch);
        var errors = await Problem(response, HttpStatusCode.BadRequest);
        errors.Keys.ShouldBe(["$[1].tax_income", "$[2].application_id", "$[3]"], ignoreOrder: true);
        errors["$[2].application_id"][0].ShouldContain("$[0]");
    }

    [Fact]
    public async Task A_batch_that_is_not_an_array_is_refused()
    {
        using var response = await _host.PostJson("/v1/classify/batch", ServiceHost.Application());
        (await Problem(response, HttpStatusCode.BadRequest)).Keys.ShouldBe(["$"]);
    }

    [Theory]
    [InlineData("{\"application_id\": \"X\",", "$")]
    [InlineData("", "$")]
    [InlineData("{\"application_id\": \"X\" \"persons_14_plus\": 1}", "$")]
    [InlineData("[1, 2,]", "$")]
    public async Task Malformed_json_is_a_problem_with_its_place(string json, string path)
    {
        using var response = await _host.PostJson("/v1/classify", json);
        var errors = await Problem(response, HttpStatusCode.BadRequest);
        errors.Keys.Single().ShouldStartWith(path);
        errors.Values.Single()[0].ShouldStartWith("malformed JSON at line 1");
    }

    [Fact]
    public async Task Json_nested_too_deep_is_refused()
    {
        var json = new string('[', 100) + new string(']', 100);
        using var response = await _host.PostJson("/v1/classify/batch", json);
        await Problem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        using var response = await _host.Client.PostAsync("/v1/classify", new StringContent("application_id=X", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await Problem(response, HttpStatusCode.UnsupportedMediaType);
        using var yaml = await _host.Client.PostAsync("/v1/policy/check", new StringContent("{}", Encoding.UTF8, "application/json"));
        await Problem(yaml, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("?year=twenty")]
    [InlineData("?year=2025&year=2026")]
    [InlineData("?year=99999")]
    public async Task An_invalid_year_is_a_problem(string query)
    {
        using var response = await _host.PostJson("/v1/classify" + query, ServiceHost.Application());
        (await Problem(response, HttpStatusCode.BadRequest)).Keys.ShouldBe(["year"]);
    }

    [Fact]
    public async Task A_year_without_legal_figures_is_422()
    {
        using var response = await _host.PostJson("/v1/classify?year=1950", ServiceHost.Application());
        await Problem(response, HttpStatusCode.UnprocessableEntity);
        var json = await ServiceHost.Json(response);
        json.GetProperty("detail").GetString()!.ShouldContain("1950");
    }

    [Fact]
    public async Task An_unknown_route_is_404()
    {
        using var response = await _host.Client.GetAsync("/v1/nothing-here");
        await Problem(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_wrong_method_is_405_with_the_allowed_one()
    {
        using var response = await _host.Client.GetAsync("/v1/classify");
        await Problem(response, HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.ShouldBe(["POST"]);
        using var delete = await _host.Client.DeleteAsync("/v1/rules");
        await Problem(delete, HttpStatusCode.MethodNotAllowed);
    }

    /// <summary>Checks the status and the problem+json form, and returns the invalid fields by path (empty when none).</summary>
    internal static async Task<Dictionary<string, string[]>> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status);
        ServiceHost.ContentType(response)!.MediaType.ShouldBe("application/problem+json");
        var json = await ServiceHost.Json(response);
        json.GetProperty("status").GetInt32().ShouldBe((int)status);
        json.GetProperty("title").GetString()!.ShouldNotBeEmpty();
        json.GetProperty("type").GetString()!.ShouldNotBeEmpty();
        json.GetRawText().ShouldNotContain("   at "); // no stack trace
        return json.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(e => e.GetString()!).ToArray())
            : [];
    }
}
