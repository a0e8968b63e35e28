using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;

namespace CIA.Engine.Tests.Classification;

/// <summary>Each rule against cases worked by hand from DOMAIN.md and REFERENCE.md, boundaries included.</summary>
public class HouseholdRulesTests
{
    private readonly ClassifierFixture _f = new();

    [Fact]
    public void Reference_worked_example_couple_with_children_of_15_and_10_is_first_quartile_in_2025()
    {
        // REFERENCE §2.2: UC = 1 + 0.5 + 0.5 + 0.3 = 2.3; 2 000 × 12 / 2.3 = 10 435 € < 10 900 (2025).
        var (r, fired, reasons) = _f.Run(A.Household(persons14Plus: 3, childrenUnder14: 1, monthly: 2000m), 2025);
        r.Uc.Tenths.ShouldBe(23);
        r.ResourcesPerUc.Rounded.ShouldBe(Euros.FromEuros(10434.78m));
        r.Quartile.ShouldBe(1);
        r.Criteria.ShouldBe(PriorityCriteria.FirstQuartile);
        fired.ShouldContain("PRIO-4-FIRST-QUARTILE");
        reasons[0].ShouldBe("UC = 1.0 + 0.5 × 2 + 0.3 × 1 = 2.3; resources per UC = 2 000 € × 12 ÷ 2.3 = 10 434.78 €");
    }

    [Theory] // couple (UC 1.5); monthly M gives 8 × M per UC. Q1 2024 = 10 740 € ⇔ M = 1 342.50 €.
    [InlineData(1342.49, QuartileBoundary.Inclusive, 1)]
    [InlineData(1342.50, QuartileBoundary.Inclusive, 1)] // exactly at Q1: inside with ≤
    [InlineData(1342.51, QuartileBoundary.Inclusive, 2)]
    [InlineData(1342.49, QuartileBoundary.Exclusive, 1)]
    [InlineData(1342.50, QuartileBoundary.Exclusive, 2)] // exactly at Q1: outside with <
    public void Exactly_at_q1_depends_on_the_boundary_setting(decimal monthly, QuartileBoundary boundary, int quartile)
    {
        var policy = PolicyLoader.LoadDefault() with { Quartiles = new QuartileOptions(boundary, ThresholdSource.Published) };
        var f = new ClassifierFixture(policy);
        f.Run(A.Household(persons14Plus: 2, monthly: monthly), 2024).Result.Quartile.ShouldBe(quartile);
    }

    [Theory] // person alone, 2025: Q1 10 900, Q2 15 138, Q3 19 980 (monthly × 12)
    [InlineData(908.33, 1)]   // 10 899.96
    [InlineData(1261.50, 2)]  // 15 138.00: at Q2 is in Q2 (inclusive)
    [InlineData(1261.51, 3)]  // 15 138.12
    [InlineData(1665.00, 3)]  // 19 980.00: at Q3
    [InlineData(1665.01, 4)]
    public void Quartiles_two_to_four(decimal monthly, int quartile) =>
        _f.Run(A.Household(monthly: monthly), 2025).Result.Quartile.ShouldBe(quartile);

    [Fact]
    public void First_quartile_household_labelled_by_a_reservataire_is_not_priority_under_criterion_4()
    {
        var (r, fired, _) = _f.Run(A.Household(monthly: 500m, reservedBy: Reservataire.ActionLogement), 2025);
        r.Quartile.ShouldBe(1);
        r.IsPriority.ShouldBeFalse();
        fired.ShouldNotContain("PRIO-4-FIRST-QUARTILE");
    }

    [Fact]
    public void Criterion_4_without_the_non_contingente_condition_counts_labelled_households()
    {
        var policy = PolicyLoader.LoadDefault();
        policy = policy with { Priority = policy.Priority with { FirstQuartile = new FirstQuartileCriterion(true, false) } };
        new ClassifierFixture(policy).Run(A.Household(monthly: 500m, reservedBy: Reservataire.Commune), 2025).Result.Criteria.ShouldBe(PriorityCriteria.FirstQuartile);
    }

