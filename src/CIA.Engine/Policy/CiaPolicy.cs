using System.Collections.Immutable;
using CIA.Engine.Domain;

namespace CIA.Engine.Policy;

/// <summary>
/// A Convention Intercommunale d'Attribution as data: who is a priority household, how quartiles are tested,
/// who is a ménage cible, the allocation targets and the stock-side options. Load one with
/// <see cref="PolicyLoader"/>; <see cref="PolicyLoader.LoadDefault()"/> is the Nantes CIA (2016/17) with the LEC targets.
/// </summary>
/// <param name="Name">Name shown in outputs.</param>
/// <param name="Epci">The EPCI whose published quartile thresholds apply.</param>
/// <param name="DefaultYear">The year of allocations used when a command is given none.</param>
/// <param name="Priority">The priority-household definition.</param>
/// <param name="Quartiles">How quartile membership is tested.</param>
/// <param name="TargetHouseholds">Who is a ménage cible.</param>
/// <param name="Targets">The allocation targets.</param>
/// <param name="Stock">Accessibility, fragility and capacity options.</param>
/// <param name="Period">The years the policy was adopted for, if stated; outputs say when it is applied outside them.</param>
/// <param name="PlusRegion">The zone of the PLUS ceilings the EPCI is in ("autres régions" for Nantes): the households' ceilings (target households). A dwelling's income ceilings follow its own commune's zone.</param>
/// <remarks>Thread-safe: an immutable record (immutable collections), shareable between threads.</remarks>
public sealed record CiaPolicy(
    string Name,
    EpciCode Epci,
    int DefaultYear,
    PriorityDefinition Priority,
    QuartileOptions Quartiles,
    TargetHouseholdOptions TargetHouseholds,
    ImmutableArray<AllocationTarget> Targets,
    StockOptions Stock,
    PolicyPeriod? Period = null,
    PlusRegion PlusRegion = PlusRegion.OtherRegions)
{
    /// <summary>Whether a year of allocations lies in the policy's stated period (true when it states none).</summary>
    public bool Covers(int year) => Period is not { } p || (year >= p.From && year <= p.Until);

    /// <summary>The simulator's settings (policy key <c>simulation</c>; <see cref="SimulationOptions.Default"/> when absent).</summary>
    public SimulationOptions Simulation { get; init; } = SimulationOptions.Default;
}

/// <summary>The years a policy was adopted for.</summary>
/// <param name="From">First year of allocations.</param>
/// <param name="Until">Last year of allocations.</param>
/// <param name="Source">What says so.</param>
public sealed record PolicyPeriod(int From, int Until, string Source)
{
    /// <inheritdoc />
    public override string ToString() => $"{From}–{Until}";
}

/// <summary>
/// The CIA's priority-household definition (Nantes CIA Axe I §1): four criteria, each enabled by a non-empty list.
/// </summary>
/// <param name="PrefectoralCriteria">Criterion 1: the préfet's contingent criteria that count.</param>
/// <param name="MutationReasons">Criterion 2: the mutation reasons that count.</param>
/// <param name="UrbanRenewal">Criterion 3: the relocation kinds that count.</param>
/// <param name="FirstQuartile">Criterion 4: first-quartile households.</param>
/// <param name="PrefectoralLabel">Criterion 1 also holds for an application labelled in the préfet's contingent (<c>reserved_by: prefecture</c>), whatever criteria it declares.</param>
public sealed record PriorityDefinition(
    PrefectoralCriteria PrefectoralCriteria,
    ImmutableArray<MutationReason> MutationReasons,
    ImmutableArray<UrbanRenewal> UrbanRenewal,
    FirstQuartileCriterion FirstQuartile,
    bool PrefectoralLabel = true);

/// <summary>Criterion 4 of the priority definition.</summary>
/// <param name="Enabled">Whether first-quartile households are priority households.</param>
/// <param name="NonContingenteOnly">Only if not already labelled in a réservataire's contingent (the Nantes wording).</param>
public sealed record FirstQuartileCriterion(bool Enabled, bool NonContingenteOnly);

/// <summary>Whether a household exactly at a threshold is below it.</summary>
public enum QuartileBoundary
{
    /// <summary>At the threshold counts as inside the lower quartile (≤). The default: the threshold is defined as the highest resources of the poorest quarter, so it belongs to that quarter.</summary>
    [Token("inclusive")] Inclusive,

