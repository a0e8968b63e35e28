using System.Collections.Immutable;
using CIA.Engine.Domain;
using CIA.Engine.IO.Csv;
using CIA.Engine.Parameters;

namespace CIA.Engine.IO;

/// <summary>Reads published quartile thresholds (columns <c>epci;year;q1;q2;q3;source</c>), to add EPCIs or years to the built-in ones.</summary>
/// <remarks>Thread-safe: static and stateless.</remarks>
public static class ThresholdCsv
{
    internal static readonly CsvColumn Epci = new("epci", true);
    internal static readonly CsvColumn Year = new("year", true);
    internal static readonly CsvColumn Q1 = new("q1", true);
    internal static readonly CsvColumn Q2 = new("q2", true);
    internal static readonly CsvColumn Q3 = new("q3", true);
    internal static readonly CsvColumn Source = new("source", true);

    internal static readonly CsvSchema Schema = new(Epci, Year, Q1, Q2, Q3, Source);

    private static readonly long MaxThreshold = Euros.FromEuros(1_000_000m).Cents;

    /// <summary>Reads a thresholds file from disk.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<QuartileThresholds> ReadFile(string path) =>
        CsvTable.Read(path, Schema, t => Read(t));

    /// <summary>Reads a thresholds file.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<QuartileThresholds> Read(TextReader reader, string file) =>
        CsvTable.Read(reader, file, Schema, t => Read(t));

    private static ImmutableArray<QuartileThresholds> Read(CsvTable t)
    {
        var result = ImmutableArray.CreateBuilder<QuartileThresholds>();
        var seen = new Dictionary<(EpciCode, int), int>();
        while (t.Read())
        {
            var epciText = t.Cell(Epci);
            if (!EpciCode.TryParse(epciText.ToString(), out var epci))
            {
                t.Problem(Epci, $"'{CsvTable.Cut(epciText)}' is not a SIREN (nine digits).");
            }

            var year = t.Int(Year, 2000, 2100);
            var q1 = new Euros(t.Money(Q1, MaxThreshold));
            var q2 = new Euros(t.Money(Q2, MaxThreshold));
            var q3 = new Euros(t.Money(Q3, MaxThreshold));
            if (!(q1 <= q2 && q2 <= q3))
            {
                t.LineProblem("thresholds are not in order: expected q1 ≤ q2 ≤ q3.");
            }

            if (t.RowOk && !seen.TryAdd((epci, year), t.Line))
            {
                t.LineProblem($"EPCI {epci} already has thresholds for {year} on line {seen[(epci, year)]}: give one row per EPCI and year.");
            }

            result.Add(new QuartileThresholds(epci, year, q1, q2, q3, t.Text(Source).ToString()));
        }

        t.ThrowIfProblems();
        return result.ToImmutable();
    }
}
