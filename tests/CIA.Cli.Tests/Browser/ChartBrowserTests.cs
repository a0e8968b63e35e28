using System.Text.Json;
using System.Text.RegularExpressions;
using CIA.Engine.Reporting.Charts;

namespace CIA.Cli.Tests.Browser;

/// <summary>
/// The charts in a real browser (headless Chromium): the sample page with every chart loads with no console error and
/// every chart is drawn, inside its own box; a broken page is caught, so these tests can fail. Without Chromium they
/// fail with a message saying how to install it; they never pass silently.
/// </summary>
public sealed partial class ChartBrowserTests : IDisposable
{
    /// <summary>Measures every chart: an SVG's box, its content's box, its marks, and any text that sticks out of it; a heat grid's box and cells.</summary>
    private const string MeasureCharts = """
        JSON.stringify([...document.querySelectorAll('svg, div.cia-heat')].map((el, i) => {
          const r = el.getBoundingClientRect();
          const c = { index: i, kind: el.tagName.toLowerCase(), label: el.getAttribute('aria-label') || '', width: r.width, height: r.height,
                      contentWidth: 0, contentHeight: 0, bars: 0, drawnBars: 0, overflowing: [] };
          if (el instanceof SVGSVGElement) {
            const b = el.getBBox(); c.contentWidth = b.width; c.contentHeight = b.height;
            const vb = el.viewBox.baseVal;
            el.querySelectorAll('rect.bar').forEach(bar => { c.bars++; if (bar.getBBox().width > 0 && bar.getBoundingClientRect().height > 0) c.drawnBars++; });
            el.querySelectorAll('text').forEach(t => { const tb = t.getBBox(); if (tb.width <= 0 || tb.x < -0.5 || tb.x + tb.width > vb.width + 0.5) c.overflowing.push(t.textContent); });
          } else {
            const cells = el.querySelectorAll('td.share, td.masked, td.nodata');
            c.contentWidth = r.width; c.contentHeight = r.height; c.bars = cells.length;
            cells.forEach(td => { const tr = td.getBoundingClientRect(); if (tr.width > 0 && tr.height > 0) c.drawnBars++;
                                  if (td.scrollWidth > td.clientWidth + 1) c.overflowing.push(td.textContent); });
          }
          return c;
        }))
        """;

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("cia-charts-browser-");

    public void Dispose() => dir.Delete(recursive: true);

    [Fact]
    public async Task The_sample_page_loads_with_no_console_error_and_every_chart_is_drawn()
    {
        var html = ChartSamplePage.Build();
        var path = Write("charts.html", html);

        await using var page = await HeadlessChromium.OpenAsync(path);
        var charts = await Measure(page);

        page.Errors.ShouldBeEmpty();
        charts.Count.ShouldBe(5);
        charts.Count(c => c.Kind == "svg").ShouldBe(4);
        charts.Count(c => c.Kind == "div").ShouldBe(1);
        foreach (var c in charts)
        {
            c.Width.ShouldBeGreaterThan(100, c.Label);
            c.Height.ShouldBeGreaterThan(30, c.Label);
            c.ContentWidth.ShouldBeGreaterThan(0, c.Label);
            c.ContentHeight.ShouldBeGreaterThan(0, c.Label);
            c.Overflowing.ShouldBeEmpty($"text outside chart {c.Index} ({c.Label})");
            c.DrawnBars.ShouldBe(c.Bars, c.Label);
        }

        // Every bar the SVG holds is drawn: 5 réservataires with a share (masked and empty rows have none), 1, 3, 4 × 2; 11 communes.
        charts.Select(c => c.Bars).ShouldBe([5, 1, 3, 8, 11]);
        Regex.Count(html, "class=\"bar").ShouldBe(5 + 1 + 3 + 8);
    }

