using CIA.Engine.Domain;

namespace CIA.Engine.Parameters;

/// <summary>
/// The sourced default figures (docs/parameters.md lists them). Every value names its source; periods not listed
/// here are not covered, so asking for them is an error rather than a silent reuse of another year.
/// </summary>
/// <remarks>Thread-safe: <see cref="Create"/> builds the set once (lazily, thread-safe) and returns that shared immutable instance.</remarks>
public static partial class BuiltInParameters
{
    private const string OpenFiscaPlus = "PLUS ceilings, autres régions: arrêté du 29 juillet 1987 as amended; OpenFisca-France parameters prestations_sociales/aides_logement/logement_social/plu/…/autres_regions.yaml [verified]";

    // OpenFisca-France at commit a7038ee4 (2026-07-23), prestations_sociales/aides_logement/logement_social/plu/:
    // par_categorie_de_menage/categorie_1..6/<zone>.yaml and par_personne_supplementaire/<zone>.yaml, each year citing
    // annexe I of the arrêté du 29 juillet 1987 and the arrêté that amended it for that year.
    private const string OpenFiscaPlusIdf = "PLUS ceilings, Île-de-France hors Paris et communes limitrophes: arrêté du 29 juillet 1987 as amended, annexe I; OpenFisca-France parameters prestations_sociales/aides_logement/logement_social/plu/par_categorie_de_menage/categorie_1..6/ile_de_france.yaml and plu/par_personne_supplementaire/ile_de_france.yaml [verified]";
    private const string OpenFiscaPlusParis = "PLUS ceilings, Paris et communes limitrophes: arrêté du 29 juillet 1987 as amended, annexe I; OpenFisca-France parameters prestations_sociales/aides_logement/logement_social/plu/par_categorie_de_menage/categorie_1..6/paris_communes_limitrophes.yaml and plu/par_personne_supplementaire/paris_communes_limitrophes.yaml [verified]";

    // The arrêté each year's PLUS ceilings come from, as OpenFisca cites it for both Île-de-France zones.
    private static readonly Dictionary<int, string> PlusArretes = new()
    {
        [2015] = "arrêté du 30 décembre 2014",
        [2016] = "arrêté du 22 décembre 2015",
        [2017] = "arrêté du 22 décembre 2016",
        [2018] = "arrêté du 28 décembre 2017",
        [2019] = "arrêté du 28 décembre 2018",
        [2020] = "arrêté du 26 décembre 2019",
        [2021] = "arrêté du 24 décembre 2020",
        [2022] = "arrêté du 27 décembre 2021",
        [2023] = "arrêté du 27 décembre 2022",
        [2024] = "arrêté du 18 décembre 2023",
        [2025] = "arrêté du 23/12/2024",
        [2026] = "arrêté du 19/12/2025",
    };

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

        // Categories 1 and 2 are the same in both Île-de-France zones; they differ from category 3 on.
        DatedValue<CeilingsByCategory> Idf(int year, long c1, long c2, long c3, long c4, long c5, long c6, long extra) =>
            Year(year, c1, c2, c3, c4, c5, c6, extra, $"{OpenFiscaPlusIdf}; {PlusArretes[year]}");
        DatedValue<CeilingsByCategory> Paris(int year, long c1, long c2, long c3, long c4, long c5, long c6, long extra) =>
            Year(year, c1, c2, c3, c4, c5, c6, extra, $"{OpenFiscaPlusParis}; {PlusArretes[year]}");

        var plusIdf = new DatedParameter<CeilingsByCategory>("PLUS ceilings (Île-de-France hors Paris et communes limitrophes)", [
            Idf(2015, 23127, 34565, 41550, 49769, 58917, 66300, 7388),
            Idf(2016, 23132, 34572, 41558, 49779, 58929, 66313, 7389),
            Idf(2017, 23146, 34593, 41583, 49809, 58964, 66353, 7393),
            Idf(2018, 23354, 34904, 41957, 50257, 59495, 66950, 7460),
            Idf(2019, 23721, 35452, 42616, 51046, 60429, 68001, 7577),
            Idf(2020, 24006, 35877, 43127, 51659, 61154, 68817, 7668),
            Idf(2021, 24116, 36042, 43325, 51897, 61435, 69134, 7703),
            Idf(2022, 24316, 36341, 43684, 52326, 61944, 69707, 7767),
            Idf(2023, 25165, 37611, 45210, 54154, 64108, 72142, 8038),
            Idf(2024, 26044, 38925, 46789, 56046, 66347, 74662, 8319),
            Idf(2025, 26687, 39885, 47944, 57429, 67984, 76504, 8524),
            Idf(2026, 26920, 40233, 48362, 57930, 68577, 77171, 8598),
        ]);