    /// <summary>Only strictly below counts (&lt;), the law's "inférieur à" read literally.</summary>
    [Token("exclusive")] Exclusive,
}

/// <summary>Where the quartile thresholds come from.</summary>
public enum ThresholdSource
{
    /// <summary>The thresholds published by arrêté for the EPCI and year.</summary>
    [Token("published")] Published,

    /// <summary>Computed from the demand file being classified (SNE method).</summary>
    [Token("computed")] Computed,
}

/// <summary>Quartile options.</summary>
/// <param name="Boundary">≤ or &lt; at a threshold.</param>
/// <param name="Thresholds">Published or computed thresholds.</param>
public sealed record QuartileOptions(QuartileBoundary Boundary, ThresholdSource Thresholds);

/// <summary>Which resources are compared with the PLUS ceiling for a ménage cible.</summary>
public enum TargetResourceBasis
{
    /// <summary>The revenu fiscal de référence, as PLUS eligibility uses (default).</summary>
    [Token("tax_income")] TaxIncome,

    /// <summary>The declared monthly resources × 12.</summary>
    [Token("declared_resources")] DeclaredResources,
}

/// <summary>Ménages cibles (Nantes CIA Axe II §4): in work and/or retired, resources above a share of the PLUS ceiling.</summary>
/// <param name="PlusCeilingShare">The share of the ceiling to exceed (0.60).</param>
/// <param name="Resources">Which resources are compared.</param>
/// <param name="Employment">The employment situations that qualify (employed, retired).</param>
/// <param name="DisabilityUpgrade">A disabled member moves the household up one category.</param>
public sealed record TargetHouseholdOptions(Rate PlusCeilingShare, TargetResourceBasis Resources, EmploymentStatus Employment, bool DisabilityUpgrade);

/// <summary>What a target counts in its numerator, among the allocations of its denominator.</summary>
public enum TargetMeasure
{
    /// <summary>Priority households: at least one criterion of the CIA's definition holds (Nantes CIA Axe I §1).</summary>
    [Token("priority")] Priority,

    /// <summary>
    /// Households meeting any of the target's listed préfet's criteria, as declared in the application
    /// (e.g. DALO designation, CCH L441-1 publics for the statutory 25 %). Needs <see cref="AllocationTarget.Criteria"/>.
    /// </summary>
    [Token("prefectoral_criteria")] PrefectoralCriteria,

    /// <summary>
    /// First-quartile households, or households relocated by an urban-renewal operation of a kind listed in
    /// <see cref="AllocationTarget.Relocations"/> (LEC, outside QPV; CCH L441-1).
    /// </summary>
    [Token("first_quartile_or_relocated")] FirstQuartileOrRelocated,

    /// <summary>Households of quartiles 2 to 4 (LEC, in QPV; CCH L441-1).</summary>
    [Token("quartiles_2_to_4")] QuartilesTwoToFour,

    /// <summary>Ménages cibles (Nantes CIA Axe II §4).</summary>
    [Token("target_household")] TargetHousehold,

    /// <summary>Allocations imputed to the préfet's State-agents share (<see cref="Reservataire.StateAgents"/>; CCH R441-5).</summary>
    [Token("state_agents")] StateAgents,
}

/// <summary>Which dwellings' allocations a target's denominator counts.</summary>
public enum DwellingScope
{
    /// <summary>All dwellings.</summary>
    [Token("all")] All,

    /// <summary>Dwellings outside QPV.</summary>
    [Token("outside_qpv")] OutsideQpv,

    /// <summary>Dwellings in QPV.</summary>
    [Token("in_qpv")] InQpv,

    /// <summary>Dwellings outside QPV in a programme that does not count as fragile (CIA Annexe 1).</summary>
    [Token("non_fragile_outside_qpv")] NonFragileOutsideQpv,

    /// <summary>
    /// The rebalancing stock: non-fragile outside QPV and accessible or potentially accessible, the base of the
    /// mobilisable capacity (CIA Annexe 1, étape 3).
    /// </summary>
    [Token("rebalancing_stock")] RebalancingStock,
}

/// <summary>At which level a target is judged.</summary>
public enum TargetPer
{
    /// <summary>Once, on all the allocations of the denominator.</summary>
    [Token("total")] Total,

