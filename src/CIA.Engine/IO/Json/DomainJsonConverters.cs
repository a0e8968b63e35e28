using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using CIA.Engine.Domain;

namespace CIA.Engine.IO.Json;

/// <summary>
/// System.Text.Json converters for the domain's value types, so that they read and write as the files spell them:
/// money as a number of euros (<c>10740.5</c>, not <c>{"Cents":1074050}</c>), consumption units and rates as numbers,
/// enums as their file tokens and flags as lists of tokens (<c>["employed","retired"]</c>, not <c>{"Mask":3}</c>),
/// commune and EPCI codes and ids as strings. Stateless: the converters and <see cref="AddTo"/> are safe on any thread.
/// </summary>
/// <example>
/// <code>
/// var options = DomainJsonConverters.AddTo(new JsonSerializerOptions(JsonSerializerDefaults.Web));
/// JsonSerializer.Serialize(Euros.FromEuros(10740m), options); // 10740
/// </code>
/// </example>
public static class DomainJsonConverters
{
    /// <summary>Every converter, in the order they are added.</summary>
    public static IReadOnlyList<JsonConverter> All { get; } =
    [
        new EurosJsonConverter(),
        new RateJsonConverter(),
        new ConsumptionUnitsJsonConverter(),
        new ResourcesPerUcJsonConverter(),
        new CommuneCodeJsonConverter(),
        new EpciCodeJsonConverter(),
        new DemandIdJsonConverter(),
        new TokenEnumJsonConverterFactory(),
    ];

    /// <summary>Adds <see cref="All"/> to <paramref name="options"/> (before any converter already there) and returns them.</summary>
    public static JsonSerializerOptions AddTo(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        for (var i = All.Count - 1; i >= 0; i--)
        {
            options.Converters.Insert(0, All[i]);
        }

        return options;
    }
}

/// <summary><see cref="Euros"/> as a JSON number of euros (<c>1234.56</c>); more than two decimals is refused when reading.</summary>
public sealed class EurosJsonConverter : JsonConverter<Euros>
{
    /// <inheritdoc />
    public override Euros Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var d))
        {
            throw new JsonException("An amount in euros is a JSON number, e.g. 1234.56.");
        }

        var cents = d * 100m;
        if (cents != decimal.Truncate(cents) || Math.Abs(cents) > long.MaxValue / 1000)
        {
            throw new JsonException("An amount in euros has at most two decimals (whole cents).");
        }

        return new Euros((long)cents);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Euros value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.Value);
    }
}

/// <summary><see cref="Rate"/> as a JSON number, the fraction (<c>0.25</c> for 25 %).</summary>
public sealed class RateJsonConverter : JsonConverter<Rate>
{
    /// <inheritdoc />
    public override Rate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var d) || d < 0)
        {
            throw new JsonException("A rate is a JSON number ≥ 0, the fraction (0.25 for 25 %).");
        }

        return new Rate(d);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Rate value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.Fraction);
    }
}

/// <summary><see cref="ConsumptionUnits"/> as a JSON number (<c>2.3</c>); at least 1 and in tenths when reading.</summary>
public sealed class ConsumptionUnitsJsonConverter : JsonConverter<ConsumptionUnits>
{
    /// <inheritdoc />
    public override ConsumptionUnits Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var d))
        {
            throw new JsonException("Consumption units are a JSON number, e.g. 2.3.");
        }

        var tenths = d * 10m;
        if (tenths != decimal.Truncate(tenths) || tenths < 10 || tenths > int.MaxValue)
        {
            throw new JsonException("Consumption units are at least 1, in tenths (e.g. 2.3).");
        }

        return new ConsumptionUnits((int)tenths);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ConsumptionUnits value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.Value);
    }
}

/// <summary>
/// <see cref="ResourcesPerUc"/> as a JSON number: euros per UC per year, rounded to the cent as every output shows it.
/// Read back as that amount for 1 UC, which compares equal to the ratio it was written from up to the rounding.
/// </summary>
public sealed class ResourcesPerUcJsonConverter : JsonConverter<ResourcesPerUc>
{
    private static readonly EurosJsonConverter Money = new();

