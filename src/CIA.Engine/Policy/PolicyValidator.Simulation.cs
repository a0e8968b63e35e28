using System.Collections.Immutable;
using System.Globalization;
using CIA.Engine.Domain;

namespace CIA.Engine.Policy;

/// <summary>The checks of the <c>simulation</c> section (docs/policy-file.md, "The simulation section").</summary>
public static partial class PolicyValidator
{
    /// <summary>The most days any delay of the simulation may take (notice, sitting, answer, lease): a year.</summary>
    public const int MaxSimulationDays = 365;

    /// <summary>The most rooms a row of <c>simulation.eligibility.rooms</c> may name.</summary>
    public const int MaxRooms = 20;

    /// <summary>The largest weight, either sign, of a cotation criterion.</summary>
    public const int MaxCotationPoints = 10_000;

    /// <summary>The path of one rotation override, e.g. <c>simulation.rotation.communes["44109"]</c>: quoted because landlord ids may hold dots.</summary>
    internal static string OverridePath(string mapPath, string key) => $"{mapPath}[\"{key}\"]";

    private static void ValidateSimulation(SimulationOptions? s, Action<string, string> add)
    {
        if (s is null)
        {
            add("simulation", "must be set (SimulationOptions.Default for the defaults).");
            return;
        }

        if (!Enum.IsDefined(s.Ranking))
        {
            add("simulation.ranking", $"{(int)s.Ranking} is not a ranking ({string.Join(", ", Tokens<RankingPolicy>.Accepted)}).");
        }

        if (!Enum.IsDefined(s.Management))
        {
            add("simulation.management", $"{(int)s.Management} is not a management ({string.Join(", ", Tokens<ReservationManagement>.Accepted)}).");
        }

        ValidateFluxShares(s.FluxShares, add);
        ValidateRotation(s.Rotation, add);
        Days(s.NoticeDays, "simulation.notice_days", add);

        if (s.Cal is null)
        {
            add("simulation.cal", "must be set.");
        }
        else
        {
            Range(s.Cal.Candidates, 1, 10, "simulation.cal.candidates", add);
            Range(s.Cal.Rounds, 1, 12, "simulation.cal.rounds", add);
            Days(s.Cal.SittingDays, "simulation.cal.sitting_days", add);
            Days(s.Cal.AnswerDays, "simulation.cal.answer_days", add);
            Days(s.Cal.LeaseDays, "simulation.cal.lease_days", add);
        }

        if (s.Refusals is null)
        {
            add("simulation.refusals", "must be set.");
        }
        else
        {
            var r = s.Refusals;
            Share(r.Base, "simulation.refusals.base", add);
            Share(r.InQpv, "simulation.refusals.in_qpv", add);
            Share(r.CommuneNotAsked, "simulation.refusals.commune_not_asked", add);
            // The sum is checked when each part is a share: a part above 1 is the problem to fix, not the sum.
            var worst = r.Base.Fraction + r.InQpv.Fraction + r.CommuneNotAsked.Fraction;
            if (worst > 1 && r.Base.Fraction <= 1 && r.InQpv.Fraction <= 1 && r.CommuneNotAsked.Fraction <= 1)
            {
                add("simulation.refusals", $"base + in_qpv + commune_not_asked is {Number(worst)}: the chance that a candidate refuses a dwelling in QPV in a commune not asked for must be at most 1.");
            }
        }

        Share(s.LapseRate, "simulation.lapse_rate", add);
        Range(s.ArrivalLookbackMonths, 1, 120, "simulation.arrival_lookback_months", add);
        if (s.RentBurdenLimit.Fraction is <= 0 or > 1)
        {
            add("simulation.eligibility.rent_burden_limit", $"{Number(s.RentBurdenLimit.Fraction)} must be above 0 and at most 1 (0.30 for 30 %).");
        }

        ValidateRooms(s.Rooms, add);
        Range(s.AbnormalDelayMonths, 1, 240, "simulation.abnormal_delay_months", add);
        ValidateCotation(s.Cotation, add);
        Range(s.SteeringWindow, 1, 1_000, "simulation.steering_window", add);
        Range(s.ScanLimit, 1, 10_000_000, "simulation.scan_limit", add);
    }

    /// <summary>
    /// Flux shares: each réservataire once, each share in [0, 1], and together exactly 1, so that every vacancy has an
    /// owner; there is no implicit remainder (the landlord's own share is listed as <c>landlord</c>).
    /// </summary>
    private static void ValidateFluxShares(ImmutableArray<FluxShare> shares, Action<string, string> add)
    {
        const string path = "simulation.flux_shares";
        if (shares.IsDefault)
        {
            add(path, "is not set: give the shares, or an empty list to take each réservataire's share of the stock.");
            return;
        }

        if (shares.IsEmpty)
        {
            return;
        }

        var seen = new HashSet<Reservataire>();
        var sum = 0m;
        var aboveOne = false;
        for (var i = 0; i < shares.Length; i++)
        {
            if (shares[i] is not { } share)
            {
                add($"{path}[{i}]", "is missing.");
                continue;
            }

            sum += share.Share.Fraction;
            aboveOne |= share.Share.Fraction > 1;
            if (share.Reservataire == Reservataire.None)
            {
                add($"{path}[{i}]", "names no réservataire: under flux management every share belongs to one (the landlord's own share is landlord).");
                continue;
            }

            if (!Enum.IsDefined(share.Reservataire))
            {
                add($"{path}[{i}]", $"{(int)share.Reservataire} is not a réservataire.");
                continue;
            }

            var itemPath = $"{path}.{Tokens<Reservataire>.Format(share.Reservataire)}";
            if (!seen.Add(share.Reservataire))
            {
                add(itemPath, "is listed twice.");
            }

            Share(share.Share, itemPath, add);
        }

        // A share above 1 is reported on its own: the sum would only repeat it.
        if (sum != 1 && !aboveOne)
        {
            var hint = sum < 1 && !seen.Contains(Reservataire.Landlord)
                ? $" (e.g. landlord: {Number(1 - sum)} for the landlord's own share)"
                : string.Empty;
            add(path, $"the shares add up to {Number(sum)}; they must add up to exactly 1{hint}.");
        }
    }

