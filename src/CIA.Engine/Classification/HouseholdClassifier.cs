using System.Collections.Immutable;
using CIA.Engine.Domain;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Quartiles;
using CIA.Engine.Rules;
using CIA.Engine.Tables;

namespace CIA.Engine.Classification;

/// <summary>The outcome of classifying one application: a small struct, no allocation.</summary>
/// <param name="Uc">Consumption units.</param>
/// <param name="ResourcesPerUc">Annual resources per UC.</param>
/// <param name="Quartile">1 to 4.</param>
/// <param name="Criteria">The priority criteria that hold (they can cumulate).</param>
/// <param name="IsTargetHousehold">A ménage cible.</param>
/// <param name="PlusCategory">PLUS category used (after the disability upgrade).</param>
/// <param name="Fired">The rules that fired; <see cref="HouseholdClassifier.Explain(Application, ClassificationYear)"/> gives their reasons.</param>
/// <remarks>Thread-safe: an immutable value.</remarks>
public readonly record struct HouseholdClassification(
    ConsumptionUnits Uc,
    ResourcesPerUc ResourcesPerUc,
    int Quartile,
    PriorityCriteria Criteria,
    bool IsTargetHousehold,
    int PlusCategory,
    FiredRules Fired)
{
    /// <summary>A priority household: at least one criterion holds.</summary>
    public bool IsPriority => Criteria != PriorityCriteria.None;
}

/// <summary>
/// Classifies applications under a policy: priority household (which criteria), quartile, ménage cible, with
/// the rules that fired. Build once per policy; resolve a year once with <see cref="ForYear(int)"/> (or, when the
/// policy computes its thresholds from the demand, <see cref="ForYear(int, DemandTable)"/>); then
/// <see cref="Classify(in HouseholdInput, ClassificationYear)"/> can be called millions of times without allocating.
/// Immutable after construction: one instance can serve many threads.
/// </summary>
/// <example>
/// <code>
/// var classifier = new HouseholdClassifier(PolicyLoader.LoadDefault(), BuiltInParameters.Create());
/// var year = classifier.ForYear(2025);
/// var result = classifier.Classify(application, year);
/// foreach (var firing in classifier.Explain(application, year)) Console.WriteLine(firing);
/// </code>
/// </example>
/// <remarks>Thread-safe: immutable once built, so one instance serves any number of threads at once (build it once per policy and share it; building parses and checks the rule set).</remarks>
public sealed class HouseholdClassifier
{
    /// <summary>Earliest year the engine resolves.</summary>
    public const int MinYear = 1900;

    /// <summary>Latest year the engine resolves.</summary>
    public const int MaxYear = 2199;

    private readonly ulong _prefectoral;
    private readonly ulong _mutation;
    private readonly ulong _renewal;
    private readonly ulong _firstQuartilePriority;
    private readonly ulong _q1;
    private readonly ulong _q2;
    private readonly ulong _q3;
    private readonly ulong _target;

    /// <summary>Builds the rule set of a policy.</summary>
    /// <exception cref="PolicyException">The policy is not valid.</exception>
    /// <exception cref="ParameterNotCoveredException">The policy's EPCI has communes in Île-de-France but the policy leaves <c>plus_region</c> at "autres régions".</exception>
    public HouseholdClassifier(CiaPolicy policy, ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(parameters);
        var problems = PolicyValidator.Validate(policy);
        if (problems.Count > 0)
        {
            throw new PolicyException(policy.Name, problems);
        }

        CheckPlusRegion(policy, parameters);
        Policy = policy;
        Parameters = parameters;
        Rules = HouseholdRules.Build(policy);
        _prefectoral = Rules.MaskOfPrefix("PRIO-1-");
        _mutation = Rules.MaskOfPrefix("PRIO-2-");
        _renewal = Rules.MaskOfPrefix("PRIO-3-");
        _firstQuartilePriority = Rules.MaskOf("PRIO-4-FIRST-QUARTILE");
        _q1 = Rules.MaskOf("HH-QUARTILE-1");
        _q2 = Rules.MaskOf("HH-QUARTILE-2");
        _q3 = Rules.MaskOf("HH-QUARTILE-3");
        _target = Rules.MaskOf("TARGET-HOUSEHOLD");
    }

