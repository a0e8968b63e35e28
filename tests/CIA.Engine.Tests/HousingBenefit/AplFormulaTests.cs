using CIA.Engine.Domain;
using CIA.Engine.HousingBenefit;
using CIA.Engine.Parameters;

namespace CIA.Engine.Tests.HousingBenefit;

/// <summary>Boundaries and steps of the formula, worked by hand from the figures of OpenFisca-France's parameter files.</summary>
public class AplFormulaTests
{
    private static readonly ParameterSet P = BuiltInParameters.Create();

    private static AplInput In(AplZone zone, AplHousehold household, decimal rent, decimal r, bool conventionne = true, bool disabled = false) =>
        new(zone, household, Euros.FromEuros(rent), Euros.FromEuros(r), conventionne, disabled);

    [Fact]
    public void Rent_exactly_at_the_degressivity_threshold_keeps_the_full_amount()
    {
        // Zone 2, couple without dependants, 2017-01 (figures of 2015-10-01): L = 312.40, D = 312.40 × 2.5 = 781.00,
        // S = 312.40 × 3.1 = 968.44. R = 0: P0 = max(8.5 % × 365.67, 34.76) = 34.76 = PP; A = 312.40 + 53.27 − 34.76 = 330.91.
        var month = AplMonth.For(P, 2017, 1);
        var atD = month.Compute(In(AplZone.Zone2, AplHousehold.CoupleWithoutDependants, 781m, 0m));
        atD.DegressivityThreshold.ShouldBe(Euros.FromEuros(781m));
        atD.SuppressionThreshold.ShouldBe(Euros.FromEuros(968.44m));
        atD.AmountBeforeDegressivity.ShouldBe(330.91m);
        atD.DegressivityCoefficient.ShouldBe(1m);
        atD.Gross.ShouldBe(330.91m); // no flat cut before 2017-10, no RLS before 2018
        atD.Amount.ShouldBe(Euros.FromEuros(329.26m)); // 330.91 − 0.5 % = 329.25545

        // One euro more: coefficient 1 − 1 / 187.44; 330.91 × 186.44 / 187.44 = 329.1446 → 329.14; net 327.4943 → 327.49.
        var above = month.Compute(In(AplZone.Zone2, AplHousehold.CoupleWithoutDependants, 782m, 0m));
        above.DegressivityCoefficient.ShouldBe(1m - (1m / 187.44m));
        above.AmountAfterDegressivity.ShouldBe(329.14m);
        above.Amount.ShouldBe(Euros.FromEuros(327.49m));
    }

    [Fact]
    public void Rent_exactly_at_the_suppression_threshold_suppresses_the_aid()
    {
        // Zone 1, person alone with 3 dependants, 2021-01 (figures of 2020-10-01): L = 404.60 + 2 × 58.70 = 522.00,
        // D = 522 × 3.4 = 1 774.80, S = 522 × 4 = 2 088.00. R = 0: A = 522 + 53.99 + 3 × 12.24 − max(8.5 % × 612.71, 35.24) = 560.62965.
        var month = AplMonth.For(P, 2021, 1);
        var household = AplHousehold.WithDependants(3);
        var atS = month.Compute(In(AplZone.Zone1, household, 2088m, 0m));
        atS.SuppressionThreshold.ShouldBe(Euros.FromEuros(2088m));
        atS.DegressivityThreshold.ShouldBe(Euros.FromEuros(1774.80m));
        atS.AmountBeforeDegressivity.ShouldBe(560.62965m);
        atS.DegressivityCoefficient.ShouldBe(0m); // 1 − (2088 − 1774.80) / (2088 − 1774.80)
        atS.Amount.ShouldBe(Euros.Zero);

        // One euro less: coefficient 1 / 313.20, 560.62965 / 313.2 = 1.79 — under the 5 € flat cut, so still nothing.
        var below = month.Compute(In(AplZone.Zone1, household, 2087m, 0m));
        below.DegressivityCoefficient.ShouldBe(1m - (312.2m / 313.2m));
        below.AmountAfterDegressivity.ShouldBe(1.79m);
        below.Gross.ShouldBe(0m);

        // Above S: nothing either.
        month.Compute(In(AplZone.Zone1, household, 2089m, 0m)).DegressivityCoefficient.ShouldBe(0m);
    }

