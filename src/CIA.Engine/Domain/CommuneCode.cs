namespace CIA.Engine.Domain;

/// <summary>A commune's INSEE code (code officiel géographique): five characters, digits or 2A/2B for Corsica.</summary>
public readonly record struct CommuneCode
{
    private CommuneCode(string value) => Value = value;

    /// <summary>The five-character code, e.g. <c>44109</c> for Nantes.</summary>
    public string Value { get; }

    /// <summary>Parses a code; false when it is not five characters of the INSEE form.</summary>
    public static bool TryParse(string? text, out CommuneCode code)
    {
        code = default;
        if (text is null)
        {
            return false;
        }

        var t = text.Trim();
        if (t.Length != 5)
        {
            return false;
        }

        var corsica = t[0] == '2' && (t[1] is 'A' or 'B' or 'a' or 'b');
        for (var i = corsica ? 2 : 0; i < 5; i++)
        {
            if (!char.IsAsciiDigit(t[i]))
            {
                return false;
            }
        }

        code = new CommuneCode(t.ToUpperInvariant());
        return true;
    }

    /// <summary>Parses a code or throws.</summary>
    /// <exception cref="FormatException">Not an INSEE commune code.</exception>
    public static CommuneCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not an INSEE commune code (five characters, e.g. 44109).");

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>An EPCI's SIREN number (nine digits), e.g. <c>244400404</c> for Nantes Métropole.</summary>
public readonly record struct EpciCode
{
    private EpciCode(string value) => Value = value;

    /// <summary>The nine-digit SIREN.</summary>
    public string Value { get; }

    /// <summary>Parses a SIREN; false unless nine digits.</summary>
    public static bool TryParse(string? text, out EpciCode code)
    {
        code = default;
        var t = text?.Trim();
        if (t is null || t.Length != 9 || !t.All(char.IsAsciiDigit))
        {
            return false;
        }

        code = new EpciCode(t);
        return true;
    }

    /// <summary>Parses a SIREN or throws.</summary>
    /// <exception cref="FormatException">Not nine digits.</exception>
    public static EpciCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not an EPCI SIREN (nine digits, e.g. 244400404).");

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
