using System.Collections.Immutable;
using CIA.Engine.Domain;

namespace CIA.Engine.Policy;

/// <summary>How the simulator ranks the eligible candidates for a dwelling (policy key <c>simulation.ranking</c>).</summary>
public enum RankingPolicy
{
    /// <summary>First registered, first served (date of first registration, then id).</summary>
    [Token("seniority")] Seniority,

    /// <summary>A points grid (cotation, CCH L441-2-8): criteria and weights in <c>simulation.cotation</c>.</summary>
    [Token("cotation")] Cotation,

    /// <summary>
    /// Seniority order, but among the first eligible candidates the one who belongs to the category whose target is
    /// furthest behind its bound is chosen first; eligibility is never relaxed.
    /// </summary>
    [Token("cia_steered")] CiaSteered,
}

/// <summary>Who holds the right to propose candidates for a vacancy (policy key <c>simulation.management</c>).</summary>
public enum ReservationManagement
{
    /// <summary>Stock management: each dwelling keeps the contingent of its réservataire (RPLS contingent code).</summary>
    [Token("stock")] Stock,

    /// <summary>
    /// Flux management (ELAN art. 114, décret n° 2020-145, general since 24 Nov 2023): each vacancy goes to the
    /// réservataire furthest behind its share of the year's flow.
    /// </summary>
    [Token("flux")] Flux,
}

/// <summary>One criterion of the cotation grid.</summary>
public enum CotationCriterion
{
    /// <summary>A DALO designation (CCH L441-2-3).</summary>
    [Token("dalo")] Dalo,

    /// <summary>Any other préfet's priority criterion, or the préfet's label (CIA Axe I §1, criterion 1).</summary>
    [Token("prefectoral_priority")] PrefectoralPriority,

    /// <summary>A relocation by urban renewal (criterion 3).</summary>
    [Token("urban_renewal")] UrbanRenewal,

    /// <summary>A mutation for one of the policy's priority mutation reasons (criterion 2).</summary>
    [Token("mutation_reason")] MutationReason,

    /// <summary>A 1st-quartile household (criterion 4 without the contingent condition).</summary>
    [Token("first_quartile")] FirstQuartile,

    /// <summary>Points per month of waiting since first registration.</summary>
    [Token("month_waiting")] MonthWaiting,

    /// <summary>Waiting beyond the territory's abnormal delay (délai anormalement long, CCH L441-1-4).</summary>
    [Token("beyond_abnormal_delay")] BeyondAbnormalDelay,
}

/// <summary>A criterion of the cotation grid and its weight.</summary>
/// <param name="Criterion">What earns the points.</param>
/// <param name="Points">Points earned (per month for <see cref="CotationCriterion.MonthWaiting"/>).</param>
public sealed record CotationWeight(CotationCriterion Criterion, int Points);

/// <summary>The household sizes a dwelling size may take: a row of <c>simulation.eligibility.rooms</c>.</summary>
/// <param name="Persons">Household size (the last row also covers larger households).</param>
/// <param name="MinRooms">Fewest rooms (pièces principales).</param>
/// <param name="MaxRooms">Most rooms.</param>
public sealed record RoomsRule(int Persons, int MinRooms, int MaxRooms);

/// <summary>A rotation rate that applies to part of the stock.</summary>
/// <param name="Key">A landlord name, or a commune code (INSEE).</param>
/// <param name="Rate">Yearly share of the dwellings that fall vacant.</param>
public sealed record RotationOverride(string Key, Rate Rate);

/// <summary>Rotation: the yearly share of the dwellings that fall vacant (the most specific rate applies: commune, then landlord, then QPV, then the base rate).</summary>
/// <param name="Rate">Base rate; null takes <see cref="StockOptions.RotationRate"/> (the CIA's 11.4 %).</param>
/// <param name="InQpv">Rate for dwellings in QPV; null uses the base rate.</param>
/// <param name="Landlords">Rates by landlord name.</param>
/// <param name="Communes">Rates by commune code.</param>
public sealed record RotationOptions(Rate? Rate, Rate? InQpv, ImmutableArray<RotationOverride> Landlords, ImmutableArray<RotationOverride> Communes);

/// <summary>The allocation commission (CAL/CALEOL) and the offer process.</summary>
/// <param name="Candidates">Candidates examined per dwelling, in rank order (CCH R441-3: at least three, when there are enough).</param>
/// <param name="Rounds">Sittings a dwelling may go through when every examined candidate refuses, before it is left unfilled.</param>
/// <param name="SittingDays">Days from the vacancy (or the last round) to the commission's sitting.</param>
/// <param name="AnswerDays">Days a candidate has to answer an offer (10 days; silence is refusal).</param>
/// <param name="LeaseDays">Days from acceptance to the signed lease.</param>
public sealed record CalOptions(int Candidates, int Rounds, int SittingDays, int AnswerDays, int LeaseDays);

/// <summary>The refusal model: the chance that a candidate refuses an offer.</summary>
/// <param name="Base">Base chance of refusal.</param>
/// <param name="InQpv">Added when the dwelling is in a QPV.</param>
/// <param name="CommuneNotAsked">Added when the dwelling's commune is not among those the application asks for (an application that asks for none counts as not asking).</param>
public sealed record RefusalOptions(Rate Base, Rate InQpv, Rate CommuneNotAsked);

