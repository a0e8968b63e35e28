using CIA.Engine.Domain;

namespace CIA.Engine.Parameters;

/// <summary>The figures of the rental housing-benefit formula (APL / AL, metropolitan barème), read from OpenFisca-France.</summary>
public static partial class BuiltInParameters
{
    // Every value below was read from OpenFisca-France at commit a7038ee49132b842612b2e3d1ca0ba202c6a796d (2026-07-23);
    // each source names the parameter file and the arrêté or décret the file cites for that date.
    private const string Of = "OpenFisca-France parameters prestations_sociales/aides_logement/";
    private const string Locatif = Of + "allocations_logement/locatif/";
    private const string Rls = Of + "reduction_loyer_solidarite/";

    // The rent ceilings L, the charges forfait C and the P0 forfait are revalued together (each 1 October, once on
    // 1 July 2022), so they share one calendar. The last period ends the day before the next expected revaluation.
    private static readonly (DateOnly From, DateOnly Until)[] OctoberPeriods =
    [
        (new(2014, 10, 1), new(2015, 9, 30)),
        (new(2015, 10, 1), new(2017, 9, 30)), // no revaluation in 2016
        (new(2017, 10, 1), new(2019, 9, 30)), // none in 2018
        (new(2019, 10, 1), new(2020, 9, 30)),
        (new(2020, 10, 1), new(2021, 9, 30)),
        (new(2021, 10, 1), new(2022, 6, 30)),
        (new(2022, 7, 1), new(2023, 9, 30)),
        (new(2023, 10, 1), new(2024, 9, 30)),
        (new(2024, 10, 1), new(2025, 9, 30)),
        (new(2025, 10, 1), new(2026, 9, 30)),
    ];

    private static readonly string[] CeilingTexts =
    [
        "arrêté du 27/10/2014",
        "arrêté du 16/10/2015; no 2016 revaluation in the series",
        "décret n° 2017-1413 du 28/09/2017 and arrêté du 28/09/2017 art. 1; no 2018 revaluation in the series",
        "arrêté du 27/09/2019 art. 13",
        "arrêté du 27/09/2019 art. 7",
        "arrêté du 27/09/2019 art. 7",
        "arrêté du 27/09/2019 art. 7 (revaluation of 1 July 2022)",
        "arrêté du 22/09/2023 art. 1",
        "arrêté du 27/09/2024 art. 1",
        "arrêté du 05/09/2025",
    ];

    // Person alone, couple, one dependant, per extra dependant; one row per period of OctoberPeriods.
    private static readonly decimal[][] AplCeilingsZone1 =
    [
        [292.62m, 352.92m, 398.87m, 57.86m],
        [292.85m, 353.20m, 399.19m, 57.91m],
        [295.05m, 355.85m, 402.18m, 58.34m],
        [295.93m, 356.92m, 403.39m, 58.52m],
        [296.82m, 357.99m, 404.60m, 58.70m],
        [298.07m, 359.49m, 406.30m, 58.95m],
        [308.50m, 372.07m, 420.52m, 61.01m],
        [319.30m, 385.09m, 435.24m, 63.15m],
        [329.71m, 397.64m, 449.43m, 65.21m],
        [333.14m, 401.78m, 454.10m, 65.89m],
    ];

    private static readonly decimal[][] AplCeilingsZone2 =
    [
        [255.03m, 312.15m, 351.25m, 51.12m],
        [255.23m, 312.40m, 351.53m, 51.16m],
        [257.14m, 314.74m, 354.17m, 51.54m],
        [257.92m, 315.69m, 355.23m, 51.70m],
        [258.69m, 316.64m, 356.30m, 51.86m],
        [259.78m, 317.97m, 357.80m, 52.08m],
        [268.87m, 329.10m, 370.32m, 53.90m],
        [278.28m, 340.62m, 383.28m, 55.79m],
        [287.35m, 351.72m, 395.77m, 57.61m],
        [290.34m, 355.38m, 399.89m, 58.21m],
    ];

