using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Tables;

namespace CIA.Engine.Quartiles;

/// <summary>
/// The EPCI of a demand from its communes, through the communes table (built-in, or a communes file's <c>epci</c>
/// column), and the national thresholds of the EPCIs a communes file names (its <c>epci_name</c> column) — docs/epci.md.
/// </summary>
internal static class EpciResolution
{
    /// <summary>
    /// The one EPCI of every commune the demand asks for whose EPCI is known; null, with no problem, when none is
    /// known; null, with the problem, when they belong to several EPCIs (a CIA is one EPCI's).
    /// </summary>
    public static EpciCode? OfDemand(DemandTable demand, ParameterSet parameters, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(parameters);
        var found = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var commune in demand.Communes.Codes)
        {
            if (parameters.TryEpciOf(commune, out var epci))
            {
                if (!found.TryGetValue(epci.Value, out var list))
                {
                    found[epci.Value] = list = [];
                }

                list.Add(commune.Value);
            }
        }

        problem = null;
        if (found.Count == 0)
        {
            return null;
        }

        if (found.Count > 1)
        {
            problem = $"the communes asked for belong to {found.Count} EPCIs: "
                + string.Join("; ", found.Select(f => $"{f.Key} ({string.Join(", ", f.Value.Order(StringComparer.Ordinal).Take(3))}{(f.Value.Count > 3 ? ", …" : string.Empty)})"))
                + ". Classify one EPCI's demand at a time, or choose the EPCI with --epci.";
            return null;
        }

        return EpciCode.Parse(found.Keys.Single());
    }

    /// <summary>
    /// The national table's thresholds of the EPCIs a communes file names, under the SIREN the file gives, for the
    /// years <paramref name="parameters"/> has none for that SIREN (a thresholds file or a built-in figure wins).
    /// </summary>
    public static IEnumerable<QuartileThresholds> ByName(IEnumerable<CommuneEntry> communes, ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(communes);
        ArgumentNullException.ThrowIfNull(parameters);
        var known = parameters.QuartileThresholds.Select(t => (t.Epci, t.Year)).ToHashSet();
        var named = communes.Where(c => c.EpciName.Length > 0).Select(c => (c.Epci, c.EpciName)).Distinct().OrderBy(c => c.Epci.Value, StringComparer.Ordinal);
        foreach (var (epci, name) in named)
        {
            foreach (var year in EpciThresholdTable.Years)
            {
                if (!known.Contains((epci, year)) && EpciThresholdTable.TryFind(name, year, out var row))
                {
                    known.Add((epci, year));
                    yield return new QuartileThresholds(epci, year, row.Q1, row.Q2, row.Q3, $"{row.Source}; EPCI '{row.Name}' matched by the name '{name}' of the communes file");
                }
            }
        }
    }
}
