using CIA.Engine.Domain;

namespace CIA.Engine.Data;

/// <summary>
/// The model of one application: household, resources, employment, mutation, priority situations and label.
/// Resources per consumption unit follow a distribution pinned to the Q1/Q2/Q3 published for Nantes Métropole
/// (2026: 10 745 / 14 712 / 19 830 € per UC and year), the only published quartiles; the other proportions are
/// plausible assumptions listed in docs/default-data.md.
/// </summary>
internal static class DemandModel
{
    public static readonly string[] EmploymentTokens = [.. Enumerable.Range(0, 32).Select(i => Tokens<EmploymentStatus>.FormatFlags((EmploymentStatus)i))];
    public static readonly string[] PrefectoralTokens = [.. Enumerable.Range(0, 32).Select(i => Tokens<PrefectoralCriteria>.FormatFlags((PrefectoralCriteria)i))];

    /// <summary>Annual resources per UC (€): 2 % with none, then through the published quartiles.</summary>
    public static readonly QuantileDistribution ResourcesPerUc = new(
        (0, 0), (0.02, 0), (0.10, 5_200), (0.25, 10_745), (0.50, 14_712), (0.75, 19_830), (0.90, 26_000), (0.98, 38_000), (1, 60_000));

    /// <summary>Days since first registration at the snapshot.</summary>
    private static readonly QuantileDistribution Seniority = new((0, 1), (0.5, 420), (0.9, 1_500), (1, 3_600));

    private static readonly Weighted<int> ChildrenOfSingle = new((0, 0.62), (1, 0.20), (2, 0.12), (3, 0.06));
    private static readonly Weighted<int> ChildrenOfCouple = new((0, 0.45), (1, 0.22), (2, 0.20), (3, 0.10), (4, 0.03));
    private static readonly Weighted<int> Teens = new((0, 0.85), (1, 0.11), (2, 0.04));
    private static readonly Weighted<MutationReason> Reasons = new(
        (MutationReason.OverOccupation, 0.30), (MutationReason.Health, 0.15), (MutationReason.UnderOccupation, 0.10),
        (MutationReason.EconomicPrecarity, 0.15), (MutationReason.Other, 0.30));

    private static readonly Weighted<EmploymentStatus> PoorestQuarter = new(
        (EmploymentStatus.Employed, 0.25), (EmploymentStatus.Unemployed, 0.35), (EmploymentStatus.Inactive, 0.30), (EmploymentStatus.Student, 0.10));

    private static readonly Weighted<EmploymentStatus> Middle = new(
        (EmploymentStatus.Employed, 0.55), (EmploymentStatus.Unemployed, 0.25), (EmploymentStatus.Inactive, 0.15), (EmploymentStatus.Student, 0.05));

    private static readonly Weighted<EmploymentStatus> Upper = new(
        (EmploymentStatus.Employed, 0.85), (EmploymentStatus.Unemployed, 0.08), (EmploymentStatus.Inactive, 0.05), (EmploymentStatus.Student, 0.02));

    /// <summary>Draws one application (without id and desired communes, which the generator adds).</summary>
    public static DrawnApplication Draw(ref KeyedRandom random, DateOnly snapshot)
    {
        var couple = random.Chance(0.38);
        var teens = Teens.Sample(ref random);
        var children = (couple ? ChildrenOfCouple : ChildrenOfSingle).Sample(ref random);
        var adults = couple ? 2 : 1;
        var persons14 = adults + teens;
        var ucTenths = 10 + (5 * (persons14 - 1)) + (3 * children);

        var u = random.NextDouble();
        var perUc = ResourcesPerUc.Quantile(u);
        var annualCents = (long)Math.Round(perUc * 100 * ucTenths / 10);
        var monthlyCents = (long)Math.Round(annualCents / 12.0);

        var retired = random.Chance(couple ? 0.08 : 0.13);
        var employment = retired ? EmploymentStatus.Retired : (u < 0.25 ? PoorestQuarter : u < 0.6 ? Middle : Upper).Sample(ref random);
        if (couple)
        {
            employment |= random.Chance(u < 0.4 ? 0.45 : 0.75) ? EmploymentStatus.Employed : retired ? EmploymentStatus.Retired : EmploymentStatus.Inactive;
        }

        // Revenu fiscal de référence: wages and pensions less the 10 % allowance; social benefits are not taxed.
        var taxed = (employment & (EmploymentStatus.Employed | EmploymentStatus.Retired)) != 0;
        var taxRatio = taxed ? random.Between(0.78, 0.92) : random.Between(0.15, 0.75);
        var taxCents = (long)(annualCents * taxRatio / 100) * 100;

        var mutation = random.Chance(0.32) ? Reasons.Sample(ref random) : MutationReason.None;
        var renewal = UrbanRenewal.None;
        if (mutation != MutationReason.None)
        {
            var r = random.NextDouble();
            renewal = r < 0.035 ? UrbanRenewal.Anru : r < 0.05 ? UrbanRenewal.NonAnru : UrbanRenewal.None;
        }

        var poor = u < 0.25;
        var prefectoral = PrefectoralCriteria.None;
        if (random.Chance(poor ? 0.025 : 0.008))
        {
            prefectoral |= PrefectoralCriteria.Dalo;
        }

        if (random.Chance(poor ? 0.03 : 0.01))
        {
            prefectoral |= PrefectoralCriteria.ChrsExit;
        }

        if (random.Chance(poor ? 0.015 : 0.006))
        {
            prefectoral |= PrefectoralCriteria.RefugeeCadaExit;
        }

        if (random.Chance(poor ? 0.015 : 0.006))
        {
            prefectoral |= PrefectoralCriteria.PrefectoralListOverOneYear;
        }

        if (random.Chance(poor ? 0.16 : 0.06))
        {
            prefectoral |= PrefectoralCriteria.L441Dash1Public;
        }

        var employed = (employment & EmploymentStatus.Employed) != 0;
        var label = Reservataire.None;
        if (prefectoral != PrefectoralCriteria.None && random.Chance(0.45))
        {
            label = Reservataire.Prefecture;
        }
        else if (employed && random.Chance(0.10))
        {
            label = random.Chance(0.05) ? Reservataire.StateAgents : Reservataire.ActionLogement;
        }
        else if (random.Chance(0.03))
        {
            label = Reservataire.Commune;
        }

        var wanted = random.NextDouble();
        return new DrawnApplication(
            snapshot.AddDays(-(int)Seniority.Sample(ref random) - 1),
            persons14,
            children,
            children + teens,
            couple && teens == 0 && children == 0 && random.Chance(0.3),
            random.Chance(0.07),
            monthlyCents,
            taxCents,
            employment,
            mutation,
            renewal,
            prefectoral,
            label,
            wanted < 0.45 ? 1 : wanted < 0.75 ? 2 : 3);
    }
}

/// <summary>One drawn application.</summary>
internal readonly record struct DrawnApplication(
    DateOnly RegisteredOn,
    int Persons14Plus,
    int ChildrenUnder14,
    int Dependants,
    bool YoungCouple,
    bool Disabled,
    long MonthlyResourcesCents,
    long TaxIncomeCents,
    EmploymentStatus Employment,
    MutationReason MutationReason,
    UrbanRenewal UrbanRenewal,
    PrefectoralCriteria Prefectoral,
    Reservataire ReservedBy,
    int DesiredCommunes);
