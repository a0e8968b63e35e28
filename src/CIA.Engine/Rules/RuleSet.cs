using System.Collections.Frozen;
using System.Collections.Immutable;

namespace CIA.Engine.Rules;

/// <summary>
/// A validated, immutable set of rules over one facts type, evaluated in declaration order.
/// <see cref="Evaluate"/> allocates nothing: it returns a bit mask. <see cref="Explain"/> turns a mask into
/// the fired rules with their reasons, when a person needs to read them.
/// </summary>
/// <typeparam name="TFacts">The facts type.</typeparam>
public sealed class RuleSet<TFacts>
{
    private readonly RuleCondition<TFacts>[] _conditions;
    private readonly RuleReason<TFacts>[] _reasons;
    private readonly FrozenDictionary<string, int> _indexById;

    internal RuleSet(string name, ImmutableArray<RuleDefinition> rules, RuleCondition<TFacts>[] conditions, RuleReason<TFacts>[] reasons)
    {
        Name = name;
        Rules = rules;
        _conditions = conditions;
        _reasons = reasons;
        _indexById = rules.Select((r, i) => (r.Id, i)).ToFrozenDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>The rule set's name.</summary>
    public string Name { get; }

    /// <summary>The rules, in evaluation order.</summary>
    public ImmutableArray<RuleDefinition> Rules { get; }

    /// <summary>Evaluates every rule against the facts.</summary>
    public FiredRules Evaluate(in TFacts facts)
    {
        ulong mask = 0;
        var conditions = _conditions;
        for (var i = 0; i < conditions.Length; i++)
        {
            if (conditions[i](in facts))
            {
                mask |= 1UL << i;
            }
        }

        return new FiredRules(mask);
    }

    /// <summary>The rules of a mask with their reasons for these facts, in evaluation order.</summary>
    public ImmutableArray<RuleFiring> Explain(in TFacts facts, FiredRules fired)
    {
        var builder = ImmutableArray.CreateBuilder<RuleFiring>(fired.Count);
        for (var i = 0; i < _conditions.Length; i++)
        {
            if (fired.Contains(i))
            {
                builder.Add(new RuleFiring(Rules[i], _reasons[i](in facts)));
            }
        }

        return builder.MoveToImmutable();
    }

    /// <summary>The index of a rule in evaluation order.</summary>
    /// <exception cref="KeyNotFoundException">No rule with that id.</exception>
    public int IndexOf(string ruleId) =>
        _indexById.TryGetValue(ruleId, out var i) ? i : throw new KeyNotFoundException($"Rule set '{Name}' has no rule '{ruleId}'.");

    /// <summary>The mask of one rule.</summary>
    public ulong MaskOf(string ruleId) => 1UL << IndexOf(ruleId);

    /// <summary>The mask of all rules whose id starts with a prefix (e.g. <c>PRIO-1-</c>).</summary>
    public ulong MaskOfPrefix(string prefix)
    {
        ulong mask = 0;
        for (var i = 0; i < Rules.Length; i++)
        {
            if (Rules[i].Id.StartsWith(prefix, StringComparison.Ordinal))
            {
                mask |= 1UL << i;
            }
        }

        return mask;
    }

    /// <summary>The ids of the fired rules, <c>|</c>-separated, in evaluation order.</summary>
    public string FiredIds(FiredRules fired)
    {
        var ids = new List<string>(fired.Count);
        for (var i = 0; i < Rules.Length; i++)
        {
            if (fired.Contains(i))
            {
                ids.Add(Rules[i].Id);
            }
        }

        return string.Join('|', ids);
    }
}
