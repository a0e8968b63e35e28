using CIA.Engine.Classification;
using CIA.Engine.Policy;
using CIA.Engine.Stock;

namespace CIA.Engine.Rules;

/// <summary>Every rule the engine has, for listing and documentation.</summary>
public static class RuleCatalogue
{
    /// <summary>All rules of all rule sets under a policy, in evaluation order within each set.</summary>
    public static IReadOnlyList<RuleDefinition> All(CiaPolicy policy) =>
    [
        .. HouseholdRules.Build(policy).Rules,
        .. FragilityRules.Rules.Rules,
        .. DwellingRules.Build(policy).Rules,
        .. CapacityCalculator.Rules.Rules,
        .. HousingBenefit.AplFormula.Steps,
        .. Simulation.SimulationRules.All,
    ];
}
