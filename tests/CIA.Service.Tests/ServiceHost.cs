using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CIA.Engine.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace CIA.Service.Tests;

/// <summary>
/// The service started in this process on 127.0.0.1 with a port the system picks (never a fixed one), every log message
/// of every category captured at trace level, and an HttpClient on its address. Disposing stops it and frees the port.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private ServiceHost(WebApplication app, Uri address, CapturedLogs logs)
    {
        App = app;
        Address = address;
        Logs = logs;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public CapturedLogs Logs { get; }

    public static async Task<ServiceHost> StartAsync(ServiceOptions? options = null)
    {
        var logs = new CapturedLogs();
        options ??= new ServiceOptions();
        var app = CiaWebService.Build(
            new ServiceOptions { Urls = "http://127.0.0.1:0", Policy = options.Policy, Parameters = options.Parameters, MaxRequestBytes = options.MaxRequestBytes, MaxBatch = options.MaxBatch },
            logging =>
            {
                // Everything at trace level, overriding the service's own filters category by category (a rule for a
                // category beats the minimum level, and the last of equal rules wins).
                logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
                foreach (var category in new[] { "Microsoft", "Microsoft.Hosting.Lifetime", "Microsoft.AspNetCore.HttpLogging", "Microsoft.Extensions.Hosting.Internal.Host", "CIA.Service", "System" })
                {
                    logging.AddFilter(category, LogLevel.Trace);
                }
            });
        await app.StartAsync();
        var address = CiaWebService.BoundAddresses(app).Single();
        return new ServiceHost(app, address, logs);
    }

    public Task<HttpResponseMessage> PostJson(string path, string json) =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> PostJson(string path, JsonNode json) => PostJson(path, json.ToJsonString());

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    /// <summary>An application as JSON, every field given (pseudonymous id; made-up figures).</summary>
    public static JsonObject Application(string id = "TEST-0001", decimal monthly = 1100m, decimal tax = 12000m, int persons = 1, int children = 2,
        string[]? employment = null, string[]? prefectoral = null, string? reservedBy = null) => new()
    {
        ["application_id"] = id,
        ["registered_on"] = "2024-03-15",
        ["persons_14_plus"] = persons,
        ["children_under_14"] = children,
        ["monthly_resources"] = monthly,
        ["tax_income"] = tax,
        ["employment"] = new JsonArray([.. (employment ?? ["employed"]).Select(e => (JsonNode)e)]),
        ["disabled_member"] = false,
        ["is_mutation"] = false,
        ["mutation_reason"] = null,
        ["urban_renewal"] = null,
        ["prefectoral_criteria"] = new JsonArray([.. (prefectoral ?? []).Select(e => (JsonNode)e)]),
        ["reserved_by"] = reservedBy,
        ["desired_communes"] = new JsonArray("44109", "44143"),
    };

    /// <summary>An engine household input as the JSON the service reads.</summary>
    public static JsonObject ToJson(string id, in HouseholdInput h) => ApplicationJson.Of(id, in h);

    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static MediaTypeHeaderValue? ContentType(HttpResponseMessage response) => response.Content.Headers.ContentType;
}

/// <summary>Every log message, with its category and the values of its structured state, as text.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {Describe(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} | {Describe(state)} | {exception}");

        private static string Describe(object? state) => state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : state?.ToString() ?? string.Empty;
    }
}
