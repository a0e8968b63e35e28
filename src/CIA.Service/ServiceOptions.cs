using CIA.Engine.Parameters;
using CIA.Engine.Policy;

namespace CIA.Service;

/// <summary>How <c>cia serve</c> runs: where it listens, the policy and parameters it classifies with, its limits.</summary>
public sealed class ServiceOptions
{
    /// <summary>The default address: loopback only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5088";

    /// <summary>The default largest request body: 1 MiB, room for a batch of 1 000 applications.</summary>
    public const long DefaultMaxRequestBytes = 1 << 20;

    /// <summary>The default most applications in one batch.</summary>
    public const int DefaultMaxBatch = 1000;

    /// <summary>Addresses to listen on, <c>;</c>-separated: <c>http://IP:PORT</c> or <c>http://localhost:PORT</c>; port 0 picks a free port.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Whether an address that is not loopback may be bound (the service has no authentication: put it behind a proxy that has).</summary>
    public bool AllowRemote { get; init; }

    /// <summary>The policy classifications use (its quartile thresholds must be published ones).</summary>
    public CiaPolicy Policy { get; init; } = PolicyLoader.LoadDefault();

    /// <summary>The legal figures.</summary>
    public ParameterSet Parameters { get; init; } = BuiltInParameters.Create();

    /// <summary>The largest request body accepted, in bytes; above it the answer is 413.</summary>
    public long MaxRequestBytes { get; init; } = DefaultMaxRequestBytes;

    /// <summary>The most applications one batch may hold; above it the answer is 413.</summary>
    public int MaxBatch { get; init; } = DefaultMaxBatch;
}
