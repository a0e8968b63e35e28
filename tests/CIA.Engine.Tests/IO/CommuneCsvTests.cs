using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Parameters;

namespace CIA.Engine.Tests.IO;

public class CommuneCsvTests
{
    [Fact]
    public void Reads_communes_and_extends_the_apl_zoning()
    {
        const string csv = "commune;name;epci;epci_name;apl_zone\n01901;Synthetic commune 01901;990000001;Synthetic EPCI 1;3\n44109;Nantes;244400404;Nantes Métropole;2\n";
        var communes = CommuneCsv.Read(new StringReader(csv), "communes.csv");
        communes.Length.ShouldBe(2);
        communes[0].Commune.Zone.ShouldBe(AplZone.Zone3);
        communes[0].Epci.Value.ShouldBe("990000001");

        var code = CommuneCode.Parse("01901");
        BuiltInParameters.Create().TryZoneOf(code, out _).ShouldBeFalse();
        var parameters = BuiltInParameters.Create().WithAplZones(communes.Select(c => KeyValuePair.Create(c.Commune.Code, c.Commune.Zone)), "communes.csv");
        parameters.ZoneOf(code).ShouldBe(AplZone.Zone3);
        parameters.ZoneOf(CommuneCode.Parse("44024")).ShouldBe(AplZone.Zone3); // Brains keeps its built-in zone
    }

    [Fact]
    public void Reports_every_bad_row()
    {
        const string csv = "commune;name;epci;apl_zone\n441;X;244400404;2\n44109;Nantes;2444;4\n44109;Nantes;244400404;2\n";
        var e = Should.Throw<InputException>(() => CommuneCsv.Read(new StringReader(csv), "communes.csv"));
        e.Problems.Select(p => $"{p.Line}:{p.ColumnName}").ShouldBe(["2:commune", "3:epci", "3:apl_zone", "4:commune"], ignoreOrder: true);
        e.Problems.Single(p => p.Line == 4).Message.ShouldContain("already used on line 3");
    }
}
