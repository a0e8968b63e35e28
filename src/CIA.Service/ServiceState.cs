using System.Collections.Concurrent;
using System.Collections.Immutable;
using CIA.Engine.Classification;
using CIA.Engine.Parameters;
using CIA.Engine.Rules;

namespace CIA.Service;

/// <summary>What every request reads: the classifier, the years resolved so far, the catalogues. Immutable or thread-safe.</summary>
internal sealed class ServiceState
{
    private readonly ConcurrentDictionary<int, ClassificationYear> _years = new();

    public ServiceState(HouseholdClassifier classifier, ServiceOptions options)
    {
        Classifier = classifier;
        Options = options;
        Rules = [.. RuleCatalogue.All(classifier.Policy).Select(r => new RuleView(r.Id, r.RuleSet, r.Title, r.Reference, r.Description))];
        Parameters = ParameterCatalogue.All(classifier.Parameters);
    }

    public HouseholdClassifier Classifier { get; }

    public ServiceOptions Options { get; }

    public ImmutableArray<RuleView> Rules { get; }

    public ImmutableArray<ParameterEntry> Parameters { get; }

    /// <summary>The year resolved with the policy's published thresholds, once per year (a few hundred years at most).</summary>
    /// <exception cref="ParameterNotCoveredException">No thresholds or ceilings for that year.</exception>
    public ClassificationYear Year(int year) => _years.TryGetValue(year, out var y) ? y : _years.GetOrAdd(year, Classifier.ForYear(year));
}