    [Fact]
    public async Task A_broken_page_is_caught_errors_and_an_undrawn_chart()
    {
        var path = Write("broken.html", """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>broken</title></head><body>
            <svg xmlns="http://www.w3.org/2000/svg" width="0" height="0" aria-label="empty"></svg>
            <img src="missing-picture.png" alt="">
            <script>console.error('chart failed', 42); undefinedFunction();</script>
            </body></html>
            """);

        await using var page = await HeadlessChromium.OpenAsync(path);
        var charts = await Measure(page);

        page.Errors.ShouldContain(e => e.Contains("chart failed 42", StringComparison.Ordinal));
        page.Errors.ShouldContain(e => e.StartsWith("uncaught:", StringComparison.Ordinal) && e.Contains("undefinedFunction", StringComparison.Ordinal));
        page.Errors.ShouldContain(e => e.Contains("missing-picture.png", StringComparison.Ordinal) || e.Contains("ERR_FILE_NOT_FOUND", StringComparison.Ordinal));
        charts.ShouldHaveSingleItem().Width.ShouldBe(0);
    }

    [Fact]
    public async Task The_dom_is_dumped_after_the_page_scripts_ran()
    {
        var path = Write("script.html", """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>s</title></head><body>
            <script>const p = document.createElement('p'); p.id = 'added'; p.textContent = 'written by script'; document.body.appendChild(p);</script>
            </body></html>
            """);

        await using var page = await HeadlessChromium.OpenAsync(path);
        var dom = await page.DomAsync();

        dom.ShouldContain("<p id=\"added\">written by script</p>");
        page.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_screenshot_of_the_sample_page_is_a_png_of_the_whole_page()
    {
        var path = Write("charts.html", ChartSamplePage.Build());

        await using var page = await HeadlessChromium.OpenAsync(path, width: 900, height: 600);
        var png = await page.ScreenshotAsync(fullPage: true);

        png.AsSpan(0, 8).ToArray().ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
        var height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
        width.ShouldBe(900);
        height.ShouldBeGreaterThan(600, "the whole page, not the 600-pixel viewport");

        // CIA_UPDATE_SCREENSHOT=1 dotnet test --filter A_screenshot  refreshes docs/report-charts.png.
        if (Environment.GetEnvironmentVariable("CIA_UPDATE_SCREENSHOT") == "1")
        {
            File.WriteAllBytes(Path.Combine(RepositoryRoot(), "docs", "report-charts.png"), png);
        }
    }

    [Fact]
    public void Without_chromium_the_harness_fails_with_how_to_install_it()
    {
        var e = Should.Throw<InvalidOperationException>(() => HeadlessChromium.RequireExecutable(configured: "/nonexistent/chromium", candidates: ["/nonexistent/chrome"]));

        e.Message.ShouldContain("apt-get install -y chromium");
        e.Message.ShouldContain(HeadlessChromium.ExecutableVariable);
    }

    [Fact]
    public void The_browser_tests_have_a_chromium_to_run()
    {
        // Fails, not skips, on a machine without Chromium: CI installs it (.ci/run), and so should a developer.
        Should.NotThrow(() => HeadlessChromium.RequireExecutable());
    }

    [Fact]
    public void The_sample_page_is_self_contained()
    {
        var html = ChartSamplePage.Build(ChartText.English);

        html.ShouldNotContain("<script", Case.Insensitive);
        // The SVG namespace is the only address on the page.
        Regex.Matches(html, "https?://[^\"]+").Select(m => m.Value).Distinct().ShouldBe(["http://www.w3.org/2000/svg"]);
        html.ShouldNotContain("@font-face");
        html.ShouldNotContain("url(");
    }

    private static async Task<List<ChartBox>> Measure(HeadlessChromium page)
    {
        var json = JsonSerializer.Deserialize<string>(await page.EvaluateAsync(MeasureCharts))!;
        return JsonSerializer.Deserialize<List<ChartBox>>(json, Web)!;
    }

    private string Write(string name, string html)
    {
        var path = Path.Combine(dir.FullName, name);
        File.WriteAllText(path, html);
        return path;
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

    private sealed record ChartBox(int Index, string Kind, string Label, double Width, double Height, double ContentWidth, double ContentHeight, int Bars, int DrawnBars, List<string> Overflowing);
}
