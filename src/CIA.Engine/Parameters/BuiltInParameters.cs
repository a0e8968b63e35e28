using CIA.Engine.Domain;

namespace CIA.Engine.Parameters;

/// <summary>
/// The sourced default figures (docs/parameters.md lists them). Every value names its source; periods not listed
/// here are not covered, so asking for them is an error rather than a silent reuse of another year.
/// </summary>
public static class BuiltInParameters
{
    private const string OpenFiscaPlus = "PLUS ceilings, autres régions: arrêté du 29 juillet 1987 as amended; OpenFisca-France parameters logement_social/plus/autres_regions [verified]";
    private const string OpenFiscaApl = "APL rent ceilings (L, locatif): arrêté du 27/09/2019 art. 7 (consolidated) and yearly arrêtés; OpenFisca-France aides_logement/locatif/formule/l_plafonds_loyers [verified]";
    

    /// <summary>Nantes Métropole's SIREN.</summary>
    public static readonly EpciCode NantesMetropole = EpciCode.Parse("244400404");

    private static readonly Lazy<ParameterSet> Default = new(Build);

    /// <summary>The built-in parameter set (shared, immutable).</summary>
    public static ParameterSet Create() => Default.Value;

    private static ParameterSet Build()
    {
        var ucScale = new DatedParameter<UcScale>("UC scale (quartile rule)", [
            new(new DateOnly(2017, 1, 1), DateOnly.MaxValue, new UcScale(10, 5, 3),
                "CCH L441-1 (loi n° 2017-86 art. 70); scale 1 / 0.5 per other person 14+ / 0.3 per child under 14 as applied by calculette-lec and INSEE [secondary]"),
        ]);

        var plus = new DatedParameter<CeilingsByCategory>("PLUS ceilings (autres régions)", [
            Year(2015, 20107, 26851, 32291, 38982, 45858, 51682, 5765, OpenFiscaPlus),
            Year(2016, 20111, 26856, 32297, 38990, 45867, 51692, 5766, OpenFiscaPlus),
            Year(2017, 20123, 26872, 32316, 39013, 45895, 51723, 5769, OpenFiscaPlus),
            Year(2018, 20304, 27114, 32607, 39364, 46308, 52189, 5821, OpenFiscaPlus),
            Year(2019, 20623, 27540, 33119, 39982, 47035, 53008, 5912, OpenFiscaPlus),
            Year(2020, 20870, 27870, 33516, 40462, 47599, 53644, 5983, OpenFiscaPlus),
            Year(2021, 20966, 27998, 33670, 40648, 47818, 53891, 6011, OpenFiscaPlus),
            Year(2022, 21139, 28231, 33949, 40985, 48214, 54338, 6061, OpenFiscaPlus + "; cross-checked foyer-moderne.com"),
            Year(2023, 21878, 29217, 35135, 42417, 49898, 56236, 6273, OpenFiscaPlus + "; arrêté du 27 décembre 2022"),
            Year(2024, 22642, 30238, 36362, 43899, 51641, 58200, 6492, OpenFiscaPlus + "; arrêté du 18 décembre 2023"),
            Year(2025, 23201, 30984, 37259, 44982, 52915, 59636, 6652, OpenFiscaPlus + "; arrêté du 23/12/2024"),
            Year(2026, 23403, 31254, 37584, 45374, 53376, 60156, 6710, OpenFiscaPlus + "; arrêté du 19/12/2025"),
        ]);

        var pls = new DatedParameter<Rate>("PLS/PLUS ratio", [
            new(new DateOnly(2015, 1, 1), new DateOnly(2026, 12, 31), new Rate(1.30m),
                "PLS = 130 % of PLUS: foyer-moderne.com, tradetrans.eu 2025, arithmetic checked on 2022 and 2025 [secondary]"),
        ]);

        var plai = new DatedParameter<PlaiRatios>("PLAI/PLUS ratios", [
            new(new DateOnly(2017, 1, 1), new DateOnly(2023, 12, 31),
                new PlaiRatios(new(0.55m), new(0.60m), new(0.60m), new(0.553m), new(0.55m), new(0.55m), new(0.55m)),
                "computed from OpenFisca plai/plafond_ressources (2017-2022) and logementsocial69.fr (2023); identical in 2017, 2022, 2023 [computed]"),
        ]);

        var zone2 = new DatedParameter<AplRentCeilings>("APL rent ceilings, zone 2", [
            Apl(2014, 10, 1, 2015, 9, 30, 255.03m, 312.15m, 351.25m, 51.12m, OpenFiscaApl),
            Apl(2015, 10, 1, 2017, 9, 30, 255.23m, 312.40m, 351.53m, 51.16m, OpenFiscaApl + "; no 2016 revaluation in the series"),
            Apl(2017, 10, 1, 2019, 9, 30, 257.14m, 314.74m, 354.17m, 51.54m, OpenFiscaApl + "; no 2018 revaluation in the series"),
            Apl(2019, 10, 1, 2020, 9, 30, 257.92m, 315.69m, 355.23m, 51.70m, OpenFiscaApl),
            Apl(2020, 10, 1, 2021, 9, 30, 258.69m, 316.64m, 356.30m, 51.86m, OpenFiscaApl),
            Apl(2021, 10, 1, 2022, 6, 30, 259.78m, 317.97m, 357.80m, 52.08m, OpenFiscaApl),
            Apl(2022, 7, 1, 2023, 9, 30, 268.87m, 329.10m, 370.32m, 53.90m, OpenFiscaApl),
            Apl(2023, 10, 1, 2024, 9, 30, 278.28m, 340.62m, 383.28m, 55.79m, OpenFiscaApl + "; arrêté du 22/09/2023"),
            Apl(2024, 10, 1, 2025, 9, 30, 287.35m, 351.72m, 395.77m, 57.61m, OpenFiscaApl + "; arrêté du 27/09/2024"),
            Apl(2025, 10, 1, 2026, 9, 30, 290.34m, 355.38m, 399.89m, 58.21m, OpenFiscaApl + "; arrêté du 05/09/2025"),
        ]);

        var zone3 = new DatedParameter<AplRentCeilings>("APL rent ceilings, zone 3", [
            Apl(2015, 10, 1, 2017, 9, 30, 239.21m, 289.99m, 325.15m, 46.60m, OpenFiscaApl + "; period end assumed from the zone-2 calendar [inferred]"),
            Apl(2024, 10, 1, 2025, 9, 30, 269.32m, 326.48m, 366.07m, 52.47m, OpenFiscaApl + "; arrêté du 27/09/2024"),
            Apl(2025, 10, 1, 2026, 9, 30, 272.12m, 329.88m, 369.88m, 53.01m, OpenFiscaApl + "; arrêté du 05/09/2025"),
        ]);

        var zones = Territories.NantesMetropole.Communes.Select(c => new KeyValuePair<CommuneCode, AplZone>(c.Code, c.Zone));

        QuartileThresholds Nantes(int year, long q1, long q2, long q3) =>
            new(NantesMetropole, year, Euros.FromEuros(q1), Euros.FromEuros(q2), Euros.FromEuros(q3), $"arrêté fixant le seuil de ressources des demandeurs du premier quartile; values from calculette-lec (URH Hauts-de-France) quartiles_{year}.json [Q1 verified; Q2/Q3 secondary]");

        return new ParameterSet(
            ucScale,
            new Dictionary<PlusRegion, DatedParameter<CeilingsByCategory>> { [PlusRegion.OtherRegions] = plus },
            pls,
            plai,
            new Dictionary<AplZone, DatedParameter<AplRentCeilings>> { [AplZone.Zone2] = zone2, [AplZone.Zone3] = zone3 },
            zones,
            "APL zoning of Nantes Métropole's 24 communes: OpenFisca-France assets/apl/20110914_zonage.csv [verified; later changes not checked]",
            [Nantes(2024, 10740, 14868, 19545), Nantes(2025, 10900, 15138, 19980), Nantes(2026, 10745, 14712, 19830)],
            Territories.NantesMetropole.Communes.Select(c => KeyValuePair.Create(c.Code, NantesMetropole)));
    }

    private static DatedValue<CeilingsByCategory> Year(int year, long c1, long c2, long c3, long c4, long c5, long c6, long extra, string source) =>
        new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31),
            new CeilingsByCategory(E(c1), E(c2), E(c3), E(c4), E(c5), E(c6), E(extra)), source);

    private static DatedValue<AplRentCeilings> Apl(int y1, int m1, int d1, int y2, int m2, int d2, decimal single, decimal couple, decimal one, decimal extra, string source) =>
        new(new DateOnly(y1, m1, d1), new DateOnly(y2, m2, d2),
            new AplRentCeilings(Euros.FromEuros(single), Euros.FromEuros(couple), Euros.FromEuros(one), Euros.FromEuros(extra)), source);

    private static Euros E(long euros) => Euros.FromEuros(euros);
}
