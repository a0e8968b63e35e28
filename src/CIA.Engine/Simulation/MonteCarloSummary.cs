using System.Collections.Immutable;
using MathNet.Numerics.Distributions;

namespace CIA.Engine.Simulation;

/// <summary>One indicator over several runs.</summary>
/// <param name="Name">The indicator (<see cref="SimulationIndicator.Name"/>).</param>
/// <param name="Group">Its group.</param>
/// <param name="Unit">What it measures.</param>
/// <param name="Runs">The runs where it is defined (a share of no allocation is not).</param>
/// <param name="Mean">Mean over those runs; NaN when none.</param>
/// <param name="StandardDeviation">Sample standard deviation (n − 1); null under two runs.</param>
/// <param name="Low">Lower end of the 95 % confidence interval of the mean (Student's t); null under two runs.</param>
/// <param name="High">Upper end.</param>
public sealed record IndicatorStatistics(string Name, string Group, IndicatorUnit Unit, int Runs, double Mean, double? StandardDeviation, double? Low, double? High)
{
    /// <summary>Half the width of the confidence interval; null under two runs.</summary>
    public double? HalfWidth => High - Mean;
}

/// <summary>
/// Several simulated years of the same territory with different seeds: for every indicator the mean, the standard
/// deviation and a 95 % confidence interval of the mean, mean ± t(0.975, n − 1) × sd ÷ √n with Student's t
/// (MathNet.Numerics). The spread is that of the model's draws (vacancies, refusals, arrivals, lapses) for the inputs
/// given, not an uncertainty on the inputs or the model's settings.
/// </summary>
public sealed class MonteCarloSummary
{
    /// <summary>The confidence level of the intervals.</summary>
    public const double Confidence = 0.95;

    private MonteCarloSummary(ImmutableArray<ulong> seeds, ImmutableArray<IndicatorStatistics> indicators)
    {
        Seeds = seeds;
        Indicators = indicators;
    }

    /// <summary>The runs' seeds, in the order of the runs.</summary>
    public ImmutableArray<ulong> Seeds { get; }

    /// <summary>Every indicator, in the order of the first run's list (an indicator only a later run has, such as a longer chain, follows the others of its name).</summary>
    public ImmutableArray<IndicatorStatistics> Indicators { get; }

    /// <summary>Summarises reports on runs of the same territory.</summary>
    /// <exception cref="ArgumentException">Fewer than two reports.</exception>
    public static MonteCarloSummary Of(IReadOnlyList<SimulationReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return Of([.. reports.Select(r => r.Result.Seed)], [.. reports.Select(r => r.Indicators)]);
    }

    /// <summary>
    /// Summarises the indicators of runs (<see cref="SimulationReport.Indicators"/>), so that a caller need not keep
    /// every run. A count a run lacks (a chain length it has no chain of) is 0 in that run; another indicator a run
    /// lacks, or has undefined (NaN), is left out of that indicator's runs.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two runs, or not one seed per run.</exception>
    public static MonteCarloSummary Of(IReadOnlyList<ulong> seeds, IReadOnlyList<IReadOnlyList<SimulationIndicator>> runs)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count < 2)
        {
            throw new ArgumentException("A Monte Carlo summary needs at least two runs.", nameof(runs));
        }

        if (seeds.Count != runs.Count)
        {
            throw new ArgumentException("One seed per run is needed.", nameof(seeds));
        }

        // The keys in order: a key first met in a later run goes after the last key of its name.
        var order = new List<(string Name, string Group, IndicatorUnit Unit)>();
        var known = new HashSet<(string, string)>();
        foreach (var run in runs)
        {
            foreach (var i in run)
            {
                if (!known.Add((i.Name, i.Group)))
                {
                    continue;
                }

                var at = order.FindLastIndex(k => k.Name == i.Name);
                order.Insert(at < 0 ? order.Count : at + 1, (i.Name, i.Group, i.Unit));
            }
        }

        var values = new Dictionary<(string, string), double>[runs.Count];
        for (var r = 0; r < runs.Count; r++)
        {
            values[r] = [];
            foreach (var i in runs[r])
            {
                values[r][(i.Name, i.Group)] = i.Value;
            }
        }

        var stats = ImmutableArray.CreateBuilder<IndicatorStatistics>(order.Count);
        var sample = new List<double>(runs.Count);
        foreach (var (name, group, unit) in order)
        {
            sample.Clear();
            foreach (var run in values)
            {
                if (run.TryGetValue((name, group), out var v))
                {
                    sample.Add(v);
                }
                else if (unit == IndicatorUnit.Count)
                {
                    sample.Add(0);
                }
            }

            stats.Add(Statistics(name, group, unit, sample));
        }

        return new MonteCarloSummary([.. seeds], stats.MoveToImmutable());
    }

    /// <summary>
    /// Mean, sample standard deviation and 95 % confidence interval of the mean of <paramref name="values"/>, NaN
    /// values left out: 1, 2, 3, 4, 5 give 3, 1.5811 and 3 ± 2.7764 × 1.5811 ÷ √5 = 3 ± 1.9632.
    /// </summary>
    public static IndicatorStatistics Statistics(string name, string group, IndicatorUnit unit, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var defined = values.Where(double.IsFinite).ToList();
        var n = defined.Count;
        if (n == 0)
        {
            return new IndicatorStatistics(name, group, unit, 0, double.NaN, null, null, null);
        }

        var mean = 0.0;
        foreach (var v in defined)
        {
            mean += v;
        }

        mean /= n;
        if (n < 2)
        {
            return new IndicatorStatistics(name, group, unit, n, mean, null, null, null);
        }

        var squares = 0.0;
        foreach (var v in defined)
        {
            squares += (v - mean) * (v - mean);
        }

        var sd = Math.Sqrt(squares / (n - 1));
        var half = StudentT.InvCDF(0, 1, n - 1, 1 - ((1 - Confidence) / 2)) * sd / Math.Sqrt(n);
        return new IndicatorStatistics(name, group, unit, n, mean, sd, mean - half, mean + half);
    }
}