    [Theory]
    [InlineData(PrefectoralCriteria.Dalo, "PRIO-1-DALO")]
    [InlineData(PrefectoralCriteria.ChrsExit, "PRIO-1-CHRS-EXIT")]
    [InlineData(PrefectoralCriteria.RefugeeCadaExit, "PRIO-1-CADA-EXIT")]
    [InlineData(PrefectoralCriteria.PrefectoralListOverOneYear, "PRIO-1-PREFECT-LIST")]
    [InlineData(PrefectoralCriteria.L441Dash1Public, "PRIO-1-L441-1")]
    public void Each_prefectoral_sub_criterion_makes_a_priority_household(PrefectoralCriteria criterion, string rule)
    {
        var (r, fired, _) = _f.Run(A.Household(monthly: 3000m, prefectoral: criterion, reservedBy: Reservataire.Prefecture), 2025);
        r.Criteria.ShouldBe(PriorityCriteria.Prefectoral);
        fired.ShouldContain(rule);
    }

    [Theory]
    [InlineData(MutationReason.Health, true)]
    [InlineData(MutationReason.UnderOccupation, true)]
    [InlineData(MutationReason.OverOccupation, true)]
    [InlineData(MutationReason.EconomicPrecarity, true)]
    [InlineData(MutationReason.Other, false)]
    public void Mutations_count_only_for_the_cia_reasons(MutationReason reason, bool priority) =>
        _f.Run(A.Household(monthly: 3000m, isMutation: true, mutationReason: reason), 2025).Result.IsPriority.ShouldBe(priority);

    [Theory]
    [InlineData(UrbanRenewal.Anru, "PRIO-3-ANRU")]
    [InlineData(UrbanRenewal.NonAnru, "PRIO-3-NON-ANRU")]
    public void Urban_renewal_relocations_in_or_outside_anru(UrbanRenewal kind, string rule)
    {
        var (r, fired, _) = _f.Run(A.Household(monthly: 3000m, urbanRenewal: kind), 2025);
        r.Criteria.ShouldBe(PriorityCriteria.UrbanRenewal);
        fired.ShouldContain(rule);
    }

    [Fact]
    public void Criteria_cumulate()
    {
        var r = _f.Run(A.Household(monthly: 500m, isMutation: true, mutationReason: MutationReason.Health, urbanRenewal: UrbanRenewal.Anru, prefectoral: PrefectoralCriteria.Dalo), 2025).Result;
        r.Criteria.ShouldBe(PriorityCriteria.Prefectoral | PriorityCriteria.Mutation | PriorityCriteria.UrbanRenewal | PriorityCriteria.FirstQuartile);
    }

    [Fact]
    public void A_disabled_criterion_in_the_policy_does_not_fire()
    {
        var policy = PolicyLoader.LoadDefault();
        policy = policy with { Priority = policy.Priority with { UrbanRenewal = [] } };
        new ClassifierFixture(policy).Run(A.Household(monthly: 3000m, urbanRenewal: UrbanRenewal.Anru), 2025).Result.IsPriority.ShouldBeFalse();
    }

    [Theory] // person alone, 2026: 60 % × 23 403 = 14 041.80 €; "supérieures à" is strict
    [InlineData(14041.80, false)]
    [InlineData(14041.81, true)]
    public void Target_household_boundary_at_60_percent_of_the_plus_ceiling(decimal taxIncome, bool target) =>
        _f.Run(A.Household(monthly: 2000m, taxIncome: taxIncome), 2026).Result.IsTargetHousehold.ShouldBe(target);

    [Theory]
    [InlineData(EmploymentStatus.Employed, true)]
    [InlineData(EmploymentStatus.Retired, true)]
    [InlineData(EmploymentStatus.Unemployed | EmploymentStatus.Retired, true)]
    [InlineData(EmploymentStatus.Unemployed, false)]
    [InlineData(EmploymentStatus.Student, false)]
    public void Target_households_are_in_work_or_retired(EmploymentStatus employment, bool target) =>
        _f.Run(A.Household(monthly: 2000m, taxIncome: 30000m, employment: employment), 2026).Result.IsTargetHousehold.ShouldBe(target);

