using System.Text.Json;
using CIA.Cli.Tests.Browser;

namespace CIA.Cli.Tests;

/// <summary>
/// The report page of <c>cia report</c> in a real browser (headless Chromium, <see cref="HeadlessChromium"/>): it loads
/// with no console error and every chart is drawn. Fails, never skips, without Chromium (.ci/run installs it).
/// </summary>
public sealed class ReportPageBrowserTests : IDisposable
{
    /// <summary>Every chart's box and, for an SVG, its bars and how many are drawn; for the commune grid, its cells.</summary>
    private const string MeasureCharts = """
        JSON.stringify([...document.querySelectorAll('figure.chart > svg, figure.chart > div.cia-heat')].map(el => {
          const r = el.getBoundingClientRect();
          const c = { kind: el.tagName.toLowerCase(), label: el.getAttribute('aria-label') || '', width: r.width, height: r.height, bars: 0, drawn: 0 };
          const marks = el instanceof SVGSVGElement ? el.querySelectorAll('rect.bar, circle') : el.querySelectorAll('td.share, td.masked, td.nodata');
          marks.forEach(m => { c.bars++; const b = m.getBoundingClientRect(); if (b.width > 0 && b.height > 0) c.drawn++; });
          return c;
        }))
        """;

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("cia-report-page-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task The_report_page_loads_with_no_console_error_and_every_chart_is_drawn()
    {
        // A year with a previous one, so that the trend is drawn too: the same simulated year twice, the first one's
        // report given the year before.
        var first = Path.Combine(_dir.FullName, "first");
        var second = Path.Combine(_dir.FullName, "second");
        Cli.Run("report", "--out", first).Code.ShouldBe(0);
        var json = File.ReadAllText(Path.Combine(first, "report.json"));
        var year = System.Text.RegularExpressions.Regex.Match(json, "\"year\": (\\d+)").Groups[1].Value;
        var previous = Path.Combine(_dir.FullName, "previous.json");
        File.WriteAllText(previous, json.Replace($"\"year\": {year}", $"\"year\": {int.Parse(year, System.Globalization.CultureInfo.InvariantCulture) - 1}", StringComparison.Ordinal));
        var (code, _, error) = Cli.Run("report", "--previous", previous, "--out", second);
        code.ShouldBe(0, error);
        var page = Path.Combine(second, "report.html");

        await using var browser = await HeadlessChromium.OpenAsync(page, width: 1100, height: 900);
        var charts = JsonSerializer.Deserialize<List<Chart>>(JsonSerializer.Deserialize<string>(await browser.EvaluateAsync(MeasureCharts))!, Web)!;

        browser.Errors.ShouldBeEmpty();

        // Per partner (the CIA 25 %, the statutory 25 %), per landlord (LEC outside QPV), the QPV band, the trend: five
        // SVGs; the two rebalancing indicators by commune: two grids.
        charts.Count(c => c.Kind == "svg").ShouldBe(5);
        charts.Count(c => c.Kind == "div").ShouldBe(2);
        foreach (var c in charts)
        {
            c.Width.ShouldBeGreaterThan(100, c.Label);
            c.Height.ShouldBeGreaterThan(30, c.Label);
            c.Bars.ShouldBeGreaterThan(0, c.Label);
            c.Drawn.ShouldBe(c.Bars, c.Label);
        }

        // CIA_UPDATE_SCREENSHOT=1 dotnet test --filter The_report_page  refreshes docs/report-page.png.
        if (Environment.GetEnvironmentVariable("CIA_UPDATE_SCREENSHOT") == "1")
        {
            await browser.EvaluateAsync("document.getElementById('target-cia-priority-share').scrollIntoView(); 'ok'"); // the first charts
            File.WriteAllBytes(Path.Combine(RepositoryRoot(), "docs", "report-page.png"), await browser.ScreenshotAsync(fullPage: false));
        }
    }

    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "CIA.Engine.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("CIA.Engine.sln not found above " + AppContext.BaseDirectory);
    }

    private sealed record Chart(string Kind, string Label, double Width, double Height, int Bars, int Drawn);
}
