using System.Collections.Immutable;
using CIA.Engine.Domain;

namespace CIA.Engine.Data;

/// <summary>How many social dwellings a commune has in a generated territory.</summary>
/// <param name="Commune">The commune.</param>
/// <param name="Dwellings">Its social dwellings.</param>
internal sealed record CommuneStock(Commune Commune, int Dwellings);

/// <summary>The part of a QPV that lies in one commune, and its social dwellings.</summary>
/// <param name="Qpv">The QPV.</param>
/// <param name="Commune">The commune of this part.</param>
/// <param name="Dwellings">Social dwellings of the QPV in that commune.</param>
internal sealed record QpvStock(Qpv Qpv, CommuneCode Commune, int Dwellings);

/// <summary>A landlord and its weight in the territory's main commune and elsewhere.</summary>
/// <param name="Id">Landlord id as written in the stock file.</param>
/// <param name="MainCommuneWeight">Weight among the programmes of the main (first) commune.</param>
/// <param name="ElsewhereWeight">Weight among the programmes of the other communes.</param>
internal sealed record LandlordShare(string Id, double MainCommuneWeight, double ElsewhereWeight);

/// <summary>
/// What the generator aims at in one territory (docs/default-data.md). The figures are aims: the calibration tests
/// measure what the rules core finds in the generated files.
/// </summary>
/// <param name="NonFragileShareOutsideQpv">Share of the stock outside QPV in non-fragile programmes (Nantes: 0.75).</param>
/// <param name="Accessible">Accessible dwellings in the non-fragile stock outside QPV, as a count (Nantes: 7 487) or null to use <paramref name="AccessibleShare"/>.</param>
/// <param name="PotentiallyAccessible">Potentially accessible ones (Nantes: 3 405), or null to use <paramref name="PotentiallyAccessibleShare"/>.</param>
/// <param name="AccessibleShare">Share of that stock that is accessible, when no count is given.</param>
/// <param name="PotentiallyAccessibleShare">Share potentially accessible, when no count is given.</param>
/// <param name="QpvUnder60">Share of QPV tenant households under 60 % of PLUS ceilings (Nantes: 0.69).</param>
/// <param name="AllUnder60">Share of all tenant households under 60 % of PLUS ceilings (Nantes: 0.60).</param>
internal sealed record CalibrationAims(
    double NonFragileShareOutsideQpv,
    int? Accessible,
    int? PotentiallyAccessible,
    double AccessibleShare,
    double PotentiallyAccessibleShare,
    double QpvUnder60,
    double AllUnder60);

/// <summary>One territory (an EPCI) to generate: its communes and QPV with their stock, landlords, demand and aims.</summary>
/// <param name="Epci">The EPCI and its communes (with APL zones).</param>
/// <param name="Key">Stable key of the territory's random streams.</param>
/// <param name="Communes">Social dwellings by commune (the first is the main commune).</param>
/// <param name="Qpvs">QPV parts by commune.</param>
/// <param name="Landlords">Landlords and their weights.</param>
/// <param name="Applications">Applications to generate.</param>
/// <param name="SnapshotDate">Date of the demand snapshot: registrations are before it.</param>
/// <param name="Aims">Calibration aims.</param>
internal sealed record TerritoryProfile(
    Epci Epci,
    string Key,
    ImmutableArray<CommuneStock> Communes,
    ImmutableArray<QpvStock> Qpvs,
    ImmutableArray<LandlordShare> Landlords,
    int Applications,
    DateOnly SnapshotDate,
    CalibrationAims Aims)
{
    /// <summary>All social dwellings of the territory.</summary>
    public int Dwellings => Communes.Sum(c => c.Dwellings);
}

/// <summary>The territories the generator knows: calibrated Nantes Métropole and synthetic EPCIs for national scale.</summary>
internal static class TerritoryProfiles
{
    /// <summary>The date the default data set describes: applicants at 1 January 2016 (CIA diagnosis).</summary>
    public static readonly DateOnly NantesSnapshot = new(2016, 1, 1);

    /// <summary>Applicants at 1 January 2016 (Nantes CIA diagnosis).</summary>
    public const int NantesApplications = 28_441;

    /// <summary>
    /// Nantes Métropole as the CIA describes it (its diagnosis and Annexe 1). Dwellings by commune and by QPV are illustrative
    /// (sum 63 650, over the CIA's "plus de 62 000"; 32.6 % in QPV, near the 32.1 % DREAL gives for 2023 on the 2015
    /// geography); they are not sourced commune counts. See docs/default-data.md.
    /// </summary>
    public static TerritoryProfile NantesMetropole { get; } = BuildNantes();

