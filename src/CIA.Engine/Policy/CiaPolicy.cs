using System.Collections.Immutable;
using CIA.Engine.Domain;

namespace CIA.Engine.Policy;

/// <summary>
/// A Convention Intercommunale d'Attribution as data: who is a priority household, how quartiles are tested,
/// who is a ménage cible, the allocation targets and the stock-side options. Load one with
/// <see cref="PolicyLoader"/>; <see cref="PolicyLoader.LoadDefault"/> is the Nantes CIA (2016/17) with the LEC targets.
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
/// <param name="PlusRegion">The zone of the PLUS ceilings the EPCI is in ("autres régions" for Nantes).</param>
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

/// <summary>What a target counts in its numerator.</summary>
public enum TargetMeasure
{
    /// <summary>Priority households (any criterion).</summary>
    [Token("priority")] Priority,

    /// <summary>First-quartile or urban-renewal-relocated households (LEC, outside QPV).</summary>
    [Token("first_quartile_or_relocated")] FirstQuartileOrRelocated,

    /// <summary>Households of quartiles 2 to 4 (LEC, in QPV).</summary>
    [Token("quartiles_2_to_4")] QuartilesTwoToFour,

    /// <summary>Ménages cibles.</summary>
    [Token("target_household")] TargetHousehold,
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

    /// <summary>The non-fragile stock outside QPV (the rebalancing stock).</summary>
    [Token("non_fragile_outside_qpv")] NonFragileOutsideQpv,
}

/// <summary>How a target's attainment is broken down in reports.</summary>
[Flags]
public enum TargetBreakdown
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>All allocations together.</summary>
    [Token("total")] Total = 1,

    /// <summary>Each réservataire separately.</summary>
    [Token("reservataire")] Reservataire = 2,

    /// <summary>Each landlord separately.</summary>
    [Token("landlord")] Landlord = 4,

    /// <summary>Each commune separately.</summary>
    [Token("commune")] Commune = 8,
}

/// <summary>
/// One allocation target: numerator measure over a denominator of allocations (signed leases, calendar year),
/// with bounds either as shares or, for the rebalancing target, as a multiple of the mobilisable capacity.
/// </summary>
/// <param name="Id">Stable id, e.g. <c>lec-outside-qpv</c>.</param>
/// <param name="Title">Title.</param>
/// <param name="Reference">CIA section or legal article.</param>
/// <param name="Measure">Numerator.</param>
/// <param name="Dwellings">Denominator's dwellings.</param>
/// <param name="Reservataires">Denominator's réservataires; empty = all.</param>
/// <param name="Breakdown">Report breakdowns.</param>
/// <param name="Min">Lower bound of the share, if any.</param>
/// <param name="Max">Upper bound of the share, if any.</param>
/// <param name="MinOfCapacity">Lower bound as a multiple of the mobilisable capacity (count target), if any.</param>
public sealed record AllocationTarget(
    string Id,
    string Title,
    string Reference,
    TargetMeasure Measure,
    DwellingScope Dwellings,
    ImmutableArray<Reservataire> Reservataires,
    TargetBreakdown Breakdown,
    Rate? Min,
    Rate? Max,
    Rate? MinOfCapacity);

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
