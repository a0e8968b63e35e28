using System.Globalization;
using CIA.Engine.Domain;
using CIA.Engine.Policy;
using CIA.Engine.Rules;

namespace CIA.Engine.Classification;

/// <summary>
/// The CIA's household rules: consumption units, quartile, PLUS category, the four priority criteria with their
/// sub-criteria, and ménage cible. Each rule cites the CIA section or legal article it encodes.
/// </summary>
internal static class HouseholdRules
{
    /// <summary>The rule set's name.</summary>
    public const string Name = "household";

    private const string CiaPriority = "Nantes CIA Axe I §1";
    private const string Quartile = "CCH L441-1 (loi n° 2017-86 art. 70); arrêté fixant le seuil du premier quartile";

    /// <summary>
    /// Builds the household rule set for a policy. Every rule reads the policy through this one argument, captured
    /// when the set is built; the facts carry only the application's values and the year's figures.
    /// </summary>
    public static RuleSet<HouseholdFacts> Build(CiaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var p = policy.Priority;
        var targets = policy.TargetHouseholds;
        var inclusive = policy.Quartiles.Boundary == QuartileBoundary.Inclusive;
        var sign = inclusive ? "≤" : "<";          // resources/UC {sign} threshold: in the lower quartile
        var aboveSign = inclusive ? ">" : "≥";     // resources/UC {aboveSign} threshold: above it
        var lowerSign = inclusive ? "<" : "≤";     // the lower threshold {lowerSign} resources/UC
        bool Below(ResourcesPerUc r, Euros threshold) => inclusive ? r.CompareTo(threshold) <= 0 : r.CompareTo(threshold) < 0;
        var b = new RuleSetBuilder<HouseholdFacts>(Name);

        b.Rule("HH-UC").Title("Consumption units and resources per UC").Reference(Quartile)
            .Description("UC = 1 for the first person, 0.5 per other person aged 14+, 0.3 per child under 14; resources per UC = declared monthly resources (housing benefit excluded) × 12 ÷ UC.")
            .When(static (in HouseholdFacts _) => true)
            .Because(static (in HouseholdFacts f) => DescribeUc(f));

        b.Rule("HH-QUARTILE-1").Title("First quartile").Reference(Quartile)
            .Description("Resources per UC at or below the year's Q1 threshold of the EPCI (the boundary is a policy setting).")
            .When((in HouseholdFacts f) => Below(f.ResourcesPerUc, f.Year.Q1))
            .Because((in HouseholdFacts f) => $"resources per UC {E(f.ResourcesPerUc.Rounded)} {sign} Q1 {E(f.Year.Q1)} ({f.Year.Year}; {f.Year.ThresholdSource})");
        b.Rule("HH-QUARTILE-2").Title("Second quartile").Reference(Quartile)
            .Description("Resources per UC above Q1 and at or below Q2.")
            .When((in HouseholdFacts f) => !Below(f.ResourcesPerUc, f.Year.Q1) && Below(f.ResourcesPerUc, f.Year.Q2))
            .Because((in HouseholdFacts f) => $"Q1 {E(f.Year.Q1)} {lowerSign} resources per UC {E(f.ResourcesPerUc.Rounded)} {sign} Q2 {E(f.Year.Q2)} ({f.Year.Year})");
        b.Rule("HH-QUARTILE-3").Title("Third quartile").Reference(Quartile)
            .Description("Resources per UC above Q2 and at or below Q3.")
            .When((in HouseholdFacts f) => !Below(f.ResourcesPerUc, f.Year.Q2) && Below(f.ResourcesPerUc, f.Year.Q3))
            .Because((in HouseholdFacts f) => $"Q2 {E(f.Year.Q2)} {lowerSign} resources per UC {E(f.ResourcesPerUc.Rounded)} {sign} Q3 {E(f.Year.Q3)} ({f.Year.Year})");
        b.Rule("HH-QUARTILE-4").Title("Fourth quartile").Reference(Quartile)
            .Description("Resources per UC above Q3.")
            .When((in HouseholdFacts f) => !Below(f.ResourcesPerUc, f.Year.Q3))
            .Because((in HouseholdFacts f) => $"resources per UC {E(f.ResourcesPerUc.Rounded)} {aboveSign} Q3 {E(f.Year.Q3)} ({f.Year.Year})");

        b.Rule("HH-PLUS-CATEGORY").Title("PLUS household category").Reference("Arrêté du 29 juillet 1987, art. 1 (household categories)")
            .Description("Category = number of persons, +1 for a person alone with dependants; a young couple without dependants is category 3.")
            .When(static (in HouseholdFacts _) => true)
            .Because(static (in HouseholdFacts f) => DescribeCategory(f));
        b.Rule("HH-DISABILITY-UPGRADE").Title("Disability moves the household up one category").Reference("Arrêté du 29 juillet 1987 (personne handicapée: catégorie supérieure)")
            .Description("A household with a disabled member takes the ceiling of the next category.")
            .When((in HouseholdFacts f) => f.Input.DisabledMember && targets.DisabilityUpgrade)
            .Because(static (in HouseholdFacts f) => $"a member is disabled: category {f.BaseCategory} → {f.Category}");

        Prefectoral(b, p, "PRIO-1-DALO", PrefectoralCriteria.Dalo, "DALO designation", "CCH L441-2-3", "designated by the DALO mediation commission");
        Prefectoral(b, p, "PRIO-1-CHRS-EXIT", PrefectoralCriteria.ChrsExit, "Leaving a CHRS shelter", "CCH L441-1", "leaving a CHRS shelter");
        Prefectoral(b, p, "PRIO-1-CADA-EXIT", PrefectoralCriteria.RefugeeCadaExit, "Refugee leaving a CADA", "CCH L441-1", "refugee leaving a CADA reception centre");
        Prefectoral(b, p, "PRIO-1-PREFECT-LIST", PrefectoralCriteria.PrefectoralListOverOneYear, "On the préfet's list for over a year", "Convention de gestion du contingent préfectoral", "on the préfet's list for more than one year");
        Prefectoral(b, p, "PRIO-1-L441-1", PrefectoralCriteria.L441Dash1Public, "Priority public of CCH L441-1", "CCH L441-1", "belongs to a priority public listed in CCH L441-1");
        b.Rule("PRIO-1-PREFECT-LABEL").Title("Labelled in the préfet's contingent").Reference($"{CiaPriority} (1); CCH R441-5")
            .Description("Criterion 1: the CIA says \"relevant des critères de priorité du contingent préfectoral\"; an application the préfet's contingent has labelled meets them by itself (policy setting prefectoral_label).")
            .When((in HouseholdFacts f) => p.PrefectoralLabel && f.Input.ReservedBy == Reservataire.Prefecture)
            .Because(static (in HouseholdFacts _) => "labelled in the préfet's contingent for priority households");

        Mutation(b, p, "PRIO-2-HEALTH", MutationReason.Health, "Mutation for health reasons");
        Mutation(b, p, "PRIO-2-UNDER-OCCUPATION", MutationReason.UnderOccupation, "Mutation for under-occupation");
        Mutation(b, p, "PRIO-2-OVER-OCCUPATION", MutationReason.OverOccupation, "Mutation for over-occupation");
        Mutation(b, p, "PRIO-2-PRECARITY", MutationReason.EconomicPrecarity, "Mutation for economic precariousness");

        Renewal(b, p, "PRIO-3-ANRU", UrbanRenewal.Anru, "Relocation by an ANRU operation", "relocation required by an urban-renewal operation of the PNRU/NPNRU (ANRU)");
        Renewal(b, p, "PRIO-3-NON-ANRU", UrbanRenewal.NonAnru, "Relocation by a local urban-renewal operation", "relocation required by an urban-renewal operation outside the ANRU programmes");

        b.Rule("PRIO-4-FIRST-QUARTILE").Title("First-quartile household, non contingenté").Reference(CiaPriority + " (4); CCH L441-1")
            .Description("First-quartile households not labelled in a réservataire's contingent, first-time applicants or already social tenants.")
            .When((in HouseholdFacts f) => p.FirstQuartile.Enabled
                && Below(f.ResourcesPerUc, f.Year.Q1)
                && (!p.FirstQuartile.NonContingenteOnly || f.Input.ReservedBy == Reservataire.None))
            .Because((in HouseholdFacts f) => p.FirstQuartile.NonContingenteOnly
                ? $"first quartile ({E(f.ResourcesPerUc.Rounded)} {sign} {E(f.Year.Q1)}) and not labelled by a réservataire"
                : $"first quartile ({E(f.ResourcesPerUc.Rounded)} {sign} {E(f.Year.Q1)})");

        b.Rule("TARGET-HOUSEHOLD").Title("Ménage cible (QPV diversification)").Reference("Nantes CIA Axe II §4")
            .Description("In work and/or retired, with resources above the policy's share (60 %) of the PLUS ceiling of the household's category for the year.")
            .When((in HouseholdFacts f) => IsTargetHousehold(f, targets))
            .Because((in HouseholdFacts f) => DescribeTarget(f, targets));

        return b.Build();
    }

