using CIA.Engine.Domain;
using CIA.Engine.HousingBenefit;
using CIA.Engine.Parameters;

namespace CIA.Engine.Tests.HousingBenefit;

/// <summary>
/// Cases taken from OpenFisca-France's own test files (YAML), commit a7038ee49132b842612b2e3d1ca0ba202c6a796d
/// (2026-07-23). Each case names its file and test; the inputs are translated (zone, household, rent, resource base R,
/// conventionné) and the expected value and its tolerance are the file's. Where a file gives R as an output, that R is
/// used; where it gives incomes, R is worked out as OpenFisca would (noted per case).
/// </summary>
public class OpenFiscaAplCasesTests
{
    private const string Commit = "a7038ee49132b842612b2e3d1ca0ba202c6a796d";
    private static readonly ParameterSet P = BuiltInParameters.Create();

    /// <summary>One OpenFisca test translated.</summary>
    /// <param name="File">Path in openfisca-france.</param>
    /// <param name="Test">The test's <c>name</c>.</param>
    /// <param name="Month">Its <c>period</c>.</param>
    /// <param name="Input">The inputs translated.</param>
    /// <param name="Variable">The output compared: <c>aide_logement_montant</c>, <c>aide_logement</c> or <c>apl</c> (all the net amount here), or <c>aide_logement_montant_brut</c> (the gross).</param>
    /// <param name="Expected">The file's value.</param>
    /// <param name="Relative">The file's <c>relative_error_margin</c>, if any.</param>
    /// <param name="Absolute">The file's <c>absolute_error_margin</c>, if any.</param>
    /// <param name="Rls">The file's <c>reduction_loyer_solidarite</c>, when it gives one.</param>
    /// <param name="ExactToTheCent">The file is a dump of OpenFisca's own output to the cent (leximpact): the amount must match exactly.</param>
    /// <param name="ResourceBaseFrom">How R was obtained.</param>
    public sealed record Case(
        string File, string Test, DateOnly Month, AplInput Input, string Variable, decimal Expected, decimal? Relative, decimal? Absolute,
        decimal? Rls, bool ExactToTheCent, string ResourceBaseFrom);

    private static AplInput In(AplZone zone, AplHousehold household, decimal rent, decimal r, bool conventionne, bool disabled = false) =>
        new(zone, household, Euros.FromEuros(rent), Euros.FromEuros(r), conventionne, disabled);

    private static readonly AplHousehold Alone = AplHousehold.PersonAlone;

