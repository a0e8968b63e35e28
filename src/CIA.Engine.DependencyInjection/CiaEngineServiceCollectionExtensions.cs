using CIA.Engine.Classification;
using CIA.Engine.DependencyInjection;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// The conventional namespace for IServiceCollection extensions, so that AddCiaEngine is found without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers CIA.Engine with a service collection.</summary>
public static class CiaEngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers, as singletons: the <see cref="CiaPolicy"/> (the options' policy file, or the built-in Nantes
    /// Métropole policy), the <see cref="ParameterSet"/> (the built-in sourced figures plus the options' thresholds
    /// and ceilings), the engine's <see cref="HouseholdClassifier"/> and the mockable <see cref="IHouseholdClassifier"/>,
    /// which logs through <see cref="ILogger{TCategoryName}"/> when logging is registered (never a household's fields).
    /// All are immutable and thread-safe. Registrations already present are kept (TryAdd), so a test can put its
    /// own <see cref="IHouseholdClassifier"/> first.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (policy file, extra thresholds and ceilings); null for the built-in policy and figures.</param>
    /// <returns>The service collection.</returns>
    /// <remarks>
    /// Files are read when the policy or parameters are first resolved; errors then surface as
    /// <see cref="PolicyException"/> or <see cref="InputException"/> listing every problem.
    /// </remarks>
    public static IServiceCollection AddCiaEngine(this IServiceCollection services, Action<CiaEngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<CiaEngineOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(sp => LoadPolicy(sp.GetRequiredService<IOptions<CiaEngineOptions>>().Value));
        services.TryAddSingleton(sp => LoadParameters(sp.GetRequiredService<IOptions<CiaEngineOptions>>().Value));
        services.TryAddSingleton(sp => new HouseholdClassifier(sp.GetRequiredService<CiaPolicy>(), sp.GetRequiredService<ParameterSet>()));
        services.TryAddSingleton<IHouseholdClassifier>(sp => new LoggingHouseholdClassifier(
            sp.GetRequiredService<HouseholdClassifier>(),
            sp.GetService<ILogger<LoggingHouseholdClassifier>>() ?? NullLogger<LoggingHouseholdClassifier>.Instance));
        return services;
    }

    private static CiaPolicy LoadPolicy(CiaEngineOptions options) =>
        string.IsNullOrWhiteSpace(options.PolicyFile) ? PolicyLoader.LoadDefault() : PolicyLoader.LoadFile(options.PolicyFile);

    private static ParameterSet LoadParameters(CiaEngineOptions options)
    {
        var parameters = BuiltInParameters.Create();
        foreach (var file in options.ThresholdFiles)
        {
            parameters = parameters.WithQuartileThresholds(ThresholdCsv.ReadFile(file));
        }

        if (options.Thresholds.Count > 0)
        {
            parameters = parameters.WithQuartileThresholds(options.Thresholds);
        }

        foreach (var file in options.PlusCeilingFiles)
        {
            parameters = PlusCeilingCsv.Apply(parameters, PlusCeilingCsv.ReadFile(file));
        }

        foreach (var file in options.AplCeilingFiles)
        {
            parameters = AplCeilingCsv.Apply(parameters, AplCeilingCsv.ReadFile(file));
        }

        return parameters;
    }
}
