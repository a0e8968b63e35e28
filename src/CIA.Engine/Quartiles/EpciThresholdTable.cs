using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CIA.Engine.Domain;
using CIA.Engine.Parameters;

namespace CIA.Engine.Quartiles;

/// <summary>The published quartile thresholds of one EPCI for one year, as the national table gives them.</summary>
/// <param name="Year">Year of allocations the thresholds apply to.</param>
/// <param name="Name">The EPCI's name as the Calculette LEC data file spells it.</param>
/// <param name="Siren">The EPCI's SIREN where the table maps it (docs/epci.md); null otherwise.</param>
/// <param name="Regions">Region(s) the EPCI is listed under.</param>
/// <param name="Departements">Département(s) the EPCI is listed under ("44 - Loire-Atlantique").</param>
/// <param name="Q1">First-quartile threshold (the legal one), € per UC and year.</param>
/// <param name="Q2">Median, € per UC and year [secondary].</param>
/// <param name="Q3">Third quartile, € per UC and year [secondary].</param>
/// <param name="Source">Data file, repository commit and the arrêté it reproduces.</param>
internal sealed record EpciThresholdRow(
    int Year, string Name, EpciCode? Siren, ImmutableArray<string> Regions, ImmutableArray<string> Departements, Euros Q1, Euros Q2, Euros Q3, string Source)
{
    /// <summary>Whether the EPCI is in Île-de-France, where a regional quartile is published for every EPCI (REFERENCE.md §2.1).</summary>
    public bool InIleDeFrance => Regions.Contains("Île-de-France");

    /// <summary>The row as the parameter set's thresholds; only for a row with a SIREN.</summary>
    public QuartileThresholds ToThresholds() =>
        new(Siren ?? throw new InvalidOperationException($"EPCI '{Name}' has no SIREN in the national table."), Year, Q1, Q2, Q3, Source);
}

/// <summary>
/// The first-quartile thresholds of every EPCI concerned, 2024–2026, embedded from the Calculette LEC of the URH
/// Hauts-de-France (github.com/calculette-lec/calculette-lec.github.io at commit 74eaf10, assets/data/quartiles_YYYY.json),
/// which reproduces the yearly arrêtés. An EPCI is identified by its name (compared without case, accents, punctuation
/// or spacing) and, for the EPCIs mapped so far, by its SIREN. Loaded once, lazily, into an immutable lookup; thread-safe.
/// </summary>
internal static class EpciThresholdTable
{
    /// <summary>Repository and commit the embedded data comes from.</summary>
    public const string Repository = "github.com/calculette-lec/calculette-lec.github.io@74eaf10";

    /// <summary>The arrêté each year's thresholds come from (REFERENCE.md §2.1).</summary>
    public static readonly FrozenDictionary<int, string> Arretes = new Dictionary<int, string>
    {
        [2024] = "arrêté du 13 mai 2024 fixant le seuil de ressources des demandeurs de logement social du premier quartile [secondary — URHLM Nouvelle-Aquitaine]",
        [2025] = "arrêté du 3 juin (in force 1 January 2025) fixing the 2025 first-quartile thresholds [secondary — Gazette des communes; year of the arrêté uncertain]",
        [2026] = "arrêté du 23 avril 2026, JORF n° 0103 du 2 mai 2026 (JORFTEXT000054022378) [secondary — calculette-lec README]",
    }.ToFrozenDictionary();

    private const string ResourceName = "CIA.Engine.Quartiles.epci_quartiles.tsv";

    private static readonly Lazy<Table> Data = new(Load);

    /// <summary>Every row, by year then name.</summary>
    public static ImmutableArray<EpciThresholdRow> All => Data.Value.Rows;

    /// <summary>The years covered.</summary>
    public static ImmutableArray<int> Years => [.. All.Select(r => r.Year).Distinct().Order()];

    /// <summary>The rows of one year.</summary>
    public static IEnumerable<EpciThresholdRow> Of(int year) => All.Where(r => r.Year == year);

    /// <summary>The rows with a SIREN, as the parameter set's published thresholds.</summary>
    public static IEnumerable<QuartileThresholds> WithSiren => All.Where(r => r.Siren is not null).Select(r => r.ToThresholds());

