using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Parameters;

namespace CIA.Engine.Tests.Parameters;

/// <summary>Yearly legal figures loaded from data files: PLUS and APL ceilings.</summary>
public class CeilingFileTests
{
    private const string PlusHeader = "region;from;until;category_1;category_2;category_3;category_4;category_5;category_6;per_additional_person;source\n";
    private const string AplHeader = "zone;from;until;person_alone;couple;one_dependant;per_extra_dependant;source\n";
    private static readonly ParameterSet P = BuiltInParameters.Create();

    [Fact]
    public void A_later_year_of_plus_ceilings_can_be_added()
    {
        // 2027 values are not published: these are test values, +1 % on 2026.
        var rows = PlusCeilingCsv.Read(new StringReader(PlusHeader + "other_regions;2027-01-01;2027-12-31;23637;31567;37960;45828;53910;60758;6777;test values\n"), "plus.csv");
        var p = PlusCeilingCsv.Apply(P, rows);
        p.PlusCeiling(1, new DateOnly(2027, 3, 1)).ShouldBe(Euros.FromEuros(23637));
        p.PlusCeiling(1, new DateOnly(2026, 3, 1)).ShouldBe(Euros.FromEuros(23403)); // the built-in 2026 value stays
        p.PlusCeilings.At(new DateOnly(2027, 3, 1)).Source.ShouldBe("test values");
    }

    [Fact]
    public void A_file_overrides_the_built_in_ile_de_france_ceilings_for_the_period_it_covers()
    {
        // Built in, Île-de-France 2026: category 1 = 26 920 € (OpenFisca plu/…/categorie_1/ile_de_france.yaml). A file row for
        // 2026-07-01..2027-06-30 (test values) cuts the built-in 2026 period: 30 June keeps it, 1 July takes the file's,
        // and 2027 is covered up to 30 June. Paris and its adjacent communes keep their built-in figures.
        var rows = PlusCeilingCsv.Read(new StringReader(PlusHeader + "ile_de_france;2026-07-01;2027-06-30;27000;40500;48700;58300;69000;77700;8650;test values\n"), "plus.csv");
        var p = PlusCeilingCsv.Apply(P, rows);
        p.PlusCeiling(1, new DateOnly(2026, 6, 30), PlusRegion.IleDeFrance).ShouldBe(Euros.FromEuros(26920));
        p.PlusCeiling(1, new DateOnly(2026, 7, 1), PlusRegion.IleDeFrance).ShouldBe(Euros.FromEuros(27000));
        p.PlusCeiling(1, new DateOnly(2027, 6, 30), PlusRegion.IleDeFrance).ShouldBe(Euros.FromEuros(27000));
        Should.Throw<ParameterNotCoveredException>(() => p.PlusCeiling(1, new DateOnly(2027, 7, 1), PlusRegion.IleDeFrance));
        p.PlusCeilingsOf(PlusRegion.IleDeFrance).At(new DateOnly(2026, 7, 1)).Source.ShouldBe("test values");
        p.PlusCeilingsOf(PlusRegion.IleDeFrance).At(new DateOnly(2026, 6, 30)).ShouldSatisfyAllConditions(
            v => v.From.ShouldBe(new DateOnly(2026, 1, 1)), v => v.Until.ShouldBe(new DateOnly(2026, 6, 30)), v => v.Source.ShouldContain("ile_de_france.yaml"));
        p.PlusCeiling(1, new DateOnly(2025, 3, 1), PlusRegion.IleDeFrance).ShouldBe(Euros.FromEuros(26687));
        p.PlusCeiling(3, new DateOnly(2026, 8, 1), PlusRegion.ParisAndAdjacent).ShouldBe(Euros.FromEuros(52740));
        p.PlusCeilingsOf(PlusRegion.ParisAndAdjacent).ShouldBeSameAs(P.PlusCeilingsOf(PlusRegion.ParisAndAdjacent));
    }

    [Fact]
    public void File_values_replace_built_in_ones_only_for_the_period_they_cover()
    {
        // Built in, zone 2: 2015-10-01..2017-09-30 (T3: 351.53). A file value for 2016-10-01..2017-09-30 cuts that period:
        // 2016-06-01 keeps 351.53, 2017-01-01 takes the file's 360.00.
        var rows = AplCeilingCsv.Read(new StringReader(AplHeader + "2;2016-10-01;2017-09-30;260.00;320.00;360.00;52.00;test values\n"), "apl.csv");
        var p = AplCeilingCsv.Apply(P, rows);
        p.AplCeilings(AplZone.Zone2, new DateOnly(2016, 6, 1)).Value.OneDependant.ShouldBe(Euros.FromEuros(351.53m));
        p.AplCeilings(AplZone.Zone2, new DateOnly(2017, 1, 1)).Value.OneDependant.ShouldBe(Euros.FromEuros(360m));
        p.AplCeilings(AplZone.Zone2, new DateOnly(2017, 10, 1)).Value.OneDependant.ShouldBe(Euros.FromEuros(354.17m));
    }

    [Fact]
    public void A_zone_the_engine_lacks_can_be_loaded()
    {
        var zone2Only = new ParameterSet(P.UcScale, P.PlusCeilingsByRegion, P.PlsRatio, P.PlaiRatiosByRegion,
            new Dictionary<AplZone, DatedParameter<AplRentCeilings>> { [AplZone.Zone2] = P.AplRentCeilings[AplZone.Zone2] }, [], "test", []);
        Should.Throw<ParameterNotCoveredException>(() => zone2Only.AplCeilings(AplZone.Zone1, new DateOnly(2025, 11, 1))).Message.ShouldContain("--apl-ceilings");
        var rows = AplCeilingCsv.Read(new StringReader(AplHeader + "1;2025-10-01;2026-09-30;300.00;360.00;410.00;60.00;test values\n"), "apl.csv");
        AplCeilingCsv.Apply(zone2Only, rows).AplCeilings(AplZone.Zone1, new DateOnly(2025, 11, 1)).Value.PersonAlone.ShouldBe(Euros.FromEuros(300m));
    }

    [Fact]
    public void Bad_rows_are_all_reported()
    {
        var e = Should.Throw<InputException>(() => PlusCeilingCsv.Read(new StringReader(PlusHeader
            + "other_regions;2027-01-01;2027-12-31;23637;31567;37960;45828;53910;60758;6777;a\n"
            + "other_regions;2027-06-01;2028-05-31;23637;31567;37960;45828;53910;60758;6777;overlaps line 2\n"
            + "other_regions;2029-01-01;2028-12-31;23637;31567;37960;45828;53910;60758;6777;ends before it starts\n"
            + "other_regions;2030-01-01;2030-12-31;30000;20000;37960;45828;53910;60758;6777;decreasing\n"
            + "paris;2030-01-01;2030-12-31;30000;31000;37960;45828;53910;60758;6777;unknown region\n"), "plus.csv"));
        e.Problems.Select(p => (p.Line, p.ColumnName)).ShouldBe([(3, ""), (4, "until"), (5, ""), (6, "region")]);
        e.Problems[0].Message.ShouldContain("overlaps the one on line 2");
        e.Problems[3].Message.ShouldContain("other_regions, ile_de_france, paris_and_adjacent");
    }
}
