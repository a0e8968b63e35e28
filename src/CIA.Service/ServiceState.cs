using System.Collections.Concurrent;
using System.Collections.Immutable;
using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.Parameters;
using CIA.Engine.Rules;

namespace CIA.Service;

/// <summary>What every request reads: the classifier, the years resolved so far, the catalogues. Immutable or thread-safe.</summary>
internal sealed class ServiceState
{
    private readonly ConcurrentDictionary<(string Epci, int Year), ClassificationYear> _years = new();

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

    /// <summary>The year resolved with the policy's published thresholds, once per year (a few hundred years at most, per EPCI asked).</summary>
    /// <exception cref="ParameterNotCoveredException">No thresholds or ceilings for that year.</exception>
    public ClassificationYear Year(int year) => Year(year, Classifier.Policy.Epci);

    /// <summary>
    /// The year resolved with <paramref name="epci"/>'s published thresholds (the <c>epci</c> query parameter), once per
    /// EPCI and year: the policy's rules with another EPCI's first-quartile threshold and quartiles.
    /// </summary>
    /// <exception cref="ParameterNotCoveredException">No thresholds for that EPCI and year, or no ceilings for the year.</exception>
    public ClassificationYear Year(int year, EpciCode epci)
    {
        var key = (epci.Value, year);
        if (_years.TryGetValue(key, out var y))
        {
            return y;
        }

        var classifier = epci == Classifier.Policy.Epci ? Classifier : new HouseholdClassifier(Classifier.Policy with { Epci = epci }, Classifier.Parameters);
        return _years.GetOrAdd(key, classifier.ForYear(year));
    }
}
