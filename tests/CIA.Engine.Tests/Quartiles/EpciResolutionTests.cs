using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Quartiles;

namespace CIA.Engine.Tests.Quartiles;

/// <summary>Thresholds of the EPCIs a communes file names, matched in the national table by name.</summary>
public class EpciResolutionTests
{
    // Aurillac Agglomération: in the national table by that name for 2024 and 2026 without a SIREN (the register calls it
    // "CA du Bassin d'Aurillac", 241500230, the name of its 2025 row, which is built in under that SIREN).
    private static readonly CommuneEntry Aurillac = new(new Commune(CommuneCode.Parse("15014"), "Aurillac", AplZone.Zone3), EpciCode.Parse("241500230"), "AURILLAC AGGLOMERATION");

    [Fact]
    public void A_named_epci_gets_the_national_thresholds_under_the_files_siren()
    {
        // Aurillac Agglomération, quartiles_2024/2026.json: Q1 2026 = 9 105.
        var found = EpciResolution.ByName([Aurillac], BuiltInParameters.Create()).ToList();
        found.Select(t => t.Year).ShouldBe([2024, 2026]);
        found.ShouldAllBe(t => t.Epci == EpciCode.Parse("241500230"));
        found.Single(t => t.Year == 2026).Q1.ShouldBe(Euros.FromEuros(9105));
        found[0].Source.ShouldContain("matched by the name 'AURILLAC AGGLOMERATION'");
    }

    [Fact]
    public void Thresholds_already_known_for_the_siren_win()
    {
        var given = BuiltInParameters.Create().WithQuartileThresholds([new QuartileThresholds(EpciCode.Parse("241500230"), 2026, Euros.FromEuros(9000), Euros.FromEuros(12000), Euros.FromEuros(16000), "thresholds file")]);
        EpciResolution.ByName([Aurillac], given).Select(t => t.Year).ShouldBe([2024]);
        EpciResolution.ByName([Aurillac with { EpciName = "Nowhere Agglomération" }], given).ShouldBeEmpty();
    }
}
