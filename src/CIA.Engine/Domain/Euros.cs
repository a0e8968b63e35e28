using System.Globalization;

namespace CIA.Engine.Domain;

/// <summary>
/// An amount of money in euros, held exactly as a whole number of cents.
/// </summary>
/// <remarks>
/// Cents rather than <see cref="decimal"/> or <see cref="double"/> keep comparisons at a threshold exact
/// (a household exactly at a ceiling must be found exactly at it) and keep the hot path on integers.
/// </remarks>
public readonly record struct Euros : IComparable<Euros>
{
    /// <summary>Creates an amount from a number of cents.</summary>
    public Euros(long cents) => Cents = cents;

    /// <summary>The amount in cents (1 € = 100 cents).</summary>
    public long Cents { get; }

    /// <summary>Zero euros.</summary>
    public static Euros Zero => default;

    /// <summary>The amount in euros as a decimal, exact.</summary>
    public decimal Value => Cents / 100m;

    /// <summary>Creates an amount from euros; more than two decimals is an error, not a silent rounding.</summary>
    /// <exception cref="ArgumentException">The amount has a fraction of a cent.</exception>
    public static Euros FromEuros(decimal euros)
    {
        var cents = euros * 100m;
        if (cents != decimal.Truncate(cents))
        {
            throw new ArgumentException($"{euros.ToString(CultureInfo.InvariantCulture)} € has a fraction of a cent.", nameof(euros));
        }

        return new Euros((long)cents);
    }

    /// <summary>Parses an invariant-culture amount such as <c>1234.56</c> or <c>1234</c>.</summary>
    public static bool TryParse(string? text, out Euros value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)
            || !decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
        {
            return false;
        }

        var cents = d * 100m;
        if (cents != decimal.Truncate(cents) || Math.Abs(cents) > long.MaxValue / 1000)
        {
            return false;
        }

        value = new Euros((long)cents);
        return true;
    }

    /// <summary>Multiplies by a rate and rounds the result to the cent, half away from zero.</summary>
    public Euros Times(Rate rate) => new((long)Math.Round(Cents * rate.Fraction, MidpointRounding.AwayFromZero));

    /// <inheritdoc />
    public int CompareTo(Euros other) => Cents.CompareTo(other.Cents);

    /// <summary>Adds two amounts.</summary>
    public static Euros operator +(Euros a, Euros b) => new(a.Cents + b.Cents);

    /// <summary>Subtracts two amounts.</summary>
    public static Euros operator -(Euros a, Euros b) => new(a.Cents - b.Cents);

    /// <summary>Multiplies an amount by a whole number.</summary>
    public static Euros operator *(Euros a, int times) => new(a.Cents * times);

    /// <summary>Compares two amounts.</summary>
    public static bool operator <(Euros a, Euros b) => a.Cents < b.Cents;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >(Euros a, Euros b) => a.Cents > b.Cents;

    /// <summary>Compares two amounts.</summary>
    public static bool operator <=(Euros a, Euros b) => a.Cents <= b.Cents;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >=(Euros a, Euros b) => a.Cents >= b.Cents;

    /// <summary>Invariant text with two decimals, e.g. <c>10740.00</c>: the form the CSV files use.</summary>
    public override string ToString() => Value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Human text with a thin thousands separator and the euro sign, e.g. <c>10 740 €</c>.</summary>
    public string ToDisplayString()
    {
        var format = Cents % 100 == 0 ? "#,0" : "#,0.00";
        var nfi = new NumberFormatInfo { NumberGroupSeparator = " ", NumberDecimalSeparator = "." };
        return Value.ToString(format, nfi) + " €";
    }
}
