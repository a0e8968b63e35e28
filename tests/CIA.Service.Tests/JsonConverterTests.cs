using System.Text.Json;
using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.IO.Json;

namespace CIA.Service.Tests;

/// <summary>The domain value types as JSON: euros as numbers, flags as lists of tokens, enums as tokens.</summary>
public sealed class JsonConverterTests
{
    private static readonly JsonSerializerOptions Options = CiaWebService.Json(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private sealed record Sample(Euros Amount, Rate Share, ConsumptionUnits Uc, ResourcesPerUc PerUc, EmploymentStatus Employment, PrefectoralCriteria Criteria, Reservataire ReservedBy, MutationReason Reason, CommuneCode Commune, EpciCode Epci, DemandId Id);

    private static readonly Sample Value = new(
        Euros.FromEuros(10740.5m), new Rate(0.25m), new ConsumptionUnits(23), new ResourcesPerUc(Euros.FromEuros(24000m), new ConsumptionUnits(23)),
        EmploymentStatus.Employed | EmploymentStatus.Retired, PrefectoralCriteria.Dalo | PrefectoralCriteria.L441Dash1Public, Reservataire.None,
        MutationReason.UnderOccupation, CommuneCode.Parse("44109"), EpciCode.Parse("244400404"), new DemandId("D-0042"));

    [Fact]
    public void Domain_values_are_written_as_the_files_spell_them()
    {
        var json = JsonSerializer.Serialize(Value, Options);
        json.ShouldBe("""{"amount":10740.5,"share":0.25,"uc":2.3,"per_uc":10434.78,"employment":["employed","retired"],"criteria":["dalo","l441_1"],"reserved_by":null,"reason":"under_occupation","commune":"44109","epci":"244400404","id":"D-0042"}""");
    }

    [Fact]
    public void Domain_values_read_back_as_written()
    {
        var options = DomainJsonConverters.AddTo(new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
        var back = JsonSerializer.Deserialize<Sample>(JsonSerializer.Serialize(Value, options), options)!;
        back.ShouldBe(Value with { PerUc = back.PerUc });

        // Resources per UC are written rounded to the cent: they read back as that amount (for 1 UC), not as the exact ratio.
        back.PerUc.Rounded.ShouldBe(Value.PerUc.Rounded);
    }

    [Fact]
    public void Empty_flags_are_an_empty_list_and_a_none_token_is_null()
    {
        JsonSerializer.Serialize(PrefectoralCriteria.None, Options).ShouldBe("[]");
        JsonSerializer.Serialize(PriorityCriteria.Prefectoral | PriorityCriteria.FirstQuartile, Options).ShouldBe("""["prefectoral","first_quartile"]""");
        JsonSerializer.Serialize(Reservataire.None, Options).ShouldBe("null");
        JsonSerializer.Deserialize<Reservataire>("null", Options).ShouldBe(Reservataire.None);
        JsonSerializer.Deserialize<Reservataire>("\"Action_Logement\"", Options).ShouldBe(Reservataire.ActionLogement);
    }

    [Theory]
    [InlineData("1.234")]
    [InlineData("\"12\"")]
    [InlineData("true")]
    public void An_amount_that_is_not_whole_cents_as_a_number_is_refused(string json) =>
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<Euros>(json, Options));

    [Theory]
    [InlineData("[\"employed\",\"astronaut\"]")]
    [InlineData("\"employed\"")]
    [InlineData("[\"employed|retired\"]")]
    public void Unknown_or_misshapen_flags_are_refused(string json) =>
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<EmploymentStatus>(json, Options)).Message.ShouldContain("\"employed\"");

    [Fact]
    public void A_value_type_never_serialises_as_its_fields()
    {
        var json = JsonSerializer.Serialize(new { m = Euros.FromEuros(1m), u = new ConsumptionUnits(10), p = PriorityCriteria.Mutation }, Options);
        json.ShouldNotContain("Cents", Case.Insensitive);
        json.ShouldNotContain("Mask", Case.Insensitive);
        json.ShouldNotContain("Tenths", Case.Insensitive);
    }
}
