using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CIA.Cli.Tests.Browser;

/// <summary>
/// Opens a local HTML file in headless Chromium (Debian's <c>chromium</c>) and drives it over the DevTools protocol
/// (a WebSocket on a port Chromium picks): collects console errors, uncaught exceptions and failed loads, evaluates
/// scripts, dumps the DOM after scripts ran and takes screenshots. Everything has a timeout; disposing kills the whole
/// process tree and removes the profile directory.
/// </summary>
/// <example><code>
/// await using var page = await HeadlessChromium.OpenAsync("/tmp/report.html");
/// page.Errors.ShouldBeEmpty();
/// var dom = await page.DomAsync();
/// File.WriteAllBytes("shot.png", await page.ScreenshotAsync());
/// </code></example>
internal sealed partial class HeadlessChromium : IAsyncDisposable
{
    /// <summary>The environment variable that names the Chromium executable, overriding the search.</summary>
    public const string ExecutableVariable = "CIA_CHROMIUM";

    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    private readonly Process process;
    private readonly string profile;
    private readonly ClientWebSocket socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> pending = new();
    private readonly ConcurrentQueue<string> errors = new();
    private readonly ConcurrentQueue<string> stderr = new();
    private readonly CancellationTokenSource stop = new();
    private readonly TimeSpan timeout;
    private TaskCompletionSource loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? receiver;
    private int nextId;

    private HeadlessChromium(Process process, string profile, TimeSpan timeout)
    {
        this.process = process;
        this.profile = profile;
        this.timeout = timeout;
    }

    /// <summary>Console errors (<c>console.error</c>, failed assertions), uncaught exceptions and browser log errors (a resource that failed to load), in order.</summary>
    public IReadOnlyList<string> Errors => [.. errors];

    /// <summary>Chromium's own stderr, for diagnostics.</summary>
    public IReadOnlyList<string> BrowserLog => [.. stderr];

