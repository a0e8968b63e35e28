using System.Collections.Immutable;
using CIA.Engine.Domain;

namespace CIA.Engine.Policy;

/// <summary>
/// Checks the meaning of a policy, whether built in code or loaded from a file: ranges, bounds in order,
/// unique ids. Returns every problem with its path (no line numbers: the loader adds them).
/// </summary>
public static partial class PolicyValidator
{
    /// <summary>The most targets a policy may have: the evaluator returns one bit per target in a 64-bit mask.</summary>
    public const int MaxTargets = 64;

    /// <summary>All problems of a policy; empty when it is usable.</summary>
    public static IReadOnlyList<PolicyProblem> Validate(CiaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var problems = new List<PolicyProblem>();
        void Add(string path, string message) => problems.Add(new PolicyProblem(path, 0, 0, message));

        if (string.IsNullOrWhiteSpace(policy.Name))
        {
            Add("name", "must not be empty.");
        }

        if (policy.DefaultYear is < 2000 or > 2100)
        {
            Add("default_year", $"{policy.DefaultYear} is not a plausible year (2000–2100).");
        }

        if (policy.Period is { } period)
        {
            if (period.From is < 2000 or > 2100 || period.Until is < 2000 or > 2100)
            {
                Add("period", $"{period} is not a plausible period (years 2000–2100).");
            }
            else if (period.Until < period.From)
            {
                Add("period.until", $"{period.Until} is before {period.From}.");
            }
        }

        var p = policy.Priority;
        if (p.PrefectoralCriteria == PrefectoralCriteria.None && !p.PrefectoralLabel && p.MutationReasons.IsEmpty && p.UrbanRenewal.IsEmpty && !p.FirstQuartile.Enabled)
        {
            Add("priority", "every criterion is disabled: no household could be a priority household.");
        }

        if (p.MutationReasons.Contains(MutationReason.None))
        {
            Add("priority.mutation_reasons", "lists an empty reason.");
        }

        if (p.UrbanRenewal.Contains(UrbanRenewal.None))
        {
            Add("priority.urban_renewal", "lists an empty relocation kind.");
        }

        var t = policy.TargetHouseholds;
        if (t.PlusCeilingShare.Fraction is <= 0 or > 2)
        {
            Add("target_households.plus_ceiling_share", $"{t.PlusCeilingShare.Fraction} must be above 0 and at most 2 (0.60 for 60 %).");
        }

        if (t.Employment == EmploymentStatus.None)
        {
            Add("target_households.employment", "must list at least one employment situation.");
        }

        ValidateTargets(policy.Targets, Add);

        var s = policy.Stock;
        if (s.RotationRate.Fraction is <= 0 or > 1)
        {
            Add("stock.rotation_rate", $"{s.RotationRate.Fraction} must be above 0 and at most 1 (0.114 for 11.4 %).");
        }

        if (s.PotentiallyAccessibleMargin < Euros.Zero)
        {
            Add("stock.potentially_accessible_margin", "must not be negative.");
        }

        if (s.TypologyHouseholds.IsEmpty)
        {
            Add("stock.typology_households", "must list at least one dwelling size.");
        }

        for (var i = 0; i < s.TypologyHouseholds.Length; i++)
        {
            var th = s.TypologyHouseholds[i];
            if (th.Rooms < 1)
            {
                Add($"stock.typology_households[{i}].rooms", $"{th.Rooms} must be at least 1.");
            }
            else if (i > 0 && th.Rooms <= s.TypologyHouseholds[i - 1].Rooms)
            {
                Add($"stock.typology_households[{i}].rooms", "sizes must be listed in increasing order, each once.");
            }

            if (th.Dependants < 0)
            {
                Add($"stock.typology_households[{i}].dependants", "must not be negative.");
            }
        }

        var f = s.Fragility;
        if (f.MinDwellingsExclusive < 0)
        {
            Add("stock.fragility.min_dwellings_exclusive", "must not be negative.");
        }

        if (f.Decile is < 1 or > 9)
        {
            Add("stock.fragility.decile", $"{f.Decile} must be a decile from 1 to 9.");
        }

        if (s.NewStockYears is < 1 or > 50)
        {
            Add("stock.new_stock_years", $"{s.NewStockYears} must be a number of years from 1 to 50.");
        }

        var d = s.Diagnosis;
        if (d.Accessible < 0)
        {
            Add("stock.diagnosis.accessible", "must not be negative.");
        }

        if (d.PotentiallyAccessible < 0)
        {
            Add("stock.diagnosis.potentially_accessible", "must not be negative.");
        }

        if (d.NonFragileShareOutsideQpv.Fraction > 1)
        {
            Add("stock.diagnosis.non_fragile_share_outside_qpv", "is a share and must be between 0 and 1.");
        }

        ValidateSimulation(policy.Simulation, Add);
        return problems;
    }