    private static readonly decimal[][] AplCeilingsZone3 =
    [
        [239.02m, 289.76m, 324.89m, 46.56m],
        [239.21m, 289.99m, 325.15m, 46.60m],
        [241.00m, 292.16m, 327.59m, 46.95m],
        [241.73m, 293.04m, 328.57m, 47.09m],
        [242.46m, 293.92m, 329.56m, 47.23m],
        [243.48m, 295.15m, 330.94m, 47.43m],
        [252.00m, 305.48m, 342.52m, 49.09m],
        [260.82m, 316.17m, 354.51m, 50.81m],
        [269.32m, 326.48m, 366.07m, 52.47m],
        [272.12m, 329.88m, 369.88m, 53.01m],
    ];

    private static DatedParameter<AplRentCeilings> AplCeilingsOf(AplZone zone, decimal[][] rows)
    {
        var file = $"{Locatif}formule/l_plafonds_loyers/par_zone/zone_{(int)zone}/(personnes_seules, couples, un_enfant, majoration_par_enf_supp).yaml";
        var values = new List<DatedValue<AplRentCeilings>>();
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            values.Add(new(OctoberPeriods[i].From, OctoberPeriods[i].Until,
                new AplRentCeilings(Euros.FromEuros(r[0]), Euros.FromEuros(r[1]), Euros.FromEuros(r[2]), Euros.FromEuros(r[3])),
                $"APL rent ceilings (L, locatif), CCH D823-16: {CeilingTexts[i]}; {file} [verified]"));
        }

