using System.Globalization;
using System.Net;

namespace CIA.Service;

/// <summary>An address to listen on: an IP address (or localhost) and a port.</summary>
public sealed record ListenAddress(IPAddress? Address, int Port)
{
    /// <summary>Whether it is <c>localhost</c> (both loopback addresses).</summary>
    public bool IsLocalhost => Address is null;

    /// <summary>Whether only this machine can reach it.</summary>
    public bool IsLoopback => Address is null || IPAddress.IsLoopback(Address);

    /// <summary>Parses <c>;</c>-separated <c>http://HOST:PORT</c> addresses; HOST is an IP address or <c>localhost</c>.</summary>
    /// <exception cref="FormatException">An address is not of that form (https, a host name, a path, no port...).</exception>
    public static IReadOnlyList<ListenAddress> ParseAll(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var list = new List<ListenAddress>();
        foreach (var part in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            list.Add(Parse(part));
        }

        return list.Count > 0 ? list : throw new FormatException("no address given: give one as http://127.0.0.1:5088.");
    }

    private static ListenAddress Parse(string url)
    {
        const string form = "give http://IP:PORT or http://localhost:PORT, e.g. http://127.0.0.1:5088";
        if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"'{url}': only http:// is served (put TLS in a reverse proxy); {form}.");
        }

        var rest = url["http://".Length..].TrimEnd('/');
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || rest.Contains('/', StringComparison.Ordinal)
            || !int.TryParse(rest.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new FormatException($"'{url}' is not an address with a port; {form}.");
        }

        var host = rest[..colon];
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new ListenAddress(port == 0 ? IPAddress.Loopback : null, port); // Kestrel cannot pick a free port for "localhost"
        }

        if (host is "*" or "+")
        {
            return new ListenAddress(IPAddress.IPv6Any, port);
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        return IPAddress.TryParse(host, out var ip)
            ? new ListenAddress(ip, port)
            : throw new FormatException($"'{url}': '{host}' is not an IP address; {form}.");
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"http://{(Address is null ? "localhost" : Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString())}:{Port}");
}
