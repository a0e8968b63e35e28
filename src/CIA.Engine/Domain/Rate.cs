using System.Globalization;

namespace CIA.Engine.Domain;

/// <summary>A share or rate, held as an exact decimal fraction (0.114 = 11.4 %).</summary>
public readonly record struct Rate : IComparable<Rate>
{
    /// <summary>Creates a rate from a fraction (0.25 for 25 %).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is negative.</exception>
    public Rate(decimal fraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fraction);
        Fraction = fraction;
    }

    /// <summary>The rate as a fraction: 0.25 for 25 %.</summary>
    public decimal Fraction { get; }

    /// <summary>Creates a rate from a percentage (25 for 25 %).</summary>
    public static Rate FromPercent(decimal percent) => new(percent / 100m);

    /// <summary>The rate as a percentage: 25 for 25 %.</summary>
    public decimal Percent => Fraction * 100m;

    /// <inheritdoc />
    public int CompareTo(Rate other) => Fraction.CompareTo(other.Fraction);

    /// <summary>Compares two rates.</summary>
    public static bool operator <(Rate a, Rate b) => a.Fraction < b.Fraction;

    /// <summary>Compares two rates.</summary>
    public static bool operator >(Rate a, Rate b) => a.Fraction > b.Fraction;

    /// <summary>Compares two rates.</summary>
    public static bool operator <=(Rate a, Rate b) => a.Fraction <= b.Fraction;

    /// <summary>Compares two rates.</summary>
    public static bool operator >=(Rate a, Rate b) => a.Fraction >= b.Fraction;

    /// <summary>Percent text, e.g. <c>11.4 %</c>.</summary>
    public override string ToString() => Percent.ToString("0.###", CultureInfo.InvariantCulture) + " %";
}