    /// <summary>
    /// Each listed réservataire separately, each with its own status (the overall figure is reported too):
    /// the CIA and the law bind each partner, not only their sum.
    /// </summary>
    [Token("reservataire")] Reservataire,
}

/// <summary>What an indicator (a target without bounds) is reported against.</summary>
public enum TargetComparison
{
    /// <summary>Nothing: the target has bounds.</summary>
    [Token("")] None = 0,

    /// <summary>The CIA's mobilisable capacity of the rebalancing stock (1 241 a year in the CIA, Annexe 1).</summary>
    [Token("mobilisable_capacity")] MobilisableCapacity,
}

/// <summary>How a target's attainment is broken down in reports (in addition to its own figures).</summary>
[Flags]
public enum TargetBreakdown
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>All allocations together.</summary>
    [Token("total")] Total = 1,

    /// <summary>Each réservataire of imputation separately.</summary>
    [Token("reservataire")] Reservataire = 2,

    /// <summary>Each landlord separately.</summary>
    [Token("landlord")] Landlord = 4,

    /// <summary>Each commune separately.</summary>
    [Token("commune")] Commune = 8,

    /// <summary>Each QPV separately (allocations outside QPV form one row).</summary>
    [Token("qpv")] Qpv = 16,
}

/// <summary>The kind of a target, given by its bounds.</summary>
public enum TargetKind
{
    /// <summary>Only a lower bound: the share must be at least <see cref="AllocationTarget.Min"/>.</summary>
    Minimum,

    /// <summary>Only an upper bound: the share must be at most <see cref="AllocationTarget.Max"/>.</summary>
    Maximum,

    /// <summary>
    /// Both bounds: a band the share should "tend towards" (CIA Axe II §4, "tendre vers 20 à 30 %"); the status
    /// says below, within or above, and above is not a miss.
    /// </summary>
    Band,

    /// <summary>No bound: reported against a reference figure (<see cref="AllocationTarget.CompareTo"/>), with no pass or fail.</summary>
    Indicator,
}

/// <summary>
/// One allocation target on a calendar year's allocations (signed leases): a numerator (<see cref="Measure"/>)
/// over a denominator of allocations (dwellings in <see cref="Dwellings"/>, imputed to one of
/// <see cref="Reservataires"/>), judged by its bounds (<see cref="Kind"/>).
/// </summary>
/// <param name="Id">Stable kebab-case id, e.g. <c>lec-outside-qpv</c>.</param>
/// <param name="Title">Title.</param>
/// <param name="Reference">The CIA section or legal article the target encodes.</param>
/// <param name="Measure">Numerator.</param>
/// <param name="Dwellings">Denominator's dwellings.</param>
/// <param name="Reservataires">Denominator's réservataires of imputation; empty = all.</param>
/// <param name="Per">Judged on the total, or for each listed réservataire as well.</param>
/// <param name="Breakdown">Report breakdowns.</param>
/// <param name="Min">Lower bound of the share (0–1), if any.</param>
/// <param name="Max">Upper bound of the share (0–1), if any.</param>
/// <param name="CompareTo">For an indicator (no bound): the reference figure it is reported against.</param>
public sealed record AllocationTarget(
    string Id,
    string Title,
    string Reference,
    TargetMeasure Measure,
    DwellingScope Dwellings,
    ImmutableArray<Reservataire> Reservataires,
    TargetPer Per,
    TargetBreakdown Breakdown,
    Rate? Min,
    Rate? Max,
    TargetComparison CompareTo)
{
    /// <summary>
    /// The relocation kinds the <see cref="TargetMeasure.FirstQuartileOrRelocated"/> measure counts when the policy
    /// file does not say: both. The law's paraphrases say "opération de renouvellement urbain" without
    /// restricting it to the ANRU programmes.
    /// </summary>
    public static ImmutableArray<UrbanRenewal> DefaultRelocations { get; } = [UrbanRenewal.Anru, UrbanRenewal.NonAnru];

    /// <summary>For <see cref="TargetMeasure.PrefectoralCriteria"/> only: the criteria that count (any of them).</summary>
    public PrefectoralCriteria Criteria { get; init; }

    /// <summary>For <see cref="TargetMeasure.FirstQuartileOrRelocated"/> only: the relocation kinds that count.</summary>
    public ImmutableArray<UrbanRenewal> Relocations { get; init; } = [];

    /// <summary>Minimum, maximum, band or indicator, from the bounds.</summary>
    public TargetKind Kind => (Min, Max) switch
    {
        (not null, not null) => TargetKind.Band,
        (not null, null) => TargetKind.Minimum,
        (null, not null) => TargetKind.Maximum,
        _ => TargetKind.Indicator,
    };
}