    [Fact]
    public void A_disabled_member_exempts_from_degressivity()
    {
        // tests/formulas/aides_logement.yaml "Personne isolée, avec suppression" (zone 1, 2016-09, rent 1172 > S = 1171.40,
        // R = 12 000) gives 0; with a disabled member the coefficient stays 1: A = 292.85 + 53.27 − PP, PP = 34.76 +
        // (0.0283 + TL) × 7 438 with TL = 0.0068 × (292.85 / 255.23 − 0.75) + 0.00135 = 0.0040523; A = 70.7236 → 70.72,
        // net 70.72 × 0.995 = 70.3664 → 70.37.
        var month = AplMonth.For(P, 2016, 9);
        month.Compute(In(AplZone.Zone1, AplHousehold.PersonAlone, 1172m, 12000m, conventionne: false)).Amount.ShouldBe(Euros.Zero);
        var exempt = month.Compute(In(AplZone.Zone1, AplHousehold.PersonAlone, 1172m, 12000m, conventionne: false, disabled: true));
        exempt.DegressivityApplies.ShouldBeFalse();
        exempt.DegressivityCoefficient.ShouldBe(1m);
        exempt.AmountAfterDegressivity.ShouldBe(70.72m);
        exempt.Amount.ShouldBe(Euros.FromEuros(70.37m));
    }

    // A zone-2 ceiling of 300.00 for a person alone (loaded as a file would, 2023-10-01..2024-09-30) makes RL exactly
    // 45 % at a rent of 135 and 75 % at 225. 2024-01, R = 10 000: R0 = 5 186, Rp = 4 814, TF = 2.83 %, C = 58.08, P0 = 37.91.
    private static AplMonth WithZone2PersonAlone300() =>
        AplMonth.For(P.WithAplCeilings(AplZone.Zone2, [new(new DateOnly(2023, 10, 1), new DateOnly(2024, 9, 30),
            new AplRentCeilings(Euros.FromEuros(300m), Euros.FromEuros(340.62m), Euros.FromEuros(383.28m), Euros.FromEuros(55.79m)), "test: RL boundaries")]), 2024, 1);

    [Fact]
    public void Rent_ratio_exactly_45_percent_has_no_rent_rate()
    {
        // RL = 135 / 300 = 0.45: TL = 0.45 % × 0 = 0. PP = 37.91 + 2.83 % × 4 814 = 174.1462; A = 135 + 58.08 − 174.1462 = 18.9338
        // → 18.93 − 5 = 13.93 (AL: threshold 10 reached, no RLS); net 13.93 × 0.995 = 13.86035 → 13.86.
        var month = WithZone2PersonAlone300();
        var r = month.Compute(In(AplZone.Zone2, AplHousehold.PersonAlone, 135m, 10000m, conventionne: false));
        r.RentRatio.ShouldBe(0.45m);
        r.RentRate.ShouldBe(0m);
        r.PersonalParticipation.ShouldBe(174.1462m);
        r.Amount.ShouldBe(Euros.FromEuros(13.86m));

        // One euro more: RL = 136 / 300, TL = 0.45 % × (0.45333… − 0.45) = 0.000015.
        Math.Round(month.Compute(In(AplZone.Zone2, AplHousehold.PersonAlone, 136m, 10000m, conventionne: false)).RentRate, 20).ShouldBe(0.000015m);
    }

    [Fact]
    public void Rent_ratio_exactly_75_percent_takes_the_full_middle_band()
    {
        // RL = 225 / 300 = 0.75: TL = 0.68 % × 0 + 0.45 % × 0.30 = 0.00135 (both branches agree at the boundary).
        // PP = 37.91 + (0.0283 + 0.00135) × 4 814 = 180.6451; A = 225 + 58.08 − 180.6451 = 102.4349 → 102.43 − 5 = 97.43;
        // conventionné, R / 12 = 833.33 < 895: RLS 48.45, cut 47.481 → 49.949; net 49.949 × 0.995 = 49.699 → 49.70.
        var r = WithZone2PersonAlone300().Compute(In(AplZone.Zone2, AplHousehold.PersonAlone, 225m, 10000m));
        r.RentRatio.ShouldBe(0.75m);
        r.RentRate.ShouldBe(0.00135m);
        r.AmountBeforeThreshold.ShouldBe(102.4349m);
        r.Gross.ShouldBe(97.43m);
        r.Rls.ShouldBe(Euros.FromEuros(48.45m));
        r.RlsCut.ShouldBe(47.481m);
        r.GrossAfterRls.ShouldBe(49.949m);
        r.Amount.ShouldBe(Euros.FromEuros(49.70m));
    }

