namespace CIA.Engine.Domain;

/// <summary>The pseudonymous id of an application (demande); never a name or a real register number in examples.</summary>
/// <param name="Value">The id as written in the demand file.</param>
public readonly record struct DemandId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>A dwelling id (RPLS number or the landlord's own id).</summary>
/// <param name="Value">The id as written in the stock file.</param>
public readonly record struct DwellingId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>A programme (residence, ensemble immobilier) id: the unit of the occupancy survey.</summary>
/// <param name="Value">The id as written in the stock and programme files.</param>
public readonly record struct ProgrammeId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>A social landlord (bailleur) id.</summary>
/// <param name="Value">The id as written in the stock file.</param>
public readonly record struct LandlordId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>A QPV (quartier prioritaire de la politique de la ville) code or name as found in the stock file.</summary>
/// <param name="Value">The code, e.g. <c>QP044004</c> (2015 geography) or <c>QN04404M</c> (2024).</param>
public readonly record struct QpvCode(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
