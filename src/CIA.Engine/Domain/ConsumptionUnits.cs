using System.Globalization;

namespace CIA.Engine.Domain;

/// <summary>
/// A household's consumption units (UC) on the OECD-modified scale used for the quartile rule: 1 for the
/// first person, 0.5 for each other person aged 14 or more, 0.3 for each child under 14
/// (CCH L441-1, as applied by the ministry and the URH Hauts-de-France calculator).
/// </summary>
/// <remarks>
/// Held in tenths so that every UC value on this scale is an exact integer. Stored as tenths above the minimum of
/// 1 UC, so that <c>default</c> is 1 UC — a household of one — and never the impossible 0.
/// </remarks>
public readonly record struct ConsumptionUnits
{
    private readonly int _tenthsAboveOne;

    /// <summary>Creates a UC value from tenths (23 for 2.3 UC).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 1 UC: a household has at least one person.</exception>
    public ConsumptionUnits(int tenths)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tenths, 10);
        _tenthsAboveOne = tenths - 10;
    }

    /// <summary>The value in tenths of a UC (at least 10).</summary>
    public int Tenths => _tenthsAboveOne + 10;

    /// <summary>The value as a decimal, e.g. 2.3.</summary>
    public decimal Value => Tenths / 10m;

    /// <summary>Invariant text, e.g. <c>2.3</c>.</summary>
    public override string ToString() => Value.ToString("0.0", CultureInfo.InvariantCulture);
}
