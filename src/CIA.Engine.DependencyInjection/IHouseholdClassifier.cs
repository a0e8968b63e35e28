using System.Collections.Immutable;
using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.Rules;

namespace CIA.Engine.DependencyInjection;

/// <summary>
/// Classifies applications under the configured CIA policy: the service <see cref="Microsoft.Extensions.DependencyInjection.CiaEngineServiceCollectionExtensions.AddCiaEngine"/>
/// registers, and the seam to mock in a landlord system's own tests.
/// </summary>
/// <remarks>
/// The registered implementation is a singleton and thread-safe: any number of threads may call it at once (it
/// holds only immutable state; the quartile thresholds of each year are resolved once and shared).
/// </remarks>
public interface IHouseholdClassifier
{
    /// <summary>The policy's name (e.g. the EPCI whose convention it encodes).</summary>
    string PolicyName { get; }

    /// <summary>Resolves a year: its published quartile thresholds and PLUS ceilings.</summary>
    /// <exception cref="Parameters.ParameterNotCoveredException">No figures for that year.</exception>
    ClassificationYear ForYear(int year);

    /// <summary>Classifies an application in a year.</summary>
    /// <exception cref="Parameters.ParameterNotCoveredException">No figures for that year.</exception>
    HouseholdClassification Classify(Application application, int year);

    /// <summary>Classifies an application in a resolved year.</summary>
    HouseholdClassification Classify(Application application, ClassificationYear year);

    /// <summary>Why: every rule that fired for the application, with its reason and legal reference.</summary>
    /// <exception cref="Parameters.ParameterNotCoveredException">No figures for that year.</exception>
    ImmutableArray<RuleFiring> Explain(Application application, int year);

    /// <summary>Why, in a resolved year.</summary>
    ImmutableArray<RuleFiring> Explain(Application application, ClassificationYear year);
}
