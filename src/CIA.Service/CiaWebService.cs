using System.Text.Json;
using CIA.Engine.Classification;
using CIA.Engine.IO.Json;
using CIA.Engine.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CIA.Service;

/// <summary>A setting of <c>cia serve</c> that cannot be used: a non-loopback address without permission, a policy that computes its thresholds...</summary>
public sealed class ServiceConfigurationException : Exception
{
    /// <summary>Creates the error.</summary>
    public ServiceConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error.</summary>
    public ServiceConfigurationException()
    {
    }

    /// <summary>Creates the error.</summary>
    public ServiceConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// <c>cia serve</c>: the engine as an HTTP/JSON service (ASP.NET Core minimal API) for systems that are not .NET.
/// Listens on loopback unless allowed otherwise, bounds request sizes, answers every bad request with RFC 7807
/// problem details, describes itself in OpenAPI at <c>/openapi/v1.json</c>, and never logs a request body.
/// </summary>
public static class CiaWebService
{
    /// <summary>The log category of the service's own messages.</summary>
    public const string LogCategory = "CIA.Service";

    /// <summary>
    /// Builds the service (not started: call <c>RunAsync</c>, or <c>StartAsync</c> and <see cref="BoundAddresses"/>).
    /// <paramref name="logging"/> runs after the defaults (console on standard error, ASP.NET Core at warning), e.g. for
    /// tests to capture logs.
    /// </summary>
    /// <exception cref="ServiceConfigurationException">An address cannot be used, a limit is out of range, or the policy cannot classify one application at a time.</exception>
    /// <exception cref="PolicyException">The policy is not valid.</exception>
    /// <exception cref="Engine.Parameters.ParameterNotCoveredException">The policy's EPCI needs PLUS ceilings it does not name.</exception>
    public static WebApplication Build(ServiceOptions options, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<ListenAddress> addresses;
        try
        {
            addresses = ListenAddress.ParseAll(options.Urls);
        }
        catch (FormatException e)
        {
            throw new ServiceConfigurationException("--urls " + e.Message, e);
        }

        if (!options.AllowRemote && addresses.FirstOrDefault(a => !a.IsLoopback) is { } remote)
        {
            throw new ServiceConfigurationException(
                $"{remote} is not a loopback address: the service has no authentication, so it listens on this machine only. Give --allow-remote to bind it anyway (behind a proxy that authenticates and encrypts).");
        }

        if (options.MaxRequestBytes is < 1024 or > 1L << 30)
        {
            throw new ServiceConfigurationException($"--max-request-bytes {options.MaxRequestBytes}: give a size from 1024 to {1L << 30} bytes.");
        }

        if (options.MaxBatch is < 1 or > 100_000)
        {
            throw new ServiceConfigurationException($"--max-batch {options.MaxBatch}: give a count from 1 to 100000.");
        }

        if (options.Policy.Quartiles.Thresholds != ThresholdSource.Published)
        {
            throw new ServiceConfigurationException(
                $"the policy '{options.Policy.Name}' computes its quartile thresholds from a demand file (quartiles.thresholds: computed): the service classifies applications one request at a time, so it needs published thresholds.");
        }

        var state = new ServiceState(new HouseholdClassifier(options.Policy, options.Parameters), options);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(CiaWebService).Assembly.GetName().Name,
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Only the options given decide: no appsettings.json, no ASPNETCORE_URLS or Kestrel__Endpoints from the environment.
        builder.Configuration.Sources.Clear();

        // Logging: never a request body. Nothing here logs bodies (no HTTP logging middleware); ASP.NET Core's own
        // categories stay at warning, and the service's request line names the route pattern, not the path typed.
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore.HttpLogging", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None); // a failed start (address in use) is one "error:" line from cia, not a stack trace
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging?.Invoke(builder.Logging);

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            foreach (var a in addresses)
            {
                if (a.IsLocalhost)
                {
                    k.ListenLocalhost(a.Port);
                }
                else
                {
                    k.Listen(a.Address!, a.Port);
                }
            }
        });

        builder.Services.ConfigureHttpJsonOptions(o => Json(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(state);
        builder.Services.AddOpenApi("v1", OpenApiDocument.Configure);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(RequestLog(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory)));
        Endpoints.Map(app, state);
        app.MapOpenApi().WithName("openapi").WithSummary("This OpenAPI document.");
        return app;
    }

    /// <summary>The addresses the started service listens on (with the ports chosen for port 0).</summary>
    public static IReadOnlyList<Uri> BoundAddresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var feature = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        return [.. (feature?.Addresses ?? []).Select(a => new Uri(a))];
    }

    /// <summary>The serializer settings of every response: snake_case names, the domain converters, nulls left out.</summary>
    public static JsonSerializerOptions Json(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        options.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict; // numbers are numbers, not "12"
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        DomainJsonConverters.AddTo(options);
        return options;
    }

    // One line per request that failed (information) or succeeded (debug, off by default): method, route pattern, status,
    // time. The route pattern, not the path: a client may put anything in a URL, a pattern holds nothing of theirs.
    private static Func<HttpContext, RequestDelegate, Task> RequestLog(ILogger logger) => async (context, next) =>
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        await next(context).ConfigureAwait(false);
        var status = context.Response.StatusCode;
        var level = status >= 500 ? LogLevel.Error : status >= 400 ? LogLevel.Information : LogLevel.Debug;
        if (logger.IsEnabled(level))
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            logger.Log(level, "{Method} {Route} answered {Status} in {Elapsed:0.0} ms", context.Request.Method, route, status,
                System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    };
}
