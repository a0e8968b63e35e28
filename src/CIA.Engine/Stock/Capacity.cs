using System.Collections.Immutable;
using CIA.Engine.Domain;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Rules;

namespace CIA.Engine.Stock;

/// <summary>What the capacity rule reads.</summary>
/// <param name="Accessible">Accessible dwellings of the non-fragile stock outside QPV.</param>
/// <param name="PotentiallyAccessible">Potentially accessible ones.</param>
/// <param name="RotationRate">Yearly rotation.</param>
public readonly record struct CapacityFacts(int Accessible, int PotentiallyAccessible, Rate RotationRate)
{
    /// <summary>Accessible + potentially accessible.</summary>
    public int Base => Accessible + PotentiallyAccessible;

    /// <summary>Base × rotation, before rounding.</summary>
    public decimal Exact => Base * RotationRate.Fraction;

    /// <summary>Dwellings that can be mobilised a year: the exact figure rounded down (10 892 × 11.4 % = 1 241.69 → 1 241, as the CIA has it).</summary>
    public int Mobilisable => (int)decimal.Floor(Exact);
}

/// <summary>The stock-side figures of the CIA.</summary>
/// <param name="Basis">Where the counts come from: the CIA's own diagnosis or a stock file.</param>
/// <param name="Source">Source text.</param>
/// <param name="Dwellings">Dwellings in the stock file (null for the diagnosis).</param>
/// <param name="OutsideQpv">Dwellings outside QPV (null for the diagnosis).</param>
/// <param name="NonFragileOutsideQpv">Of which in non-fragile programmes (null for the diagnosis).</param>
/// <param name="NonFragileShareOutsideQpv">Share of the stock outside QPV that is non-fragile.</param>
/// <param name="Accessible">Accessible dwellings of the non-fragile stock outside QPV.</param>
/// <param name="PotentiallyAccessible">Potentially accessible dwellings of it.</param>
/// <param name="RotationRate">Rotation rate.</param>
/// <param name="Mobilisable">Mobilisable dwellings a year.</param>
/// <param name="Cutoffs">Fragility cut-offs used (stock file only).</param>
/// <param name="Explanation">The capacity rule's reason.</param>
public sealed record CapacityReport(
    string Basis,
    string Source,
    int? Dwellings,
    int? OutsideQpv,
    int? NonFragileOutsideQpv,
    Rate? NonFragileShareOutsideQpv,
    int Accessible,
    int PotentiallyAccessible,
    Rate RotationRate,
    int Mobilisable,
    FragilityCutoffs? Cutoffs,
    ImmutableArray<RuleFiring> Explanation)
{
    /// <summary>Accessible + potentially accessible.</summary>
    public int RebalancingStock => Accessible + PotentiallyAccessible;
}

/// <summary>Computes the mobilisable capacity (CIA Annexe 1, étape 3) from the CIA's figures or from a stock file.</summary>
public static class CapacityCalculator
{
    /// <summary>The capacity rule set.</summary>
    public static RuleSet<CapacityFacts> Rules { get; } = BuildRules();

    /// <summary>The CIA's own figures: (7 487 + 3 405) × 11.4 % ⇒ 1 241.</summary>
    public static CapacityReport FromDiagnosis(CiaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var d = policy.Stock.Diagnosis;
        var facts = new CapacityFacts(d.Accessible, d.PotentiallyAccessible, policy.Stock.RotationRate);
        return new CapacityReport("diagnosis", d.Source, null, null, null, d.NonFragileShareOutsideQpv, d.Accessible, d.PotentiallyAccessible,
            policy.Stock.RotationRate, facts.Mobilisable, null, Rules.Explain(in facts, Rules.Evaluate(in facts)));
    }

    /// <summary>
    /// Computes from dwellings and programme occupancy: fragility by the decile method, APL accessibility of each
    /// dwelling at the policy's reference date, then the capacity.
    /// </summary>
    /// <exception cref="ParameterNotCoveredException">An APL ceiling or zone is not known.</exception>
    public static CapacityReport FromStock(IReadOnlyCollection<Dwelling> dwellings, IReadOnlyCollection<ProgrammeOccupancy> programmes, CiaPolicy policy, ParameterSet parameters, string source)
    {
        ArgumentNullException.ThrowIfNull(dwellings);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(parameters);
        var fragility = FragilityRules.Assess(programmes, policy.Stock.Fragility);
        var stock = policy.Stock;
        var accessibleBit = DwellingRules.Rules.MaskOf("STOCK-ACCESSIBLE");
        var potentialBit = DwellingRules.Rules.MaskOf("STOCK-POTENTIALLY-ACCESSIBLE");
        var rebalancingBit = DwellingRules.Rules.MaskOf("STOCK-REBALANCING");
        var fragileBit = DwellingRules.Rules.MaskOf("STOCK-FRAGILE");
        int outside = 0, nonFragileOutside = 0, accessible = 0, potential = 0;
        foreach (var d in dwellings)
        {
            var facts = Facts(d, fragility, policy, parameters);
            var fired = DwellingRules.Rules.Evaluate(in facts);
            if (!d.InQpv)
            {
                outside++;
                if (!fired.Any(fragileBit))
                {
                    nonFragileOutside++;
                }
            }

            if (fired.Any(rebalancingBit))
            {
                if (fired.Any(accessibleBit))
                {
                    accessible++;
                }
                else if (fired.Any(potentialBit))
                {
                    potential++;
                }
            }
        }

        var cap = new CapacityFacts(accessible, potential, stock.RotationRate);
        Rate? share = outside == 0 ? null : new Rate((decimal)nonFragileOutside / outside);
        return new CapacityReport("stock", source, dwellings.Count, outside, nonFragileOutside, share, accessible, potential, stock.RotationRate,
            cap.Mobilisable, fragility.Cutoffs, Rules.Explain(in cap, Rules.Evaluate(in cap)));
    }

    /// <summary>The facts of one dwelling under a policy (APL ceiling at the policy's reference date).</summary>
    public static DwellingFacts Facts(Dwelling dwelling, FragilityAssessment fragility, CiaPolicy policy, ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(dwelling);
        ArgumentNullException.ThrowIfNull(fragility);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(parameters);
        var stock = policy.Stock;
        var household = stock.HouseholdFor(dwelling.Rooms);
        var z = parameters.ZoneOf(dwelling.Commune);
        var ceilings = parameters.AplCeilings(z, stock.ReferenceDate);
        var ceiling = new DatedValue<Euros>(ceilings.From, ceilings.Until, ceilings.Value.For(household.Couple, household.Dependants), ceilings.Source);
        return new DwellingFacts(dwelling, household, ceiling, z, stock.PotentiallyAccessibleMargin, fragility.StatusOf(dwelling.Programme), stock.Fragility.NotAssessedAreFragile);
    }

    private static RuleSet<CapacityFacts> BuildRules()
    {
        var b = new RuleSetBuilder<CapacityFacts>("capacity");
        b.Rule("CAP-MOBILISABLE").Title("Mobilisable capacity of the non-fragile stock outside QPV").Reference("Nantes CIA Annexe 1, étape 3")
            .Description("(accessible + potentially accessible dwellings of the non-fragile stock outside QPV) × rotation rate, rounded down.")
            .When(static (in CapacityFacts _) => true)
            .Because(static (in CapacityFacts f) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"({f.Accessible} + {f.PotentiallyAccessible}) × {f.RotationRate} = {f.Base} × {f.RotationRate} = {f.Exact:0.##}, rounded down → {f.Mobilisable}"));
        return b.Build();
    }
}
