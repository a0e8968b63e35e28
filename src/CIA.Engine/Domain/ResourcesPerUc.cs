namespace CIA.Engine.Domain;

/// <summary>
/// Annual resources per consumption unit, kept as the exact ratio annual cents ÷ UC so that comparisons
/// with a threshold are exact: <c>annual × 10 ≤ threshold × UC tenths</c> has no rounding.
/// </summary>
/// <remarks>
/// Equality is equality of the ratio, as <see cref="CompareTo(ResourcesPerUc)"/> has it: 10 000 € for 1 UC equals
/// 20 000 € for 2 UC. <c>default</c> is 0 € for 1 UC.
/// </remarks>
public readonly record struct ResourcesPerUc : IComparable<ResourcesPerUc>
{
    /// <summary>Creates the ratio of annual resources to consumption units.</summary>
    public ResourcesPerUc(Euros annualResources, ConsumptionUnits units)
    {
        AnnualResources = annualResources;
        Units = units;
    }

    /// <summary>Annual resources of the household (monthly × 12).</summary>
    public Euros AnnualResources { get; }

    /// <summary>The household's consumption units.</summary>
    public ConsumptionUnits Units { get; }

    /// <summary>Compares with a per-UC threshold exactly: negative below it, 0 at it, positive above it.</summary>
    public int CompareTo(Euros threshold)
    {
        // annual / (tenths/10) vs threshold  <=>  annual * 10 vs threshold * tenths (both sides in cents).
        var left = (Int128)AnnualResources.Cents * 10;
        var right = (Int128)threshold.Cents * Units.Tenths;
        return left.CompareTo(right);
    }

    /// <inheritdoc />
    public int CompareTo(ResourcesPerUc other)
    {
        var left = (Int128)AnnualResources.Cents * other.Units.Tenths;
        var right = (Int128)other.AnnualResources.Cents * Units.Tenths;
        return left.CompareTo(right);
    }

    /// <summary>Whether two values are the same amount per UC (whatever the household sizes they come from).</summary>
    public bool Equals(ResourcesPerUc other) => CompareTo(other) == 0;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        // The ratio in lowest terms: equal ratios hash alike.
        var numerator = (Int128)AnnualResources.Cents * 10;
        var denominator = (Int128)Units.Tenths;
        var gcd = Gcd(Int128.Abs(numerator), denominator);
        return HashCode.Combine(numerator / gcd, denominator / gcd);
    }

    private static Int128 Gcd(Int128 a, Int128 b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a == 0 ? 1 : a;
    }

    /// <summary>Compares two values exactly.</summary>
    public static bool operator <(ResourcesPerUc a, ResourcesPerUc b) => a.CompareTo(b) < 0;

    /// <summary>Compares two values exactly.</summary>
    public static bool operator >(ResourcesPerUc a, ResourcesPerUc b) => a.CompareTo(b) > 0;

    /// <summary>Compares two values exactly.</summary>
    public static bool operator <=(ResourcesPerUc a, ResourcesPerUc b) => a.CompareTo(b) <= 0;

    /// <summary>Compares two values exactly.</summary>
    public static bool operator >=(ResourcesPerUc a, ResourcesPerUc b) => a.CompareTo(b) >= 0;

    /// <summary>The value in euros per UC, rounded to the cent (half away from zero) for display.</summary>
    public Euros Rounded => new((long)Math.Round(AnnualResources.Cents * 10m / Units.Tenths, MidpointRounding.AwayFromZero));

    /// <summary>Invariant text of the rounded value, e.g. <c>10434.78</c>.</summary>
    public override string ToString() => Rounded.ToString();
}
