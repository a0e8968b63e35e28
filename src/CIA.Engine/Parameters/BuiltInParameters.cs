using CIA.Engine.Domain;

namespace CIA.Engine.Parameters;

/// <summary>
/// The sourced default figures (docs/parameters.md lists them). Every value names its source; periods not listed
/// here are not covered, so asking for them is an error rather than a silent reuse of another year.
/// </summary>
public static partial class BuiltInParameters
{
    private const string OpenFiscaPlus = "PLUS ceilings, autres régions: arrêté du 29 juillet 1987 as amended; OpenFisca-France parameters logement_social/plus/autres_regions [verified]";

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

        var aplCeilings = new Dictionary<AplZone, DatedParameter<AplRentCeilings>>
        {
            [AplZone.Zone1] = AplCeilingsOf(AplZone.Zone1, AplCeilingsZone1),
            [AplZone.Zone2] = AplCeilingsOf(AplZone.Zone2, AplCeilingsZone2),
            [AplZone.Zone3] = AplCeilingsOf(AplZone.Zone3, AplCeilingsZone3),
        };

        var zones = Territories.NantesMetropole.Communes.Select(c => new KeyValuePair<CommuneCode, AplZone>(c.Code, c.Zone));

        QuartileThresholds Nantes(int year, long q1, long q2, long q3) =>
            new(NantesMetropole, year, Euros.FromEuros(q1), Euros.FromEuros(q2), Euros.FromEuros(q3), $"arrêté fixant le seuil de ressources des demandeurs du premier quartile; values from calculette-lec (URH Hauts-de-France) quartiles_{year}.json [Q1 verified; Q2/Q3 secondary]");

        return new ParameterSet(
            ucScale,
            new Dictionary<PlusRegion, DatedParameter<CeilingsByCategory>> { [PlusRegion.OtherRegions] = plus },
            pls,
            plai,
            aplCeilings,
            zones,
            "APL zoning of Nantes Métropole's 24 communes: OpenFisca-France assets/apl/20110914_zonage.csv [verified; later changes not checked]",
            [Nantes(2024, 10740, 14868, 19545), Nantes(2025, 10900, 15138, 19980), Nantes(2026, 10745, 14712, 19830)],
            Territories.NantesMetropole.Communes.Select(c => KeyValuePair.Create(c.Code, NantesMetropole)),
            AplFormula());
    }

    private static DatedValue<CeilingsByCategory> Year(int year, long c1, long c2, long c3, long c4, long c5, long c6, long extra, string source) =>
        new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31),
            new CeilingsByCategory(E(c1), E(c2), E(c3), E(c4), E(c5), E(c6), E(extra)), source);

    private static Euros E(long euros) => Euros.FromEuros(euros);
}
