using System.Collections.Immutable;
using CIA.Engine.Domain;

namespace CIA.Engine.Parameters;

/// <summary>One period of a legal figure: when it is in force, its value, and the text it comes from.</summary>
/// <param name="From">First day in force.</param>
/// <param name="Until">Last day in force (inclusive); null when in force until changed.</param>
/// <param name="Value">The value: an amount, a rate, or a record of them (e.g. the ceilings of categories 1 to 6).</param>
/// <param name="Source">The legal text or data set, and how sure it is.</param>
public sealed record ParameterPeriod(DateOnly From, DateOnly? Until, object Value, string Source);

/// <summary>A dated legal figure of a <see cref="ParameterSet"/>, for listing.</summary>
/// <param name="Name">Its name, as errors and explanations show it.</param>
/// <param name="Scope">The zone, region or EPCI it applies to (a file token or a SIREN); null when national.</param>
/// <param name="Periods">Its values, in date order.</param>
public sealed record ParameterEntry(string Name, string? Scope, ImmutableArray<ParameterPeriod> Periods);

/// <summary>
/// Every dated legal figure of a parameter set, with its periods and sources, in a stable order: what
/// <c>cia serve</c>'s <c>/v1/parameters</c> lists. Reads an immutable set: safe on any thread.
/// </summary>
public static class ParameterCatalogue
{
    /// <summary>The figures of <paramref name="parameters"/>: UC scale, PLUS/PLS/PLAI ceilings, APL figures, published quartile thresholds.</summary>
    public static ImmutableArray<ParameterEntry> All(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = new List<ParameterEntry> { Entry(parameters.UcScale, null) };
        foreach (var (region, p) in parameters.PlusCeilingsByRegion.OrderBy(p => p.Key))
        {
            list.Add(Entry(p, Tokens<PlusRegion>.Format(region)));
        }

        list.Add(Entry(parameters.PlsRatio, null));
        foreach (var (region, p) in parameters.PlaiRatiosByRegion.OrderBy(p => p.Key))
        {
            list.Add(Entry(p, Tokens<PlusRegion>.Format(region)));
        }

        Zoned(list, parameters.AplRentCeilings);
        var apl = parameters.Apl;
        list.Add(Entry(apl.Charges, null));
        list.Add(Entry(apl.MinimalParticipation, null));
        list.Add(Entry(apl.Abatements, null));
        list.Add(Entry(apl.FamilyRates, null));
        list.Add(Entry(apl.RentRates, null));
        Zoned(list, apl.HighRentCoefficients);
        list.Add(Entry(apl.FlatCut, null));
        list.Add(Entry(apl.PaymentThresholds, null));
        list.Add(Entry(apl.CrdsRate, null));
        Zoned(list, apl.RlsAmounts);
        Zoned(list, apl.RlsResourceCeilings);
        list.Add(Entry(apl.RlsFraction, null));
        foreach (var epci in parameters.QuartileThresholds.GroupBy(t => t.Epci))
        {
            list.Add(new ParameterEntry(
                "Published quartile thresholds (€ per UC per year)",
                epci.Key.Value,
                [.. epci.Select(t => new ParameterPeriod(new DateOnly(t.Year, 1, 1), new DateOnly(t.Year, 12, 31), new QuartileValues(t.Q1, t.Q2, t.Q3), t.Source))]));
        }

        // The national table's EPCIs without a SIREN mapping (docs/epci.md): listed by name and département(s).
        foreach (var epci in Quartiles.EpciThresholdTable.All.Where(r => r.Siren is null).GroupBy(r => r.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            list.Add(new ParameterEntry(
                "Published quartile thresholds (€ per UC per year)",
                $"{epci.Key} ({string.Join(", ", epci.First().Departements)})",
                [.. epci.OrderBy(t => t.Year).Select(t => new ParameterPeriod(new DateOnly(t.Year, 1, 1), new DateOnly(t.Year, 12, 31), new QuartileValues(t.Q1, t.Q2, t.Q3), t.Source))]));
        }

        return [.. list.Where(e => e.Periods.Length > 0)];
    }

    private static void Zoned<T>(List<ParameterEntry> list, IReadOnlyDictionary<AplZone, DatedParameter<T>> byZone)
    {
        foreach (var (zone, p) in byZone.OrderBy(p => p.Key))
        {
            list.Add(Entry(p, "apl_zone_" + Tokens<AplZone>.Format(zone)));
        }
    }

    private static ParameterEntry Entry<T>(DatedParameter<T> parameter, string? scope) =>
        new(parameter.Name, scope, [.. parameter.Values.Select(v => new ParameterPeriod(v.From, v.Until == DateOnly.MaxValue ? null : v.Until, v.Value!, v.Source))]);
}

/// <summary>The three published thresholds of one EPCI and year.</summary>
/// <param name="Q1">First quartile (the legal one).</param>
/// <param name="Q2">Median.</param>
/// <param name="Q3">Third quartile.</param>
public sealed record QuartileValues(Euros Q1, Euros Q2, Euros Q3);