    [Fact]
    public void Rent_is_rounded_to_whole_euros_half_to_even()
    {
        AplMonth.RoundToEuro(Euros.FromEuros(400.50m)).ShouldBe(Euros.FromEuros(400m));
        AplMonth.RoundToEuro(Euros.FromEuros(401.50m)).ShouldBe(Euros.FromEuros(402m));
        AplMonth.RoundToEuro(Euros.FromEuros(527.37m)).ShouldBe(Euros.FromEuros(527m));
        AplMonth.RoundToEuro(Euros.FromEuros(1054.51m)).ShouldBe(Euros.FromEuros(1055m));
        AplMonth.Round2(415.895m).ShouldBe(415.90m); // exact decimal half to even (numpy on the binary double gives 415.89)
        AplMonth.Round2(0.125m).ShouldBe(0.12m);
    }

    [Fact]
    public void Payment_threshold_is_reached_at_its_exact_amount()
    {
        // 15 € until 2017-09 (APL and AL), 10 € from 2017-10, none for the APL from 2018-03; "reached" is ≥.
        AplMonth.For(P, 2017, 1).AfterPaymentThreshold(15m, conventionne: true).ShouldBe(15m);
        AplMonth.For(P, 2017, 1).AfterPaymentThreshold(14.99m, conventionne: true).ShouldBe(0m);
        AplMonth.For(P, 2017, 10).AfterPaymentThreshold(9.99m, conventionne: true).ShouldBe(0m);
        AplMonth.For(P, 2018, 2).AfterPaymentThreshold(10m, conventionne: true).ShouldBe(10m);
        AplMonth.For(P, 2018, 3).AfterPaymentThreshold(0.01m, conventionne: true).ShouldBe(0.01m);
        AplMonth.For(P, 2018, 3).AfterPaymentThreshold(9.99m, conventionne: false).ShouldBe(0m);
    }

    [Fact]
    public void Steps_switch_on_at_their_dates()
    {
        var june2016 = AplMonth.For(P, 2016, 6);
        june2016.HasDegressivity.ShouldBeFalse();
        june2016.FlatCutValue.ShouldBeNull();
        AplMonth.For(P, 2016, 7).HasDegressivity.ShouldBeTrue();
        AplMonth.For(P, 2016, 7).FlatCutValue!.Value.ShouldBe(Euros.Zero);
        AplMonth.For(P, 2017, 10).FlatCutValue!.Value.ShouldBe(Euros.FromEuros(5m));
        AplMonth.For(P, 2017, 12).HasRls.ShouldBeFalse();
        AplMonth.For(P, 2018, 1).HasRls.ShouldBeTrue();

        // Before 2016-07 the amount is not rounded before the CRDS (OpenFisca's earlier formula): a high rent keeps it all.
        var r = june2016.Compute(In(AplZone.Zone1, AplHousehold.PersonAlone, 5000m, 12000m, conventionne: false));
        r.DegressivityApplies.ShouldBeFalse();
        r.AmountAfterDegressivity.ShouldBe(r.AmountBeforeDegressivity);
        r.Amount.ShouldBe(Euros.FromEuros(70.37m)); // 70.7236… × 0.995 = 70.3700 → 70.37
    }

    [Fact]
    public void The_rls_is_for_conventionne_dwellings_only()
    {
        var month = AplMonth.For(P, 2024, 1);
        var apl = month.Compute(In(AplZone.Zone3, AplHousehold.WithDependants(1), 400m, 12600m, conventionne: true));
        var al = month.Compute(In(AplZone.Zone3, AplHousehold.WithDependants(1), 400m, 12600m, conventionne: false));
        apl.Rls.ShouldBe(Euros.FromEuros(61.42m));
        al.Rls.ShouldBe(Euros.Zero);
        al.RlsResourceCeiling.ShouldBe(Euros.Zero);
        (al.Gross - apl.GrossAfterRls).ShouldBe(0.98m * 61.42m);
    }

    [Fact]
    public void Months_outside_the_figures_are_errors_not_fallbacks()
    {
        Should.Throw<ParameterNotCoveredException>(() => AplMonth.For(P, 2014, 12)).Message.ShouldContain("R0");
        Should.Throw<ParameterNotCoveredException>(() => AplMonth.For(P, 2026, 10)).Message.ShouldContain("2026-10-01");
        AplMonth.For(P, 2015, 1).Month.ShouldBe(new DateOnly(2015, 1, 1));
        AplMonth.For(P, new DateOnly(2026, 9, 30)).Month.ShouldBe(new DateOnly(2026, 9, 1));
    }

