using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Quartiles;

namespace CIA.Engine.Tests.Quartiles;

/// <summary>Thresholds of the EPCIs a communes file names, matched in the national table by name.</summary>
public class EpciResolutionTests
{
    private static readonly CommuneEntry Brest = new(new Commune(CommuneCode.Parse("29019"), "Brest", AplZone.Zone2), EpciCode.Parse("242900314"), "BREST METROPOLE");

    [Fact]
    public void A_named_epci_gets_the_national_thresholds_under_the_files_siren()
    {
        // Brest Métropole, quartiles_2024/2025/2026.json: Q1 2026 = 10 092.
        var found = EpciResolution.ByName([Brest], BuiltInParameters.Create()).ToList();
        found.Select(t => t.Year).ShouldBe([2024, 2025, 2026]);
        found.ShouldAllBe(t => t.Epci == EpciCode.Parse("242900314"));
        found.Single(t => t.Year == 2026).Q1.ShouldBe(Euros.FromEuros(10092));
        found[0].Source.ShouldContain("matched by the name 'BREST METROPOLE'");
    }

    [Fact]
    public void Thresholds_already_known_for_the_siren_win()
    {
        var given = BuiltInParameters.Create().WithQuartileThresholds([new QuartileThresholds(EpciCode.Parse("242900314"), 2026, Euros.FromEuros(9000), Euros.FromEuros(12000), Euros.FromEuros(16000), "thresholds file")]);
        EpciResolution.ByName([Brest], given).Select(t => t.Year).ShouldBe([2024, 2025]);
        EpciResolution.ByName([Brest with { EpciName = "Nowhere Agglomération" }], given).ShouldBeEmpty();
    }
}
