using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;

namespace CIA.Cli.Tests;

/// <summary>The README's quick start is this test's code: if one changes without the other, this fails.</summary>
public class ReadmeTests
{
    [Fact]
    public void Library_quick_start_runs_and_matches_the_readme()
    {
        var lines = new List<string>();
        void Print(string s) => lines.Add(s);

        // README:library-start
        var policy = PolicyLoader.LoadDefault();                  // Nantes Métropole CIA + LEC targets
        var classifier = new HouseholdClassifier(policy, BuiltInParameters.Create());
        var year = classifier.ForYear(2025);                      // published Q1 10 900 €, PLUS ceilings 2025

        var applications = DemandCsv.ReadFile("samples/data/demand-sample.csv");
        foreach (var application in applications)
        {
            var result = classifier.Classify(application, year);  // no allocation: safe in a hot loop
            Print($"{application.Id}: quartile {result.Quartile}, priority {result.IsPriority} ({result.Criteria})");
        }

        foreach (var firing in classifier.Explain(applications[0], year))
        {
            Print($"  {firing.Rule.Id}: {firing.Reason} [{firing.Rule.Reference}]");
        }
        // README:library-end

        lines[0].ShouldBe("D0001: quartile 1, priority True (FirstQuartile)");
        lines.ShouldContain("  PRIO-4-FIRST-QUARTILE: first quartile (10 434.78 € ≤ 10 900 €) and not labelled by a réservataire [Nantes CIA Axe I §1 (4); CCH L441-1]");

        // The README's code is this test's code; its `using` lines are this file's own (a reader must be able to paste it).
        var source = File.ReadAllText(Path.Combine(SourceDirectory(), "ReadmeTests.cs"));
        var readmeCode = Between(File.ReadAllText("README.md"), "```csharp", "```");
        var usings = readmeCode.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("using ", StringComparison.Ordinal)).ToList();
        usings.ShouldNotBeEmpty();
        usings.ShouldAllBe(u => ("\n" + source).Contains("\n" + u + "\n", StringComparison.Ordinal));
        Normalise(string.Join('\n', readmeCode.Split('\n').Where(l => !l.TrimStart().StartsWith("using ", StringComparison.Ordinal))))
            .ShouldBe(Normalise(Between(source, "// README:library-start", "// README:library-end")));
    }

    [Fact]
    public void Readme_starts_with_the_two_commands()
    {
        var firstLines = string.Join('\n', File.ReadLines("README.md").Take(12));
        firstLines.ShouldContain("dotnet run --project src/CIA.Cli -- simulate\n");
        firstLines.ShouldContain("dotnet test");
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        return text[from..to];
    }

    private static string Normalise(string code) =>
        string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("```", StringComparison.Ordinal)));

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