    /// <summary>The Chromium executable: <see cref="ExecutableVariable"/>, else the first of the usual paths that exists, else null.</summary>
    /// <param name="configured">The configured path (default: <see cref="ExecutableVariable"/>).</param>
    /// <param name="candidates">Where to look otherwise (default: the Debian and Chrome paths).</param>
    public static string? FindExecutable(string? configured = null, IReadOnlyList<string>? candidates = null)
    {
        configured ??= Environment.GetEnvironmentVariable(ExecutableVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        return (candidates ?? Candidates).FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// The executable, or an exception that says how to get one. Never a silent pass: a machine without Chromium fails
    /// the browser tests (CI installs it in <c>.ci/run</c>).
    /// </summary>
    /// <param name="configured">The configured path (default: <see cref="ExecutableVariable"/>).</param>
    /// <param name="candidates">Where to look otherwise.</param>
    public static string RequireExecutable(string? configured = null, IReadOnlyList<string>? candidates = null) =>
        FindExecutable(configured, candidates) ?? throw new InvalidOperationException(
            "Headless Chromium is required for the browser tests and was not found (looked for " + ExecutableVariable + (configured is null ? string.Empty : "=" + configured) + ", " + string.Join(", ", candidates ?? Candidates) + "). " +
            "Install it with `apt-get install -y chromium` (.ci/run does this when it is missing), or set " + ExecutableVariable + " to its path.");

    /// <summary>Starts Chromium, opens <paramref name="htmlPath"/> and waits for its load event.</summary>
    /// <param name="htmlPath">A local HTML file.</param>
    /// <param name="width">Viewport width in CSS pixels.</param>
    /// <param name="height">Viewport height.</param>
    /// <param name="timeout">Limit for starting, loading and each later command (default 60 s).</param>
    public static async Task<HeadlessChromium> OpenAsync(string htmlPath, int width = 900, int height = 1200, TimeSpan? timeout = null)
    {
        var exe = RequireExecutable();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var profile = Directory.CreateTempSubdirectory("cia-chromium-").FullName;
        var start = new ProcessStartInfo(exe)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--mute-audio",
            "--hide-scrollbars", "--remote-debugging-port=0", "--remote-allow-origins=*", $"--user-data-dir={profile}", $"--window-size={width},{height}", "about:blank",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start: " + exe);
        var browser = new HeadlessChromium(process, profile, limit);
        try
        {
            await browser.ConnectAsync().ConfigureAwait(false);
            await browser.NavigateAsync(new Uri(Path.GetFullPath(htmlPath)), width, height).ConfigureAwait(false);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Evaluates a JavaScript expression in the page (awaiting a promise) and returns its value as JSON text.</summary>
    /// <param name="expression">The expression.</param>
    public async Task<string> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true }).ConfigureAwait(false);
        if (result["exceptionDetails"] is JsonObject ex)
        {
            throw new InvalidOperationException("Script failed: " + Describe(ex));
        }

        return result["result"]?["value"]?.ToJsonString() ?? "null";
    }

    /// <summary>The DOM as it is now (after the page's scripts ran), serialized as HTML.</summary>
    public async Task<string> DomAsync() =>
        JsonSerializer.Deserialize<string>(await EvaluateAsync("document.documentElement.outerHTML").ConfigureAwait(false)) ?? string.Empty;

    /// <summary>A PNG of the page: the whole page (<paramref name="fullPage"/>) or the viewport.</summary>
    /// <param name="fullPage">Capture the whole scrollable page.</param>
    public async Task<byte[]> ScreenshotAsync(bool fullPage = true)
    {
        var args = new JsonObject { ["format"] = "png" };
        if (fullPage)
        {
            var metrics = await SendAsync("Page.getLayoutMetrics", []).ConfigureAwait(false);
            var size = metrics["cssContentSize"] ?? metrics["contentSize"];
            var w = Math.Ceiling(size?["width"]?.GetValue<double>() ?? 900);
            var h = Math.Ceiling(size?["height"]?.GetValue<double>() ?? 1200);
            args["captureBeyondViewport"] = true;
            args["clip"] = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = w, ["height"] = h, ["scale"] = 1 };
        }

        var shot = await SendAsync("Page.captureScreenshot", args).ConfigureAwait(false);
        return Convert.FromBase64String(shot["data"]!.GetValue<string>());
    }

