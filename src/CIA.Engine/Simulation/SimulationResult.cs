using System.Collections.Immutable;
using CIA.Engine.Domain;
using CIA.Engine.Targets;

namespace CIA.Engine.Simulation;

/// <summary>Why a vacancy ended the year without a lease.</summary>
public enum UnfilledReason
{
    /// <summary>No eligible candidate in the réservataire's channel nor, for this turn, the landlord's.</summary>
    [Token("no_eligible_candidate")] NoEligibleCandidate,

    /// <summary>Every candidate examined over the commission's rounds refused.</summary>
    [Token("refused")] Refused,

    /// <summary>The commission's sitting or the lease falls after 31 December.</summary>
    [Token("pending_at_year_end")] PendingAtYearEnd,
}

/// <summary>Why a dwelling fell vacant.</summary>
public enum VacancyCause
{
    /// <summary>Rotation: the tenant left (drawn with the policy's rotation rate).</summary>
    [Token("rotation")] Rotation,

    /// <summary>A vacancy chain: the tenant was a mutation applicant housed in another dwelling.</summary>
    [Token("chain")] Chain,
}

/// <summary>One lease signed in the simulated year.</summary>
/// <param name="SignedOn">Date of the signed lease.</param>
/// <param name="Application">The application's index in <see cref="SimulationResult"/> (demand rows first, then arrivals).</param>
/// <param name="Dwelling">The dwelling's row in the stock table.</param>
/// <param name="Reservataire">The réservataire of imputation (the landlord when the vacancy went back to it).</param>
/// <param name="Channel">The réservataire whose channel held the vacancy.</param>
/// <param name="Rank">The candidate's place among those the commission examined (1 = first).</param>
/// <param name="Examined">Candidates the commission examined at that sitting.</param>
/// <param name="RefusalsBefore">Offers the applicant had refused earlier in the year.</param>
/// <param name="Rules">The rules that decided the lease.</param>
/// <param name="Chain">The stock row of the dwelling whose vacancy started the chain.</param>
/// <param name="Round">The commission's round (1 = first sitting for this vacancy).</param>
public readonly record struct SimulatedLease(
    DateOnly SignedOn,
    int Application,
    int Dwelling,
    Reservataire Reservataire,
    Reservataire Channel,
    int Rank,
    int Examined,
    int RefusalsBefore,
    LeaseRules Rules,
    int Chain,
    int Round);

/// <summary>A vacancy left without a lease at the end of the year.</summary>
/// <param name="Dwelling">The dwelling's row in the stock table.</param>
/// <param name="VacantOn">When it fell vacant.</param>
/// <param name="Reason">Why no lease was signed.</param>
/// <param name="Channel">The réservataire whose channel held it.</param>
public readonly record struct UnfilledVacancy(int Dwelling, DateOnly VacantOn, UnfilledReason Reason, Reservataire Channel);

/// <summary>Mean and median of waiting times, in months (30.4375 days), for one group of housed households.</summary>
/// <param name="Group">The group (e.g. "quartile 1", "priority").</param>
/// <param name="Housed">Households housed.</param>
/// <param name="MeanMonths">Mean wait from first registration to the lease.</param>
/// <param name="MedianMonths">Median wait.</param>
public sealed record WaitingTime(string Group, int Housed, double MeanMonths, double MedianMonths);

/// <summary>
/// One simulated year: every lease with the reasons that decided it, the vacancies left unfilled, the attainment of
/// every target and the year's indicators.
/// </summary>
public sealed class SimulationResult
{
    internal SimulationResult(SimulationTerritory territory, ulong seed, SimulationCounts counts, ImmutableArray<SimulatedLease> leases,
        ImmutableArray<UnfilledVacancy> unfilled, TargetTally tally, int[] arrivalSources, int[] chainLengths, int[] registeredDays)
    {
        Territory = territory;
        Seed = seed;
        Counts = counts;
        Leases = leases;
        Unfilled = unfilled;
        Tally = tally;
        ArrivalSources = arrivalSources;
        ChainLengths = chainLengths;
        _registeredDays = registeredDays;
    }

    private readonly int[] _registeredDays;

    /// <summary>The territory simulated.</summary>
    public SimulationTerritory Territory { get; }

    /// <summary>The seed.</summary>
    public ulong Seed { get; }

    /// <summary>The year's counts.</summary>
    public SimulationCounts Counts { get; }

    /// <summary>Leases, in date order (then by dwelling key).</summary>
    public ImmutableArray<SimulatedLease> Leases { get; }

    /// <summary>Vacancies without a lease at the end of the year.</summary>
    public ImmutableArray<UnfilledVacancy> Unfilled { get; }

    /// <summary>The leases counted for every target of the policy.</summary>
    public TargetTally Tally { get; }

    /// <summary>For each arrival (application index − demand rows), the demand row it was drawn from.</summary>
    internal int[] ArrivalSources { get; }

