using System.CommandLine;
using CIA.Service;

namespace CIA.Cli;

/// <summary><c>cia serve</c>: the engine as an HTTP/JSON service (docs/service.md); runs until Ctrl-C or SIGTERM.</summary>
internal static class ServeCommand
{
    public static Command Create(CliIo io)
    {
        var urls = new Option<string>("--urls")
        {
            Description = $"Addresses to listen on, ';'-separated, as http://IP:PORT or http://localhost:PORT (port 0: a free port). Default: {ServiceOptions.DefaultUrls}. An address that is not loopback (127.0.0.1, ::1, localhost) is refused unless --allow-remote is given.",
            DefaultValueFactory = _ => ServiceOptions.DefaultUrls,
        };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "Allow an address other machines can reach (e.g. 0.0.0.0). The service has no authentication or TLS: put it behind a proxy that has." };
        var policy = Shared.Policy();
        var thresholds = Shared.Thresholds();
        var plusCeilings = Shared.PlusCeilings();
        var maxBytes = new Option<long>("--max-request-bytes")
        {
            Description = $"Largest request body accepted, in bytes (1024 to 1073741824); larger ones get 413. Default: {ServiceOptions.DefaultMaxRequestBytes}.",
            DefaultValueFactory = _ => ServiceOptions.DefaultMaxRequestBytes,
        };
        var maxBatch = new Option<int>("--max-batch")
        {
            Description = $"Most applications in one POST /v1/classify/batch (1 to 100000); more get 413. Default: {ServiceOptions.DefaultMaxBatch}.",
            DefaultValueFactory = _ => ServiceOptions.DefaultMaxBatch,
        };
        var command = new Command("serve", "Serve the engine over HTTP/JSON for systems that are not .NET: classify, explain, rules, parameters, policy check, OpenAPI at /openapi/v1.json (docs/service.md). Listens on 127.0.0.1 only unless --allow-remote.")
        {
            urls, allowRemote, policy, thresholds, plusCeilings, maxBytes, maxBatch,
        };
        command.SetAction(r => io.Guard(false, _ =>
        {
            var options = new ServiceOptions
            {
                Urls = r.GetValue(urls) ?? ServiceOptions.DefaultUrls,
                AllowRemote = r.GetValue(allowRemote),
                Policy = Shared.LoadPolicy(r.GetValue(policy), io),
                Parameters = Shared.Parameters(io, thresholds: r.GetValue(thresholds), plusCeilings: r.GetValue(plusCeilings)),
                MaxRequestBytes = r.GetValue(maxBytes),
                MaxBatch = r.GetValue(maxBatch),
            };
            Microsoft.AspNetCore.Builder.WebApplication app;
            try
            {
                app = CiaWebService.Build(options);
            }
            catch (ServiceConfigurationException e)
            {
                // The options (an address, a limit) are the problem: a usage error. A policy the service cannot use is
                // an input error, as everywhere else.
                return options.Policy.Quartiles.Thresholds != Engine.Policy.ThresholdSource.Published
                    ? Fail(e.Message)
                    : io.Usage(e.Message);
            }

            app.Run(); // until Ctrl-C or SIGTERM; an address already in use ends here as an IOException (exit code 1)
            return CliApp.Ok;
        }));
        return command;

        int Fail(string message)
        {
            io.Err.WriteLine("error: " + message);
            return CliApp.InvalidInput;
        }
    }
}
