namespace CIA.Engine.Tests.Package;

/// <summary>
/// The package as a landlord's system gets it: packs src/CIA.Engine into a temporary feed, copies
/// samples/LandlordApp out of the repository (so no Directory.Build.props or project reference can help it), restores
/// it against that feed with an empty NUGET_PACKAGES folder (a stale CIA.Engine in the machine's cache cannot be
/// used), builds it for net8.0 and net10.0 with warnings as errors, and runs both. CIA.Engine.DependencyInjection is
/// packed and consumed the same way.
/// </summary>
public sealed class SamplePackageTests
{
    [Fact]
    public void The_packed_package_builds_and_runs_the_landlord_sample_on_net8_and_net10()
    {
        var repo = PackageProcess.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("cia-sample-");
        try
        {
            var feed = Path.Combine(work.FullName, "feed");
            var packages = Path.Combine(work.FullName, "nuget-packages");
            var app = Path.Combine(work.FullName, "LandlordApp");

            // Release and a separate artifacts path: the pack does not touch the Debug outputs other tests run from.
            foreach (var project in new[] { "CIA.Engine", "CIA.Engine.DependencyInjection" })
            {
                PackageProcess.Run(repo, "dotnet", "pack", Path.Combine(repo, "src", project, project + ".csproj"), "-c", "Release",
                    "-o", feed, "--artifacts-path", Path.Combine(work.FullName, "artifacts"), "-warnaserror");
            }

            var nupkg = Directory.GetFiles(feed, "CIA.Engine.2*.nupkg").ShouldHaveSingleItem();
            File.Exists(Path.Combine(feed, Path.GetFileName(nupkg).Replace("CIA.Engine.", "CIA.Engine.DependencyInjection.", StringComparison.Ordinal))).ShouldBeTrue();
            File.Exists(Path.ChangeExtension(nupkg, ".snupkg")).ShouldBeTrue("a symbols package is packed beside the package");
            var version = PackageProcess.PackageVersion(nupkg);

            Directory.CreateDirectory(app);
            foreach (var file in new[] { "LandlordApp.csproj", "Program.cs" })
            {
                File.Copy(Path.Combine(repo, "samples", "LandlordApp", file), Path.Combine(app, file));
            }

            // The temporary feed serves CIA.Engine and nothing else; everything else comes from the machine's usual
            // sources (its package cache read as a local feed first, so the test does not download what is already here).
            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            File.WriteAllText(Path.Combine(app, "NuGet.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="cia-feed" value="{feed}" />
                    <add key="machine-cache" value="{cache}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
                  </packageSources>
                  <packageSourceMapping>
                    <packageSource key="cia-feed"><package pattern="CIA.Engine" /><package pattern="CIA.Engine.*" /></packageSource>
                    <packageSource key="machine-cache"><package pattern="*" /></packageSource>
                    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
                  </packageSourceMapping>
                </configuration>
                """);

            var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages };
            PackageProcess.Run(app, env, "dotnet", "build", "-c", "Release", "-warnaserror", $"-p:CiaEngineVersion={version}");

            // The restored package is the one just packed, byte for byte.
            var restored = Path.Combine(packages, "cia.engine", version.ToLowerInvariant(), $"cia.engine.{version.ToLowerInvariant()}.nupkg");
            File.ReadAllBytes(restored).ShouldBe(File.ReadAllBytes(nupkg));

            var outputs = new List<string>();
            foreach (var tfm in new[] { "net8.0", "net10.0" })
            {
                var dll = Path.Combine(app, "bin", "Release", tfm, "LandlordApp.dll");
                // The machine may have only the .NET 10 runtime: roll the net8.0 build forward to run it (its CIA.Engine
                // is still the net8.0 assembly, .NET 8 code paths included).
                var runEnv = new Dictionary<string, string> { ["DOTNET_ROLL_FORWARD"] = "Major" };
                var output = PackageProcess.Run(app, runEnv, "dotnet", dll);
                AssertSampleOutput(output, tfm);
                outputs.Add(output);
            }

            outputs[0].ShouldBe(outputs[1], "the net8.0 and net10.0 builds of the engine explain the same way");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static void AssertSampleOutput(string output, string tfm)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // Worked by hand: 1 + 2 children under 14 = 1 + 0.3 × 2 = 1.6 UC; 1 300 € × 12 / 1.6 = 9 750 € per UC a year,
        // under Nantes Métropole's 2026 first-quartile threshold of 10 745 € (REFERENCE.md), so quartile 1; the DALO
        // designation makes the household a priority under the préfet's criteria (Nantes CIA Axe I §1; CCH L441-2-3).
        lines[0].ShouldStartWith("DEMO-0001: priority True (prefectoral), quartile 1,", customMessage: tfm);
        lines.ShouldContain(l => l.StartsWith("HH-UC ", StringComparison.Ordinal) && l.Contains("= 1.6;", StringComparison.Ordinal) && l.EndsWith("= 9 750 €", StringComparison.Ordinal), tfm);
        lines.ShouldContain(l => l.StartsWith("HH-QUARTILE-1 ", StringComparison.Ordinal) && l.Contains("≤ Q1 10 745 €", StringComparison.Ordinal), tfm);
        lines.ShouldContain(l => l.StartsWith("PRIO-1-DALO ", StringComparison.Ordinal), tfm);
        // The same answer through the DI package's IHouseholdClassifier (the last line).
        lines[^1].ShouldStartWith("via AddCiaEngine (", customMessage: tfm);
        lines[^1].ShouldEndWith("): priority True (prefectoral), quartile 1", customMessage: tfm);
        // Every explanation line is followed by the rule's legal reference in brackets.
        lines.Length.ShouldBeGreaterThan(3, tfm);
        for (var i = 1; i + 2 < lines.Length; i += 2)
        {
            lines[i + 1].ShouldStartWith("[", customMessage: tfm);
            lines[i + 1].ShouldEndWith("]", customMessage: tfm);
        }
    }
}
