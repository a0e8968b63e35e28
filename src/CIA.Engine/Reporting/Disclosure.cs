namespace CIA.Engine.Reporting;

/// <summary>
/// Statistical confidentiality of breakdowns (the secret statistique practice of INSEE and the SDES: no small count
/// about identifiable households in a published table). Primary suppression masks counts from 1 to the threshold − 1,
/// and the numerator of a row whose complement (denominator − numerator) is that small; secondary suppression masks
/// one more cell in a column whose total is published when only one cell of it is masked, since the total minus the
/// other cells would give the masked one back. 0 is never masked: it says nothing about anybody.
/// </summary>
internal static class Disclosure
{
    /// <summary>The default threshold: counts under 5 are masked.</summary>
    public const int DefaultMaskBelow = 5;

    /// <summary>Whether a count is small enough to mask: 1 to <paramref name="maskBelow"/> − 1.</summary>
    public static bool Small(int count, int maskBelow) => count > 0 && count < maskBelow;

    /// <summary>
    /// Masks the rows of a breakdown whose rows partition a published total (each allocation in exactly one row), so
    /// that the column sums are known.
    /// </summary>
    /// <param name="numerators">Each row's numerator.</param>
    /// <param name="denominators">Each row's denominator.</param>
    /// <param name="maskBelow">Counts from 1 to this − 1 are masked; 0 or 1 masks nothing.</param>
    /// <returns>For each row, whether its numerator and whether its denominator is masked (a share is masked with either).</returns>
    public static (bool[] Numerator, bool[] Denominator) Mask(IReadOnlyList<int> numerators, IReadOnlyList<int> denominators, int maskBelow)
    {
        ArgumentNullException.ThrowIfNull(numerators);
        ArgumentNullException.ThrowIfNull(denominators);
        ArgumentOutOfRangeException.ThrowIfNotEqual(numerators.Count, denominators.Count);
        var n = numerators.Count;
        var numerator = new bool[n];
        var denominator = new bool[n];
        for (var i = 0; i < n; i++)
        {
            // A small row hides all its figures; a small numerator, or a small complement, hides the numerator.
            denominator[i] = Small(denominators[i], maskBelow);
            numerator[i] = denominator[i] || Small(numerators[i], maskBelow) || Small(denominators[i] - numerators[i], maskBelow);
        }

        Secondary(numerator, numerators);
        Secondary(denominator, denominators);
        return (numerator, denominator);
    }

    /// <summary>
    /// When exactly one cell of a column with a published total is masked, masks the smallest other cell (the first
    /// on a tie; a positive one when there is one, since masking a 0 protects as well but hides less).
    /// </summary>
    public static void Secondary(bool[] masked, IReadOnlyList<int> values)
    {
        ArgumentNullException.ThrowIfNull(masked);
        ArgumentNullException.ThrowIfNull(values);
        if (masked.Count(m => m) != 1 || masked.Length < 2)
        {
            return;
        }

        var best = -1;
        for (var i = 0; i < masked.Length; i++)
        {
            if (masked[i])
            {
                continue;
            }

            if (best < 0 || Better(values[i], values[best]))
            {
                best = i;
            }
        }

        masked[best] = true;

        static bool Better(int candidate, int current) =>
            current == 0 ? candidate > 0 : candidate > 0 && candidate < current;
    }
}