    private static bool IsTargetHousehold(in HouseholdFacts f, TargetHouseholdOptions options) =>
        (f.Input.Employment & options.Employment) != 0
        && f.TargetResources.Cents > f.PlusCeiling.Cents * options.PlusCeilingShare.Fraction; // "supérieures à": strictly above

    private static void Prefectoral(RuleSetBuilder<HouseholdFacts> b, PriorityDefinition p, string id, PrefectoralCriteria criterion, string title, string law, string reason) =>
        b.Rule(id).Title(title).Reference($"{CiaPriority} (1); {law}")
            .Description($"Criterion 1, the préfet's contingent: {reason}.")
            .When((in HouseholdFacts f) => (p.PrefectoralCriteria & criterion) != 0 && (f.Input.PrefectoralCriteria & criterion) != 0)
            .Because((in HouseholdFacts _) => reason);

    private static void Mutation(RuleSetBuilder<HouseholdFacts> b, PriorityDefinition p, string id, MutationReason reason, string title)
    {
        var counts = p.MutationReasons.Contains(reason); // decided once, when the policy is read
        b.Rule(id).Title(title).Reference($"{CiaPriority} (2)")
            .Description($"Criterion 2: a social tenant asking to move for {Tokens<MutationReason>.Format(reason).Replace('_', ' ')}.")
            .When((in HouseholdFacts f) => counts && f.Input.IsMutation && f.Input.MutationReason == reason)
            .Because((in HouseholdFacts _) => $"social tenant asking to move for {Tokens<MutationReason>.Format(reason).Replace('_', ' ')}");
    }

