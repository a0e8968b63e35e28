using System.Globalization;
using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Quartiles;

namespace CIA.Engine.Data;

/// <summary>How big a generated data set is: the calibrated Nantes Métropole, France-sized, or about N dwellings.</summary>
/// <param name="Name">How it was asked for: <c>nantes</c>, <c>national</c> or a number.</param>
/// <param name="TargetDwellings">Dwellings of a national-style set; null for Nantes Métropole alone.</param>
internal sealed record DataScale(string Name, int? TargetDwellings)
{
    /// <summary>Nantes Métropole alone, calibrated to the CIA's figures (the default data set).</summary>
    public static DataScale Nantes { get; } = new("nantes", null);

    /// <summary>A France-sized set: about 5.4 M dwellings and 2.6 M applications in 1 250 EPCIs.</summary>
    public static DataScale National { get; } = new("national", TerritoryProfiles.NationalDwellings);

    /// <summary>A national-style set of about <paramref name="dwellings"/> dwellings.</summary>
    public static DataScale OfDwellings(int dwellings) => new(dwellings.ToString(CultureInfo.InvariantCulture), dwellings);

    /// <summary>Parses <c>nantes</c>, <c>national</c> or a positive number of dwellings.</summary>
    public static bool TryParse(string? text, out DataScale scale)
    {
        scale = Nantes;
        switch (text?.Trim().ToUpperInvariant())
        {
            case "NANTES":
                return true;
            case "NATIONAL":
                scale = National;
                return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            scale = OfDwellings(n);
            return true;
        }

        return false;
    }

    /// <summary>The territories of this scale, generated lazily in a fixed order.</summary>
    public IEnumerable<TerritoryProfile> Territories() =>
        TargetDwellings is { } n ? TerritoryProfiles.National(n) : [TerritoryProfiles.NantesMetropole];
}

/// <summary>Where the generator writes: one writer per file (docs/formats.md).</summary>
/// <param name="Stock">stock.csv: one row per dwelling, RPLS-style.</param>
/// <param name="Programmes">programmes.csv: occupancy indicators by programme.</param>
/// <param name="Demand">demand.csv: one row per application.</param>
/// <param name="Communes">communes.csv: communes with EPCI and APL zone.</param>
internal sealed record DataWriters(TextWriter Stock, TextWriter Programmes, TextWriter Demand, TextWriter Communes);

/// <summary>What was generated.</summary>
/// <param name="Territories">EPCIs.</param>
/// <param name="Communes">Communes.</param>
/// <param name="Programmes">Programmes.</param>
/// <param name="Dwellings">Dwellings.</param>
/// <param name="Applications">Applications.</param>
internal sealed record GenerationSummary(int Territories, int Communes, int Programmes, int Dwellings, int Applications);

/// <summary>
/// Generates a synthetic but calibrated territory — stock (RPLS-style), programme occupancy indicators (OPS-style),
/// demand and communes — in the documented file formats, so it goes through the same readers as real files.
/// Everything follows from the seed through keyed random streams, and rows are streamed: only one territory's
/// programmes are held in memory. Calibration aims and modelling choices: docs/default-data.md.
/// </summary>
internal sealed class DataGenerator
{
    /// <summary>The seed of the built-in default data set.</summary>
    public const ulong DefaultSeed = 2016;

    private static readonly Weighted<int> QpvRooms = new((1, 0.06), (2, 0.18), (3, 0.38), (4, 0.30), (5, 0.07), (6, 0.01));
    private static readonly Weighted<int> OutsideRooms = new((1, 0.12), (2, 0.24), (3, 0.35), (4, 0.22), (5, 0.06), (6, 0.01));
    private static readonly int[] SurfaceByRooms = [0, 32, 48, 66, 80, 95, 110];
    private static readonly Weighted<Financing> QpvFinancing = new((Financing.PreReform, 0.62), (Financing.Plus, 0.28), (Financing.Plai, 0.06), (Financing.Other, 0.04));
    private static readonly Weighted<Financing> OutsideFinancing = new(
        (Financing.PreReform, 0.22), (Financing.Plus, 0.46), (Financing.Plai, 0.12), (Financing.Pls, 0.14), (Financing.Pli, 0.02), (Financing.Other, 0.04));

