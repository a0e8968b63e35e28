using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;

namespace CIA.Engine.Tests.Package;

/// <summary>What the package tests share: the repository's root, a package's version, and running a process with a time limit.</summary>
internal static class PackageProcess
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);

    public static string PackageVersion(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        using var stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var nuspec = XDocument.Load(stream);
        return nuspec.Descendants().Single(e => e.Name.LocalName == "version").Value;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CIA.Engine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CIA.Engine.sln not found above the test's directory.");
    }

    public static string Run(string dir, string file, params string[] args) => Run(dir, new Dictionary<string, string>(), file, args);

    public static string Run(string dir, Dictionary<string, string> env, string file, params string[] args)
    {
        var (code, output, error) = RunAny(dir, env, file, args);
        code.ShouldBe(0, $"{file} {string.Join(' ', args)} in {dir}:\n{output}\n{error}");
        return output;
    }

    /// <summary>Runs a process to its end (killed after five minutes) and returns its exit code, standard output and standard error.</summary>
    public static (int Code, string Out, string Err) RunAny(string dir, Dictionary<string, string> env, string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        // Not the build server of the repository's own build: the pack and the sample build run in their own nodes.
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        psi.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(StepTimeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} took more than {StepTimeout}.");
        }

        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