    /// <summary>The policy.</summary>
    public CiaPolicy Policy { get; }

    /// <summary>The parameters.</summary>
    public ParameterSet Parameters { get; }

    /// <summary>The household rule set.</summary>
    internal RuleSet<HouseholdFacts> Rules { get; }

    /// <summary>Resolves a year with the published thresholds of the policy's EPCI.</summary>
    /// <exception cref="ParameterNotCoveredException">No thresholds or PLUS ceilings known for that year.</exception>
    /// <exception cref="InvalidOperationException">The policy computes its thresholds from the demand: use <see cref="ForYear(int, DemandTable)"/>.</exception>
    public ClassificationYear ForYear(int year)
    {
        if (Policy.Quartiles.Thresholds == ThresholdSource.Computed)
        {
            throw new InvalidOperationException(
                $"The policy '{Policy.Name}' computes its quartile thresholds from the demand (quartiles.thresholds: computed): resolve the year with ForYear(year, demand).");
        }

        CheckYear(year);
        var t = Parameters.QuartilesFor(Policy.Epci, year);
        return WithThresholds(year, t.Q1, t.Q2, t.Q3, t.Source);
    }

    /// <summary>Resolves a year as the policy says: published thresholds, or thresholds computed from this demand.</summary>
    /// <exception cref="ParameterNotCoveredException">No figures for that year, or thresholds to compute from an empty demand.</exception>
    public ClassificationYear ForYear(int year, DemandTable demand)
    {
        ArgumentNullException.ThrowIfNull(demand);
        if (Policy.Quartiles.Thresholds == ThresholdSource.Published)
        {
            return ForYear(year);
        }

        CheckYear(year);
        return ForYear(year, QuartileCalculator.Compute(demand, Parameters.UcScale.At(new DateOnly(year, 1, 1)).Value));
    }

    /// <summary>Resolves a year as the policy says: published thresholds, or thresholds computed from these applications.</summary>
    /// <exception cref="ParameterNotCoveredException">No figures for that year, or thresholds to compute from no application.</exception>
    public ClassificationYear ForYear(int year, IReadOnlyCollection<Application> applications)
    {
        ArgumentNullException.ThrowIfNull(applications);
        if (Policy.Quartiles.Thresholds == ThresholdSource.Published)
        {
            return ForYear(year);
        }

        CheckYear(year);
        return ForYear(year, QuartileCalculator.Compute(applications, Parameters.UcScale.At(new DateOnly(year, 1, 1)).Value));
    }

    /// <summary>Resolves a year with thresholds computed from a demand file (SNE method).</summary>
    public ClassificationYear ForYear(int year, ComputedQuartiles computed)
    {
        ArgumentNullException.ThrowIfNull(computed);
        return WithThresholds(year, computed.Q1.Rounded, computed.Q2.Rounded, computed.Q3.Rounded, $"computed from {computed.Count} applications (SNE method, docs/rules.md)");
    }

    /// <summary>Resolves a year with given thresholds.</summary>
    /// <exception cref="ParameterNotCoveredException">No PLUS ceilings or UC scale known for that year.</exception>
    public ClassificationYear WithThresholds(int year, Euros q1, Euros q2, Euros q3, string source)
    {
        CheckYear(year);
        if (!(q1 <= q2 && q2 <= q3))
        {
            throw new ArgumentException($"Thresholds must be in order: Q1 {q1} ≤ Q2 {q2} ≤ Q3 {q3}.", nameof(q1));
        }

        var date = new DateOnly(year, 1, 1);
        return new ClassificationYear(this, year, q1, q2, q3, source, Parameters.PlusCeilingsOf(Policy.PlusRegion).At(date), Parameters.UcScale.At(date).Value);
    }

    /// <summary>The facts the rules read for an application's values in a year.</summary>
    /// <exception cref="ArgumentException">The year was resolved by another classifier.</exception>
    internal HouseholdFacts Facts(in HouseholdInput household, ClassificationYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        if (!ReferenceEquals(year.Owner, this))
        {
            throw new ArgumentException($"This year was resolved by another classifier (policy '{year.Owner.Policy.Name}'): resolve it with this classifier's ForYear, so that one policy decides.", nameof(year));
        }

        return new HouseholdFacts(in household, year, Policy.TargetHouseholds);
    }