    /// <summary>Closes the connection, kills Chromium and every process it started, removes its profile.</summary>
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or not dying: nothing more to do from here.
        }

        if (receiver is not null)
        {
            try
            {
                await receiver.ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The socket closed with the browser.
            }
        }

        socket.Dispose();
        process.Dispose();
        stop.Dispose();
        foreach (var p in pending.Values)
        {
            p.TrySetCanceled();
        }

        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file still held open: the temporary directory is left behind.
        }
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex Listening();

    private async Task ConnectAsync()
    {
        var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                endpoint.TrySetException(new InvalidOperationException("Chromium exited before opening DevTools:\n" + string.Join('\n', stderr)));
                return;
            }

            stderr.Enqueue(e.Data);
            if (Listening().Match(e.Data) is { Success: true } m)
            {
                endpoint.TrySetResult(m.Groups[1].Value);
            }
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                stderr.Enqueue(e.Data);
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var browserUrl = await endpoint.Task.WaitAsync(timeout).ConfigureAwait(false);

        // The page target: listed over HTTP on the same port.
        var port = new Uri(browserUrl).Port;
        using var http = new HttpClient { Timeout = timeout };
        var list = JsonNode.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/json/list")).ConfigureAwait(false))!.AsArray();
        var pageUrl = list.Select(t => t!.AsObject()).First(t => t["type"]?.GetValue<string>() == "page")["webSocketDebuggerUrl"]!.GetValue<string>();

        using var connect = new CancellationTokenSource(timeout);
        await socket.ConnectAsync(new Uri(pageUrl), connect.Token).ConfigureAwait(false);
        receiver = Task.Run(ReceiveAsync);
        await SendAsync("Runtime.enable", []).ConfigureAwait(false);
        await SendAsync("Log.enable", []).ConfigureAwait(false);
        await SendAsync("Page.enable", []).ConfigureAwait(false);
    }

    private async Task NavigateAsync(Uri url, int width, int height)
    {
        await SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false }).ConfigureAwait(false);
        loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var nav = await SendAsync("Page.navigate", new JsonObject { ["url"] = url.AbsoluteUri }).ConfigureAwait(false);
        if (nav["errorText"] is JsonNode error)
        {
            throw new InvalidOperationException($"Chromium could not open {url}: {error}");
        }

        await loaded.Task.WaitAsync(timeout).ConfigureAwait(false);

        // Let layout and a frame happen, so that sizes are final and late errors are in.
        await EvaluateAsync("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))").ConfigureAwait(false);
    }

    private async Task<JsonObject> SendAsync(string method, JsonObject parameters)
    {
        var id = Interlocked.Increment(ref nextId);
        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = reply;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters }.ToJsonString();
        using (var send = CancellationTokenSource.CreateLinkedTokenSource(stop.Token))
        {
            send.CancelAfter(timeout);
            await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, send.Token).ConfigureAwait(false);
        }

        try
        {
            var answer = await reply.Task.WaitAsync(timeout).ConfigureAwait(false);
            if (answer["error"] is JsonNode error)
            {
                throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
            }

            return answer["result"]?.AsObject() ?? [];
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"Chromium did not answer {method} within {timeout.TotalSeconds} s.", e);
        }
        finally
        {
            pending.TryRemove(id, out _);
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (!stop.IsCancellationRequested && socket.State == WebSocketState.Open)
        {
            var part = await socket.ReceiveAsync(buffer, stop.Token).ConfigureAwait(false);
            if (part.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            message.Write(buffer, 0, part.Count);
            if (!part.EndOfMessage)
            {
                continue;
            }

            var node = JsonNode.Parse(message.ToArray())?.AsObject();
            message.SetLength(0);
            if (node is null)
            {
                continue;
            }

            if (node["id"] is JsonNode idNode && pending.TryGetValue(idNode.GetValue<int>(), out var reply))
            {
                reply.TrySetResult(node);
            }
            else if (node["method"]?.GetValue<string>() is { } method)
            {
                OnEvent(method, node["params"]?.AsObject() ?? []);
            }
        }
    }

    private void OnEvent(string method, JsonObject p)
    {
        switch (method)
        {
            case "Page.loadEventFired":
                loaded.TrySetResult();
                break;
            case "Runtime.consoleAPICalled" when IsError(p["type"]?.GetValue<string>()):
                var args = p["args"]?.AsArray().Select(a => a?["value"]?.ToString() ?? a?["description"]?.ToString() ?? a?["type"]?.ToString()) ?? [];
                errors.Enqueue("console." + p["type"] + ": " + string.Join(' ', args));
                break;
            case "Runtime.exceptionThrown":
                errors.Enqueue("uncaught: " + Describe(p["exceptionDetails"]?.AsObject() ?? []));
                break;
            case "Log.entryAdded" when Level(p) == "error":
                var entry = p["entry"]!;
                var where = entry["url"]?.ToString();
                errors.Enqueue("log: " + entry["text"] + (string.IsNullOrEmpty(where) ? string.Empty : " (" + where + ")"));
                break;
        }
    }

    private static string? Level(JsonObject p) => p["entry"] is JsonObject entry ? entry["level"]?.GetValue<string>() : null;

    private static bool IsError(string? consoleType) => consoleType is "error" or "assert";

    private static string Describe(JsonObject details) =>
        details["exception"]?["description"]?.ToString() ?? details["text"]?.ToString() ?? details.ToJsonString();
}