/// <summary>The household shape assumed for a dwelling size when testing its rent against the APL ceiling.</summary>
/// <param name="Rooms">Main rooms (T1 = 1); the largest listed size also covers bigger dwellings.</param>
/// <param name="Couple">Two adults.</param>
/// <param name="Dependants">Dependants.</param>
public sealed record TypologyHousehold(int Rooms, bool Couple, int Dependants)
{
    /// <summary>Text for explanations, e.g. "couple + 1 dependant".</summary>
    public string Describe() => (Couple ? "couple" : "person alone") + Dependants switch
    {
        0 => string.Empty,
        1 => " + 1 dependant",
        _ => $" + {Dependants} dependants",
    };
}

/// <summary>How a programme's two fragility indicators combine.</summary>
public enum FragilityCombination
{
    /// <summary>Fragile when either indicator is above its cut-off.</summary>
    [Token("any")] Any,

    /// <summary>Fragile only when both are.</summary>
    [Token("all")] All,
}

/// <summary>Programme fragility options (CIA Annexe 1: OPS 2015, programmes of more than 30 dwellings, decile method).</summary>
/// <param name="MinDwellingsExclusive">Programmes with more than this many dwellings are assessed (the CIA: "plus de 30").</param>
/// <param name="Decile">A programme is fragile when an indicator is at or above this decile of all assessed programmes (1–9).</param>
/// <param name="Combination">Either or both indicators.</param>
/// <param name="NotAssessedAreFragile">Whether programmes not assessed (too small, no survey) count as fragile.</param>
public sealed record FragilityOptions(int MinDwellingsExclusive, int Decile, FragilityCombination Combination, bool NotAssessedAreFragile);

/// <summary>The CIA's own stock figures (Annexe 1), used when no stock file is given.</summary>
/// <param name="Accessible">Accessible dwellings in the non-fragile stock outside QPV (7 487).</param>
/// <param name="PotentiallyAccessible">Potentially accessible ones (3 405).</param>
/// <param name="NonFragileShareOutsideQpv">Share of the stock outside QPV judged non-fragile (75 %).</param>
/// <param name="Source">Where the figures come from.</param>
public sealed record StockDiagnosis(int Accessible, int PotentiallyAccessible, Rate NonFragileShareOutsideQpv, string Source);

/// <summary>Stock-side options.</summary>
/// <param name="ReferenceDate">The APL ceilings in force on this date are used.</param>
/// <param name="RotationRate">Yearly rotation of the non-fragile stock outside QPV (11.4 % in 2014).</param>
/// <param name="PotentiallyAccessibleMargin">Rent above the APL ceiling still "potentially accessible" (30 €).</param>
/// <param name="TypologyHouseholds">Assumed household by dwelling size, by ascending rooms.</param>
/// <param name="Fragility">Fragility method.</param>
/// <param name="Diagnosis">The CIA's own figures.</param>
public sealed record StockOptions(
    DateOnly ReferenceDate,
    Rate RotationRate,
    Euros PotentiallyAccessibleMargin,
    ImmutableArray<TypologyHousehold> TypologyHouseholds,
    FragilityOptions Fragility,
    StockDiagnosis Diagnosis)
{
    /// <summary>The CIA's "neufs ou livrés depuis moins de 5 ans" (annexe, charte du relogement).</summary>
    public const int DefaultNewStockYears = 5;

    /// <summary>
    /// A dwelling counts as new stock in year N when it was first let as social housing (RPLS <c>LOCAT</c>) in one of
    /// the last this-many years up to N: with 5, in N−4 to N. The annual report splits relocations by it.
    /// </summary>
    public int NewStockYears { get; init; } = DefaultNewStockYears;

    /// <summary>The household assumed for a dwelling of this many rooms.</summary>
    public TypologyHousehold HouseholdFor(int rooms)
    {
        var chosen = TypologyHouseholds[0];
        foreach (var t in TypologyHouseholds)
        {
            if (t.Rooms <= rooms)
            {
                chosen = t;
            }
        }

        return chosen;
    }
}