    /// <summary>How many chains had each length (index = number of vacancies in the chain; index 1 = no follow-on).</summary>
    public int[] ChainLengths { get; }

    /// <summary>The id of an application: a demand row's own id, or <c>SIM-</c> and a number for a new arrival.</summary>
    public string ApplicationId(int application) =>
        application < Territory.Demand.Count ? Territory.Demand.Ids[application] : ArrivalId(application - Territory.Demand.Count);

    internal static string ArrivalId(int k) => "SIM-" + (k + 1).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The demand row whose household an application has (itself, or the row an arrival was drawn from).</summary>
    public int SourceRow(int application) => application < Territory.Demand.Count ? application : ArrivalSources[application - Territory.Demand.Count];

    /// <summary>The date of first registration of an application (moved by <see cref="SimulationTerritory.YearShift"/>).</summary>
    public DateOnly RegisteredOn(int application) => DateOnly.FromDayNumber(_registeredDays[application]);

    /// <summary>The attainment of every target, with the mobilisable capacity the indicators compare to.</summary>
    public ImmutableArray<TargetResult> Targets(int? mobilisableCapacity = null) => Tally.Results(mobilisableCapacity, Attainment.Names(Territory.Stock));

    /// <summary>Waiting time of the housed by quartile, by priority and overall.</summary>
    public ImmutableArray<WaitingTime> WaitingTimes()
    {
        var groups = new List<double>[7];
        for (var i = 0; i < groups.Length; i++)
        {
            groups[i] = [];
        }

        foreach (var lease in Leases)
        {
            var months = (lease.SignedOn.DayNumber - _registeredDays[lease.Application]) / 30.4375;
            var c = Territory.Classes[SourceRow(lease.Application)];
            groups[0].Add(months);
            groups[Math.Clamp(c.Quartile, 1, 4)].Add(months);
            groups[c.IsPriority ? 5 : 6].Add(months);
        }

        string[] names = ["all housed", "quartile 1", "quartile 2", "quartile 3", "quartile 4", "priority", "not priority"];
        return [.. groups.Select((g, i) => new WaitingTime(names[i], g.Count, g.Count == 0 ? double.NaN : g.Average(), Median(g)))];
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}

/// <summary>The year's counts.</summary>
/// <param name="Waiting">Applications pending on 1 January.</param>
/// <param name="Arrivals">New applications during the year.</param>
/// <param name="Lapsed">Applications not renewed.</param>
/// <param name="Vacancies">Vacancies of the year (rotation and chains).</param>
/// <param name="ChainVacancies">Of which vacancy-chain follow-ons.</param>
/// <param name="Leases">Leases signed in the year.</param>
/// <param name="Refusals">Offers refused.</param>
/// <param name="Fallbacks">Vacancies that went back to the landlord because their channel had no eligible candidate.</param>
/// <param name="WaitingAtEnd">Applications still waiting on 31 December; an applicant who accepted an offer whose lease is signed after 31 December is not among them (see <see cref="SignedAfterYear"/>).</param>
/// <param name="MeanQueue">Mean number of applications waiting over the year (time average).</param>
/// <param name="SkippedChains">Chain follow-ons not opened: the dwelling left had already fallen vacant this year, the notice ends after 31 December, or another applicant still lives there (it is freed when the last of them is housed).</param>
public sealed record SimulationCounts(
    int Waiting,
    int Arrivals,
    int Lapsed,
    int Vacancies,
    int ChainVacancies,
    int Leases,
    int Refusals,
    int Fallbacks,
    int WaitingAtEnd,
    double MeanQueue,
    int SkippedChains)
{
    /// <summary>Candidates whose eligibility was checked (the matching core's work).</summary>
    public long CandidatesChecked { get; init; }

    /// <summary>Queue entries the searches visited (live or dead).</summary>
    public long EntriesVisited { get; init; }

    /// <summary>Non-empty queues the searches merged.</summary>
    public long QueuesMerged { get; init; }

    /// <summary>
    /// Offers accepted in the year whose lease is signed after 31 December (the CAL's delays run past the year end):
    /// no longer waiting, not yet housed; their vacancies are counted unfilled, pending at year end.
    /// </summary>
    public int SignedAfterYear { get; init; }

    /// <summary>Candidates found above the income ceiling.</summary>
    public long IncomeFailures { get; init; }

    /// <summary>Housing-benefit computations (rent-burden checks).</summary>
    public long BenefitComputations { get; init; }

    /// <summary>Of <see cref="BenefitComputations"/>, those computed exactly (in decimal): the floating-point estimate left the cost within its error margin of the limit, or did not cover the household.</summary>
    public long ExactBenefitComputations { get; init; }

    /// <summary>Leases ÷ (applications pending on 1 January + arrivals).</summary>
    public double SatisfactionRate => Waiting + Arrivals == 0 ? 0 : (double)Leases / (Waiting + Arrivals);
}