    // RPLS contingent codes (item 63): 1 État-agents, 2 État-prioritaires, 3 Action Logement, 4 collectivités, 5 État conventions, 6 other, 7 non réservé.
    private static readonly Weighted<int> Contingent = new((1, 0.03), (2, 0.22), (3, 0.22), (4, 0.17), (5, 0.01), (6, 0.03), (7, 0.32));
    private static readonly QuantileDistribution QpvProgrammeSize = new((0, 12), (0.08, 31), (0.5, 110), (0.9, 260), (1, 420));
    private static readonly QuantileDistribution SmallProgrammeSize = new((0, 3), (0.5, 12), (1, 30));
    private static readonly QuantileDistribution LargeProgrammeSize = new((0, 31), (0.5, 58), (0.9, 140), (1, 320));
    private static readonly QuantileDistribution BelowCeiling = new((0, 0), (0.5, 0.07), (0.9, 0.22), (1, 0.35));
    private static readonly QuantileDistribution AboveMargin = new((0, 0), (0.5, 0.12), (0.9, 0.40), (1, 0.75));

    // Year first let (RPLS LOCAT), in years before the stock's year: pre-1977 financing 1950–1976; the rest from 1977,
    // 28 % since 2010 (about 7 % in the last four years, near the national 1.5 % a year of new social dwellings).
    private static readonly QuantileDistribution LaterFirstLet = new((0, 0), (0.40, 0.37), (0.72, 0.68), (1, 1));

    private readonly CiaPolicy _policy;
    private readonly ParameterSet _parameters;

    /// <summary>Creates a generator; rents are set against the APL ceilings of <paramref name="parameters"/> and the dwelling-size households of <paramref name="policy"/>, and fragility is designed for its decile method.</summary>
    public DataGenerator(CiaPolicy policy, ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(parameters);
        _policy = policy;
        _parameters = parameters;
    }

    /// <summary>Generates a data set and writes it.</summary>
    /// <exception cref="ParameterNotCoveredException">No APL ceilings at the policy's stock reference date.</exception>
    public GenerationSummary Generate(ulong seed, DataScale scale, DataWriters writers)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(writers);
        var stock = new CsvOut(writers.Stock);
        var programmes = new CsvOut(writers.Programmes);
        var demand = new CsvOut(writers.Demand);
        var communes = new CsvOut(writers.Communes);
        // Headers come from the readers' schemas: a column is named in one place, for reading and writing.
        stock.Header(StockCsv.ColumnNames);
        programmes.Header(ProgrammeCsv.ColumnNames);
        demand.Header(DemandCsv.ColumnNames);
        communes.Header(CommuneCsv.ColumnNames);
        var counters = new Counters();
        foreach (var territory in scale.Territories())
        {
            GenerateTerritory(seed, territory, counters, stock, programmes, demand, communes);
        }

