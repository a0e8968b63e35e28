using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CIA.Engine.Classification;
using CIA.Engine.Data;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Rules;

namespace CIA.Service.Tests;

/// <summary>Every endpoint over real HTTP on the loopback address.</summary>
public sealed class EndpointTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private readonly ServiceHost _host = fixture.Host;

    [Fact]
    public void The_service_listens_on_the_loopback_address_on_a_port_the_system_chose()
    {
        _host.Address.Host.ShouldBe("127.0.0.1");
        _host.Address.Port.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Classify_gives_the_quartile_the_criteria_and_the_fired_rules_with_the_figures_used()
    {
        using var response = await _host.PostJson("/v1/classify?year=2026", ServiceHost.Application(prefectoral: ["dalo"]));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        ServiceHost.ContentType(response)!.MediaType.ShouldBe("application/json");
        var json = await ServiceHost.Json(response);
        json.GetProperty("year").GetInt32().ShouldBe(2026);
        json.GetProperty("thresholds").GetProperty("q1").GetDecimal().ShouldBe(10745m);
        json.GetProperty("plus_ceilings").GetProperty("region").GetString().ShouldBe("other_regions");
        var a = json.GetProperty("application");
        a.GetProperty("application_id").GetString().ShouldBe("TEST-0001");
        a.GetProperty("uc").GetDecimal().ShouldBe(1.6m);
        a.GetProperty("resources_per_uc").GetDecimal().ShouldBe(8250m); // 1 100 € × 12 ÷ 1.6
        a.GetProperty("quartile").GetInt32().ShouldBe(1);
        a.GetProperty("priority").GetBoolean().ShouldBeTrue();
        Strings(a.GetProperty("priority_criteria")).ShouldBe(["prefectoral", "first_quartile"]);
        Strings(a.GetProperty("fired_rules")).ShouldContain("PRIO-1-DALO");
        a.TryGetProperty("explanation", out _).ShouldBeFalse();
        var text = json.GetRawText();
        text.ShouldNotContain("Cents", Case.Insensitive);
        text.ShouldNotContain("Mask", Case.Insensitive);
    }

    [Fact]
    public async Task Classify_without_a_year_uses_the_policys_default_year()
    {
        using var response = await _host.PostJson("/v1/classify", ServiceHost.Application());
        var json = await ServiceHost.Json(response);
        json.GetProperty("year").GetInt32().ShouldBe(PolicyLoader.LoadDefault().DefaultYear);
    }

    [Fact]
    public async Task Classify_many_gives_what_the_engine_gives_for_each_application_in_order()
    {
        var demand = DefaultData.Demand;
        var classifier = new HouseholdClassifier(PolicyLoader.LoadDefault(), BuiltInParameters.Create());
        var year = classifier.ForYear(2025);
        var rows = Enumerable.Range(0, 500).Select(i => i * 37 % demand.Count).Distinct().ToList();
        var batch = new JsonArray([.. rows.Select(r => (JsonNode)ServiceHost.ToJson(demand.Ids[r], demand.Household(r)))]);

        using var response = await _host.PostJson("/v1/classify/batch?year=2025", batch);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var applications = (await ServiceHost.Json(response)).GetProperty("applications").EnumerateArray().ToList();
        applications.Count.ShouldBe(rows.Count);
        var priorities = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var expected = classifier.Classify(demand.Household(rows[i]), year);
            var a = applications[i];
            a.GetProperty("application_id").GetString().ShouldBe(demand.Ids[rows[i]]);
            a.GetProperty("quartile").GetInt32().ShouldBe(expected.Quartile);
            a.GetProperty("priority").GetBoolean().ShouldBe(expected.IsPriority);
            string.Join('|', Strings(a.GetProperty("priority_criteria"))).ShouldBe(Engine.Domain.Tokens<PriorityCriteria>.FormatFlags(expected.Criteria));
            a.GetProperty("target_household").GetBoolean().ShouldBe(expected.IsTargetHousehold);
            a.GetProperty("plus_category").GetInt32().ShouldBe(expected.PlusCategory);
            a.GetProperty("resources_per_uc").GetDecimal().ShouldBe(expected.ResourcesPerUc.Rounded.Value);
            string.Join('|', Strings(a.GetProperty("fired_rules"))).ShouldBe(classifier.Rules.FiredIds(expected.Fired));
            priorities += expected.IsPriority ? 1 : 0;
        }

        priorities.ShouldBeInRange(1, rows.Count - 1); // the sample has both kinds
    }

    [Fact]
    public async Task The_epci_parameter_takes_another_epcis_published_thresholds()
    {
        // 1 436 € a month, one adult and two children under 14: 1 436 × 12 ÷ 1.6 = 10 770 € per UC. In 2026 that is above
        // Nantes Métropole's Q1 (10 745 €) and under the Métropole de Lyon's (10 800 €, quartiles_2026.json): quartile 2
        // under the policy's own EPCI, quartile 1 with ?epci=200046977.
        var household = ServiceHost.Application(monthly: 1436m);
        using var nantes = await _host.PostJson("/v1/classify?year=2026", household);
        var n = await ServiceHost.Json(nantes);
        n.GetProperty("thresholds").GetProperty("epci").GetString().ShouldBe("244400404");
        n.GetProperty("application").GetProperty("quartile").GetInt32().ShouldBe(2);

        using var lyon = await _host.PostJson("/v1/explain?year=2026&epci=200046977", household);
        lyon.StatusCode.ShouldBe(HttpStatusCode.OK);
        var l = await ServiceHost.Json(lyon);
        l.GetProperty("thresholds").GetProperty("epci").GetString().ShouldBe("200046977");
        (l.GetProperty("thresholds").GetProperty("q1").GetDecimal(), l.GetProperty("thresholds").GetProperty("q3").GetDecimal()).ShouldBe((10800m, 21083m));
        l.GetProperty("application").GetProperty("quartile").GetInt32().ShouldBe(1);
        l.GetProperty("application").GetProperty("explanation").EnumerateArray()
            .Single(e => e.GetProperty("rule").GetString() == "HH-QUARTILE-1").GetProperty("reason").GetString()!.ShouldContain("10 800");

        using var name = await _host.PostJson("/v1/classify?epci=Lyon", household);
        name.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ServiceHost.Json(name)).GetProperty("errors").GetProperty("epci")[0].GetString()!.ShouldContain("SIREN");

        using var unknown = await _host.PostJson("/v1/classify?year=2026&epci=200000628", household); // CC Rhône Lez Provence: not concerned
        unknown.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Explain_gives_every_fired_rule_with_its_reason_and_reference()
    {
        using var response = await _host.PostJson("/v1/explain?year=2025", ServiceHost.Application(prefectoral: ["dalo"]));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var a = (await ServiceHost.Json(response)).GetProperty("application");
        var explanation = a.GetProperty("explanation").EnumerateArray().ToList();
        explanation.Select(e => e.GetProperty("rule").GetString()).ShouldBe(Strings(a.GetProperty("fired_rules")));
        explanation.ShouldAllBe(e => e.GetProperty("reason").GetString()!.Length > 0 && e.GetProperty("reference").GetString()!.Length > 0 && e.GetProperty("title").GetString()!.Length > 0);
        var dalo = explanation.Single(e => e.GetProperty("rule").GetString() == "PRIO-1-DALO");
        dalo.GetProperty("reference").GetString().ShouldBe(RuleCatalogue.All(PolicyLoader.LoadDefault()).Single(r => r.Id == "PRIO-1-DALO").Reference);
        explanation.Single(e => e.GetProperty("rule").GetString() == "HH-QUARTILE-1").GetProperty("reason").GetString()!.ShouldContain("10 900");
    }

    [Fact]
    public async Task Explain_many_explains_each_application_in_order()
    {
        var batch = new JsonArray(ServiceHost.Application("E-1", prefectoral: ["dalo"]), ServiceHost.Application("E-2", monthly: 4000m, tax: 45000m));
        using var response = await _host.PostJson("/v1/explain/batch?year=2026", batch);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var applications = (await ServiceHost.Json(response)).GetProperty("applications").EnumerateArray().ToList();
        applications.Select(a => a.GetProperty("application_id").GetString()).ShouldBe(["E-1", "E-2"]);
        foreach (var a in applications)
        {
            a.GetProperty("explanation").EnumerateArray().Select(e => e.GetProperty("rule").GetString()).ShouldBe(Strings(a.GetProperty("fired_rules")));
        }

        applications[1].GetProperty("quartile").GetInt32().ShouldBe(4);
    }

    [Fact]
    public async Task Rules_lists_the_catalogue_as_cia_rules_does()
    {
        using var response = await _host.Client.GetAsync("/v1/rules");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rules = (await ServiceHost.Json(response)).EnumerateArray().ToList();
        var catalogue = RuleCatalogue.All(PolicyLoader.LoadDefault());
        rules.Select(r => r.GetProperty("id").GetString()).ShouldBe(catalogue.Select(r => r.Id));
        rules.ShouldAllBe(r => r.GetProperty("reference").GetString()!.Length > 0 && r.GetProperty("rule_set").GetString()!.Length > 0);
    }

    [Fact]
    public async Task Parameters_lists_every_dated_figure_with_its_period_and_source()
    {
        using var response = await _host.Client.GetAsync("/v1/parameters");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var entries = (await ServiceHost.Json(response)).EnumerateArray().ToList();
        entries.Count.ShouldBe(ParameterCatalogue.All(BuiltInParameters.Create()).Length);
        entries.SelectMany(e => e.GetProperty("periods").EnumerateArray()).ShouldAllBe(p => p.GetProperty("source").GetString()!.Length > 0 && p.GetProperty("from").GetString()!.Length == 10);

        var plus = entries.Single(e => e.GetProperty("name").GetString() == "PLUS ceilings (autres régions)");
        var y2026 = plus.GetProperty("periods").EnumerateArray().Single(p => p.GetProperty("from").GetString() == "2026-01-01");
        y2026.GetProperty("until").GetString().ShouldBe("2026-12-31");
        y2026.GetProperty("value").GetProperty("category1").GetDecimal().ShouldBe(23403m);
        y2026.GetProperty("source").GetString()!.ShouldContain("arrêté du 19/12/2025");

        var nantes = entries.Single(e => e.TryGetProperty("scope", out var scope) && scope.GetString() == "244400404");
        var q2026 = nantes.GetProperty("periods").EnumerateArray().Single(p => p.GetProperty("from").GetString() == "2026-01-01");
        q2026.GetProperty("value").GetProperty("q1").GetDecimal().ShouldBe(10745m);

        // A figure in force until changed has no end.
        var uc = entries.Single(e => e.GetProperty("name").GetString() == "UC scale (quartile rule)");
        uc.GetProperty("periods")[0].TryGetProperty("until", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_valid_policy_checks_as_valid()
    {
        using var response = await PostYaml(PolicyLoader.DefaultYaml());
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await ServiceHost.Json(response);
        json.GetProperty("valid").GetBoolean().ShouldBeTrue();
        json.GetProperty("name").GetString().ShouldBe(PolicyLoader.LoadDefault().Name);
        json.GetProperty("problems").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_bad_policy_gets_every_problem_with_its_path_line_and_column()
    {
        var yaml = PolicyLoader.DefaultYaml();
        var lines = yaml.Split('\n');
        var yearLine = Array.FindIndex(lines, l => l.StartsWith("default_year:", StringComparison.Ordinal));
        lines[yearLine] = "default_year: soon";
        using var response = await PostYaml(string.Join('\n', lines));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await ServiceHost.Json(response);
        json.GetProperty("valid").GetBoolean().ShouldBeFalse();
        var problem = json.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("path").GetString() == "default_year");
        problem.GetProperty("line").GetInt32().ShouldBe(yearLine + 1);
        problem.GetProperty("column").GetInt32().ShouldBeGreaterThan(0);
        problem.GetProperty("message").GetString()!.ShouldContain("soon");
    }

    [Fact]
    public async Task A_policy_that_is_not_yaml_gets_the_syntax_error_with_its_place()
    {
        using var response = await PostYaml("name: x\ntargets: [1\n");
        var json = await ServiceHost.Json(response);
        json.GetProperty("valid").GetBoolean().ShouldBeFalse();
        json.GetProperty("problems")[0].GetProperty("line").GetInt32().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Health_answers_ok_with_the_policy()
    {
        using var response = await _host.Client.GetAsync("/health");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await ServiceHost.Json(response);
        json.GetProperty("status").GetString().ShouldBe("ok");
        json.GetProperty("policy").GetString().ShouldBe(PolicyLoader.LoadDefault().Name);
    }

    private Task<HttpResponseMessage> PostYaml(string yaml) =>
        _host.Client.PostAsync("/v1/policy/check", new StringContent(yaml, Encoding.UTF8, "application/yaml"));

    internal static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
