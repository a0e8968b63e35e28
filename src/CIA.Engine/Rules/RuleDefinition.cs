using System.Numerics;

namespace CIA.Engine.Rules;

/// <summary>What a rule is, independent of how it is evaluated: the metadata an auditor reads.</summary>
/// <param name="Id">Stable id, e.g. <c>PRIO-1-DALO</c>.</param>
/// <param name="Title">One line, e.g. "DALO designation".</param>
/// <param name="Reference">The CIA section or legal article the rule encodes.</param>
/// <param name="Description">What the rule checks, in a sentence.</param>
/// <param name="RuleSet">The rule set it belongs to.</param>
public sealed record RuleDefinition(string Id, string Title, string Reference, string Description, string RuleSet);

/// <summary>A rule's condition over a facts structure, passed by reference so evaluation copies nothing.</summary>
/// <typeparam name="TFacts">The facts the rule reads.</typeparam>
public delegate bool RuleCondition<TFacts>(in TFacts facts);

/// <summary>The reason a rule gives when it fires, written for a person (applicant, CAL member, auditor).</summary>
/// <typeparam name="TFacts">The facts the rule reads.</typeparam>
public delegate string RuleReason<TFacts>(in TFacts facts);

/// <summary>The set of rules that fired in one evaluation, as a bit mask over the rule set's order (at most 64 rules).</summary>
/// <param name="Mask">Bit <c>i</c> set when rule <c>i</c> fired.</param>
public readonly record struct FiredRules(ulong Mask)
{
    /// <summary>Whether the rule at an index fired.</summary>
    public bool Contains(int index) => (Mask & (1UL << index)) != 0;

    /// <summary>Whether any rule of a mask fired.</summary>
    public bool Any(ulong mask) => (Mask & mask) != 0;

    /// <summary>How many rules fired.</summary>
    public int Count => BitOperations.PopCount(Mask);
}

/// <summary>One rule that fired, with the reason it gives for these facts.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Reason">Why it fired.</param>
public sealed record RuleFiring(RuleDefinition Rule, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Rule.Id}: {Reason} ({Rule.Reference})";
}
