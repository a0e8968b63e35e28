using System.Collections.Immutable;
using CIA.Engine.Domain;
using CIA.Engine.Parameters;

namespace CIA.Engine.IO;

/// <summary>Reads published quartile thresholds (columns <c>epci;year;q1;q2;q3;source</c>), to add EPCIs or years to the built-in ones.</summary>
public static class ThresholdCsv
{
    internal static readonly CsvColumn Epci = new("epci", true);
    internal static readonly CsvColumn Year = new("year", true);
    internal static readonly CsvColumn Q1 = new("q1", true);
    internal static readonly CsvColumn Q2 = new("q2", true);
    internal static readonly CsvColumn Q3 = new("q3", true);
    internal static readonly CsvColumn Source = new("source", true);

    /// <summary>Reads a thresholds file from disk.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<QuartileThresholds> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads a thresholds file.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<QuartileThresholds> Read(TextReader reader, string file)
    {
        using var table = new CsvTable(reader, file, [Epci, Year, Q1, Q2, Q3, Source]);
        var result = ImmutableArray.CreateBuilder<QuartileThresholds>();
        foreach (var row in table.Rows())
        {
            var epciText = row.Raw(Epci);
            if (!EpciCode.TryParse(epciText, out var epci))
            {
                row.Problem(Epci, $"'{epciText}' is not a SIREN (nine digits).");
            }

            var year = row.Int(Year, 2000, 2100);
            var q1 = row.Money(Q1);
            var q2 = row.Money(Q2);
            var q3 = row.Money(Q3);
            if (!(q1 <= q2 && q2 <= q3))
            {
                row.LineProblem("thresholds are not in order: expected q1 ≤ q2 ≤ q3.");
            }

            result.Add(new QuartileThresholds(epci, year, q1, q2, q3, row.Text(Source)));
        }

        table.ThrowIfProblems();
        return result.ToImmutable();
    }
}