    [Fact]
    public void Disability_moves_the_household_up_one_category()
    {
        // Couple, RFR 20 000 € in 2026: category 2 → 60 % × 31 254 = 18 752.40 (target);
        // with a disabled member: category 3 → 60 % × 37 584 = 22 550.40 (not target).
        var plain = _f.Run(A.Household(persons14Plus: 2, monthly: 2000m, taxIncome: 20000m), 2026);
        plain.Result.PlusCategory.ShouldBe(2);
        plain.Result.IsTargetHousehold.ShouldBeTrue();
        var disabled = _f.Run(A.Household(persons14Plus: 2, monthly: 2000m, taxIncome: 20000m, disabled: true), 2026);
        disabled.Result.PlusCategory.ShouldBe(3);
        disabled.Result.IsTargetHousehold.ShouldBeFalse();
        disabled.Fired.ShouldContain("HH-DISABILITY-UPGRADE");
        disabled.Reasons.ShouldContain("a member is disabled: category 2 → 3");
    }

    [Fact]
    public void Target_reason_shows_the_arithmetic() =>
        _f.Run(A.Household(monthly: 2000m, taxIncome: 15000m), 2026).Reasons[^1]
            .ShouldBe("employed; tax income 15 000 € > 60 % × PLUS 2026 category 1 (23 403 €) = 14 041.80 €");

    [Theory] // arrêté du 29 juillet 1987 categories (REFERENCE §3.2)
    [InlineData(1, 0, 0, false, 1)] // person alone
    [InlineData(2, 0, 0, false, 2)] // couple
    [InlineData(2, 0, 0, true, 3)]  // young couple
    [InlineData(1, 1, 1, false, 3)] // one person + 1 dependant
    [InlineData(2, 1, 1, false, 3)] // three persons
    [InlineData(1, 2, 2, false, 4)] // one person + 2 dependants
    [InlineData(2, 2, 2, false, 4)] // four persons
    [InlineData(1, 3, 3, false, 5)] // one person + 3 dependants
    [InlineData(1, 4, 4, false, 6)] // one person + 4 dependants
    [InlineData(2, 4, 4, false, 6)] // six persons
    [InlineData(2, 5, 5, false, 7)] // seven persons: category 6 + 1 extra person
    [InlineData(3, 0, 0, false, 3)] // three adults
    public void Plus_categories(int persons14Plus, int children, int dependants, bool young, int category) =>
        HouseholdFacts.PlusCategory(new Household(persons14Plus, children, dependants, young, false)).ShouldBe(category);

    [Fact]
    public void Classification_allocates_nothing_per_call()
    {
        var classifier = _f.Classifier;
        var year = classifier.ForYear(2025);
        var a = A.Household(persons14Plus: 3, childrenUnder14: 1, monthly: 2000m, isMutation: true, mutationReason: MutationReason.Health);
        var sink = 0;
        for (var i = 0; i < 1_000; i++)
        {
            sink += classifier.Classify(a, year).Quartile; // warm up (JIT, static state)
        }

        // Bytes per call over many calls: the runtime may allocate a few bytes once on this thread (tiered JIT, OSR),
        // which a total of exactly zero would count against the classifier; one byte per call could not hide.
        const int calls = 100_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            sink += classifier.Classify(a, year).Quartile;
        }

        ((GC.GetAllocatedBytesForCurrentThread() - before) / calls).ShouldBe(0);
        sink.ShouldBe(101_000);
    }

    [Fact]
    public void Computed_thresholds_can_replace_published_ones()
    {
        var year = _f.Classifier.WithThresholds(2025, Euros.FromEuros(5000), Euros.FromEuros(9000), Euros.FromEuros(13000), "test");
        _f.Classifier.Classify(A.Household(monthly: 500m), year).Quartile.ShouldBe(2); // 6 000 per UC
    }
}
