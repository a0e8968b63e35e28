using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace CIA.Engine.Rules;

/// <summary>
/// Authors a <see cref="RuleSet{TFacts}"/>: declare rules one by one, then <see cref="Build"/> validates them
/// all at once (ids unique and well formed, title, reference, condition and reason present, at most 64 rules).
/// </summary>
/// <typeparam name="TFacts">The facts type.</typeparam>
/// <example>
/// <code>
/// var rules = new RuleSetBuilder&lt;MyFacts&gt;("example");
/// rules.Rule("EX-1").Title("Adult").Reference("Code civil art. 414")
///      .When((in MyFacts f) =&gt; f.Age &gt;= 18).Because((in MyFacts f) =&gt; $"aged {f.Age}");
/// var set = rules.Build();
/// </code>
/// </example>
internal sealed partial class RuleSetBuilder<TFacts>
{
    /// <summary>The most rules a set can hold: fired rules are a 64-bit mask.</summary>
    public const int MaxRules = 64;

    private readonly List<RuleBuilder<TFacts>> _rules = [];

    /// <summary>Starts a rule set.</summary>
    public RuleSetBuilder(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The rule set's name.</summary>
    public string Name { get; }

    /// <summary>Declares a rule; complete it with the returned builder.</summary>
    public RuleBuilder<TFacts> Rule(string id)
    {
        var rule = new RuleBuilder<TFacts>(id);
        _rules.Add(rule);
        return rule;
    }

    /// <summary>Validates every rule and builds the immutable set.</summary>
    /// <exception cref="RuleSetValidationException">One or more problems, all listed.</exception>
    public RuleSet<TFacts> Build()
    {
        var problems = new List<string>();
        if (_rules.Count > MaxRules)
        {
            problems.Add($"{_rules.Count} rules: a rule set holds at most {MaxRules}.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _rules.Count; i++)
        {
            var r = _rules[i];
            var where = $"rule #{i + 1} '{r.Id}'";
            if (!IdPattern().IsMatch(r.Id ?? string.Empty))
            {
                problems.Add($"{where}: id must be upper-case words joined by '-', e.g. PRIO-1-DALO.");
            }
            else if (!seen.Add(r.Id!))
            {
                problems.Add($"{where}: id is used twice.");
            }

            if (string.IsNullOrWhiteSpace(r.TitleText))
            {
                problems.Add($"{where}: no title.");
            }

            if (string.IsNullOrWhiteSpace(r.ReferenceText))
            {
                problems.Add($"{where}: no reference (CIA section or legal article).");
            }

            if (r.Condition is null)
            {
                problems.Add($"{where}: no condition (When).");
            }

            if (r.Reason is null)
            {
                problems.Add($"{where}: no reason (Because).");
            }
        }

        if (problems.Count > 0)
        {
            throw new RuleSetValidationException(Name, problems);
        }

        var definitions = _rules.Select(r => new RuleDefinition(r.Id!, r.TitleText!, r.ReferenceText!, r.DescriptionText ?? r.TitleText!, Name)).ToImmutableArray();
        return new RuleSet<TFacts>(Name, definitions, [.. _rules.Select(r => r.Condition!)], [.. _rules.Select(r => r.Reason!)]);
    }

    [GeneratedRegex("^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")]
    private static partial Regex IdPattern();
}

/// <summary>Declares one rule of a <see cref="RuleSetBuilder{TFacts}"/>.</summary>
/// <typeparam name="TFacts">The facts type.</typeparam>
internal sealed class RuleBuilder<TFacts>
{
    internal RuleBuilder(string id) => Id = id;

    internal string? Id { get; }

    internal string? TitleText { get; private set; }

    internal string? ReferenceText { get; private set; }

    internal string? DescriptionText { get; private set; }

    internal RuleCondition<TFacts>? Condition { get; private set; }

    internal RuleReason<TFacts>? Reason { get; private set; }

    /// <summary>Sets the title.</summary>
    public RuleBuilder<TFacts> Title(string title)
    {
        TitleText = title;
        return this;
    }

    /// <summary>Sets the reference (CIA section or legal article).</summary>
    public RuleBuilder<TFacts> Reference(string reference)
    {
        ReferenceText = reference;
        return this;
    }

    /// <summary>Sets a one-sentence description.</summary>
    public RuleBuilder<TFacts> Description(string description)
    {
        DescriptionText = description;
        return this;
    }

    /// <summary>Sets the condition under which the rule fires.</summary>
    public RuleBuilder<TFacts> When(RuleCondition<TFacts> condition)
    {
        Condition = condition;
        return this;
    }

    /// <summary>Sets the reason given when the rule fires.</summary>
    public RuleBuilder<TFacts> Because(RuleReason<TFacts> reason)
    {
        Reason = reason;
        return this;
    }
}

/// <summary>A rule set that does not validate; lists every problem.</summary>
public sealed class RuleSetValidationException : Exception
{
    /// <summary>Creates the error.</summary>
    public RuleSetValidationException(string ruleSet, IReadOnlyList<string> problems)
        : base($"Rule set '{ruleSet}' is invalid:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems)) => Problems = problems;

    /// <summary>Creates the error.</summary>
    public RuleSetValidationException()
        : this("(unnamed)", [])
    {
    }

    /// <summary>Creates the error.</summary>
    public RuleSetValidationException(string message)
        : base(message) => Problems = [message];

    /// <summary>Creates the error.</summary>
    public RuleSetValidationException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Problems { get; }
}