    /// <summary>Dwellings of a France-sized territory set (RPLS, about 5.4 M).</summary>
    public const int NationalDwellings = 5_400_000;

    /// <summary>Applications of a France-sized set (about 2.6 M pending).</summary>
    public const int NationalApplications = 2_600_000;

    /// <summary>Number of EPCIs in a France-sized set (France has about 1 250).</summary>
    public const int NationalEpcis = 1_250;

    /// <summary>
    /// A national-style set of about <paramref name="dwellings"/> dwellings: Nantes Métropole (calibrated) first when
    /// the set is large enough to hold it, then synthetic EPCIs whose sizes follow Zipf's law (size ∝ 1/rank), as social
    /// stock concentrates in a few large metropolises. Applications are in the national ratio (2.6 M for 5.4 M).
    /// </summary>
    public static IEnumerable<TerritoryProfile> National(int dwellings)
    {
        if (dwellings < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dwellings), dwellings, "at least one dwelling");
        }

        var remaining = dwellings;
        if (dwellings >= 2 * NantesMetropole.Dwellings)
        {
            yield return NantesMetropole;
            remaining -= NantesMetropole.Dwellings;
        }

        var epcis = (int)Math.Clamp(Math.Round((double)NationalEpcis * dwellings / NationalDwellings), 1, NationalEpcis);
        var weights = new double[epcis];
        var total = 0.0;
        for (var i = 0; i < epcis; i++)
        {
            weights[i] = 1.0 / (i + 1); // integer arithmetic and division only: identical on every platform
            total += weights[i];
        }

        var departments = new DepartmentCodes();
        var assigned = 0;
        for (var i = 0; i < epcis; i++)
        {
            var size = i == epcis - 1 ? remaining - assigned : (int)Math.Round(remaining * weights[i] / total);
            size = Math.Max(size, 1);
            assigned += size;
            var applications = (int)Math.Round((double)size * NationalApplications / NationalDwellings);
            yield return Synthetic(i + 1, size, applications, departments);
        }
    }

    /// <summary>A synthetic EPCI of a given size: communes, QPV, landlords and aims follow the Nantes proportions.</summary>
    internal static TerritoryProfile Synthetic(int index, int dwellings, int applications, DepartmentCodes departments)
    {
        var communeCount = Math.Clamp((int)Math.Round(Math.Sqrt(dwellings) / 8), 1, 60);
        var zone = dwellings >= 20_000 ? AplZone.Zone2 : AplZone.Zone3; // zone 1 is the Paris region's core: no synthetic territory is put there
        var codes = departments.Take(communeCount);
        var communes = new List<Commune>();
        var weights = new double[communeCount];
        for (var c = 0; c < communeCount; c++)
        {
            communes.Add(new Commune(codes[c], $"Synthetic commune {codes[c]}", zone));
            weights[c] = 1.0 / (c + 1);
        }

        var stocks = Split(dwellings, weights).Select((n, c) => new CommuneStock(communes[c], n)).Where(s => s.Dwellings > 0).ToImmutableArray();
        var epci = new Epci(EpciCode.Parse(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"99{index:D7}")), $"Synthetic EPCI {index}", [.. stocks.Select(s => s.Commune)]);

        // QPV: about 30 % of the stock of territories large enough to have them, one QPV per ~4 000 dwellings, in the main commune.
        var qpvs = ImmutableArray.CreateBuilder<QpvStock>();
        var qpvCount = Math.Min(80, dwellings / 4_000);
        if (qpvCount > 0)
        {
            var inQpv = Math.Min((int)(dwellings * 0.30), (int)(stocks[0].Dwellings * 0.8));
            var parts = Split(inQpv, [.. Enumerable.Range(0, qpvCount).Select(q => 1.0 / (q + 1))]);
            for (var q = 0; q < qpvCount; q++)
            {
                var code = new QpvCode(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"S{index:D4}Q{q + 1:D2}"));
                qpvs.Add(new QpvStock(new Qpv(code, $"Synthetic QPV {code}", [stocks[0].Commune.Code]), stocks[0].Commune.Code, parts[q]));
            }
        }

        var landlordCount = Math.Clamp(dwellings / 3_000, 1, 40);
        var landlords = Enumerable.Range(1, landlordCount)
            .Select(l => new LandlordShare(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"S{index:D4}L{l:D2}"), 1.0 / l, 1.0 / l))
            .ToImmutableArray();
        return new TerritoryProfile(epci, $"synthetic-{index}", stocks, qpvs.ToImmutable(), landlords, applications, NantesSnapshot,
            new CalibrationAims(0.75, null, null, 0.235, 0.107, 0.69, 0.60));
    }

    /// <summary>Splits a total in proportion to weights, largest remainders first (exact total).</summary>
    internal static int[] Split(int total, double[] weights)
    {
        var sum = weights.Sum();
        var parts = new int[weights.Length];
        var remainders = new (double Remainder, int Index)[weights.Length];
        var given = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = total * weights[i] / sum;
            parts[i] = (int)Math.Floor(exact);
            remainders[i] = (exact - parts[i], i);
            given += parts[i];
        }

        foreach (var (_, i) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take(total - given))
        {
            parts[i]++;
        }

        return parts;
    }

    private static TerritoryProfile BuildNantes()
    {
        var epci = Territories.NantesMetropole;
        Commune Commune(string code) => epci.Communes.Single(c => c.Code.Value == code);
        (string Code, int Dwellings)[] counts =
        [
            ("44109", 35_600), ("44162", 7_300), ("44143", 4_700), ("44114", 2_600), ("44190", 1_900), ("44020", 1_750),
            ("44215", 1_550), ("44047", 1_500), ("44026", 1_150), ("44035", 1_050), ("44172", 850), ("44204", 480),
            ("44198", 450), ("44009", 420), ("44101", 420), ("44018", 380), ("44194", 330), ("44074", 300),
            ("44166", 300), ("44120", 230), ("44150", 140), ("44094", 110), ("44024", 90), ("44171", 50),
        ];
        var qpv = Territories.NantesMetropoleQpvs.ToDictionary(q => q.Code.Value);
        (string Qpv, string Commune, int Dwellings)[] parts =
        [
            ("NMQ01", "44109", 2_200), ("NMQ01", "44162", 1_800), ("NMQ02", "44109", 1_500), ("NMQ03", "44109", 1_500),
            ("NMQ04", "44109", 1_300), ("NMQ05", "44109", 3_000), ("NMQ06", "44109", 800), ("NMQ07", "44109", 1_600),
            ("NMQ08", "44109", 850), ("NMQ09", "44109", 1_450), ("NMQ10", "44109", 800), ("NMQ11", "44109", 500),
            ("NMQ12", "44109", 500), ("NMQ13", "44162", 650), ("NMQ14", "44143", 1_400), ("NMQ15", "44114", 900),
        ];

        // L01 is modelled on the OPH (Nantes Métropole Habitat: about 40 % of the stock, 99 % of it in Nantes; Chambre régionale des comptes, 2025).
        LandlordShare[] landlords =
        [
            new("L01", 0.70, 0.01), new("L02", 0.08, 0.22), new("L03", 0.06, 0.18), new("L04", 0.05, 0.15), new("L05", 0.04, 0.13),
            new("L06", 0.03, 0.11), new("L07", 0.02, 0.09), new("L08", 0.01, 0.06), new("L09", 0.01, 0.05),
        ];

        return new TerritoryProfile(
            epci,
            "nantes-metropole",
            [.. counts.Select(c => new CommuneStock(Commune(c.Code), c.Dwellings))],
            [.. parts.Select(p => new QpvStock(qpv[p.Qpv], CommuneCode.Parse(p.Commune), p.Dwellings))],
            [.. landlords],
            NantesApplications,
            NantesSnapshot,
            new CalibrationAims(0.75, 7_487, 3_405, 0.235, 0.107, 0.69, 0.60));
    }
}

/// <summary>Hands out INSEE-shaped commune codes for synthetic communes: departments 01–95 (Corsica excluded), numbers 900–999.</summary>
internal sealed class DepartmentCodes
{
    private readonly int[] _next = new int[96];
    private int _department = 1;

    /// <summary>The next codes, all in one department when possible.</summary>
    public CommuneCode[] Take(int count)
    {
        var codes = new CommuneCode[count];
        for (var i = 0; i < count; i++)
        {
            while (_next[_department] >= 100)
            {
                Advance();
            }

            codes[i] = CommuneCode.Parse(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{_department:D2}{900 + _next[_department]:D3}"));
            _next[_department]++;
        }

        Advance();
        return codes;
    }

    private void Advance()
    {
        var tries = 0;
        do
        {
            _department = _department % 95 + 1;
            if (++tries > 200)
            {
                throw new InvalidOperationException("No synthetic commune codes left (9 400 at most).");
            }
        }
        while (_department == 20 || _next[_department] >= 100);
    }
}