/// <summary>A réservataire's share of the year's flow under flux management.</summary>
/// <param name="Reservataire">The réservataire.</param>
/// <param name="Share">Share of the year's vacancies.</param>
public sealed record FluxShare(Reservataire Reservataire, Rate Share);

/// <summary>
/// The simulator's settings: policy key <c>simulation</c>, optional; every key has a default documented in
/// docs/policy-file.md and docs/simulator.md. Several defaults are modelling choices where no source gives a figure:
/// they are settings so that an analyst can change them.
/// </summary>
/// <param name="Ranking">How eligible candidates are ranked.</param>
/// <param name="Management">Stock or flux management of reservations.</param>
/// <param name="FluxShares">Shares of the flow by réservataire (flux management); empty takes each réservataire's share of the stock file's dwellings.</param>
/// <param name="Rotation">Rotation rates.</param>
/// <param name="NoticeDays">Notice a housed mutation applicant gives on the dwelling left (loi n° 89-462 art. 15: one month when allocated a social dwelling).</param>
/// <param name="Cal">The commission and offer process.</param>
/// <param name="Refusals">The refusal model.</param>
/// <param name="LapseRate">Yearly share of the applications not renewed at their anniversary date (CCH R441-2-8: a demand lasts a year).</param>
/// <param name="ArrivalLookbackMonths">New applications arrive at the rate of the file's registrations in this many months before the year.</param>
/// <param name="RentBurdenLimit">The highest rent burden (taux d'effort) after housing benefit.</param>
/// <param name="Rooms">Household size against rooms.</param>
/// <param name="AbnormalDelayMonths">The territory's abnormal delay (délai anormalement long), in months.</param>
/// <param name="Cotation">The cotation grid.</param>
/// <param name="SteeringWindow">How many eligible candidates, in rank order, the CIA-steered ranking chooses among.</param>
/// <param name="ScanLimit">Most queue entries examined for one vacancy before the search stops (bounds the cost of ineligible candidates; entries whose household surely cannot bear the rent are stepped over and not counted).</param>
public sealed record SimulationOptions(
    RankingPolicy Ranking,
    ReservationManagement Management,
    ImmutableArray<FluxShare> FluxShares,
    RotationOptions Rotation,
    int NoticeDays,
    CalOptions Cal,
    RefusalOptions Refusals,
    Rate LapseRate,
    int ArrivalLookbackMonths,
    Rate RentBurdenLimit,
    ImmutableArray<RoomsRule> Rooms,
    int AbnormalDelayMonths,
    ImmutableArray<CotationWeight> Cotation,
    int SteeringWindow,
    int ScanLimit)
{
    /// <summary>
    /// The default rooms table: at most one room more than persons (CCH L621-2 calls a dwelling with more
    /// "insuffisamment occupé"), at least one fewer (a modelling choice).
    /// </summary>
    public static ImmutableArray<RoomsRule> DefaultRooms { get; } =
    [
        new(1, 1, 2),
        new(2, 1, 3),
        new(3, 2, 4),
        new(4, 3, 5),
        new(5, 4, 6),
        new(6, 5, 7),
        new(7, 6, 9),
    ];

    /// <summary>The default cotation grid (no Nantes grid was found: these weights are a modelling choice).</summary>
    public static ImmutableArray<CotationWeight> DefaultCotation { get; } =
    [
        new(CotationCriterion.Dalo, 400),
        new(CotationCriterion.PrefectoralPriority, 200),
        new(CotationCriterion.UrbanRenewal, 150),
        new(CotationCriterion.MutationReason, 100),
        new(CotationCriterion.FirstQuartile, 60),
        new(CotationCriterion.MonthWaiting, 2),
        new(CotationCriterion.BeyondAbnormalDelay, 100),
    ];

    /// <summary>The defaults, used for every key a policy file leaves out.</summary>
    /// <remarks>Declared after <see cref="DefaultRooms"/> and <see cref="DefaultCotation"/>: static initializers run in text order, and declared before them it would hold default (uninitialised) arrays.</remarks>
    public static SimulationOptions Default { get; } = new(
        RankingPolicy.Seniority,
        ReservationManagement.Stock,
        [],
        new RotationOptions(null, null, [], []),
        NoticeDays: 30,
        new CalOptions(Candidates: 3, Rounds: 3, SittingDays: 14, AnswerDays: 10, LeaseDays: 15),
        new RefusalOptions(new Rate(0.20m), new Rate(0.10m), new Rate(0.15m)),
        LapseRate: new Rate(0.20m),
        ArrivalLookbackMonths: 12,
        RentBurdenLimit: new Rate(0.30m),
        DefaultRooms,
        AbnormalDelayMonths: 24,
        DefaultCotation,
        SteeringWindow: 20,
        ScanLimit: 5_000);

    /// <summary>The lowest and highest rooms a household of <paramref name="persons"/> may take.</summary>
    public (int Min, int Max) RoomsFor(int persons)
    {
        var rule = Rooms[^1];
        foreach (var r in Rooms)
        {
            if (r.Persons == persons)
            {
                rule = r;
                break;
            }
        }

        return (rule.MinRooms, rule.MaxRooms);
    }

    /// <summary>The points of a criterion in the grid (0 when absent).</summary>
    public int PointsOf(CotationCriterion criterion)
    {
        foreach (var w in Cotation)
        {
            if (w.Criterion == criterion)
            {
                return w.Points;
            }
        }

        return 0;
    }
}
