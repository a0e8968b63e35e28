using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace CIA.Service.Tests;

/// <summary>Request sizes are bounded; the service binds loopback only unless told; it stops cleanly and frees its port.</summary>
public sealed class LimitTests
{
    [Fact]
    public async Task A_body_over_the_limit_is_413_whether_its_length_is_declared_or_not()
    {
        await using var host = await ServiceHost.StartAsync(new ServiceOptions { MaxRequestBytes = 4096 });
        var big = new JsonArray([.. Enumerable.Range(0, 60).Select(i => (JsonNode)ServiceHost.Application($"BIG-{i:D4}"))]).ToJsonString();
        big.Length.ShouldBeInRange(4097, 64 * 1024); // larger than the limit, small enough for the socket buffers

        using (var declared = await host.PostJson("/v1/classify/batch", big))
        {
            await ProblemTests.Problem(declared, HttpStatusCode.RequestEntityTooLarge);
        }

        // Chunked: no Content-Length, so the limit is met while reading.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/classify/batch") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using (var response = await host.Client.SendAsync(request))
        {
            await ProblemTests.Problem(response, HttpStatusCode.RequestEntityTooLarge);
        }

        using var policy = await host.Client.PostAsync("/v1/policy/check", new StringContent(new string('#', 5000), Encoding.UTF8, "application/yaml"));
        await ProblemTests.Problem(policy, HttpStatusCode.RequestEntityTooLarge);

        // The service still answers afterwards.
        using var small = await host.PostJson("/v1/classify", ServiceHost.Application());
        small.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_batch_over_the_count_limit_is_413()
    {
        await using var host = await ServiceHost.StartAsync(new ServiceOptions { MaxBatch = 3 });
        var batch = new JsonArray([.. Enumerable.Range(0, 4).Select(i => (JsonNode)ServiceHost.Application($"N-{i}"))]);
        using var response = await host.PostJson("/v1/classify/batch", batch);
        await ProblemTests.Problem(response, HttpStatusCode.RequestEntityTooLarge);
        (await ServiceHost.Json(response)).GetProperty("max_batch").GetInt32().ShouldBe(3);
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:0")]
    [InlineData("http://[::]:0")]
    [InlineData("http://127.0.0.1:0;http://192.0.2.10:0")]
    public void An_address_other_machines_reach_is_refused_unless_allowed(string urls)
    {
        var e = Should.Throw<ServiceConfigurationException>(() => CiaWebService.Build(new ServiceOptions { Urls = urls }));
        e.Message.ShouldContain("--allow-remote");
    }

    [Fact]
    public async Task An_address_other_machines_reach_is_bound_when_allowed()
    {
        await using var app = CiaWebService.Build(new ServiceOptions { Urls = "http://0.0.0.0:0", AllowRemote = true }, l => l.ClearProviders());
        await app.StartAsync();
        CiaWebService.BoundAddresses(app).Single().Host.ShouldBe("0.0.0.0");
        await app.StopAsync();
    }

    [Theory]
    [InlineData("https://127.0.0.1:5088")]
    [InlineData("http://example.org:80")]
    [InlineData("http://127.0.0.1")]
    [InlineData("http://127.0.0.1:5088/path")]
    [InlineData("")]
    public void An_address_that_is_not_http_ip_port_is_refused(string urls) =>
        Should.Throw<ServiceConfigurationException>(() => CiaWebService.Build(new ServiceOptions { Urls = urls })).Message.ShouldStartWith("--urls");

    [Fact]
    public void Cia_serve_refuses_a_non_loopback_address_as_a_usage_error_and_says_why()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Cli.CliApp.Run(["serve", "--urls", "http://0.0.0.0:5088"], output, error);
        code.ShouldBe(Cli.CliApp.UsageError);
        error.ToString().ShouldContain("not a loopback address");
        error.ToString().ShouldContain("--allow-remote");
    }

    [Fact]
    public void Cia_serve_refuses_a_policy_with_computed_thresholds_as_an_input_error()
    {
        var policy = Path.Combine(Directory.CreateTempSubdirectory("cia-serve-").FullName, "computed.yaml");
        File.WriteAllText(policy, "extends: builtin\nquartiles: {thresholds: computed}\n");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Cli.CliApp.Run(["serve", "--policy", policy], output, error);
        code.ShouldBe(Cli.CliApp.InvalidInput);
        error.ToString().ShouldContain("needs published thresholds");
        Directory.Delete(Path.GetDirectoryName(policy)!, recursive: true);
    }

    [Fact]
    public void Cia_serve_help_states_the_loopback_default_and_the_flag()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Cli.CliApp.Run(["serve", "--help"], output, error).ShouldBe(0);
        var help = output.ToString();
        help.ShouldContain("--allow-remote");
        help.ShouldContain("127.0.0.1");
        help.ShouldContain("--max-request-bytes");
    }

    [Fact]
    public async Task Stopping_the_service_frees_its_port()
    {
        int port;
        await using (var host = await ServiceHost.StartAsync())
        {
            port = host.Address.Port;
            using var response = await host.Client.GetAsync("/health");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start(); // throws if the port were still held
        listener.Stop();
    }
}