        return new DatedParameter<AplRentCeilings>($"APL rent ceilings, zone {(int)zone}", values);
    }

    private static AplParameters AplFormula()
    {
        // Charges forfait C: base and per dependant, and the P0 forfait; same calendar as the ceilings.
        decimal[][] chargesAndP0 =
        [
            [53.23m, 12.06m, 34.73m],
            [53.27m, 12.07m, 34.76m],
            [53.67m, 12.16m, 35.02m],
            [53.83m, 12.20m, 35.13m],
            [53.99m, 12.24m, 35.24m],
            [54.22m, 12.29m, 35.39m],
            [56.12m, 12.72m, 36.63m],
            [58.08m, 13.17m, 37.91m],
            [59.97m, 13.60m, 39.15m],
            [60.59m, 13.74m, 39.56m],
        ];
        string[] chargesTexts =
        [
            "arrêté du 27/10/2014 art. 4", "arrêté du 16/10/2015 art. 1", "arrêté du 28/09/2017 art. 5", "arrêté du 27/09/2019 art. 16",
            "arrêté du 27/09/2019 art. 9", "arrêté du 27/09/2019 art. 9", "arrêté du 27/09/2019 art. 9", "arrêté du 22/09/2023 art. 1",
            "arrêté du 27/09/2024 art. 1", "arrêté du 05/09/2025",
        ];
        string[] p0Texts =
        [
            "arrêté du 27/10/2014", "arrêté du 16/10/2015", "arrêté du 28/09/2017 art. 2", "arrêté du 27/09/2019 art. 13",
            "arrêté du 27/09/2019 art. 13", "arrêté du 27/09/2019 art. 13", "arrêté du 27/09/2019 art. 13", "arrêté du 22/09/2023 art. 1",
            "arrêté du 27/09/2024 art. 1", "arrêté du 05/09/2025",
        ];
        var charges = new List<DatedValue<AplCharges>>();
        var p0 = new List<DatedValue<AplMinimalParticipation>>();
        for (var i = 0; i < chargesAndP0.Length; i++)
        {
            var (from, until) = OctoberPeriods[i];
            var r = chargesAndP0[i];
            charges.Add(new(from, until, new AplCharges(Euros.FromEuros(r[0]), Euros.FromEuros(r[1])),
                $"Charges forfait C, CCH D823-16 3°: {chargesTexts[i]}; {Locatif}formule/c_forfait_charges/cas_general/(cas_general, majoration_par_enfant).yaml [verified]"));
            p0.Add(new(from, until, new AplMinimalParticipation(new Rate(0.085m), Euros.FromEuros(r[2])),
                $"Minimal participation P0, CCH D823-17: rate 8.5 % since 2001 (arrêté du 27/09/2019 art. 13), forfait {p0Texts[i]}; {Locatif}formule/pp_particip_perso/p0_particip_min/(p0_taux, p0_forfait).yaml [verified]"));
        }

        // R0, annual: person alone, couple, 1 to 6 dependants, per dependant beyond 6; revalued each 1 January (and 1 July 2022).
        var r0 = new DatedParameter<AplHouseholdAmounts>("APL abattement R0", [
            R0(new(2015, 1, 1), new(2015, 12, 31), [4544, 6508, 7762, 7938, 8242, 8547, 8851, 9156, 304], "arrêté du 29/12/2014 art. 2 (décret n° 2014-1739)"),
            R0(new(2016, 1, 1), new(2018, 12, 31), [4562, 6534, 7793, 7969, 8274, 8581, 8886, 9192, 305], "arrêté du 21/01/2016 art. 5; not revalued in 2017 and 2018"),
            R0(new(2019, 1, 1), new(2019, 12, 31), [4575, 6553, 7816, 7992, 8298, 8606, 8912, 9219, 305], "décret n° 2018-1316 du 27/12/2018 art. 1"),
            R0(new(2020, 1, 1), new(2021, 12, 31), [4588, 6572, 7839, 8015, 8322, 8631, 8938, 9246, 305], "arrêté du 03/01/2020 art. 1; not revalued in 2021"),
            R0(new(2022, 1, 1), new(2022, 6, 30), [4683, 6709, 8002, 8182, 8495, 8811, 9124, 9439, 311], "arrêté du 20/12/2021 art. 1"),
            R0(new(2022, 7, 1), new(2022, 12, 31), [4870, 6977, 8322, 8509, 8834, 9163, 9488, 9816, 323], "arrêté du 29/07/2022 art. 1 (revaluation of 1 July 2022)"),
            R0(new(2023, 1, 1), new(2023, 12, 31), [4949, 7090, 8456, 8646, 8977, 9311, 9642, 9975, 328], "arrêté du 26/12/2022 art. 1"),
            R0(new(2024, 1, 1), new(2024, 12, 31), [5186, 7430, 8862, 9061, 9408, 9758, 10105, 10454, 343], "arrêté du 15/12/2023 art. 1"),
            R0(new(2025, 1, 1), new(2026, 12, 31), [5235, 7501, 8947, 9148, 9498, 9851, 10202, 10554, 346], "arrêté du 30/12/2024 art. 1; kept for 2026 by the arrêté du 28/12/2025 (not revalued)"),
        ]);

        var tf = new DatedParameter<AplFamilyRates>("APL family rate TF", [
            new(new(2007, 7, 1), DateOnly.MaxValue, new AplFamilyRates(0.0283m, 0.0315m, 0.0270m, 0.0238m, 0.0201m, 0.0185m, 0.0179m, 0.0173m, -0.0006m),
                $"Family rate TF, CCH D823-17: arrêté du 10/07/2007, arrêté du 27/09/2019 art. 14 1°; {Locatif}formule/pp_particip_perso/tp_taux/tf_taille_famille/metropole/*.yaml [verified]"),
        ]);

        var tl = new DatedParameter<AplRentRates>("APL rent rate TL", [
            new(new(2007, 7, 1), DateOnly.MaxValue, new AplRentRates(0.45m, 0.75m, 0.0045m, 0.0068m),
                $"Rent rate TL, CCH D823-17: thresholds 45 % and 75 % since 2001, rates 0.45 % and 0.68 % (arrêté du 10/07/2007, arrêté du 27/09/2019 art. 14 2°); {Locatif}formule/pp_particip_perso/tp_taux/tl_loyer/(seuils, taux)/*.yaml [verified]"),
        ]);

        var coefficients = new Dictionary<AplZone, DatedParameter<AplHighRentCoefficients>>();
        foreach (var (zone, k) in new[] { (AplZone.Zone1, (3.4m, 4m)), (AplZone.Zone2, (2.5m, 3.1m)), (AplZone.Zone3, (2.5m, 3.1m)) })
        {
            coefficients[zone] = new($"APL dégressivité coefficients, zone {(int)zone}", [
                new(new(2016, 7, 1), DateOnly.MaxValue, new AplHighRentCoefficients(k.Item1, k.Item2),
                    $"Dégressivité and suppression coefficients, CCH D823-16: arrêté du 27/09/2019 art. 10; {Locatif}coefficients_degressivite_suppression/zone_{(int)zone}/(degressivite, suppression).yaml [verified]"),
            ]);
        }

        var flatCut = new DatedParameter<Euros>("APL flat cut (minoration forfaitaire)", [
            new(new(2016, 7, 1), new(2017, 9, 30), Euros.Zero, $"Minoration forfaitaire: none before the décret n° 2017-1413; {Locatif}minoration_forfaitaire.yaml [verified]"),
            new(new(2017, 10, 1), DateOnly.MaxValue, Euros.FromEuros(5m),
                $"Minoration forfaitaire, CCH D823-16: décret n° 2017-1413 du 28/09/2017, arrêté du 28/09/2017 art. 1, arrêté du 27/09/2019 art. 11; {Locatif}minoration_forfaitaire.yaml [verified]"),
        ]);

        var thresholds = new DatedParameter<AplPaymentThresholds>("APL payment thresholds", [
            new(new(2007, 1, 1), new(2017, 9, 30), new AplPaymentThresholds(Euros.FromEuros(15m), Euros.FromEuros(15m)),
                $"Seuil de versement: décret n° 2006-1817 du 23/12/2006 art. 1 (CSS D542-7); {Locatif}seuils_minimum_versement/(apl, non_apl).yaml [verified]"),
            new(new(2017, 10, 1), new(2018, 2, 28), new AplPaymentThresholds(Euros.FromEuros(10m), Euros.FromEuros(10m)),
                $"Seuil de versement: décret n° 2017-1413 du 28/09/2017 art. 3; {Locatif}seuils_minimum_versement/(apl, non_apl).yaml [verified]"),
            new(new(2018, 3, 1), DateOnly.MaxValue, new AplPaymentThresholds(Euros.Zero, Euros.FromEuros(10m)),
                $"Seuil de versement, CCH D823-16: none for the APL from 2018-03-01 (arrêté du 27/02/2018), 10 € for the AL; arrêté du 27/09/2019 art. 12; {Locatif}seuils_minimum_versement/(apl, non_apl).yaml [verified]"),
        ]);

        var crds = new DatedParameter<Rate>("CRDS rate", [
            new(new(1996, 2, 1), DateOnly.MaxValue, new Rate(0.005m),
                "CRDS 0.5 %: ordonnance n° 96-50 du 24/01/1996 art. 19, CGI art. 1600-0 J; OpenFisca-France parameters prelevements_sociaux/contributions_sociales/crds.yaml [verified]"),
        ]);

        var rlsAmounts = new Dictionary<AplZone, DatedParameter<RlsAmounts>>
        {
            [AplZone.Zone1] = RlsAmountsOf(AplZone.Zone1, [
                [31.83m, 38.39m, 43.38m, 6.29m], [32.33m, 38.99m, 44.06m, 6.39m], [49.50m, 59.70m, 67.46m, 9.78m], [34.10m, 41.13m, 46.47m, 6.74m],
                [46.47m, 56.05m, 63.33m, 9.18m], [52.24m, 63.29m, 71.33m, 10.05m], [50.95m, 61.53m, 69.48m, 10.00m], [48.77m, 58.90m, 66.51m, 9.57m],
                [52.16m, 63.00m, 71.14m, 10.24m], [54.51m, 66.05m, 74.43m, 10.48m], [55.20m, 66.73m, 75.31m, 10.78m], [39.69m, 47.98m, 54.14m, 7.75m],
                [35.99m, 43.51m, 49.09m, 7.03m],
            ]),
            [AplZone.Zone2] = RlsAmountsOf(AplZone.Zone2, [
                [27.74m, 33.95m, 38.20m, 5.56m], [28.18m, 34.48m, 38.80m, 5.65m], [43.14m, 52.79m, 59.40m, 8.65m], [29.72m, 36.37m, 40.92m, 5.96m],
                [40.51m, 49.57m, 55.77m, 8.12m], [46.21m, 56.26m, 62.29m, 9.04m], [44.60m, 54.49m, 61.04m, 8.88m], [42.70m, 52.16m, 58.43m, 8.50m],
                [45.66m, 55.79m, 62.50m, 9.09m], [48.22m, 58.71m, 65.00m, 9.44m], [48.45m, 59.15m, 66.06m, 9.60m], [34.83m, 42.53m, 47.49m, 6.90m],
                [31.58m, 38.56m, 43.06m, 6.26m],
            ]),
            [AplZone.Zone3] = RlsAmountsOf(AplZone.Zone3, [
                [26.00m, 31.52m, 35.34m, 5.06m], [26.41m, 32.01m, 35.89m, 5.14m], [40.43m, 49.01m, 54.95m, 7.87m], [27.85m, 33.76m, 37.85m, 5.42m],
                [37.96m, 46.01m, 51.59m, 7.39m], [43.20m, 52.24m, 58.27m, 8.04m], [41.76m, 50.59m, 56.64m, 8.03m], [39.98m, 48.43m, 54.22m, 7.69m],
                [42.76m, 51.80m, 57.99m, 8.22m], [45.08m, 54.51m, 60.80m, 8.39m], [45.36m, 54.92m, 61.42m, 8.65m], [32.61m, 39.48m, 44.16m, 6.22m],
                [29.57m, 35.80m, 40.04m, 5.64m],
            ]),
        };

        var rlsCeilings = new Dictionary<AplZone, DatedParameter<AplHouseholdAmounts>>
        {
            [AplZone.Zone1] = RlsCeilingsOf(AplZone.Zone1, [
                [906, 1091, 1389, 1653, 2023, 2334, 2598, 2876, 280], [915, 1102, 1403, 1669, 2043, 2357, 2624, 2905, 283],
                [959, 1155, 1470, 1749, 2141, 2470, 2750, 3045, 297], [970, 1168, 1486, 1768, 2165, 2497, 2781, 3079, 300],
            ]),
            [AplZone.Zone2] = RlsCeilingsOf(AplZone.Zone2, [
                [846, 1032, 1316, 1567, 1924, 2221, 2472, 2737, 263], [854, 1042, 1329, 1583, 1943, 2243, 2497, 2764, 266],
                [895, 1092, 1393, 1659, 2036, 2351, 2617, 2897, 279], [905, 1104, 1408, 1677, 2059, 2377, 2646, 2929, 282],
            ]),
            [AplZone.Zone3] = RlsCeilingsOf(AplZone.Zone3, [
                [820, 998, 1276, 1521, 1858, 2148, 2387, 2645, 245], [828, 1008, 1289, 1536, 1877, 2169, 2411, 2671, 247],
                [868, 1056, 1351, 1610, 1967, 2273, 2527, 2799, 259], [878, 1068, 1366, 1628, 1989, 2298, 2555, 2830, 262],
            ]),
        };

        var rlsFraction = new DatedParameter<Rate>("RLS share cut from the APL", [
            new(new(2018, 1, 1), DateOnly.MaxValue, new Rate(0.98m),
                $"98 % of the RLS is cut from the APL, CCH L832-3 (between 90 % and 98 %) and D823-16: décret n° 2018-136 du 27/02/2018 art. 1, arrêté du 27/02/2018; {Rls}fraction_baisse_aide_logement.yaml [verified]"),
        ]);

        return new AplParameters(
            new DatedParameter<AplCharges>("APL charges forfait C", charges),
            new DatedParameter<AplMinimalParticipation>("APL minimal participation P0", p0),
            r0, tf, tl, coefficients, flatCut, thresholds, crds, rlsAmounts, rlsCeilings, rlsFraction);
    }

    private static DatedValue<AplHouseholdAmounts> R0(DateOnly from, DateOnly until, int[] v, string text) =>
        new(from, until, Amounts(v),
            $"Abattement R0, CCH D823-17: {text}; {Locatif}formule/pp_particip_perso/r0_abattement/cas_general/(taux_seul, taux_couple, taux1pac … taux6pac, taux_pac_supp).yaml [verified]");

    private static AplHouseholdAmounts Amounts(int[] v) =>
        new(E(v[0]), E(v[1]), E(v[2]), E(v[3]), E(v[4]), E(v[5]), E(v[6]), E(v[7]), E(v[8]));

    // RLS amounts change on these dates; the last value (2026-06-01) is assumed in force until the end of 2026.
    private static readonly (DateOnly From, DateOnly Until, string Text)[] RlsAmountPeriods =
    [
        (new(2018, 1, 1), new(2018, 12, 31), "arrêté du 27/02/2018 art. 2 (OpenFisca applies the RLS from 2018-01-01; the loi de finances pour 2018 put it in force on 2018-02-01)"),
        (new(2019, 1, 1), new(2019, 12, 31), "arrêté du 27/12/2018 art. 1"),
        (new(2020, 1, 1), new(2020, 9, 30), "arrêté du 31/12/2019 art. 1"),
        (new(2020, 10, 1), new(2020, 12, 31), "arrêté du 30/09/2020 art. 1"),
        (new(2021, 1, 1), new(2021, 9, 30), "arrêté du 17/12/2020 art. 1"),
        (new(2021, 10, 1), new(2021, 12, 31), "arrêté du 17/09/2021 art. 1"),
        (new(2022, 1, 1), new(2022, 9, 30), "arrêté du 20/12/2021 art. 1"),
        (new(2022, 10, 1), new(2022, 12, 31), "arrêté du 27/09/2022 art. 1"),
        (new(2023, 1, 1), new(2023, 9, 30), "arrêté du 30/12/2022 art. 1"),
        (new(2023, 10, 1), new(2023, 12, 31), "arrêté du 21/09/2023 art. 1"),
        (new(2024, 1, 1), new(2025, 5, 31), "arrêté du 29/12/2023 art. 1"),
        (new(2025, 6, 1), new(2026, 5, 31), "arrêté du 21/05/2025 art. 1"),
        (new(2026, 6, 1), new(2026, 12, 31), "arrêté du 22/05/2026; end of period assumed [inferred]"),
    ];

    private static DatedParameter<RlsAmounts> RlsAmountsOf(AplZone zone, decimal[][] rows)
    {
        var values = new List<DatedValue<RlsAmounts>>();
        for (var i = 0; i < rows.Length; i++)
        {
            var (from, until, text) = RlsAmountPeriods[i];
            var r = rows[i];
            values.Add(new(from, until, new RlsAmounts(Euros.FromEuros(r[0]), Euros.FromEuros(r[1]), Euros.FromEuros(r[2]), Euros.FromEuros(r[3])),
                $"Réduction de loyer de solidarité, CCH L442-2-1: {text}; {Rls}montant/par_zone/zone_{(int)zone}/(personnes_seules, couples, famille_1pac, majoration_par_pac_supp).yaml [verified]"));
        }

        return new DatedParameter<RlsAmounts>($"RLS amounts, zone {(int)zone}", values);
    }

    private static readonly (DateOnly From, DateOnly Until, string Text)[] RlsCeilingPeriods =
    [
        (new(2018, 1, 1), new(2018, 12, 31), "décret n° 2018-136 du 27/02/2018 art. 1, arrêté du 27/02/2018 art. 2"),
        (new(2019, 1, 1), new(2023, 12, 31), "arrêté du 27/12/2018 art. 1"),
        (new(2024, 1, 1), new(2025, 12, 31), "arrêté du 29/12/2023 art. 1"),
        (new(2026, 1, 1), new(2026, 12, 31), "arrêté du 23/12/2025"),
    ];

    private static DatedParameter<AplHouseholdAmounts> RlsCeilingsOf(AplZone zone, int[][] rows)
    {
        var values = new List<DatedValue<AplHouseholdAmounts>>();
        for (var i = 0; i < rows.Length; i++)
        {
            var (from, until, text) = RlsCeilingPeriods[i];
            values.Add(new(from, until, Amounts(rows[i]),
                $"RLS monthly resource ceilings, CCH L442-2-1: {text}; {Rls}plafond_ressources/par_zone/zone_{(int)zone}/(personnes_seules, couples, famille_1pac … famille_6pac, majoration_par_pac_supp).yaml [verified]"));
        }

        return new DatedParameter<AplHouseholdAmounts>($"RLS resource ceilings, zone {(int)zone}", values);
    }
}