    /// <summary>Classifies one application.</summary>
    public HouseholdClassification Classify(Application application, ClassificationYear year)
    {
        var facts = Facts(HouseholdInput.Of(application), year);
        return Classify(in facts);
    }

    /// <summary>Classifies an application's values (e.g. a row of a <see cref="DemandTable"/>) without allocating.</summary>
    public HouseholdClassification Classify(in HouseholdInput household, ClassificationYear year)
    {
        var facts = Facts(in household, year);
        return Classify(in facts);
    }

    /// <summary>Classifies from facts already derived.</summary>
    internal HouseholdClassification Classify(in HouseholdFacts facts)
    {
        if (!ReferenceEquals(facts.Year?.Owner, this))
        {
            throw new ArgumentException("These facts were built for another classifier (or are empty): build them with this classifier's Facts.", nameof(facts));
        }

        var fired = Rules.Evaluate(in facts);
        var criteria = PriorityCriteria.None;
        if (fired.Any(_prefectoral))
        {
            criteria |= PriorityCriteria.Prefectoral;
        }

        if (fired.Any(_mutation))
        {
            criteria |= PriorityCriteria.Mutation;
        }

        if (fired.Any(_renewal))
        {
            criteria |= PriorityCriteria.UrbanRenewal;
        }

        if (fired.Any(_firstQuartilePriority))
        {
            criteria |= PriorityCriteria.FirstQuartile;
        }

        var quartile = fired.Any(_q1) ? 1 : fired.Any(_q2) ? 2 : fired.Any(_q3) ? 3 : 4;
        return new HouseholdClassification(facts.Uc, facts.ResourcesPerUc, quartile, criteria, fired.Any(_target), facts.Category, fired);
    }

    /// <summary>The rules that fired for an application, with their reasons and references.</summary>
    public ImmutableArray<RuleFiring> Explain(Application application, ClassificationYear year) => Explain(HouseholdInput.Of(application), year);

    /// <summary>The rules that fired for an application's values, with their reasons and references.</summary>
    public ImmutableArray<RuleFiring> Explain(in HouseholdInput household, ClassificationYear year)
    {
        var facts = Facts(in household, year);
        return Rules.Explain(in facts, Rules.Evaluate(in facts));
    }

    private static void CheckYear(int year)
    {
        if (year is < MinYear or > MaxYear)
        {
            throw new ParameterNotCoveredException($"{year} is not a year the engine can resolve: give a year from {MinYear} to {MaxYear}.");
        }
    }

    // The PLUS ceilings differ in Île-de-France: an EPCI whose known communes lie there must not silently get the
    // "autres régions" figures because its policy left plus_region at its default. Which of the two Île-de-France zones
    // the EPCI's households are measured against is the policy's choice (an EPCI may span both); the message says
    // which zone its communes are in.
    private static void CheckPlusRegion(CiaPolicy policy, ParameterSet parameters)
    {
        if (policy.PlusRegion != PlusRegion.OtherRegions)
        {
            return;
        }

        var inIdf = parameters.CommunesOf(policy.Epci).Where(PlusRegions.InIleDeFrance).ToList();
        if (inIdf.Count > 0)
        {
            throw new ParameterNotCoveredException(
                $"EPCI {policy.Epci} has communes in Île-de-France ({string.Join(", ", inIdf.Take(3))}{(inIdf.Count > 3 ? ", …" : string.Empty)}), where the PLUS ceilings are not those of 'autres régions': set plus_region in the policy ({Suggest(inIdf)}).");
        }
    }

    private static string Suggest(List<CommuneCode> inIdf)
    {
        var paris = inIdf.Count(PlusRegions.InParisOrAdjacent);
        return paris == inIdf.Count
            ? "paris_and_adjacent: its communes in Île-de-France are Paris or adjacent to it"
            : paris == 0
                ? "ile_de_france: none of its communes is Paris or adjacent to it"
                : $"ile_de_france or paris_and_adjacent: {paris} of its {inIdf.Count} communes in Île-de-France are Paris or adjacent to it";
    }
}