    private static void Renewal(RuleSetBuilder<HouseholdFacts> b, PriorityDefinition p, string id, UrbanRenewal kind, string title, string reason)
    {
        var counts = p.UrbanRenewal.Contains(kind);
        b.Rule(id).Title(title).Reference($"{CiaPriority} (3); CCH L441-1 (relogements ANRU)")
            .Description($"Criterion 3: {reason}.")
            .When((in HouseholdFacts f) => counts && f.Input.UrbanRenewal == kind)
            .Because((in HouseholdFacts _) => reason);
    }

    private static string DescribeUc(in HouseholdFacts f)
    {
        var h = f.Input;
        var s = f.Year.UcScale;
        var parts = new List<string> { Tenths(s.FirstPersonTenths) };
        if (h.Persons14Plus > 1)
        {
            parts.Add($"{Tenths(s.OtherPerson14PlusTenths)} × {h.Persons14Plus - 1}");
        }

        if (h.ChildrenUnder14 > 0)
        {
            parts.Add($"{Tenths(s.ChildUnder14Tenths)} × {h.ChildrenUnder14}");
        }

        return $"UC = {string.Join(" + ", parts)} = {f.Uc}; resources per UC = {E(f.Input.MonthlyResources)} × 12 ÷ {f.Uc} = {E(f.ResourcesPerUc.Rounded)}";
    }

    private static string DescribeCategory(in HouseholdFacts f)
    {
        var h = f.Input;
        var adults = h.Persons - h.Dependants;
        var why = h.Persons == 2 && h.Dependants == 0 && h.YoungCouple
            ? "young couple without dependants"
            : adults == 1 && h.Dependants >= 1 ? $"{h.Persons} persons, a person alone with dependants (+1)" : $"{h.Persons} person(s)";
        return $"{why}: category {f.BaseCategory}";
    }

    private static string DescribeTarget(in HouseholdFacts f, TargetHouseholdOptions o)
    {
        var limit = f.PlusCeiling.Cents * o.PlusCeilingShare.Fraction / 100m;
        var basis = o.Resources == TargetResourceBasis.TaxIncome ? "tax income" : "declared resources × 12";
        return $"{Tokens<EmploymentStatus>.FormatFlags(f.Input.Employment & o.Employment)}; {basis} {E(f.TargetResources)} > {o.PlusCeilingShare} × PLUS {f.Year.Plus.From.Year} category {f.Category} ({E(f.PlusCeiling)}) = {limit.ToString("#,0.00", Fmt)} €";
    }

    private static string Tenths(int tenths) => (tenths / 10m).ToString("0.0", CultureInfo.InvariantCulture);

    private static string E(Euros e) => e.ToDisplayString();

    private static readonly NumberFormatInfo Fmt = new() { NumberGroupSeparator = " ", NumberDecimalSeparator = "." };
}