    [Fact]
    public void A_parameter_set_without_the_formula_figures_says_so()
    {
        var bare = new ParameterSet(P.UcScale, P.PlusCeilingsByRegion, P.PlsRatio, P.PlaiRatiosByRegion, P.AplRentCeilings, [], "test", []);
        Should.Throw<ParameterNotCoveredException>(() => AplMonth.For(bare, 2024, 1)).Message.ShouldContain("APL charges forfait C");
        AplMonth.For(bare.WithAplParameters(P.Apl), 2024, 1).Compute(In(AplZone.Zone2, AplHousehold.PersonAlone, 300m, 0m)).Amount.ShouldBeGreaterThan(Euros.Zero);
    }

    [Fact]
    public void A_zone_without_ceilings_fails_only_for_its_dwellings()
    {
        var zones23 = P.AplRentCeilings.Where(p => p.Key != AplZone.Zone1).ToDictionary(p => p.Key, p => p.Value);
        var parameters = new ParameterSet(P.UcScale, P.PlusCeilingsByRegion, P.PlsRatio, P.PlaiRatiosByRegion, zones23, [], "test", [], null, P.Apl);
        var month = AplMonth.For(parameters, 2024, 1);
        month.Compute(In(AplZone.Zone3, AplHousehold.PersonAlone, 300m, 0m)).Amount.ShouldBeGreaterThan(Euros.Zero);
        Should.Throw<ParameterNotCoveredException>(() => month.Compute(In(AplZone.Zone1, AplHousehold.PersonAlone, 300m, 0m))).Message.ShouldContain("zone 1");
    }

    [Fact]
    public void Bad_inputs_are_refused()
    {
        var month = AplMonth.For(P, 2024, 1);
        Should.Throw<ArgumentOutOfRangeException>(() => month.Compute(In(AplZone.Zone2, AplHousehold.PersonAlone, -1m, 0m)));
        Should.Throw<ArgumentOutOfRangeException>(() => month.Compute(In(AplZone.Zone2, AplHousehold.PersonAlone, 300m, -1m)));
        Should.Throw<ArgumentOutOfRangeException>(() => month.Compute(In((AplZone)4, AplHousehold.PersonAlone, 300m, 0m)));
        Should.Throw<ArgumentOutOfRangeException>(() => new AplHousehold(false, -1));
    }

    [Fact]
    public void Explanation_lists_every_step_with_its_reference_and_figures()
    {
        var steps = AplMonth.For(P, 2024, 1).Explain(In(AplZone.Zone3, AplHousehold.WithDependants(1), 400m, 12600m));
        steps.Select(s => s.Rule.Id).ShouldBe(AplFormula.Steps.Select(s => s.Id));
        steps.ShouldAllBe(s => s.Rule.Reference.Length > 0 && s.Rule.RuleSet == AplFormula.RuleSetName);
        steps[0].Reason.ShouldContain("L = 354.51 €");
        steps[1].Reason.ShouldContain("C = 71.25 €"); // 58.08 + 13.17
        steps[9].Reason.ShouldContain("RLS 61.42 €");
        steps[10].Reason.ShouldContain("= 211.18 € a month"); // leximpact famille_monoparentale_un_enfant_0.8_smic_d2, 2024-01
        steps[7].ToString().ShouldContain("CCH D823-16");
    }

    [Fact]
    public void Computing_allocates_nothing()
    {
        var month = AplMonth.For(P, 2024, 1);
        AplInput[] inputs =
        [
            In(AplZone.Zone1, AplHousehold.WithDependants(3, couple: true), 800m, 12600m),
            In(AplZone.Zone2, AplHousehold.PersonAlone, 1500m, 20000m),
            In(AplZone.Zone3, AplHousehold.WithDependants(1), 400m, 12600m, conventionne: false, disabled: true),
        ];
        long sink = 0;
        for (var i = 0; i < 3_000; i++)
        {
            sink += month.Compute(in inputs[i % 3]).Amount.Cents; // warm up (JIT, tiering)
        }

        // Bytes per call over many calls: the runtime may allocate a few bytes once on this thread (tiered JIT, OSR),
        // which a total of exactly zero would count against the formula; one byte per call could not hide.
        const int calls = 300_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            sink += month.Compute(in inputs[i % 3]).Amount.Cents;
        }

        ((GC.GetAllocatedBytesForCurrentThread() - before) / calls).ShouldBe(0);
        sink.ShouldBeGreaterThan(0);
    }
}
