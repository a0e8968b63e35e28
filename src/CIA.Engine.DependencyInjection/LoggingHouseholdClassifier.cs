using System.Collections.Concurrent;
using System.Collections.Immutable;
using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.Rules;
using Microsoft.Extensions.Logging;

namespace CIA.Engine.DependencyInjection;

/// <summary>
/// The registered <see cref="IHouseholdClassifier"/>: the engine's <see cref="HouseholdClassifier"/>, each year
/// resolved once, and logs that hold only what is not personal: the policy, the year, the source of the thresholds,
/// counts and the type of an exception. Never an application's id or any field, never an exception's message (which
/// may quote a value).
/// </summary>
internal sealed partial class LoggingHouseholdClassifier : IHouseholdClassifier
{
    private readonly HouseholdClassifier _classifier;
    private readonly ILogger<LoggingHouseholdClassifier> _logger;
    private readonly ConcurrentDictionary<int, ClassificationYear> _years = new();

    public LoggingHouseholdClassifier(HouseholdClassifier classifier, ILogger<LoggingHouseholdClassifier> logger)
    {
        _classifier = classifier;
        _logger = logger;
        Ready(_logger, classifier.Policy.Name, classifier.Policy.Epci);
    }

    public string PolicyName => _classifier.Policy.Name;

    public ClassificationYear ForYear(int year)
    {
        if (_years.TryGetValue(year, out var resolved))
        {
            return resolved;
        }

        try
        {
            resolved = _years.GetOrAdd(year, _classifier.ForYear);
        }
        catch (Exception e)
        {
            YearFailed(_logger, year, e.GetType().Name);
            throw;
        }

        YearResolved(_logger, year, resolved.ThresholdSource);
        return resolved;
    }

    public HouseholdClassification Classify(Application application, int year) => Classify(application, ForYear(year));

    public HouseholdClassification Classify(Application application, ClassificationYear year)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(year);
        try
        {
            var result = _classifier.Classify(application, year);
            Classified(_logger, year.Year);
            return result;
        }
        catch (Exception e)
        {
            ClassifyFailed(_logger, year.Year, e.GetType().Name);
            throw;
        }
    }

    public ImmutableArray<RuleFiring> Explain(Application application, int year) => Explain(application, ForYear(year));

    public ImmutableArray<RuleFiring> Explain(Application application, ClassificationYear year)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(year);
        try
        {
            var firings = _classifier.Explain(application, year);
            Explained(_logger, year.Year, firings.Length);
            return firings;
        }
        catch (Exception e)
        {
            ClassifyFailed(_logger, year.Year, e.GetType().Name);
            throw;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "CIA engine ready: policy '{Policy}' (EPCI {Epci})")]
    private static partial void Ready(ILogger logger, string policy, EpciCode epci);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Year {Year} resolved; quartile thresholds from {Source}")]
    private static partial void YearResolved(ILogger logger, int year, string source);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Year {Year} could not be resolved ({ExceptionType})")]
    private static partial void YearFailed(ILogger logger, int year, string exceptionType);

    [LoggerMessage(EventId = 4, Level = LogLevel.Trace, Message = "An application was classified for {Year}")]
    private static partial void Classified(ILogger logger, int year);

    [LoggerMessage(EventId = 5, Level = LogLevel.Trace, Message = "An application was explained for {Year}: {Firings} rules fired")]
    private static partial void Explained(ILogger logger, int year, int firings);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "An application could not be classified for {Year} ({ExceptionType})")]
    private static partial void ClassifyFailed(ILogger logger, int year, string exceptionType);
}
