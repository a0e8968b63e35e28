using System.Collections.Immutable;
using CIA.Engine.Domain;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Quartiles;
using CIA.Engine.Rules;

namespace CIA.Engine.Classification;

/// <summary>The outcome of classifying one application: a small struct, no allocation.</summary>
/// <param name="Uc">Consumption units.</param>
/// <param name="ResourcesPerUc">Annual resources per UC.</param>
/// <param name="Quartile">1 to 4.</param>
/// <param name="Criteria">The priority criteria that hold (they can cumulate).</param>
/// <param name="IsTargetHousehold">A ménage cible.</param>
/// <param name="PlusCategory">PLUS category used (after the disability upgrade).</param>
/// <param name="Fired">The rules that fired; <see cref="HouseholdClassifier.Explain"/> gives their reasons.</param>
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
/// the rules that fired. Build once per policy; resolve a year once with <see cref="ForYear(int)"/>; then
/// <see cref="Classify(Application, ClassificationYear)"/> can be called millions of times without allocating.
/// </summary>
/// <example>
/// <code>
/// var classifier = new HouseholdClassifier(PolicyLoader.LoadDefault(), BuiltInParameters.Create());
/// var year = classifier.ForYear(2025);
/// var result = classifier.Classify(application, year);
/// foreach (var firing in classifier.Explain(application, year)) Console.WriteLine(firing);
/// </code>
/// </example>
public sealed class HouseholdClassifier
{
    private readonly ulong _prefectoral;
    private readonly ulong _mutation;
    private readonly ulong _renewal;
    private readonly ulong _firstQuartilePriority;
    private readonly ulong _q1;
    private readonly ulong _q2;
    private readonly ulong _q3;
    private readonly ulong _target;

    /// <summary>Builds the rule set of a policy.</summary>
    public HouseholdClassifier(CiaPolicy policy, ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(parameters);
        var problems = PolicyValidator.Validate(policy);
        if (problems.Count > 0)
        {
            throw new PolicyException(policy.Name, problems);
        }

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
    public RuleSet<HouseholdFacts> Rules { get; }

    /// <summary>Resolves a year with the published thresholds of the policy's EPCI.</summary>
    /// <exception cref="ParameterNotCoveredException">No thresholds or PLUS ceilings known for that year.</exception>
    public ClassificationYear ForYear(int year)
    {
        var t = Parameters.QuartilesFor(Policy.Epci, year);
        return WithThresholds(year, t.Q1, t.Q2, t.Q3, t.Source);
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
        if (!(q1 <= q2 && q2 <= q3))
        {
            throw new ArgumentException($"Thresholds must be in order: Q1 {q1} ≤ Q2 {q2} ≤ Q3 {q3}.", nameof(q1));
        }

        var date = new DateOnly(year, 1, 1);
        return new ClassificationYear(Policy, year, q1, q2, q3, source, Parameters.PlusCeilings.At(date), Parameters.UcScale.At(date).Value);
    }

    /// <summary>Classifies one application.</summary>
    public HouseholdClassification Classify(Application application, ClassificationYear year)
    {
        var facts = new HouseholdFacts(application, year);
        return Classify(in facts);
    }

    /// <summary>Classifies from facts already derived.</summary>
    public HouseholdClassification Classify(in HouseholdFacts facts)
    {
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
    public ImmutableArray<RuleFiring> Explain(Application application, ClassificationYear year)
    {
        var facts = new HouseholdFacts(application, year);
        return Rules.Explain(in facts, Rules.Evaluate(in facts));
    }
}
