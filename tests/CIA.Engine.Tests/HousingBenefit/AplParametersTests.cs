using CIA.Engine.Domain;
using CIA.Engine.Parameters;

namespace CIA.Engine.Tests.HousingBenefit;

/// <summary>The built-in figures of the formula, against OpenFisca-France's parameter files (commit a7038ee).</summary>
public class AplParametersTests
{
    private static readonly ParameterSet P = BuiltInParameters.Create();

    [Theory] // l_plafonds_loyers/par_zone/zone_N/personnes_seules.yaml
    [InlineData(AplZone.Zone1, 2014, 10, 292.62)]
    [InlineData(AplZone.Zone1, 2024, 10, 329.71)]
    [InlineData(AplZone.Zone1, 2025, 10, 333.14)]
    [InlineData(AplZone.Zone3, 2020, 1, 241.73)]
    [InlineData(AplZone.Zone3, 2022, 7, 252.00)]
    [InlineData(AplZone.Zone2, 2022, 6, 259.78)]
    public void Rent_ceilings_of_a_person_alone(AplZone zone, int year, int month, double euros) =>
        P.AplCeilings(zone, new DateOnly(year, month, 1)).Value.PersonAlone.ShouldBe(Euros.FromEuros((decimal)euros));

    [Fact]
    public void Zone_1_ceilings_for_families()
    {
        var z1 = P.AplCeilings(AplZone.Zone1, new DateOnly(2021, 10, 1));
        z1.Value.For(couple: true, dependants: 0).ShouldBe(Euros.FromEuros(359.49m));
        z1.Value.For(couple: false, dependants: 7).ShouldBe(Euros.FromEuros(406.30m + (6 * 58.95m))); // 760.00
        z1.Source.ShouldContain("l_plafonds_loyers/par_zone/zone_1");
        z1.Source.ShouldContain("arrêté du 27/09/2019");
    }

    [Fact]
    public void Charges_and_minimal_participation()
    {
        var c = P.Apl.Charges.At(new DateOnly(2024, 10, 1)).Value;
        c.For(0).ShouldBe(Euros.FromEuros(59.97m));
        c.For(2).ShouldBe(Euros.FromEuros(59.97m + (2 * 13.60m)));
        var p0 = P.Apl.MinimalParticipation.At(new DateOnly(2022, 7, 1)).Value;
        p0.Forfait.ShouldBe(Euros.FromEuros(36.63m));
        p0.Rate.ShouldBe(new Rate(0.085m));
    }

    [Theory] // r0_abattement/cas_general/*.yaml
    [InlineData(2016, 1, false, 0, 4562)]
    [InlineData(2022, 6, true, 0, 6709)]
    [InlineData(2022, 7, true, 0, 6977)] // mid-year revaluation
    [InlineData(2024, 3, false, 6, 10454)]
    [InlineData(2025, 1, false, 8, 10554 + (2 * 346))]
    [InlineData(2026, 6, false, 1, 8947)] // 2025 figures kept for 2026 (arrêté du 28/12/2025)
    public void Abatement_r0(int year, int month, bool couple, int dependants, int euros) =>
        P.Apl.Abatements.At(new DateOnly(year, month, 1)).Value.For(couple, dependants).ShouldBe(Euros.FromEuros(euros));

    [Theory] // tf_taille_famille/metropole: 0.0185 − 0.0006 × (n − 4) before 2023 gives the same rates
    [InlineData(false, 0, 0.0283)]
    [InlineData(true, 0, 0.0315)]
    [InlineData(true, 1, 0.0270)]
    [InlineData(false, 5, 0.0179)]
    [InlineData(false, 6, 0.0173)]
    [InlineData(false, 9, 0.0155)]
    public void Family_rate_tf(bool couple, int dependants, double rate) =>
        P.Apl.FamilyRates.At(new DateOnly(2020, 1, 1)).Value.For(couple, dependants).ShouldBe((decimal)rate);

    [Fact]
    public void Degressivity_coefficients_start_in_july_2016()
    {
        P.Apl.HighRentCoefficientsAt(AplZone.Zone1, new DateOnly(2016, 7, 1)).Value.ShouldBe(new AplHighRentCoefficients(3.4m, 4m));
        P.Apl.HighRentCoefficientsAt(AplZone.Zone3, new DateOnly(2025, 1, 1)).Value.ShouldBe(new AplHighRentCoefficients(2.5m, 3.1m));
        Should.Throw<ParameterNotCoveredException>(() => P.Apl.HighRentCoefficientsAt(AplZone.Zone2, new DateOnly(2016, 6, 30)));
    }

    [Fact]
    public void Payment_thresholds_and_crds()
    {
        P.Apl.PaymentThresholds.At(new DateOnly(2017, 9, 30)).Value.ShouldBe(new AplPaymentThresholds(Euros.FromEuros(15m), Euros.FromEuros(15m)));
        P.Apl.PaymentThresholds.At(new DateOnly(2018, 2, 28)).Value.ShouldBe(new AplPaymentThresholds(Euros.FromEuros(10m), Euros.FromEuros(10m)));
        P.Apl.PaymentThresholds.At(new DateOnly(2018, 3, 1)).Value.ShouldBe(new AplPaymentThresholds(Euros.Zero, Euros.FromEuros(10m)));
        P.Apl.CrdsRate.At(new DateOnly(2024, 1, 1)).Value.ShouldBe(new Rate(0.005m));
        P.Apl.RlsFraction.At(new DateOnly(2018, 1, 1)).Value.ShouldBe(new Rate(0.98m));
    }

    [Theory] // reduction_loyer_solidarite/montant/par_zone/zone_N
    [InlineData(AplZone.Zone1, 2020, 1, 49.50)]
    [InlineData(AplZone.Zone1, 2020, 10, 34.10)]
    [InlineData(AplZone.Zone2, 2025, 6, 34.83)]
    [InlineData(AplZone.Zone3, 2026, 6, 29.57)]
    public void Rls_amounts_of_a_person_alone(AplZone zone, int year, int month, double euros) =>
        P.Apl.RlsAmountsAt(zone, new DateOnly(year, month, 1)).Value.PersonAlone.ShouldBe(Euros.FromEuros((decimal)euros));

    [Fact]
    public void Rls_ceilings_2026()
    {
        var z2 = P.Apl.RlsResourceCeilingsAt(AplZone.Zone2, new DateOnly(2026, 1, 1)).Value;
        z2.For(couple: true, dependants: 0).ShouldBe(Euros.FromEuros(1104m));
        z2.For(couple: false, dependants: 6).ShouldBe(Euros.FromEuros(2929m));
        Should.Throw<ParameterNotCoveredException>(() => P.Apl.RlsResourceCeilingsAt(AplZone.Zone2, new DateOnly(2017, 12, 31)));
    }

    [Fact]
    public void Every_figure_names_its_openfisca_file()
    {
        P.Apl.Charges.Values.ShouldAllBe(v => v.Source.Contains("c_forfait_charges"));
        P.Apl.Abatements.Values.ShouldAllBe(v => v.Source.Contains("r0_abattement"));
        P.Apl.RlsAmounts[AplZone.Zone1].Values.ShouldAllBe(v => v.Source.Contains("reduction_loyer_solidarite/montant/par_zone/zone_1"));
    }
}