    /// <summary>The row of an EPCI (by SIREN or by name) for a year, if the table has it.</summary>
    public static bool TryFind(string sirenOrName, int year, out EpciThresholdRow row)
    {
        ArgumentNullException.ThrowIfNull(sirenOrName);
        var key = EpciCode.TryParse(sirenOrName, out var siren) ? "siren:" + siren.Value : Normalise(sirenOrName);
        return Data.Value.ByKey.TryGetValue((key, year), out row!);
    }

    /// <summary>Why a text given as an EPCI is not a SIREN; when it names an EPCI of the table, says which SIREN to give or that none is mapped.</summary>
    public static string NotASiren(string text)
    {
        var key = Normalise(text);
        var named = All.Where(r => Normalise(r.Name) == key).ToList();
        if (named.FirstOrDefault(r => r.Siren is not null) is { Siren: { } siren })
        {
            return $"--epci takes a SIREN (nine digits): '{text}' is EPCI {siren}; give --epci {siren}.";
        }

        return named.Count > 0
            ? $"--epci takes a SIREN (nine digits): '{text}' is in the built-in national table (docs/epci.md) without a SIREN mapping; give its SIREN with --epci and its thresholds with --thresholds."
            : $"--epci '{text}' is not an EPCI SIREN (nine digits, e.g. 244400404).";
    }

    /// <summary>An EPCI's name reduced for comparison: lower case, no accents, letters and digits only, single-spaced.</summary>
    public static string Normalise(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length);
        // Accents folded by hand: string.Normalize does not decompose under invariant globalization.
        foreach (var c in name.ToLowerInvariant())
        {
            if (Folded(c) is { } folded)
            {
                sb.Append(folded);
            }
            else if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != ' ')
            {
                sb.Append(' ');
            }
        }

        return sb.ToString().TrimEnd();
    }

    private static string? Folded(char c) => c switch
    {
        'à' or 'â' or 'ä' or 'á' => "a",
        'é' or 'è' or 'ê' or 'ë' => "e",
        'î' or 'ï' or 'í' => "i",
        'ô' or 'ö' or 'ó' => "o",
        'ù' or 'û' or 'ü' or 'ú' => "u",
        'ç' => "c",
        'ÿ' => "y",
        'œ' => "oe",
        'æ' => "ae",
        _ => null,
    };

    private sealed record Table(ImmutableArray<EpciThresholdRow> Rows, FrozenDictionary<(string Key, int Year), EpciThresholdRow> ByKey);

    private static Table Load()
    {
        using var stream = typeof(EpciThresholdTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from CIA.Engine.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var rows = ImmutableArray.CreateBuilder<EpciThresholdRow>();
        var byKey = new Dictionary<(string, int), EpciThresholdRow>();
        var header = true;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (header)
            {
                header = false; // year, epci, siren, region, departements, q1, q2, q3
                continue;
            }

            var f = line.Split('\t');
            if (f.Length != 8)
            {
                throw new InvalidOperationException($"{ResourceName} line {lineNumber}: {f.Length} fields, expected 8.");
            }

            var year = int.Parse(f[0], NumberStyles.None, CultureInfo.InvariantCulture);
            EpciCode? siren = f[2].Length == 0 ? null : EpciCode.Parse(f[2]);
            var source = $"Calculette LEC (URH Hauts-de-France) {Repository} assets/data/quartiles_{year}.json, reproducing the {(Arretes.TryGetValue(year, out var a) ? a : "yearly arrêté")} [Q1 secondary; Q2/Q3 secondary, origin not stated]";
            var row = new EpciThresholdRow(
                year, f[1], siren, [.. f[3].Split('|')], [.. f[4].Split('|')],
                Amount(f[5]), Amount(f[6]), Amount(f[7]), source);
            rows.Add(row);
            if (!byKey.TryAdd((Normalise(row.Name), year), row))
            {
                throw new InvalidOperationException($"{ResourceName} line {lineNumber}: EPCI '{row.Name}' twice for {year}.");
            }

            if (siren is { } s && !byKey.TryAdd(("siren:" + s.Value, year), row))
            {
                throw new InvalidOperationException($"{ResourceName} line {lineNumber}: SIREN {s} twice for {year}.");
            }
        }

        return new Table(rows.ToImmutable(), byKey.ToFrozenDictionary());
    }

    private static Euros Amount(string text) => Euros.FromEuros(long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture));
}