    /// <inheritdoc />
    public override ResourcesPerUc Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(Money.Read(ref reader, typeof(Euros), options), default);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ResourcesPerUc value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.Rounded.Value);
    }
}

/// <summary><see cref="CommuneCode"/> as its five-character INSEE code.</summary>
public sealed class CommuneCodeJsonConverter : JsonConverter<CommuneCode>
{
    /// <inheritdoc />
    public override CommuneCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && CommuneCode.TryParse(reader.GetString(), out var code)
            ? code
            : throw new JsonException("A commune is its INSEE code as a JSON string of five characters, e.g. \"44109\".");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, CommuneCode value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}

/// <summary><see cref="EpciCode"/> as its nine-digit SIREN string.</summary>
public sealed class EpciCodeJsonConverter : JsonConverter<EpciCode>
{
    /// <inheritdoc />
    public override EpciCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && EpciCode.TryParse(reader.GetString(), out var code)
            ? code
            : throw new JsonException("An EPCI is its SIREN as a JSON string of nine digits, e.g. \"244400404\".");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, EpciCode value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}

/// <summary><see cref="DemandId"/> as a JSON string.</summary>
public sealed class DemandIdJsonConverter : JsonConverter<DemandId>
{
    /// <inheritdoc />
    public override DemandId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } id
            ? new DemandId(id)
            : throw new JsonException("An application id is a non-empty JSON string.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DemandId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value ?? string.Empty);
    }
}

/// <summary>
/// Enums whose values carry <see cref="TokenAttribute"/>: a plain enum as its token (<c>"under_occupation"</c>; the value
/// whose token is empty, such as <see cref="Reservataire.None"/>, as <c>null</c>), a <see cref="FlagsAttribute"/> enum as
/// the list of its tokens (<c>["dalo","l441_1"]</c>; none as <c>[]</c>). Reading accepts the same, case-insensitively.
/// </summary>
public sealed class TokenEnumJsonConverterFactory : JsonConverterFactory
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        return typeToConvert.IsEnum && typeToConvert.GetFields(BindingFlags.Public | BindingFlags.Static).Any(f => f.IsDefined(typeof(TokenAttribute)));
    }

    /// <inheritdoc />
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        var generic = typeToConvert.IsDefined(typeof(FlagsAttribute)) ? typeof(FlagsTokenConverter<>) : typeof(TokenConverter<>);
        return (JsonConverter)Activator.CreateInstance(generic.MakeGenericType(typeToConvert), nonPublic: true)!;
    }

    private sealed class TokenConverter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        public override bool HandleNull => true;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return Tokens<T>.TryParse(string.Empty, out var none) ? none : throw Expected();
            }

            return reader.TokenType == JsonTokenType.String && Tokens<T>.TryParse(reader.GetString(), out var value) ? value : throw Expected();
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            var token = Tokens<T>.Format(value);
            if (token.Length == 0)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue(token);
            }
        }

        private static JsonException Expected() =>
            new(string.Create(CultureInfo.InvariantCulture, $"Expected one of {string.Join(", ", Tokens<T>.Accepted.Select(t => '"' + t + '"'))}{(Tokens<T>.TryParse(string.Empty, out _) ? " or null" : string.Empty)}."));
    }

    private sealed class FlagsTokenConverter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw Expected();
            }

            var parts = new List<string>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String || reader.GetString() is not { Length: > 0 } s || s.Contains('|', StringComparison.Ordinal))
                {
                    throw Expected();
                }

                parts.Add(s);
            }

            return Tokens<T>.TryParseFlags(string.Join('|', parts), out var value, out _) ? value : throw Expected();
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var token in Tokens<T>.FormatFlags(value).Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                writer.WriteStringValue(token);
            }

            writer.WriteEndArray();
        }

        private static JsonException Expected() =>
            new($"Expected a list of {string.Join(", ", Tokens<T>.Accepted.Select(t => '"' + t + '"'))}, e.g. [\"{Tokens<T>.Accepted[0]}\"].");
    }
}