    private static readonly Case[] Cases =
    [
        // tests/formulas/aides_logement.yaml: zone 1, locataire_vide (not conventionné: AL), R given as input.
        new("tests/formulas/aides_logement.yaml", "Personne isolée 2016-06", new(2016, 6, 1), In(AplZone.Zone1, Alone, 800m, 12000m, false),
            "aide_logement_montant_brut", 70.77m, 0.01m, null, null, false, "input aide_logement_base_ressources: 12000"),
        new("tests/formulas/aides_logement.yaml", "Personne isolée, avant degressivité", new(2016, 6, 1), In(AplZone.Zone1, Alone, 1054.26m, 12000m, false),
            "aide_logement_montant", 70m, 0.01m, null, null, false, "input"),
        new("tests/formulas/aides_logement.yaml", "Personne isolée, avec degressivité", new(2016, 9, 1), In(AplZone.Zone1, Alone, 1054.26m, 12000m, false),
            "aide_logement_montant", 46m, 0.025m, null, null, false, "input"),
        new("tests/formulas/aides_logement.yaml", "Personne isolée, avec suppression", new(2016, 9, 1), In(AplZone.Zone1, Alone, 1172m, 12000m, false),
            "aide_logement_montant", 0m, 0.01m, null, null, false, "input"),
        new("tests/formulas/aides_logement.yaml", "Couple avec 2 enfants, avec degressivité", new(2016, 9, 1), In(AplZone.Zone1, AplHousehold.WithDependants(2, couple: true), 1650m, 13500m, false),
            "aide_logement_montant", 217m, 0.01m, null, null, false, "input aide_logement_base_ressources: 13500"),
        new("tests/formulas/aides_logement.yaml", "Couple avec 2 enfants, avec degressivité sans abattement forfaitaire", new(2016, 9, 1), In(AplZone.Zone1, AplHousehold.WithDependants(2, couple: true), 1650m, 13500m, false),
            "aide_logement_montant_brut", 218.22m, 0.01m, null, null, false, "input"),
        new("tests/formulas/aides_logement.yaml", "Couple avec 2 enfants, avec degressivité avec abattement forfaitaire", new(2017, 10, 1), In(AplZone.Zone1, AplHousehold.WithDependants(2, couple: true), 1650m, 13500m, false),
            "aide_logement_montant_brut", 230.76m, 0.01m, null, null, false, "input"),
        new("tests/formulas/aides_logement.yaml", "Couple avec 2 enfants, avec degressivité avec abattement forfaitaire", new(2017, 10, 1), In(AplZone.Zone1, AplHousehold.WithDependants(2, couple: true), 1650m, 13500m, false),
            "aide_logement_montant", 230.76m, 0.01m, null, null, false, "input"),
        new("tests/formulas/aides_logement.yaml", "Personne isolée, avec suppression avec abattement forfaitaire", new(2017, 10, 1), In(AplZone.Zone1, Alone, 1172m, 12000m, false),
            "aide_logement_montant", 0m, 0.01m, null, null, false, "input"),
        new("tests/formulas/aides_logement.yaml", "Personne isolée avec abattement forfaitaire", new(2017, 10, 1), In(AplZone.Zone1, Alone, 1054.26m, 12000m, false),
            "aide_logement_montant_brut", 47.08m, 0.01m, null, null, false, "input"),
        new("tests/formulas/aides_logement.yaml", "Personne isolée avec abattement forfaitaire", new(2017, 10, 1), In(AplZone.Zone1, Alone, 1054.26m, 12000m, false),
            "aide_logement_montant", 46.84m, 0.01m, null, null, false, "input"),

        // tests/formulas/aides_logement_fiabilisation.yaml, 2018-11: salaire_imposable 2016 (N-2) of 10 000, less the 10 %
        // deduction (1 000, within the 2016 min/max) = 9 000, less the 30 % abattement of an unemployed person compensated
        // for more than two months (since 2018-07-01) = 6 300; the 2018 unemployment benefit is not N-2 income; no RSA.
        new("tests/formulas/aides_logement_fiabilisation.yaml", "Cas 1-zone_1: Personne seule chômeur indemnisé réside dans un secteur locatif vide non conventionné dans la zone 1",
            new(2018, 11, 1), In(AplZone.Zone1, Alone, 500m, 6300m, false), "aide_logement", 252.26m, 0.01m, null, null, false, "10 000 × 0.9 × 0.7 = 6 300"),
        new("tests/formulas/aides_logement_fiabilisation.yaml", "Cas 2-zone_3: Personne seule chômeur indemnisé réside dans un secteur locatif vide conventionné dans la zone 3",
            new(2018, 11, 1), In(AplZone.Zone3, Alone, 500m, 6300m, true), "aide_logement", 173.65m, 0.01m, null, null, false, "10 000 × 0.9 × 0.7 = 6 300"),

        // tests/formulas/aides_logement_reforme_janvier_2021.yaml, 2021-01: R is the file's own aide_logement_base_ressources output.
        new("tests/formulas/aides_logement_reforme_janvier_2021.yaml", "Cas 2 AL Reforme 2019", new(2021, 1, 1), In(AplZone.Zone3, Alone, 608m, 6900m, false),
            "aide_logement", 181.39m, 0.01m, null, null, false, "output aide_logement_base_ressources: 6900"),
        new("tests/formulas/aides_logement_reforme_janvier_2021.yaml", "Cas 3 AL Reforme 2019", new(2021, 1, 1), In(AplZone.Zone3, Alone, 306m, 9600m, false),
            "aide_logement", 100.71m, 0.01m, null, null, false, "output: 9600"),
        new("tests/formulas/aides_logement_reforme_janvier_2021.yaml", "Cas 4 AL Reforme 2019", new(2021, 1, 1), In(AplZone.Zone3, AplHousehold.WithDependants(2, couple: true), 579.50m, 21600m, false),
            "aide_logement", 53.64m, 0.01m, null, null, false, "output: 21600"),
        new("tests/formulas/aides_logement_reforme_janvier_2021.yaml", "Cas 5 AL Reforme 2019", new(2021, 1, 1), In(AplZone.Zone3, Alone, 214.38m, 5000m, false),
            "aide_logement", 213.80m, 0.01m, null, null, false, "output: 5000"),
        new("tests/formulas/aides_logement_reforme_janvier_2021.yaml", "Cas 6 AL Reforme 2019", new(2021, 1, 1), In(AplZone.Zone3, Alone, 267.66m, 12500m, false),
            "aide_logement", 11.48m, 0.01m, null, null, false, "output: 12500"),
        new("tests/formulas/aides_logement_reforme_janvier_2021.yaml", "Cas 7 AL Reforme 2019", new(2021, 1, 1), In(AplZone.Zone3, AplHousehold.WithDependants(1, couple: true), 527.37m, 11500m, true),
            "aide_logement", 195.72m, 0.01m, null, 51.59m, false, "output: 11500"),
        new("tests/formulas/aides_logement_reforme_janvier_2021.yaml", "Cas 8 AL Reforme 2019", new(2021, 1, 1), In(AplZone.Zone2, AplHousehold.WithDependants(4, couple: true), 545.93m, 11400m, true),
            "aide_logement", 417.48m, 0.01m, null, 80.13m, false, "output: 11400"),
        new("tests/formulas/aides_logement_reforme_janvier_2021.yaml", "Cas 10 AL Reforme 2019", new(2021, 1, 1), In(AplZone.Zone2, Alone, 300m, 6200m, false),
            "aide_logement", 219.58m, 0.01m, null, null, false, "output: 6200 (student forfait less the scholarship minoration)"),
        new("tests/formulas/aides_logement_reforme_janvier_2021.yaml", "Cas 11 AL Reforme 2019", new(2021, 1, 1), In(AplZone.Zone2, Alone, 500m, 7700m, true),
            "aide_logement", 134.51m, 0.01m, null, 40.51m, false, "output: 7700 (student forfait)"),

        // tests/formulas/aides_logement_personnes_agees_et_invalides.yaml, 2021-02: R is the file's output.
        new("tests/formulas/aides_logement_personnes_agees_et_invalides.yaml", "Personne âgée née avant 1931, application de l'abattement spécial accordé aux personnes âgées nées avant 1930 ou en 1930",
            new(2021, 2, 1), In(AplZone.Zone3, Alone, 500m, 9500m, false), "aide_logement", 103.79m, 0.01m, null, null, false, "output: 9500"),
        new("tests/formulas/aides_logement_personnes_agees_et_invalides.yaml", "Personne âgée née en 1931, pas d'application de l'abattement spécial accordé aux personnes âgées",
            new(2021, 2, 1), In(AplZone.Zone3, Alone, 500m, 7800m, false), "aide_logement", 154.77m, 0.01m, null, null, false, "output: 7800"),

        // tests/leximpact/2024/*.yml: OpenFisca's own output for every month of 2024, locataire_hlm (conventionné).
        new("tests/leximpact/2024/couple_1actif_1inactif_0.8_SMIC_3_enfants_d1.yml", "couple_1actif_1inactif_0.8_SMIC_3_enfants_d1 (2024-01)", new(2024, 1, 1),
            In(AplZone.Zone1, AplHousehold.WithDependants(3, couple: true), 800m, 12600m, true), "apl", 424.22m, null, 1m, 96.87m, true, "output: 12600"),
        new("tests/leximpact/2024/couple_1actif_1inactif_0.8_SMIC_3_enfants_d1.yml", "couple_1actif_1inactif_0.8_SMIC_3_enfants_d1 (2024-10)", new(2024, 10, 1),
            In(AplZone.Zone1, AplHousehold.WithDependants(3, couple: true), 800m, 12600m, true), "apl", 443.79m, null, 1m, 96.87m, true, "output: 12600"),
        new("tests/leximpact/2024/famille_monoparentale_un_enfant_0.8_smic_d2.yml", "famille_monoparentale_un_enfant_0.8_smic_d2 (2024-01)", new(2024, 1, 1),
            In(AplZone.Zone3, AplHousehold.WithDependants(1), 400m, 12600m, true), "apl", 211.18m, null, 1m, 61.42m, true, "output: 12600"),
        new("tests/leximpact/2024/famille_monoparentale_un_enfant_0.8_smic_d2.yml", "famille_monoparentale_un_enfant_0.8_smic_d2 (2024-10)", new(2024, 10, 1),
            In(AplZone.Zone3, AplHousehold.WithDependants(1), 400m, 12600m, true), "apl", 223.75m, null, 1m, 61.42m, true, "output: 12600"),
        new("tests/leximpact/2024/rsa_01_seuil_rsa_inactif_d1.yml", "rsa_01_seuil_rsa_inactif_d1 (2024-01)", new(2024, 1, 1),
            In(AplZone.Zone2, AplHousehold.WithDependants(1), 400m, 0m, true), "apl", 344.42m, null, 1m, 66.06m, true, "no income at all in the inputs: 0"),
        new("tests/leximpact/2024/rsa_01_seuil_rsa_inactif_d1.yml", "rsa_01_seuil_rsa_inactif_d1 (2024-10)", new(2024, 10, 1),
            In(AplZone.Zone2, AplHousehold.WithDependants(1), 400m, 0m, true), "apl", 357.91m, null, 1m, 66.06m, true, "no income at all in the inputs: 0"),

        // tests/mes-aides.gouv.fr, 2015 (zone 1: depcom 75111, locataire_vide): R from salaire_imposable 2013 less 10 %,
        // rounded up to 100 € (the test descriptions give the same R).
        new("tests/mes-aides.gouv.fr/test_mes_aides_54d3a00e4ec19fce44227275.yaml", "Le montant ne peut pas être inférieur à 15 euros", new(2015, 2, 1),
            In(AplZone.Zone1, Alone, 1000m, 14000m, false), "aide_logement", 0m, 0.02m, null, null, false, "15 555 − 1 556 = 13 999 → 14 000"),
        new("tests/mes-aides.gouv.fr/test_mes_aides_54c2259755fa25a535d69571.yaml", "Cas RL < 45", new(2015, 1, 1),
            In(AplZone.Zone1, Alone, 90m, 6300m, false), "aide_logement", 59.89m, null, 2m, null, false, "7 000 − 700 = 6 300"),
        new("tests/mes-aides.gouv.fr/test_mes_aides_54c223ba66a4929f35414054.yaml", "Cas RL compris entre 45 et 75", new(2015, 1, 1),
            In(AplZone.Zone1, Alone, 150m, 8100m, false), "aide_logement", 66.74m, null, 2m, null, false, "9 000 − 900 = 8 100"),
        new("tests/mes-aides.gouv.fr/test_mes_aides_54c13817a488cca035fe15e2.yaml", "Cas RL > 75", new(2015, 1, 1),
            In(AplZone.Zone1, Alone, 1000m, 8100m, false), "aide_logement", 196.68m, 0.02m, null, null, false, "9 000 − 900 = 8 100"),
        new("tests/mes-aides.gouv.fr/test_mes_aides_54d4d6934ec19fce4422736b.yaml", "Couple sans enfant", new(2015, 2, 1),
            In(AplZone.Zone1, AplHousehold.CoupleWithoutDependants, 1000m, 0m, false), "aide_logement", 369.56m, 0.02m, null, null, false, "no income in the inputs: 0"),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases)
        {
            data.Add(Key(c));
        }

