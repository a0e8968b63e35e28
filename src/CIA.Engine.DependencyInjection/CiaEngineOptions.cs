namespace CIA.Engine.DependencyInjection;

/// <summary>
/// What <see cref="Microsoft.Extensions.DependencyInjection.CiaEngineServiceCollectionExtensions.AddCiaEngine"/> loads: the policy, and figures added to the
/// built-in ones. Every file is read once, when the engine is first resolved; a file with errors makes that
/// resolution throw (<see cref="Policy.PolicyException"/> or <see cref="IO.InputException"/>, listing every problem
/// with its line and column). Bindable from configuration (e.g. a <c>"CiaEngine"</c> section).
/// </summary>
/// <remarks>Options are read once; changing them after the engine is resolved has no effect.</remarks>
public sealed class CiaEngineOptions
{
    /// <summary>A policy YAML file (docs/policy-file.md); null or empty for the built-in Nantes Métropole policy.</summary>
    public string? PolicyFile { get; set; }

    /// <summary>
    /// Files of published quartile thresholds (docs/formats.md, <c>--thresholds</c> of the CLI), applied in order;
    /// they replace built-in thresholds for the same EPCI and year.
    /// </summary>
    public IList<string> ThresholdFiles { get; } = [];

    /// <summary>Files of PLUS ceilings (docs/formats.md, <c>--plus-ceilings</c>), taking precedence over the built-in ones for the periods they cover.</summary>
    public IList<string> PlusCeilingFiles { get; } = [];

    /// <summary>Files of APL rent ceilings (docs/formats.md, <c>--apl-ceilings</c>), taking precedence over the built-in ones for the periods they cover.</summary>
    public IList<string> AplCeilingFiles { get; } = [];

    /// <summary>Quartile thresholds given in code, applied after the files (same rule: they replace built-in ones for the same EPCI and year).</summary>
    public IList<Parameters.QuartileThresholds> Thresholds { get; } = [];
}