        var plusParis = new DatedParameter<CeilingsByCategory>("PLUS ceilings (Paris et communes limitrophes)", [
            Paris(2015, 23127, 34565, 45311, 54098, 64365, 72429, 8070),
            Paris(2016, 23132, 34572, 45320, 54109, 64378, 72443, 8072),
            Paris(2017, 23146, 34593, 45347, 54141, 64417, 72486, 8077),
            Paris(2018, 23354, 34904, 45755, 54628, 64997, 73138, 8150),
            Paris(2019, 23721, 35452, 46473, 55486, 66017, 74286, 8278),
            Paris(2020, 24006, 35877, 47031, 56152, 66809, 75177, 8377),
            Paris(2021, 24116, 36042, 47247, 56410, 67116, 75523, 8416),
            Paris(2022, 24316, 36341, 47639, 56878, 67672, 76149, 8486),
            Paris(2023, 25165, 37611, 49303, 58865, 70036, 78809, 8782),
            Paris(2024, 26044, 38925, 51025, 60921, 72482, 81562, 9089),
            Paris(2025, 26687, 39885, 52284, 62424, 74271, 83575, 9313),
            Paris(2026, 26920, 40233, 52740, 62968, 74919, 84304, 9394),
        ]);

        var pls = new DatedParameter<Rate>("PLS/PLUS ratio", [
            new(new DateOnly(2015, 1, 1), new DateOnly(2026, 12, 31), new Rate(1.30m),
                "PLS = 130 % of PLUS: foyer-moderne.com, tradetrans.eu 2025, arithmetic checked on 2022 and 2025 [secondary]"),
        ]);

        var plai = new DatedParameter<PlaiRatios>("PLAI/PLUS ratios (autres régions)", [
            new(new DateOnly(2017, 1, 1), new DateOnly(2023, 12, 31),
                new PlaiRatios(new(0.55m), new(0.60m), new(0.60m), new(0.553m), new(0.55m), new(0.55m), new(0.55m)),
                "computed from OpenFisca plai/plafond_ressources (2017-2022) and logementsocial69.fr (2023); identical in 2017, 2022, 2023 [computed]"),
        ]);

        // In Île-de-France category 4 is 0.55, not 0.553 as in "autres régions": the other regions' ratios would
        // overestimate the PLAI ceiling of category 4 by 0.5 %. Both Île-de-France zones have the same ratios.
        // OpenFisca's Paris category 2 of 2022 reads 218 805 (a typo for 21 805, the Île-de-France figure): not used.
        var idfPlaiRatios = new PlaiRatios(new(0.55m), new(0.60m), new(0.60m), new(0.55m), new(0.55m), new(0.55m), new(0.55m));
        DatedParameter<PlaiRatios> IdfPlai(string zone, string file) => new($"PLAI/PLUS ratios ({zone})", [
            new(new DateOnly(2017, 1, 1), new DateOnly(2023, 12, 31), idfPlaiRatios,
                $"computed from OpenFisca plai/plafond_ressources/…/{file}.yaml over plu/…/{file}.yaml (2017-2022) and weblex.fr, plafonds de ressources 2023 (2023); each published PLAI ceiling within 0.05 % of the estimate [computed]"),
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
            new Dictionary<PlusRegion, DatedParameter<CeilingsByCategory>>
            {
                [PlusRegion.OtherRegions] = plus,
                [PlusRegion.IleDeFrance] = plusIdf,
                [PlusRegion.ParisAndAdjacent] = plusParis,
            },
            pls,
            new Dictionary<PlusRegion, DatedParameter<PlaiRatios>>
            {
                [PlusRegion.OtherRegions] = plai,
                [PlusRegion.IleDeFrance] = IdfPlai("Île-de-France hors Paris et communes limitrophes", "ile_de_france"),
                [PlusRegion.ParisAndAdjacent] = IdfPlai("Paris et communes limitrophes", "paris_communes_limitrophes"),
            },
            aplCeilings,
            zones,
            "APL zoning of Nantes Métropole's 24 communes: OpenFisca-France assets/apl/20110914_zonage.csv [verified; later changes not checked]",
            // Nantes Métropole as REFERENCE.md §2.2 lists it; the other EPCIs with a SIREN from the national table (docs/epci.md).
            [Nantes(2024, 10740, 14868, 19545), Nantes(2025, 10900, 15138, 19980), Nantes(2026, 10745, 14712, 19830),
                .. Quartiles.EpciThresholdTable.WithSiren.Where(t => t.Epci != NantesMetropole)],
            Territories.NantesMetropole.Communes.Select(c => KeyValuePair.Create(c.Code, NantesMetropole)),
            AplFormula());
    }

    private static DatedValue<CeilingsByCategory> Year(int year, long c1, long c2, long c3, long c4, long c5, long c6, long extra, string source) =>
        new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31),
            new CeilingsByCategory(E(c1), E(c2), E(c3), E(c4), E(c5), E(c6), E(extra)), source);

    private static Euros E(long euros) => Euros.FromEuros(euros);
}
