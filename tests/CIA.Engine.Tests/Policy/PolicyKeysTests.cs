using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Policy;

namespace CIA.Engine.Tests.Policy;

/// <summary>The policy's time frame, PLUS region and préfet-label setting; loading limits.</summary>
public class PolicyKeysTests
{
    private static string Yaml => PolicyLoader.DefaultYaml();

    [Fact]
    public void The_default_policy_states_its_period_region_and_label_setting()
    {
        var p = PolicyLoader.LoadDefault();
        p.Period.ShouldNotBeNull();
        (p.Period.From, p.Period.Until).ShouldBe((2017, 2022));
        p.Covers(2017).ShouldBeTrue();
        p.Covers(2022).ShouldBeTrue();
        p.Covers(2026).ShouldBeFalse();
        p.PlusRegion.ShouldBe(PlusRegion.OtherRegions);
        p.Priority.PrefectoralLabel.ShouldBeTrue();
    }

    [Fact]
    public void The_new_keys_are_optional_and_validated()
    {
        var bare = Yaml.Replace("plus_region: other_regions", string.Empty, StringComparison.Ordinal)
            .Replace("  prefectoral_label: true", string.Empty, StringComparison.Ordinal);
        bare = bare.Remove(bare.IndexOf("period:", StringComparison.Ordinal), bare.IndexOf("default_year:", StringComparison.Ordinal) - bare.IndexOf("period:", StringComparison.Ordinal));
        var p = PolicyLoader.Load(new StringReader(bare), "bare.yaml");
        p.Period.ShouldBeNull();
        p.Covers(2026).ShouldBeTrue(); // no stated period: every year
        p.PlusRegion.ShouldBe(PlusRegion.OtherRegions);
        p.Priority.PrefectoralLabel.ShouldBeTrue();

        var bad = Yaml.Replace("plus_region: other_regions", "plus_region: brittany", StringComparison.Ordinal)
            .Replace("  until: 2022", "  until: 2012", StringComparison.Ordinal)
            .Replace("prefectoral_label: true", "prefectoral_label: often", StringComparison.Ordinal);
        var e = Should.Throw<PolicyException>(() => PolicyLoader.Load(new StringReader(bad), "bad.yaml"));
        e.Problems.Select(x => x.Path).ShouldBe(["plus_region", "priority.prefectoral_label"], ignoreOrder: true); // shape first
        var onlyPeriod = Yaml.Replace("  until: 2022", "  until: 2012", StringComparison.Ordinal);
        var period = Should.Throw<PolicyException>(() => PolicyLoader.Load(new StringReader(onlyPeriod), "p.yaml")).Problems.Single();
        period.Path.ShouldBe("period.until");
        period.Line.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_policy_file_that_is_a_folder_or_too_large_is_a_clear_input_error()
    {
        var folder = Directory.CreateTempSubdirectory("cia-policy-").FullName;
        try
        {
            Should.Throw<InputException>(() => PolicyLoader.LoadFile(folder)).Problems.Single().Message.ShouldContain("is a folder");
            var big = Path.Combine(folder, "big.yaml");
            File.WriteAllText(big, "# " + new string('x', PolicyLoader.MaxFileBytes + 10));
            Should.Throw<InputException>(() => PolicyLoader.LoadFile(big)).Problems.Single().Message.ShouldContain("at most");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Deep_nesting_and_unclosed_collections_are_reported_not_crashed_on()
    {
        var deep = Should.Throw<PolicyException>(() => PolicyLoader.Load(new StringReader(new string('[', 50_000) + new string(']', 50_000)), "deep.yaml"));
        deep.Problems.Single().Message.ShouldContain($"more than {PolicyLoader.MaxDepth} levels");
        var unclosed = Should.Throw<PolicyException>(() => PolicyLoader.Load(new StringReader("name: x\nepci: [1, 2\nstock: {a: 1\n"), "unclosed.yaml"));
        unclosed.Problems.Single().Line.ShouldBeGreaterThan(0);
    }
}
