namespace CIA.Engine.Tests.Package;

/// <summary>
/// <c>cia</c> as a .NET tool, as a user gets it: packs src/CIA.Cli (Release, its own artifacts folder, so the Debug
/// outputs other tests run from are untouched) into a temporary feed, installs it with <c>dotnet tool install
/// --tool-path</c> from that feed into an empty NUGET_PACKAGES, and runs the installed <c>cia</c>.
/// </summary>
public sealed class ToolPackageTests
{
    [Fact]
    public void The_packed_tool_installs_from_a_local_feed_and_runs()
    {
        var repo = PackageProcess.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("cia-tool-");
        try
        {
            var feed = Path.Combine(work.FullName, "feed");
            var tools = Path.Combine(work.FullName, "tools");
            PackageProcess.Run(repo, "dotnet", "pack", Path.Combine(repo, "src", "CIA.Cli", "CIA.Cli.csproj"), "-c", "Release",
                "-o", feed, "--artifacts-path", Path.Combine(work.FullName, "artifacts"), "-warnaserror");
            var nupkg = Directory.GetFiles(feed, "CIA.Engine.Tool.2*.nupkg").ShouldHaveSingleItem();
            var version = PackageProcess.PackageVersion(nupkg);

            // Only the temporary feed as a source: the tool package carries everything it needs.
            File.WriteAllText(Path.Combine(work.FullName, "NuGet.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="cia-feed" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work.FullName, "nuget-packages") };
            PackageProcess.Run(work.FullName, env, "dotnet", "tool", "install", "CIA.Engine.Tool", "--tool-path", tools, "--version", version,
                "--configfile", Path.Combine(work.FullName, "NuGet.config"));
            var cia = Path.Combine(tools, OperatingSystem.IsWindows() ? "cia.exe" : "cia");
            File.Exists(cia).ShouldBeTrue();

            PackageProcess.Run(work.FullName, env, cia, "--version").Trim().ShouldStartWith(version);

            // The built-in data set, classified: the same counts as the repository's own build gives (28 441 applications).
            var summary = PackageProcess.Run(work.FullName, env, cia, "classify", "--summary");
            summary.ShouldStartWith("28 441 applications classified for 2026");

            var parameters = PackageProcess.Run(work.FullName, env, cia, "parameters", "--name", "quartile", "--format", "csv");
            parameters.Split('\n')[0].ShouldBe("name;scope;scope_name;from;until;value;source");
            parameters.Split('\n').Length.ShouldBeGreaterThan(100); // every EPCI's thresholds

            // 'cia serve' loads ASP.NET Core from the tool's package: an address other machines can reach is refused by
            // the service's own configuration check, which runs after the web application is built.
            var (code, _, error) = PackageProcess.RunAny(work.FullName, env, cia, "serve", "--urls", "http://0.0.0.0:5088");
            code.ShouldBe(2, error); // a usage error
            error.ShouldContain("--allow-remote");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
