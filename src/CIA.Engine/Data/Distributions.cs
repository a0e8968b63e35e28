using System.Collections.Immutable;

namespace CIA.Engine.Data;

/// <summary>
/// A continuous distribution given by its quantiles, sampled by linear interpolation of the inverse
/// distribution function. Only additions and multiplications: the same uniform gives the same value on every
/// platform, and a distribution can be pinned to published quantiles (e.g. the Q1/Q2/Q3 of an arrêté).
/// </summary>
internal sealed class QuantileDistribution
{
    private readonly double[] _p;
    private readonly double[] _v;

    /// <summary>Creates a distribution from (probability, value) points; probabilities from 0 to 1, both increasing.</summary>
    /// <exception cref="ArgumentException">Points not increasing, or not spanning 0 to 1.</exception>
    public QuantileDistribution(params (double P, double Value)[] points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Length < 2 || points[0].P != 0 || points[^1].P != 1)
        {
            throw new ArgumentException("Quantile points must start at probability 0 and end at probability 1.", nameof(points));
        }

        for (var i = 1; i < points.Length; i++)
        {
            if (points[i].P <= points[i - 1].P || points[i].Value < points[i - 1].Value)
            {
                throw new ArgumentException($"Quantile points must increase (point {i}).", nameof(points));
            }
        }

        _p = [.. points.Select(x => x.P)];
        _v = [.. points.Select(x => x.Value)];
    }

    /// <summary>The value at probability u (the inverse distribution function).</summary>
    public double Quantile(double u)
    {
        var i = Array.BinarySearch(_p, u);
        if (i >= 0)
        {
            return _v[i];
        }

        i = ~i;
        if (i >= _p.Length)
        {
            return _v[^1];
        }

        var t = (u - _p[i - 1]) / (_p[i] - _p[i - 1]);
        return _v[i - 1] + (t * (_v[i] - _v[i - 1]));
    }

    /// <summary>A draw.</summary>
    public double Sample(ref KeyedRandom random) => Quantile(random.NextDouble());
}

/// <summary>A categorical distribution over values with weights.</summary>
/// <typeparam name="T">The values.</typeparam>
internal sealed class Weighted<T>
{
    private readonly double[] _cumulative;

    /// <summary>Creates a distribution; weights need not add up to 1.</summary>
    /// <exception cref="ArgumentException">No positive weight, or a negative one.</exception>
    public Weighted(params (T Value, double Weight)[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Any(i => i.Weight < 0) || items.Sum(i => i.Weight) <= 0)
        {
            throw new ArgumentException("Weights must be non-negative with a positive total.", nameof(items));
        }

        Values = [.. items.Select(i => i.Value)];
        _cumulative = new double[items.Length];
        var total = items.Sum(i => i.Weight);
        var running = 0.0;
        for (var i = 0; i < items.Length; i++)
        {
            running += items[i].Weight;
            _cumulative[i] = running / total;
        }

        _cumulative[^1] = 1.0;
    }

    /// <summary>The values, in the order given.</summary>
    public ImmutableArray<T> Values { get; }

    /// <summary>The probability of the value at an index.</summary>
    public double Probability(int index) => _cumulative[index] - (index == 0 ? 0 : _cumulative[index - 1]);

    /// <summary>A draw.</summary>
    public T Sample(ref KeyedRandom random)
    {
        var u = random.NextDouble();
        var i = Array.BinarySearch(_cumulative, u);
        i = i >= 0 ? i + 1 : ~i;
        return Values[Math.Min(i, Values.Length - 1)];
    }
}