    private static void ValidateRotation(RotationOptions? rotation, Action<string, string> add)
    {
        const string path = "simulation.rotation";
        if (rotation is null)
        {
            add(path, "must be set.");
            return;
        }

        if (rotation.Rate is { } rate)
        {
            Share(rate, $"{path}.rate", add);
        }

        if (rotation.InQpv is { } inQpv)
        {
            Share(inQpv, $"{path}.in_qpv", add);
        }

        ValidateOverrides(rotation.Landlords, $"{path}.landlords", "landlord id", static k => (k.Length > 0, k), add);
        ValidateOverrides(rotation.Communes, $"{path}.communes", "commune code", static k => CommuneCode.TryParse(k, out var c) ? (true, c.Value) : (false, k), add);
    }

    /// <summary>Overrides: each key valid (<paramref name="parse"/> gives the key compared for duplicates) and listed once, each rate in [0, 1].</summary>
    private static void ValidateOverrides(ImmutableArray<RotationOverride> overrides, string path, string what, Func<string, (bool Ok, string Key)> parse, Action<string, string> add)
    {
        if (overrides.IsDefault)
        {
            add(path, "is not set: give the overrides, or an empty list for none.");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < overrides.Length; i++)
        {
            if (overrides[i] is not { } o)
            {
                add($"{path}[{i}]", "is missing.");
                continue;
            }

            var text = o.Key?.Trim() ?? string.Empty;
            var itemPath = OverridePath(path, text);
            var (ok, key) = parse(text);
            if (!ok)
            {
                add(itemPath, text.Length == 0
                    ? $"names no {what}."
                    : $"'{text}' is not a {what} (an INSEE code: five characters, e.g. 44109, or 2A004 in Corse-du-Sud).");
            }
            else if (!seen.Add(key))
            {
                add(itemPath, $"'{key}' is listed twice.");
            }

            Share(o.Rate, itemPath, add);
        }
    }

    /// <summary>The rooms table: one row per household size from 1 without gap, each with 1 ≤ min ≤ max ≤ <see cref="MaxRooms"/>.</summary>
    private static void ValidateRooms(ImmutableArray<RoomsRule> rooms, Action<string, string> add)
    {
        const string path = "simulation.eligibility.rooms";
        if (rooms.IsDefaultOrEmpty)
        {
            add(path, "must list at least one household size (persons: 1 first): the last row also covers larger households.");
            return;
        }

        for (var i = 0; i < rooms.Length; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (rooms[i] is not { } row)
            {
                add(itemPath, "is missing.");
                continue;
            }

            if (row.Persons != i + 1)
            {
                add($"{itemPath}.persons", $"{row.Persons} should be {i + 1}: rows go by household size from 1, each size once, without gap.");
            }

            if (row.MinRooms < 1)
            {
                add($"{itemPath}.min", $"{row.MinRooms} must be at least 1.");
            }

            if (row.MaxRooms > MaxRooms)
            {
                add($"{itemPath}.max", $"{row.MaxRooms} must be at most {MaxRooms}.");
            }

            if (row.MinRooms > row.MaxRooms)
            {
                add($"{itemPath}.max", $"{row.MaxRooms} is below min {row.MinRooms}: no dwelling would fit.");
            }
        }
    }

    private static void ValidateCotation(ImmutableArray<CotationWeight> cotation, Action<string, string> add)
    {
        const string path = "simulation.cotation";
        if (cotation.IsDefault)
        {
            add(path, "is not set: give the grid, or an empty one for no points.");
            return;
        }

        var seen = new HashSet<CotationCriterion>();
        for (var i = 0; i < cotation.Length; i++)
        {
            if (cotation[i] is not { } weight)
            {
                add($"{path}[{i}]", "is missing.");
                continue;
            }

            if (!Enum.IsDefined(weight.Criterion))
            {
                add($"{path}[{i}]", $"{(int)weight.Criterion} is not a cotation criterion ({string.Join(", ", Tokens<CotationCriterion>.Accepted)}).");
                continue;
            }

            var itemPath = $"{path}.{Tokens<CotationCriterion>.Format(weight.Criterion)}";
            if (!seen.Add(weight.Criterion))
            {
                add(itemPath, "is listed twice.");
            }

            if (weight.Points is < -MaxCotationPoints or > MaxCotationPoints)
            {
                add(itemPath, $"{IO.Counts.Of(weight.Points)} points must be from -{IO.Counts.Of(MaxCotationPoints)} to {IO.Counts.Of(MaxCotationPoints)}.");
            }
        }
    }

    private static void Share(Rate rate, string path, Action<string, string> add)
    {
        // A Rate cannot be negative: only the upper bound can be wrong.
        if (rate.Fraction > 1)
        {
            add(path, $"{Number(rate.Fraction)} is a share and must be between 0 and 1.");
        }
    }

    private static void Days(int days, string path, Action<string, string> add)
    {
        if (days is < 0 or > MaxSimulationDays)
        {
            add(path, $"{days} must be from 0 to {MaxSimulationDays} days.");
        }
    }

    private static void Range(int value, int min, int max, string path, Action<string, string> add)
    {
        if (value < min || value > max)
        {
            add(path, $"{IO.Counts.Of(value)} must be from {IO.Counts.Of(min)} to {IO.Counts.Of(max)}.");
        }
    }

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
