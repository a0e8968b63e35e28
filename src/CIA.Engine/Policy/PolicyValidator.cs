using CIA.Engine.Domain;

namespace CIA.Engine.Policy;

/// <summary>
/// Checks the meaning of a policy, whether built in code or loaded from a file: ranges, bounds in order,
/// unique ids. Returns every problem with its path (no line numbers: the loader adds them).
/// </summary>
public static class PolicyValidator
{
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

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < policy.Targets.Length; i++)
        {
            var target = policy.Targets[i];
            var path = $"targets[{i}]";
            if (string.IsNullOrWhiteSpace(target.Id) || !target.Id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                Add($"{path}.id", $"'{target.Id}' must be lower-case letters, digits and '-'.");
            }
            else if (!ids.Add(target.Id))
            {
                Add($"{path}.id", $"'{target.Id}' is used by another target.");
            }

            if (string.IsNullOrWhiteSpace(target.Title))
            {
                Add($"{path}.title", "must not be empty.");
            }

            if (string.IsNullOrWhiteSpace(target.Reference))
            {
                Add($"{path}.reference", "must name the CIA section or legal article.");
            }

            if (target.Min is null && target.Max is null && target.MinOfCapacity is null)
            {
                Add(path, "has no bound: give min, max or min_of_capacity.");
            }

            if (target.Min is { } min && min.Fraction > 1)
            {
                Add($"{path}.min", $"{min.Fraction} is a share and must be between 0 and 1.");
            }

            if (target.Max is { } max && max.Fraction > 1)
            {
                Add($"{path}.max", $"{max.Fraction} is a share and must be between 0 and 1.");
            }

            if (target is { Min: { } lo, Max: { } hi } && lo > hi)
            {
                Add($"{path}.max", $"the band is empty: min {lo.Fraction} is above max {hi.Fraction}.");
            }

            if (target.Breakdown == TargetBreakdown.None)
            {
                Add($"{path}.breakdown", "must list at least one breakdown (total, reservataire, landlord, commune).");
            }
        }

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

        return problems;
    }
}
