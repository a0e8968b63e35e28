using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace CIA.Service.Tests;

/// <summary><c>cia serve</c> itself: a real process on a free loopback port, stopped by SIGTERM; an address in use.</summary>
public sealed partial class CliServeTests
{
    [Fact]
    public async Task Cia_serve_answers_over_http_and_stops_cleanly_on_sigterm()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return; // SIGTERM is a POSIX signal
        }

        var cia = Path.Combine(AppContext.BaseDirectory, "cia.dll");
        File.Exists(cia).ShouldBeTrue();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { cia, "serve", "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            Uri? address = null;
            while (address is null && await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
            {
                if (Listening().Match(line) is { Success: true } m)
                {
                    address = new Uri(m.Groups[1].Value);
                }
            }

            address.ShouldNotBeNull("cia serve never said where it listens");
            address.Host.ShouldBe("127.0.0.1");
            using (var client = new HttpClient { BaseAddress = address })
            using (var response = await client.PostAsync("/v1/classify", new StringContent(ServiceHost.Application().ToJsonString(), System.Text.Encoding.UTF8, "application/json"), timeout.Token))
            {
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
            }

            Kill(process.Id, 15).ShouldBe(0); // SIGTERM
            await process.WaitForExitAsync(timeout.Token);
            process.ExitCode.ShouldBe(0);
            var rest = await process.StandardError.ReadToEndAsync(timeout.Token);
            rest.ShouldContain("shutting down");

            // The port is free again.
            using var listener = new TcpListener(IPAddress.Loopback, address.Port);
            listener.Start();
            listener.Stop();
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [Fact]
    public async Task Cia_serve_on_an_address_in_use_exits_with_code_1_and_says_so()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Task.Run(() => Cli.CliApp.Run(["serve", "--urls", $"http://127.0.0.1:{port}"], output, error)).WaitAsync(TimeSpan.FromSeconds(60));
        code.ShouldBe(Cli.CliApp.InvalidInput);
        error.ToString().ShouldContain("error:");
        error.ToString().ShouldContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        taken.Stop();
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