        return new GenerationSummary(counters.Territories, counters.Communes, counters.Programmes, counters.Dwellings, counters.Applications);
    }

    private void GenerateTerritory(ulong seed, TerritoryProfile territory, Counters counters, CsvOut stock, CsvOut programmes, CsvOut demand, CsvOut communes)
    {
        counters.Territories++;
        foreach (var c in territory.Communes)
        {
            communes.Field(c.Commune.Code.Value);
            communes.Field(c.Commune.Name);
            communes.Field(territory.Epci.Code.Value);
            communes.Field(territory.Epci.Name);
            communes.Field((int)c.Commune.Zone);
            communes.End();
            counters.Communes++;
        }

        var random = new KeyedRandom(seed, KeyedRandom.KeyOf(territory.Key + "/programmes"), 0);
        var plans = Plan(territory, counters, ref random);
        DesignFragility(plans, territory);
        SetUnder60(plans, territory);
        foreach (var p in plans)
        {
            programmes.Id('P', p.Number, 6);
            programmes.Field(p.Dwellings);
            programmes.Field(p.Households);
            programmes.Thousandths(p.Under20);
            programmes.Thousandths(p.Under40);
            programmes.Thousandths(p.Under60);
            programmes.End();
        }

        var firstDwelling = counters.Dwellings; // the territory's dwellings are numbered firstDwelling + 1 onwards
        WriteDwellings(seed, territory, plans, counters, stock);
        WriteDemand(seed, territory, firstDwelling, counters.Dwellings - firstDwelling, counters, demand);
    }

    private static List<ProgrammePlan> Plan(TerritoryProfile territory, Counters counters, ref KeyedRandom random)
    {
        var plans = new List<ProgrammePlan>();
        var main = territory.Communes[0].Commune.Code;
        var mainLandlords = new Weighted<string>([.. territory.Landlords.Select(l => (l.Id, l.MainCommuneWeight))]);
        var otherLandlords = new Weighted<string>([.. territory.Landlords.Select(l => (l.Id, l.ElsewhereWeight))]);
        foreach (var c in territory.Communes)
        {
            var landlords = c.Commune.Code == main ? mainLandlords : otherLandlords;
            var inQpv = 0;
            foreach (var part in territory.Qpvs.Where(q => q.Commune == c.Commune.Code))
            {
                inQpv += part.Dwellings;
                PlanZone(plans, c.Commune, part.Qpv.Code, part.Dwellings, landlords, counters, ref random);
            }

            PlanZone(plans, c.Commune, null, c.Dwellings - inQpv, landlords, counters, ref random);
        }

        return plans;
    }

    private static void PlanZone(List<ProgrammePlan> plans, Commune commune, QpvCode? qpv, int dwellings, Weighted<string> landlords, Counters counters, ref KeyedRandom random)
    {
        var remaining = dwellings;
        while (remaining > 0)
        {
            var draw = qpv is not null ? QpvProgrammeSize.Sample(ref random)
                : random.Chance(0.55) ? SmallProgrammeSize.Sample(ref random) : LargeProgrammeSize.Sample(ref random);
            var size = Math.Min(Math.Max(1, (int)Math.Round(draw)), remaining);
            if (remaining - size < 3)
            {
                size = remaining;
            }

            remaining -= size;
            var vacant = (int)(size * random.Between(0.0, 0.04));
            plans.Add(new ProgrammePlan
            {
                Number = ++counters.Programmes,
                Commune = commune,
                Qpv = qpv,
                Dwellings = size,
                Households = size - vacant,
                Financing = (qpv is not null ? QpvFinancing : OutsideFinancing).Sample(ref random),
                Landlord = landlords.Sample(ref random),
                Poverty = qpv is not null ? 0.35 + (0.65 * random.NextDouble()) : random.NextDouble(),
                Noise1 = random.NextDouble(),
                Noise2 = random.NextDouble(),
                Noise3 = random.NextDouble(),
            });
        }
    }

    /// <summary>
    /// Chooses which programmes are fragile so that the policy's decile method finds the aimed share of the stock
    /// outside QPV non-fragile, then gives each programme occupancy shares consistent with that choice and with the
    /// policy's combination of the two indicators. With "any", the fragile programmes hold the top values of at least
    /// one indicator and the others stay below both cut-offs; with "all", the fragile ones hold the top values of
    /// both, and the rest of each indicator's top values go to non-fragile programmes, each high in one indicator only.
    /// </summary>
    private void DesignFragility(List<ProgrammePlan> plans, TerritoryProfile territory)
    {
        var options = _policy.Stock.Fragility;
        var all = options.Combination == FragilityCombination.All;
        var assessed = plans.Where(p => p.Dwellings > options.MinDwellingsExclusive).ToList();
        foreach (var p in plans)
        {
            p.Assessed = p.Dwellings > options.MinDwellingsExclusive;
        }

        var n = assessed.Count;
        var high = new HashSet<ProgrammePlan>();
        var high20 = new HashSet<ProgrammePlan>();
        var high40 = new HashSet<ProgrammePlan>();
        if (n > 0)
        {
            var k = QuartileCalculator.Rank(n, options.Decile, 10); // rank of the decile cut-off, as FragilityRules computes it
            var h = n - k + 1; // programmes at or above a cut-off, per indicator
            var most = all ? Math.Min(h, Math.Max(0, n - h)) : 2 * h; // "all": fragile ones are in both top sets, and 2h − |fragile| ≤ n
            var outsideTotal = plans.Where(p => p.Qpv is null).Sum(p => p.Dwellings);
            var target = (1 - territory.Aims.NonFragileShareOutsideQpv) * outsideTotal;
            // With "all", at most h programmes can be fragile (they top both indicators): take the largest first, so few
            // programmes reach the aimed share of dwellings; with "any", the poorest first.
            var outside = assessed.Where(p => p.Qpv is null)
                .OrderByDescending(p => all ? p.Dwellings : p.Poverty).ThenByDescending(p => p.Poverty).ThenBy(p => p.Number).ToList();
            var chosen = new List<ProgrammePlan>();
            var sum = 0;
            foreach (var p in outside)
            {
                if (Math.Abs(sum + p.Dwellings - target) < Math.Abs(sum - target) && chosen.Count < most)
                {
                    chosen.Add(p);
                    sum += p.Dwellings;
                }
            }

            var qpv = assessed.Where(p => p.Qpv is not null).OrderByDescending(p => p.Poverty).ThenBy(p => p.Number).ToList();
            if (all)
            {
                // Fill the fragile set with QPV programmes up to h, then share the remaining top places of each indicator
                // between non-fragile programmes, the poorest first, so that none is high in both.
                chosen.AddRange(qpv.Take(Math.Clamp(most - chosen.Count, 0, qpv.Count)));
                high.UnionWith(chosen);
                high20.UnionWith(chosen);
                high40.UnionWith(chosen);
                var rest = assessed.Where(p => !high.Contains(p)).OrderByDescending(p => p.Poverty).ThenBy(p => p.Number).ToList();
                var extra = h - chosen.Count;
                high20.UnionWith(rest.Where((_, i) => i % 2 == 0).Take(extra));
                high40.UnionWith(rest.Where((_, i) => i % 2 == 1).Take(extra));
            }
            else
            {
                var wanted = Math.Clamp((int)Math.Round(1.5 * h), h, 2 * h);
                var fromQpv = Math.Clamp(wanted - chosen.Count, 0, qpv.Count);
                chosen.AddRange(qpv.Take(fromQpv));
                var taken = chosen.ToHashSet();
                foreach (var p in outside.Where(p => !taken.Contains(p)).Take(Math.Max(0, h - chosen.Count)).ToList())
                {
                    chosen.Add(p); // too few programmes to fill the top decile otherwise; the outside share then misses its aim
                }

                high.UnionWith(chosen);
                var byFirst = chosen.OrderByDescending(p => p.Poverty + (0.2 * p.Noise1)).ThenBy(p => p.Number).ToList();
                high20.UnionWith(byFirst.Take(h));
                high40.UnionWith(byFirst.Skip(h));
                high40.UnionWith(byFirst.Take(h).OrderByDescending(p => p.Poverty + (0.2 * p.Noise2)).ThenBy(p => p.Number).Take(h - high40.Count));
            }
        }

        foreach (var p in plans)
        {
            var r = Math.Clamp((0.7 * p.Poverty) + (0.3 * p.Noise1), 0, 0.999);
            var r2 = Math.Clamp((0.7 * p.Poverty) + (0.3 * p.Noise2), 0, 0.999);
            if (p.Assessed)
            {
                p.Under20 = high20.Contains(p) ? 200 + (int)(180 * r) : 20 + (int)(175 * r);
                var low40 = Math.Max(p.Under20 + 80, 220);
                p.Under40 = high40.Contains(p) ? 500 + (int)(220 * r2) : low40 + (int)((495 - low40) * r2);
            }
            else
            {
                p.Under20 = 20 + (int)(330 * r);
                p.Under40 = Math.Min(900, p.Under20 + 120 + (int)(250 * r2));
            }

            p.Fragile = high.Contains(p);
        }
    }

    /// <summary>Sets the share under 60 % of PLUS ceilings so that the household-weighted shares meet the aims (QPV, and all).</summary>
    private static void SetUnder60(List<ProgrammePlan> plans, TerritoryProfile territory)
    {
        var inQpv = plans.Where(p => p.Qpv is not null).ToList();
        var outside = plans.Where(p => p.Qpv is null).ToList();
        double households = plans.Sum(p => p.Households), qpvHouseholds = inQpv.Sum(p => p.Households), outsideHouseholds = households - qpvHouseholds;
        var qpvAim = territory.Aims.QpvUnder60 * 1000;
        var outsideAim = outsideHouseholds <= 0 ? 0 : ((territory.Aims.AllUnder60 * 1000 * households) - (qpvAim * qpvHouseholds)) / outsideHouseholds;
        Fit(inQpv, qpvAim);
        Fit(outside, outsideAim);

        static void Fit(List<ProgrammePlan> group, double aim)
        {
            double total = group.Sum(p => p.Households);
            if (total <= 0)
            {
                foreach (var p in group)
                {
                    p.Under60 = Math.Min(980, p.Under40 + 100);
                }

                return;
            }

            double lo = 0, hi = 1000;
            for (var i = 0; i < 40; i++)
            {
                var mid = (lo + hi) / 2;
                var mean = group.Sum(p => (double)p.Households * Under60(p, mid)) / total;
                (lo, hi) = mean < aim ? (mid, hi) : (lo, mid);
            }

            foreach (var p in group)
            {
                p.Under60 = Under60(p, (lo + hi) / 2);
            }
        }

        static int Under60(ProgrammePlan p, double gap) => Math.Max(p.Under40, Math.Min(980, p.Under40 + (int)Math.Round(gap * (0.6 + (0.8 * p.Noise3)))));
    }

    private void WriteDwellings(ulong seed, TerritoryProfile territory, List<ProgrammePlan> plans, Counters counters, CsvOut stock)
    {
        // APL ceiling (cents) by zone and dwelling size, for the household the policy assumes for that size.
        var ceilings = new Dictionary<AplZone, long[]>();
        foreach (var zone in territory.Communes.Select(c => c.Commune.Zone).Distinct())
        {
            var table = _parameters.AplCeilings(zone, _policy.Stock.ReferenceDate).Value; // the date the policy tests accessibility at
            var byRooms = new long[7];
            for (var rooms = 1; rooms <= 6; rooms++)
            {
                var household = _policy.Stock.HouseholdFor(rooms);
                byRooms[rooms] = table.For(household.Couple, household.Dependants).Cents;
            }

            ceilings[zone] = byRooms;
        }

        // Accessibility: per-financing propensities, scaled in the non-fragile stock outside QPV to the aimed counts.
        var nonFragileOutside = plans.Where(p => p.Qpv is null && !p.Fragile).ToList();
        var nf = nonFragileOutside.Sum(p => p.Dwellings);
        var aims = territory.Aims;
        var accessibleAim = aims.Accessible ?? (aims.AccessibleShare * nf);
        var potentialAim = aims.PotentiallyAccessible ?? (aims.PotentiallyAccessibleShare * nf);
        var accessibleScale = Scale(nonFragileOutside, accessibleAim, AccessibleWeight);
        var potentialScale = Scale(nonFragileOutside, potentialAim, PotentialWeight);
        var streamKey = KeyedRandom.KeyOf(territory.Key + "/dwellings");
        var margin = (int)Math.Min(int.MaxValue - 1, _policy.Stock.PotentiallyAccessibleMargin.Cents); // the policy's "potentially accessible" margin

        // The stock is as on 1 January of the policy's default year: dwellings first let up to the year before. Years
        // come from their own stream, so adding them left every other generated value unchanged.
        var lastFirstLet = _policy.DefaultYear - 1;
        var firstLetKey = KeyedRandom.KeyOf(territory.Key + "/first-let");
        foreach (var p in plans)
        {
            var random = new KeyedRandom(seed, streamKey, (ulong)p.Number);
            var ages = new KeyedRandom(seed, firstLetKey, (ulong)p.Number);
            var firstLet = p.Financing == Financing.PreReform
                ? 1950 + ages.Next(27)
                : 1977 + (int)Math.Min(lastFirstLet - 1977, Math.Floor(LaterFirstLet.Sample(ref ages) * (lastFirstLet - 1977 + 1)));
            double pa, pp;
            if (p.Qpv is null && !p.Fragile)
            {
                pa = Math.Min(0.95, accessibleScale * AccessibleWeight(p.Financing));
                pp = Math.Min(1 - pa, potentialScale * PotentialWeight(p.Financing));
            }
            else
            {
                pa = Math.Min(0.95, (p.Qpv is null ? 0.28 : 0.30) * AccessibleWeight(p.Financing));
                pp = Math.Min(1 - pa, 0.12 * PotentialWeight(p.Financing));
            }

            if (margin == 0)
            {
                pp = 0; // no rent can be above the ceiling and within a zero margin
            }

            var rooms = p.Qpv is null ? OutsideRooms : QpvRooms;
            var zoneCeilings = ceilings[p.Commune.Zone];
            var qpv = p.Qpv?.Value ?? string.Empty;
            for (var i = 0; i < p.Dwellings; i++)
            {
                var t = rooms.Sample(ref random);
                var ceiling = zoneCeilings[t];
                var u = random.NextDouble();
                long rent = u < pa ? ceiling - (long)(ceiling * BelowCeiling.Sample(ref random))
                    : u < pa + pp ? ceiling + 1 + random.Next(margin)
                    : ceiling + margin + 1 + (long)(ceiling * AboveMargin.Sample(ref random));
                stock.Id('D', ++counters.Dwellings, 7);
                stock.Field(p.Commune.Code.Value);
                stock.Field(qpv);
                stock.Field(t);
                stock.Tenths((int)(SurfaceByRooms[t] * random.Between(8.5, 11.5)));
                stock.Cents(rent);
                stock.Field(FinancingTokens[(int)p.Financing]);
                stock.Field(Contingent.Sample(ref random));
                stock.Id('P', p.Number, 6);
                stock.Field(p.Landlord);
                stock.Field(firstLet);
                stock.End();
            }
        }

        static double Scale(List<ProgrammePlan> group, double aim, Func<Financing, double> weight)
        {
            var weighted = group.Sum(p => p.Dwellings * weight(p.Financing));
            return weighted <= 0 ? 0 : aim / weighted;
        }
    }

    // Older (pre-1977) and PLAI dwellings are the cheapest; PLS and PLI rents are above APL ceilings.
    private static double AccessibleWeight(Financing f) => f switch
    {
        Financing.Plai => 1.7,
        Financing.PreReform => 1.5,
        Financing.Plus => 0.8,
        Financing.Other => 0.9,
        _ => 0,
    };

    private static double PotentialWeight(Financing f) => f switch
    {
        Financing.Plai => 0.8,
        Financing.PreReform => 0.9,
        Financing.Plus => 1.25,
        Financing.Other => 1.0,
        Financing.Pls => 0.3,
        _ => 0,
    };

    private static readonly string[] FinancingTokens = [.. Enumerable.Range(0, 7).Select(i => Enum.IsDefined((Financing)i) ? Tokens<Financing>.Format((Financing)i) : string.Empty)];

    /// <summary>
    /// Writes the territory's applications. A mutation applicant lives in one of the territory's dwellings
    /// (<c>current_dwelling_id</c>): the k-th mutation applicant gets the k-th element of a permutation of the
    /// territory's dwellings, so no two share one (unless a territory had more mutation applicants than dwellings,
    /// which the profiles, with about 0.15 mutation applicant a dwelling, never have: the permutation then wraps round). The
    /// permutation has its own stream, so every other generated value is as it was before the column existed.
    /// </summary>
    private static void WriteDemand(ulong seed, TerritoryProfile territory, int firstDwelling, int dwellings, Counters counters, CsvOut demand)
    {
        var homesRandom = new KeyedRandom(seed, KeyedRandom.KeyOf(territory.Key + "/current-dwellings"), 0);
        var homes = new KeyedPermutation(ref homesRandom, dwellings);
        var mutations = 0;
        var streamKey = KeyedRandom.KeyOf(territory.Key + "/demand");
        var desired = new Weighted<string>([.. territory.Communes.Select(c => (c.Commune.Code.Value, (double)c.Dwellings))]);
        var chosen = new string[3];
        for (var i = 0; i < territory.Applications; i++)
        {
            var random = new KeyedRandom(seed, streamKey, (ulong)i);
            var a = DemandModel.Draw(ref random, territory.SnapshotDate);
            var count = a.DesiredCommunes;
            var taken = 0;
            for (var attempt = 0; attempt < 12 && taken < count; attempt++)
            {
                var c = desired.Sample(ref random);
                if (Array.IndexOf(chosen, c, 0, taken) < 0)
                {
                    chosen[taken++] = c;
                }
            }

            demand.Id('A', ++counters.Applications, 7);
            demand.Field(a.RegisteredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            demand.Field(a.Persons14Plus);
            demand.Field(a.ChildrenUnder14);
            demand.Cents(a.MonthlyResourcesCents);
            demand.Cents(a.TaxIncomeCents);
            demand.Field(DemandModel.EmploymentTokens[(int)a.Employment]);
            demand.Field(a.Disabled ? "true" : "false");
            demand.Field(a.MutationReason != MutationReason.None ? "true" : "false");
            demand.Field(Tokens<MutationReason>.Format(a.MutationReason));
            demand.Field(Tokens<UrbanRenewal>.Format(a.UrbanRenewal));
            demand.Field(DemandModel.PrefectoralTokens[(int)a.Prefectoral]);
            demand.Field(Tokens<Reservataire>.Format(a.ReservedBy));
            demand.Field(string.Join('|', chosen, 0, taken));
            demand.Field(a.Dependants);
            demand.Field(a.YoungCouple ? "true" : "false");
            if (a.MutationReason != MutationReason.None && dwellings > 0)
            {
                demand.Id('D', firstDwelling + 1 + homes[mutations++ % dwellings], 7);
            }
            else
            {
                demand.Field(string.Empty);
            }

            demand.End();
        }
    }

    private sealed class Counters
    {
        public int Territories;
        public int Communes;
        public int Programmes;
        public int Dwellings;
        public int Applications;
    }

    private sealed class ProgrammePlan
    {
        public int Number { get; init; }

        public required Commune Commune { get; init; }

        public QpvCode? Qpv { get; init; }

        public int Dwellings { get; init; }

        public int Households { get; init; }

        public Financing Financing { get; init; }

        public required string Landlord { get; init; }

        /// <summary>Latent poverty of the programme's tenants, 0–1: drives its occupancy indicators.</summary>
        public double Poverty { get; init; }

        public double Noise1 { get; init; }

        public double Noise2 { get; init; }

        public double Noise3 { get; init; }

        public bool Assessed { get; set; }

        public bool Fragile { get; set; }

        public int Under20 { get; set; }

        public int Under40 { get; set; }

        public int Under60 { get; set; }
    }
}
