using System.Collections.Immutable;
using CIA.Engine.Rules;

namespace CIA.Engine.Simulation;

/// <summary>
/// The simulator's rules as definitions an auditor reads (<c>cia rules</c>): eligibility, channels, ranking and the
/// commission. A lease's explanation (<see cref="LeaseRules"/>) names the ones that decided it.
/// </summary>
internal static class SimulationRules
{
    /// <summary>The name of the simulator's rule set.</summary>
    public const string RuleSetName = "simulation";

    /// <summary>Tax income within the ceiling of the dwelling's financing.</summary>
    public static RuleDefinition Income { get; } = Rule("SIM-ELIG-INCOME", "Income within the ceiling of the dwelling's financing",
        "CCH L441-1 and R441-1; arrêté du 29 juillet 1987 (PLUS ceilings, yearly); CCH R331-12 (PLAI), R331-17 (PLS)",
        "The household's revenu fiscal de référence is at most the ceiling of its PLUS category for the dwelling's financing: PLAI ceilings for PLAI, 130 % of PLUS for PLS, PLUS otherwise; no ceiling is built in for PLI.");

    /// <summary>Household size against rooms.</summary>
    public static RuleDefinition Rooms { get; } = Rule("SIM-ELIG-ROOMS", "Household size fits the dwelling's rooms",
        "Policy simulation.eligibility.rooms (default: CCH L621-2, under-occupation above persons + 1 rooms)",
        "The dwelling's rooms lie within the policy's range for the household's size.");

    /// <summary>The commune among the desired ones.</summary>
    public static RuleDefinition Commune { get; } = Rule("SIM-ELIG-COMMUNE", "The commune is one the application asks for",
        "CCH R441-2-2 h) (desired location in the application)",
        "The dwelling's commune is among the communes the application asks for; an application that names none accepts any commune of the territory.");

    /// <summary>Rent burden after housing benefit within the policy's limit.</summary>
    public static RuleDefinition RentBurden { get; } = Rule("SIM-ELIG-RENT-BURDEN", "Rent burden after housing benefit within the limit",
        "CCH R441-3-1; arrêté du 10 mars 2011 (taux d'effort); CCH D823-16 and D823-17 (APL)",
        "(rent + charges forfait − APL) ÷ monthly resources is at most the policy's limit (simulation.eligibility.rent_burden_limit), the APL computed by the legal formula for the dwelling's zone and the household.");

    /// <summary>The réservataire's channel proposes its own candidates.</summary>
    public static RuleDefinition ChannelRule { get; } = Rule("SIM-CHANNEL", "The réservataire's channel proposes its candidates",
        "CCH L441-1 (réservataires); CCH R441-5 (préfet's contingent); ELAN art. 114 and décret n° 2020-145 (flux)",
        "The préfet's contingent proposes priority households, the State-agent contingent State agents, Action Logement and communes the applications they label; the landlord proposes anyone.");

    /// <summary>The vacancy went back to the landlord because the channel had no eligible candidate.</summary>
    public static RuleDefinition Fallback { get; } = Rule("SIM-CHANNEL-FALLBACK", "Back to the landlord for this turn",
        "CCH R441-5 (a dwelling not filled by its réservataire is put back at the landlord's disposal for one turn)",
        "The réservataire's channel had no eligible candidate: the landlord proposed candidates for this turn and the lease is imputed to it.");

    /// <summary>Seniority ranking.</summary>
    public static RuleDefinition Seniority { get; } = Rule("SIM-RANK-SENIORITY", "First registered, first served",
        "CCH R441-2-5 (date of first registration attested by the SNE); policy simulation.ranking: seniority",
        "Candidates are ranked by the date of first registration, then by a stable key of their id.");

    /// <summary>Cotation ranking.</summary>
    public static RuleDefinition Cotation { get; } = Rule("SIM-RANK-COTATION", "Cotation points",
        "CCH L441-2-8 (cotation, ELAN art. 111; décret n° 2019-1378); policy simulation.cotation",
        "Candidates are ranked by the points of the policy's grid at the sitting date, then by seniority.");

    /// <summary>CIA-steered ranking.</summary>
    public static RuleDefinition Steered { get; } = Rule("SIM-RANK-STEERED", "Favour the category furthest behind its target",
        "Nantes CIA Axe I §2 and Axe II §4; CCH L441-1 (LEC targets); policy simulation.ranking: cia_steered",
        "Among the first eligible candidates by seniority, the best-ranked one who counts towards the target furthest behind its bound (or, for a band exceeded, away from it) is proposed first.");

    /// <summary>The commission examines several candidates in rank order.</summary>
    public static RuleDefinition Commission { get; } = Rule("SIM-CAL", "The commission examines up to three candidates in rank order",
        "CCH R441-3 (at least three candidates per dwelling unless too few); CCH R441-10 (refusal of an offer)",
        "The first candidate who accepts the offer signs the lease; the others stay in the queue.");

    /// <summary>Every rule, in the order a lease's explanation lists them.</summary>
    public static ImmutableArray<RuleDefinition> All { get; } = [Income, Rooms, Commune, RentBurden, ChannelRule, Fallback, Seniority, Cotation, Steered, Commission];

    private static RuleDefinition Rule(string id, string title, string reference, string description) => new(id, title, reference, description, RuleSetName);
}

/// <summary>The rules that decided one simulated lease, as bits over <see cref="SimulationRules.All"/>.</summary>
/// <param name="Mask">Bit <c>i</c> set when rule <c>i</c> of <see cref="SimulationRules.All"/> decided the lease.</param>
public readonly record struct LeaseRules(ushort Mask)
{
    internal const ushort Income = 1;
    internal const ushort Rooms = 2;
    internal const ushort Commune = 4;
    internal const ushort RentBurden = 8;
    internal const ushort Channel = 16;
    internal const ushort Fallback = 32;
    internal const ushort Seniority = 64;
    internal const ushort Cotation = 128;
    internal const ushort Steered = 256;
    internal const ushort Commission = 512;

    /// <summary>The rules, in catalogue order.</summary>
    public IEnumerable<RuleDefinition> Rules()
    {
        for (var i = 0; i < SimulationRules.All.Length; i++)
        {
            if ((Mask & (1 << i)) != 0)
            {
                yield return SimulationRules.All[i];
            }
        }
    }

    /// <summary>The rule ids joined with '|'.</summary>
    public override string ToString() => string.Join('|', Rules().Select(r => r.Id));
}
