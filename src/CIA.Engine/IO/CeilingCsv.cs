using System.Collections.Immutable;
using CIA.Engine.Domain;
using CIA.Engine.IO.Csv;
using CIA.Engine.Parameters;

namespace CIA.Engine.IO;

/// <summary>
/// Reads yearly PLUS resource ceilings from a file (<c>region;from;until;category_1;…;category_6;per_additional_person;source</c>,
/// docs/formats.md), to add a later year to the built-in figures of a region or replace some of them. Periods of one
/// region must not overlap; each row names its legal source.
/// </summary>
public static class PlusCeilingCsv
{
    internal static readonly CsvColumn Region = new("region", true);
    internal static readonly CsvColumn From = new("from", true);
    internal static readonly CsvColumn Until = new("until", true);
    internal static readonly CsvColumn Category1 = new("category_1", true);
    internal static readonly CsvColumn Category2 = new("category_2", true);
    internal static readonly CsvColumn Category3 = new("category_3", true);
    internal static readonly CsvColumn Category4 = new("category_4", true);
    internal static readonly CsvColumn Category5 = new("category_5", true);
    internal static readonly CsvColumn Category6 = new("category_6", true);
    internal static readonly CsvColumn PerAdditionalPerson = new("per_additional_person", true);
    internal static readonly CsvColumn Source = new("source", true);

    internal static readonly CsvSchema Schema = new(Region, From, Until, Category1, Category2, Category3, Category4, Category5, Category6, PerAdditionalPerson, Source);

    private static readonly long Max = Euros.FromEuros(1_000_000m).Cents;

    /// <summary>Reads a PLUS ceilings file.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<(PlusRegion Region, DatedValue<CeilingsByCategory> Value)> ReadFile(string path) =>
        CsvTable.Read(path, Schema, t => Read(t));

    /// <summary>Reads PLUS ceilings text.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<(PlusRegion Region, DatedValue<CeilingsByCategory> Value)> Read(TextReader reader, string file) =>
        CsvTable.Read(reader, file, Schema, t => Read(t));

    /// <summary>A copy of <paramref name="parameters"/> with these ceilings taking precedence for the periods they cover.</summary>
    public static ParameterSet Apply(ParameterSet parameters, IEnumerable<(PlusRegion Region, DatedValue<CeilingsByCategory> Value)> ceilings)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var group in ceilings.GroupBy(c => c.Region))
        {
            parameters = parameters.WithPlusCeilings(group.Key, group.Select(g => g.Value));
        }

        return parameters;
    }

    private static ImmutableArray<(PlusRegion, DatedValue<CeilingsByCategory>)> Read(CsvTable t)
    {
        var result = ImmutableArray.CreateBuilder<(PlusRegion, DatedValue<CeilingsByCategory>)>();
        var periods = new CeilingPeriods<PlusRegion>();
        while (t.Read())
        {
            var region = t.Token<PlusRegion>(Region, allowEmpty: false);
            var (from, until) = CeilingPeriods<PlusRegion>.Period(t, From, Until);
            Euros E(CsvColumn c) => new(t.Money(c, Max));
            var ceilings = new CeilingsByCategory(E(Category1), E(Category2), E(Category3), E(Category4), E(Category5), E(Category6), E(PerAdditionalPerson));
            if (!(ceilings.Category1 <= ceilings.Category2 && ceilings.Category2 <= ceilings.Category3 && ceilings.Category3 <= ceilings.Category4
                  && ceilings.Category4 <= ceilings.Category5 && ceilings.Category5 <= ceilings.Category6))
            {
                t.LineProblem("ceilings must not decrease from category 1 to category 6.");
            }

            var source = t.Text(Source).ToString();
            if (t.RowOk)
            {
                periods.Check(t, region, from, until);
                result.Add((region, new DatedValue<CeilingsByCategory>(from, until, ceilings, source)));
            }
        }

        t.ThrowIfProblems();
        return result.ToImmutable();
    }
}

