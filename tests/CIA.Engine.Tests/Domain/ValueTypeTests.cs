using CIA.Engine.Domain;
using CIA.Engine.Parameters;

namespace CIA.Engine.Tests.Domain;

public class ValueTypeTests
{
    [Theory]
    [InlineData("1234.56", 123456)]
    [InlineData("10740", 1074000)]
    [InlineData("0.5", 50)]
    [InlineData("-3.10", -310)]
    public void Euros_parse_invariant_text_exactly(string text, long cents)
    {
        Euros.TryParse(text, out var e).ShouldBeTrue();
        e.Cents.ShouldBe(cents);
    }

    [Theory]
    [InlineData("12.345")]
    [InlineData("12,50")]
    [InlineData("abc")]
    [InlineData("")]
    public void Euros_reject_fractions_of_cents_and_non_numbers(string text) => Euros.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void Euros_display_with_thin_grouping() => Euros.FromEuros(10740m).ToDisplayString().ShouldBe("10 740 €");

    [Theory]
    [InlineData(1, 0, 10)] // person alone: 1
    [InlineData(2, 0, 15)] // couple: 1 + 0.5
    [InlineData(3, 1, 23)] // REFERENCE §2.2 worked example: couple, children of 15 and 10: 1 + 0.5 + 0.5 + 0.3
    [InlineData(1, 2, 16)] // one parent, two children under 14: 1 + 0.3 + 0.3
    [InlineData(4, 3, 34)] // 1 + 3 × 0.5 + 3 × 0.3
    public void Uc_follows_the_oecd_modified_scale(int persons14Plus, int childrenUnder14, int tenths) =>
        BuiltInParameters.Create().UcScale.At(new DateOnly(2025, 1, 1)).Value.For(persons14Plus, childrenUnder14).Tenths.ShouldBe(tenths);

    [Fact]
    public void Uc_needs_a_person_aged_14_or_more() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new UcScale(10, 5, 3).For(0, 2));

    [Fact]
    public void Resources_per_uc_compare_exactly_at_the_threshold()
    {
        // 2 000 €/month, UC 2.3: 24 000 / 2.3 = 10 434.7826... €; compare with the cents either side.
        var r = new ResourcesPerUc(Euros.FromEuros(24000m), new ConsumptionUnits(23));
        r.CompareTo(Euros.FromEuros(10434.78m)).ShouldBeGreaterThan(0);
        r.CompareTo(Euros.FromEuros(10434.79m)).ShouldBeLessThan(0);
        r.Rounded.ShouldBe(Euros.FromEuros(10434.78m));
        new ResourcesPerUc(Euros.FromEuros(16110m), new ConsumptionUnits(15)).CompareTo(Euros.FromEuros(10740m)).ShouldBe(0); // 16 110 / 1.5 = 10 740 exactly
    }

    [Theory]
    [InlineData("44109", true)]
    [InlineData("2A004", true)]
    [InlineData("4410", false)]
    [InlineData("44A09", false)]
    public void Commune_codes_are_five_insee_characters(string text, bool ok) => CommuneCode.TryParse(text, out _).ShouldBe(ok);

    [Fact]
    public void Tokens_read_and_write_flags_in_enum_order()
    {
        Tokens<EmploymentStatus>.TryParseFlags("retired|employed", out var e, out _).ShouldBeTrue();
        e.ShouldBe(EmploymentStatus.Employed | EmploymentStatus.Retired);
        Tokens<EmploymentStatus>.FormatFlags(e).ShouldBe("employed|retired");
        Tokens<EmploymentStatus>.TryParseFlags("employed|pilot", out _, out var unknown).ShouldBeFalse();
        unknown.ShouldBe("pilot");
    }
}

/// <summary>Value types: <c>default</c> is a valid value and equality agrees with ordering.</summary>
public class ValueTypeInvariantTests
{
    [Fact]
    public void Resources_per_uc_equal_when_the_ratio_is_equal()
    {
        // 10 000 € for 1 UC and 20 000 € for 2 UC are both 10 000 € per UC: CompareTo says 0, so Equals must say true.
        var a = new ResourcesPerUc(Euros.FromEuros(10000), new ConsumptionUnits(10));
        var b = new ResourcesPerUc(Euros.FromEuros(20000), new ConsumptionUnits(20));
        a.CompareTo(b).ShouldBe(0);
        a.Equals(b).ShouldBeTrue();
        (a == b).ShouldBeTrue();
        a.GetHashCode().ShouldBe(b.GetHashCode());
        var c = new ResourcesPerUc(Euros.FromEuros(20000.01m), new ConsumptionUnits(20));
        a.Equals(c).ShouldBeFalse();
        a.CompareTo(c).ShouldBeLessThan(0);
        new HashSet<ResourcesPerUc> { a, b }.Count.ShouldBe(1);
    }

    [Fact]
    public void Defaults_are_valid_values_and_do_not_throw()
    {
        default(ConsumptionUnits).Tenths.ShouldBe(10); // a household of one: 0 UC cannot exist
        default(ConsumptionUnits).ToString().ShouldBe("1.0");
        default(ResourcesPerUc).Rounded.ShouldBe(Euros.Zero);
        default(ResourcesPerUc).ToString().ShouldBe("0.00");
        default(ResourcesPerUc).CompareTo(Euros.FromEuros(1)).ShouldBeLessThan(0);
        default(Euros).ToString().ShouldBe("0.00");
        default(Rate).ToString().ShouldBe("0 %");
        default(DemandId).ToString().ShouldBe(string.Empty);
        default(DwellingId).ToString().ShouldBe(string.Empty);
        default(CommuneCode).ToString().ShouldBe(string.Empty);
        default(EpciCode).ToString().ShouldBe(string.Empty);
    }
}