        return data;
    }

    private static string Key(Case c) => $"{c.File} | {c.Test} | {c.Variable}";

    [Theory]
    [MemberData(nameof(Names))]
    public void Matches_openfisca_test(string name)
    {
        var c = Cases.Single(x => Key(x) == name);
        var r = AplMonth.For(P, c.Month).Compute(c.Input);
        var actual = c.Variable == "aide_logement_montant_brut" ? r.Gross : r.Amount.Value;
        var tolerance = Tolerance(c.Expected, c.Relative, c.Absolute);
        Math.Abs(actual - c.Expected).ShouldBeLessThanOrEqualTo(tolerance, $"{name} (commit {Commit}; R: {c.ResourceBaseFrom}): {actual} against {c.Expected} ± {tolerance}");
        if (c.ExactToTheCent)
        {
            actual.ShouldBe(c.Expected, $"{name}: the file is OpenFisca's own output to the cent");
        }

        if (c.Rls is { } rls)
        {
            r.Rls.Value.ShouldBe(rls, $"{name}: reduction_loyer_solidarite");
        }
    }

    // OpenFisca's test runner: |actual − expected| ≤ max(absolute, relative × |expected|) for the margins given.
    private static decimal Tolerance(decimal expected, decimal? relative, decimal? absolute) =>
        Math.Max(absolute ?? 0m, (relative ?? 0m) * Math.Abs(expected));

    [Fact]
    public void Cases_span_the_periods_zones_and_households_asked()
    {
        Cases.Length.ShouldBeGreaterThanOrEqualTo(8);
        Cases.ShouldContain(c => c.Month < AplMonth.DegressivityStart);
        Cases.ShouldContain(c => c.Month >= AplMonth.DegressivityStart && c.Month < new DateOnly(2017, 10, 1));
        Cases.ShouldContain(c => c.Month >= new DateOnly(2017, 10, 1));
        Cases.ShouldContain(c => c.Month >= AplMonth.RlsStart && c.Input.Conventionne && c.Rls > 0);
        foreach (var zone in new[] { AplZone.Zone1, AplZone.Zone2, AplZone.Zone3 })
        {
            Cases.ShouldContain(c => c.Input.Zone == zone);
        }

        Cases.ShouldContain(c => !c.Input.Household.Couple && c.Input.Household.Dependants == 0);
        Cases.ShouldContain(c => c.Input.Household.Couple && c.Input.Household.Dependants == 0);
        Cases.ShouldContain(c => c.Input.Household.Dependants == 1);
        Cases.ShouldContain(c => c.Input.Household.Dependants >= 2);
        Cases.ShouldContain(c => c.Test.Contains("avec degressivité", StringComparison.Ordinal)); // partly applied
        Cases.ShouldContain(c => c.Test.Contains("avec suppression", StringComparison.Ordinal)); // suppressed
        Cases.ShouldContain(c => c.Test == "Le montant ne peut pas être inférieur à 15 euros"); // under the threshold, before 2018-03
    }

    [Fact]
    public void Intermediate_values_of_the_2016_06_person_alone()
    {
        // tests/formulas/aides_logement.yaml, "Personne isolée 2016-06" (relative margin 1 %): loyer retenu 292.85,
        // charges 53.27, R0 4562, TF 0.0283, TL 0.00405, participation 34.73 + (0.0283 + 0.00405) × 7438.
        var r = AplMonth.For(P, 2016, 6).Compute(new AplInput(AplZone.Zone1, AplHousehold.PersonAlone, Euros.FromEuros(800m), Euros.FromEuros(12000m), Conventionne: false));
        r.RentKept.ShouldBe(Euros.FromEuros(292.85m));
        r.Charges.ShouldBe(Euros.FromEuros(53.27m));
        r.Abatement.ShouldBe(Euros.FromEuros(4562m));
        r.FamilyRate.ShouldBe(0.0283m);
        Math.Abs(r.RentRate - 0.00405m).ShouldBeLessThanOrEqualTo(0.01m * 0.00405m);
        var participation = 34.73m + ((0.0283m + 0.00405m) * 7438m);
        Math.Abs(r.PersonalParticipation - participation).ShouldBeLessThanOrEqualTo(0.01m * participation);
    }

    [Theory]
    [InlineData(AplZone.Zone1, 2876 + (2 * 280), 43.38 + (7 * 6.29))]
    [InlineData(AplZone.Zone2, 2737 + (2 * 263), 38.2 + (7 * 5.56))]
    [InlineData(AplZone.Zone3, 2645 + (2 * 245), 35.34 + (7 * 5.06))]
    public void Rls_ceiling_and_amount_with_eight_dependants(AplZone zone, int ceiling, double amount)
    {
        // tests/formulas/rls.yaml, "Zone N avec 8 personnes à charges" (2018-01, R = 100, conventionné).
        var r = AplMonth.For(P, 2018, 1).Compute(new AplInput(zone, AplHousehold.WithDependants(8), Euros.FromEuros(300m), Euros.FromEuros(100m)));
        r.RlsResourceCeiling.ShouldBe(Euros.FromEuros(ceiling));
        r.Rls.Value.ShouldBe(Math.Round((decimal)amount, 2));
    }

    [Theory]
    [InlineData(AplZone.Zone1, 906, 31.83)]
    [InlineData(AplZone.Zone2, 846, 27.74)]
    [InlineData(AplZone.Zone3, 820, 26)]
    public void Rls_of_a_person_alone(AplZone zone, int ceiling, double amount)
    {
        // tests/formulas/rls.yaml, "Zone N isolé" (2018-01, R = 100).
        var r = AplMonth.For(P, 2018, 1).Compute(new AplInput(zone, AplHousehold.PersonAlone, Euros.FromEuros(300m), Euros.FromEuros(100m)));
        r.RlsResourceCeiling.ShouldBe(Euros.FromEuros(ceiling));
        r.Rls.Value.ShouldBe((decimal)amount);
    }

    [Fact]
    public void Rls_resource_test_is_strict_on_r_over_12()
    {
        // tests/formulas/rls_apl.yaml, "Base ressources de la RLS…" (2018-09, zone 2 by its depcom 31555): R = 10 100 gives
        // 841.67 a month, below 846: RLS 27.74; R = 10 200 gives 850: none.
        var month = AplMonth.For(P, 2018, 9);
        month.Compute(new AplInput(AplZone.Zone2, AplHousehold.PersonAlone, Euros.FromEuros(500m), Euros.FromEuros(10100m))).Rls.ShouldBe(Euros.FromEuros(27.74m));
        month.Compute(new AplInput(AplZone.Zone2, AplHousehold.PersonAlone, Euros.FromEuros(500m), Euros.FromEuros(10200m))).Rls.ShouldBe(Euros.Zero);
    }

    [Theory]
    [InlineData(2018, 1, 27, 0, 0)] // rls_apl.yaml "1- Zone 1 isolé": brut 27 − 0.98 × 31.83 < 0
    [InlineData(2018, 1, 0, 0, 0)] // "2- Zone 1 isolé"
    [InlineData(2018, 1, 100, 68.45, 0.6845)] // "3- Zone 1 isolé", relative margin 1 %: (100 − 31.1934) × 0.995 = 68.4626
    [InlineData(2017, 12, 100, 99.5, 0.1)] // revenu_disponible.yaml "Revenu disponible avec APL avant RLS", absolute margin 0.1
    public void Rls_and_crds_from_a_given_gross_amount(int year, int month, double gross, double apl, double margin)
    {
        // These files give aide_logement_montant_brut as an input (zone 1, R = 900, conventionné), so only the last steps run.
        var net = AplMonth.For(P, year, month).NetOfGross((decimal)gross, AplZone.Zone1, AplHousehold.PersonAlone, Euros.FromEuros(900m), conventionne: true);
        Math.Abs(net.Value - (decimal)apl).ShouldBeLessThanOrEqualTo((decimal)margin);
    }

    [Fact]
    public void Payment_threshold_from_2018_03_is_kept_for_the_al_and_removed_for_the_apl()
    {
        // tests/formulas/aides_logement_2018.yaml (2018-04): loyer retenu 100 + charges 0 − participation 95 = 5:
        // "Conservation du montant minimal de versement pour les AL" gives 0, "Pris en compte de la suppression du
        // montant minimal de versement des APL" gives 5.
        var month = AplMonth.For(P, 2018, 4);
        month.AfterPaymentThreshold(5m, conventionne: false).ShouldBe(0m);
        month.AfterPaymentThreshold(5m, conventionne: true).ShouldBe(5m);
        month.AfterPaymentThreshold(300m, conventionne: false).ShouldBe(300m); // "Montant d'aide au logement classique"
    }
}