/// <summary>
/// Reads APL rent ceilings ("loyers plafonds", locatif) from a file
/// (<c>zone;from;until;person_alone;couple;one_dependant;per_extra_dependant;source</c>, docs/formats.md), to add a
/// period (they are revalued each 1 October) or a zone to the built-in figures.
/// </summary>
public static class AplCeilingCsv
{
    internal static readonly CsvColumn Zone = new("zone", true);
    internal static readonly CsvColumn From = new("from", true);
    internal static readonly CsvColumn Until = new("until", true);
    internal static readonly CsvColumn PersonAlone = new("person_alone", true);
    internal static readonly CsvColumn Couple = new("couple", true);
    internal static readonly CsvColumn OneDependant = new("one_dependant", true);
    internal static readonly CsvColumn PerExtraDependant = new("per_extra_dependant", true);
    internal static readonly CsvColumn Source = new("source", true);

    internal static readonly CsvSchema Schema = new(Zone, From, Until, PersonAlone, Couple, OneDependant, PerExtraDependant, Source);

    private static readonly long Max = Euros.FromEuros(100_000m).Cents;

    /// <summary>Reads an APL ceilings file.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<(AplZone Zone, DatedValue<AplRentCeilings> Value)> ReadFile(string path) =>
        CsvTable.Read(path, Schema, t => Read(t));

    /// <summary>Reads APL ceilings text.</summary>
    /// <exception cref="InputException">Every problem in the file.</exception>
    public static ImmutableArray<(AplZone Zone, DatedValue<AplRentCeilings> Value)> Read(TextReader reader, string file) =>
        CsvTable.Read(reader, file, Schema, t => Read(t));

    /// <summary>A copy of <paramref name="parameters"/> with these ceilings taking precedence for the periods they cover.</summary>
    public static ParameterSet Apply(ParameterSet parameters, IEnumerable<(AplZone Zone, DatedValue<AplRentCeilings> Value)> ceilings)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var group in ceilings.GroupBy(c => c.Zone))
        {
            parameters = parameters.WithAplCeilings(group.Key, group.Select(g => g.Value));
        }

        return parameters;
    }

    private static ImmutableArray<(AplZone, DatedValue<AplRentCeilings>)> Read(CsvTable t)
    {
        var result = ImmutableArray.CreateBuilder<(AplZone, DatedValue<AplRentCeilings>)>();
        var periods = new CeilingPeriods<AplZone>();
        while (t.Read())
        {
            var zone = t.Token<AplZone>(Zone, allowEmpty: false);
            var (from, until) = CeilingPeriods<AplZone>.Period(t, From, Until);
            var ceilings = new AplRentCeilings(new(t.Money(PersonAlone, Max)), new(t.Money(Couple, Max)), new(t.Money(OneDependant, Max)), new(t.Money(PerExtraDependant, Max)));
            var source = t.Text(Source).ToString();
            if (t.RowOk)
            {
                periods.Check(t, zone, from, until);
                result.Add((zone, new DatedValue<AplRentCeilings>(from, until, ceilings, source)));
            }
        }

        t.ThrowIfProblems();
        return result.ToImmutable();
    }
}

/// <summary>Checks that the periods a file gives for one region or zone do not overlap.</summary>
internal sealed class CeilingPeriods<TKey>
    where TKey : notnull
{
    private readonly Dictionary<TKey, List<(DateOnly From, DateOnly Until, int Line)>> _seen = [];

    public static (DateOnly From, DateOnly Until) Period(CsvTable t, CsvColumn fromColumn, CsvColumn untilColumn)
    {
        var from = t.Date(fromColumn);
        var until = t.Date(untilColumn);
        if (t.RowOk && until < from)
        {
            t.Problem(untilColumn, $"{until:yyyy-MM-dd} is before {from:yyyy-MM-dd}.");
        }

        return (from, until);
    }

    public void Check(CsvTable t, TKey key, DateOnly from, DateOnly until)
    {
        if (!_seen.TryGetValue(key, out var list))
        {
            _seen[key] = list = [];
        }

        foreach (var (f, u, line) in list)
        {
            if (from <= u && until >= f)
            {
                t.LineProblem($"the period {from:yyyy-MM-dd}..{until:yyyy-MM-dd} overlaps the one on line {line} ({f:yyyy-MM-dd}..{u:yyyy-MM-dd}) for the same {(typeof(TKey) == typeof(AplZone) ? "zone" : "region")}.");
                return;
            }
        }

        list.Add((from, until, t.Line));
    }
}
