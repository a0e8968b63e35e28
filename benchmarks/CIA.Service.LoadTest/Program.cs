// Bounded load test of cia serve: N requests from C concurrent clients over HTTP/1.1 keep-alive connections, then
// throughput and latency percentiles. Stops by itself after the N requests (plus a warm-up).
//
//   dotnet run -c Release --project benchmarks/CIA.Service.LoadTest -- [--url http://127.0.0.1:5088] [--requests 20000]
//       [--clients 16] [--endpoint classify|explain|batch] [--batch-size 100]
//
// Without --url the service is started in this process on 127.0.0.1 with a free port (clients and server then share
// the machine's cores, as they do when both run on one host). Bodies are the built-in synthetic data set's
// applications (pseudonymous ids), prepared before the clock starts.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CIA.Engine.Data;
using CIA.Engine.Domain;
using CIA.Service;
using Microsoft.Extensions.Logging;

var url = Arg("--url", null);
var requests = int.Parse(Arg("--requests", "20000")!, CultureInfo.InvariantCulture);
var clients = int.Parse(Arg("--clients", "16")!, CultureInfo.InvariantCulture);
var endpoint = Arg("--endpoint", "classify")!;
var batchSize = int.Parse(Arg("--batch-size", "100")!, CultureInfo.InvariantCulture);
if (requests < 1 || clients < 1 || batchSize < 1 || endpoint is not ("classify" or "explain" or "batch"))
{
    Console.Error.WriteLine("usage: [--url URL] [--requests N] [--clients C] [--endpoint classify|explain|batch] [--batch-size B]");
    return 2;
}

Microsoft.AspNetCore.Builder.WebApplication? app = null;
if (url is null)
{
    app = CiaWebService.Build(new ServiceOptions { Urls = "http://127.0.0.1:0" }, l => l.SetMinimumLevel(LogLevel.Warning));
    await app.StartAsync();
    url = CiaWebService.BoundAddresses(app).Single().ToString();
}

var path = endpoint switch { "batch" => "/v1/classify/batch", "explain" => "/v1/explain", _ => "/v1/classify" };
var demand = DefaultData.Demand;
var bodies = new byte[Math.Min(requests, 4096)][];
for (var i = 0; i < bodies.Length; i++)
{
    JsonNode body = endpoint == "batch"
        ? new JsonArray([.. Enumerable.Range(0, batchSize).Select(k => (JsonNode)Application((i * batchSize + k) % demand.Count))])
        : Application(i % demand.Count);
    bodies[i] = Encoding.UTF8.GetBytes(body.ToJsonString());
}

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
using var client = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };

// Warm-up: JIT, connections, the year's figures.
await Run(Math.Min(500, requests), new long[Math.Min(500, requests)]);

var latencies = new long[requests];
var clock = Stopwatch.StartNew();
var failures = await Run(requests, latencies);
clock.Stop();

Array.Sort(latencies);
double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
double Pct(double p) => Ms(latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)]);
var perSecond = requests / clock.Elapsed.TotalSeconds;
Console.WriteLine(FormattableString.Invariant($"endpoint {path}{(endpoint == "batch" ? $" ({batchSize} applications per request)" : "")}, {requests} requests, {clients} clients, server {(app is null ? url : "in-process")}"));
Console.WriteLine(FormattableString.Invariant($"elapsed {clock.Elapsed.TotalSeconds:0.00} s; throughput {perSecond:0} requests/s{(endpoint == "batch" ? $" = {perSecond * batchSize:0} applications/s" : "")}"));
Console.WriteLine(FormattableString.Invariant($"latency ms: p50 {Pct(0.50):0.00}, p90 {Pct(0.90):0.00}, p99 {Pct(0.99):0.00}, max {Ms(latencies[^1]):0.00}; failures {failures}"));
Console.WriteLine($"machine: {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");

if (app is not null)
{
    await app.StopAsync();
    await app.DisposeAsync();
}

return failures == 0 ? 0 : 1;

async Task<int> Run(int count, long[] times)
{
    var next = -1;
    var failed = 0;
    var workers = Enumerable.Range(0, clients).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            using var content = new ByteArrayContent(bodies[i % bodies.Length]);
            content.Headers.ContentType = new("application/json");
            var start = Stopwatch.GetTimestamp();
            using var response = await client.PostAsync(path, content);
            await response.Content.ReadAsByteArrayAsync();
            times[i] = Stopwatch.GetTimestamp() - start;
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failed);
            }
        }
    });
    await Task.WhenAll(workers);
    return failed;
}

JsonObject Application(int row) => ApplicationJson.Of(demand.Ids[row], demand.Household(row));

string? Arg(string name, string? fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
