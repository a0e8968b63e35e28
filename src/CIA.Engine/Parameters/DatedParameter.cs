using System.Collections.Immutable;
using System.Globalization;

namespace CIA.Engine.Parameters;

/// <summary>One value of a parameter and the period it is in force, with the text it comes from.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="From">First day in force.</param>
/// <param name="Until">Last day in force (inclusive); <see cref="DateOnly.MaxValue"/> when in force until changed.</param>
/// <param name="Value">The value.</param>
/// <param name="Source">The legal text or data set it comes from, and how sure it is.</param>
public sealed record DatedValue<T>(DateOnly From, DateOnly Until, T Value, string Source)
{
    /// <summary>Whether the value is in force on a date.</summary>
    public bool Covers(DateOnly date) => date >= From && date <= Until;
}

/// <summary>A date the parameter does not cover. The engine never falls back silently to another year.</summary>
public sealed class ParameterNotCoveredException : Exception
{
    /// <summary>Creates the error.</summary>
    public ParameterNotCoveredException(string parameter, DateOnly date, string coverage)
        : base($"No value of '{parameter}' is known for {date:yyyy-MM-dd}; known periods: {coverage}. Add the value (with its source) rather than reuse another period's.")
    {
        Parameter = parameter;
        Date = date;
    }

    /// <summary>Creates the error with a message of its own.</summary>
    public ParameterNotCoveredException(string message)
        : base(message)
    {
        Parameter = string.Empty;
    }

    /// <summary>Creates the error.</summary>
    public ParameterNotCoveredException()
        : this("A parameter value is not known for the date asked.")
    {
    }

    /// <summary>Creates the error.</summary>
    public ParameterNotCoveredException(string message, Exception innerException)
        : base(message, innerException)
    {
        Parameter = string.Empty;
    }

    /// <summary>The parameter's name.</summary>
    public string Parameter { get; }

    /// <summary>The date asked for.</summary>
    public DateOnly Date { get; }
}

/// <summary>
/// A legal figure that changes over time (OpenFisca style): a list of non-overlapping dated values.
/// Asking for a date outside every period throws <see cref="ParameterNotCoveredException"/>.
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class DatedParameter<T>
{
    /// <summary>Creates a parameter; periods must not overlap.</summary>
    /// <exception cref="ArgumentException">Periods overlap, or one ends before it starts, or one has no source.</exception>
    public DatedParameter(string name, IEnumerable<DatedValue<T>> values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Values = [.. values.OrderBy(v => v.From)];
        for (var i = 0; i < Values.Length; i++)
        {
            var v = Values[i];
            if (v.Until < v.From)
            {
                throw new ArgumentException($"{name}: period {v.From:yyyy-MM-dd}..{v.Until:yyyy-MM-dd} ends before it starts.", nameof(values));
            }

            if (string.IsNullOrWhiteSpace(v.Source))
            {
                throw new ArgumentException($"{name}: the value from {v.From:yyyy-MM-dd} has no source.", nameof(values));
            }

            if (i > 0 && Values[i - 1].Until >= v.From)
            {
                throw new ArgumentException($"{name}: periods from {Values[i - 1].From:yyyy-MM-dd} and {v.From:yyyy-MM-dd} overlap.", nameof(values));
            }
        }
    }

    /// <summary>The parameter's name, as errors and explanations show it.</summary>
    public string Name { get; }

    /// <summary>All dated values, in date order.</summary>
    public ImmutableArray<DatedValue<T>> Values { get; }

    /// <summary>The dated value in force on a date.</summary>
    /// <exception cref="ParameterNotCoveredException">No value is in force on that date.</exception>
    public DatedValue<T> At(DateOnly date)
    {
        foreach (var v in Values)
        {
            if (v.Covers(date))
            {
                return v;
            }
        }

        throw new ParameterNotCoveredException(Name, date, Coverage);
    }

    /// <summary>
    /// A copy where <paramref name="values"/> take precedence: each period they cover is cut out of the existing
    /// values (which are kept around it), then they are added. Used to load a year's figures from a file.
    /// </summary>
    /// <exception cref="ArgumentException">The new values overlap each other, or one has no source.</exception>
    public DatedParameter<T> Overlay(IEnumerable<DatedValue<T>> values)
    {
        var added = values.ToList();
        var kept = new List<DatedValue<T>>();
        foreach (var old in Values)
        {
            var pieces = new List<DatedValue<T>> { old };
            foreach (var n in added)
            {
                pieces = [.. pieces.SelectMany(p => Cut(p, n.From, n.Until))];
            }

            kept.AddRange(pieces);
        }

        return new DatedParameter<T>(Name, kept.Concat(added));
    }

    private static IEnumerable<DatedValue<T>> Cut(DatedValue<T> value, DateOnly from, DateOnly until)
    {
        if (until < value.From || from > value.Until)
        {
            yield return value;
            yield break;
        }

        if (value.From < from)
        {
            yield return value with { Until = from.AddDays(-1) };
        }

        if (value.Until > until)
        {
            yield return value with { From = until.AddDays(1) };
        }
    }

    /// <summary>The periods covered, as text.</summary>
    public string Coverage => Values.Length == 0
        ? "none"
        : string.Join(", ", Values.Select(v => v.Until == DateOnly.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"from {v.From:yyyy-MM-dd}")
            : string.Create(CultureInfo.InvariantCulture, $"{v.From:yyyy-MM-dd}..{v.Until:yyyy-MM-dd}")));
}