    private static void ValidateTargets(ImmutableArray<AllocationTarget> targets, Action<string, string> add)
    {
        if (targets.Length > MaxTargets)
        {
            add("targets", $"has {targets.Length} targets; at most {MaxTargets} are supported (one bit each in the evaluator's masks).");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < targets.Length; i++)
        {
            var target = targets[i];
            var path = $"targets[{i}]";
            if (!IsKebabCase(target.Id))
            {
                add($"{path}.id", $"'{target.Id}' must be kebab-case: lower-case letters and digits in words joined by single '-'.");
            }
            else if (!ids.Add(target.Id))
            {
                add($"{path}.id", $"'{target.Id}' is used by another target.");
            }

            if (string.IsNullOrWhiteSpace(target.Title))
            {
                add($"{path}.title", "must not be empty.");
            }

            if (string.IsNullOrWhiteSpace(target.Reference))
            {
                add($"{path}.reference", "must name the CIA section or legal article.");
            }

            if (!Enum.IsDefined(target.Measure))
            {
                add($"{path}.measure", $"{(int)target.Measure} is not a measure.");
            }

            if (!Enum.IsDefined(target.Dwellings))
            {
                add($"{path}.dwellings", $"{(int)target.Dwellings} is not a dwelling scope.");
            }

            if (!Enum.IsDefined(target.Per))
            {
                add($"{path}.per", $"{(int)target.Per} is not total or reservataire.");
            }

            if (!Enum.IsDefined(target.CompareTo))
            {
                add($"{path}.compare_to", $"{(int)target.CompareTo} is not a reference figure.");
            }

            ValidateBounds(target, path, add);
            ValidateMeasureSettings(target, path, add);
            ValidateReservataires(target, path, add);

            if (target.Breakdown == TargetBreakdown.None)
            {
                add($"{path}.breakdown", "must list at least one breakdown (total, reservataire, landlord, commune, qpv).");
            }
        }
    }

    private static void ValidateBounds(AllocationTarget target, string path, Action<string, string> add)
    {
        if (target.Min is { } min && min.Fraction > 1)
        {
            add($"{path}.min", $"{min.Fraction} is a share and must be between 0 and 1.");
        }

        if (target.Max is { } max && max.Fraction > 1)
        {
            add($"{path}.max", $"{max.Fraction} is a share and must be between 0 and 1.");
        }

        if (target is { Min: { } lo, Max: { } hi } && lo > hi)
        {
            add($"{path}.max", $"the band is empty: min {lo.Fraction} is above max {hi.Fraction}.");
        }

        var bounded = target.Min is not null || target.Max is not null;
        if (!bounded && target.CompareTo == TargetComparison.None)
        {
            add(path, "has no bound: give min and/or max, or compare_to: mobilisable_capacity for an indicator without pass or fail.");
        }
        else if (bounded && target.CompareTo != TargetComparison.None)
        {
            add($"{path}.compare_to", "is for indicators, which have no bound: remove min/max or compare_to.");
        }
    }

    private static void ValidateMeasureSettings(AllocationTarget target, string path, Action<string, string> add)
    {
        if (target.Measure == TargetMeasure.PrefectoralCriteria)
        {
            if (target.Criteria == PrefectoralCriteria.None)
            {
                add($"{path}.criteria", "must list at least one préfet's criterion for measure prefectoral_criteria (e.g. [dalo, l441_1]).");
            }
        }
        else if (target.Criteria != PrefectoralCriteria.None)
        {
            add($"{path}.criteria", "is only read by measure prefectoral_criteria.");
        }

        if (target.Measure == TargetMeasure.FirstQuartileOrRelocated)
        {
            if (target.Relocations.IsDefaultOrEmpty)
            {
                add($"{path}.relocations", "must list at least one relocation kind for measure first_quartile_or_relocated (anru, non_anru).");
            }
        }
        else if (!target.Relocations.IsDefaultOrEmpty)
        {
            add($"{path}.relocations", "is only read by measure first_quartile_or_relocated.");
        }

        if (!target.Relocations.IsDefault && target.Relocations.Contains(UrbanRenewal.None))
        {
            add($"{path}.relocations", "lists an empty relocation kind.");
        }
    }

    private static void ValidateReservataires(AllocationTarget target, string path, Action<string, string> add)
    {
        var reservataires = target.Reservataires.IsDefault ? [] : target.Reservataires;
        if (reservataires.Contains(Reservataire.None))
        {
            add($"{path}.reservataires", "lists an empty réservataire.");
        }

        if (reservataires.Distinct().Count() != reservataires.Length)
        {
            add($"{path}.reservataires", "lists a réservataire twice.");
        }

        if (target.Per == TargetPer.Reservataire && reservataires.IsEmpty)
        {
            add($"{path}.per", "per: reservataire needs the list of réservataires to judge separately (reservataires: [...]).");
        }

        // The measure counts allocations imputed to the State agents' share: a denominator without that share
        // could never count one, which is surely a mistake in the file.
        if (target.Measure == TargetMeasure.StateAgents && !reservataires.IsEmpty && !reservataires.Contains(Reservataire.StateAgents))
        {
            add($"{path}.reservataires", "must include state_agents (or be omitted) for measure state_agents, whose numerator counts allocations imputed to that share.");
        }
    }

    private static bool IsKebabCase(string? id)
    {
        if (string.IsNullOrEmpty(id) || id[0] == '-' || id[^1] == '-')
        {
            return false;
        }

        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            var ok = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || (c == '-' && id[i - 1] != '-');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
