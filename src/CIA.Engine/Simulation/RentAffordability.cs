using CIA.Engine.Domain;
using CIA.Engine.HousingBenefit;

namespace CIA.Engine.Simulation;

/// <summary>
/// For a household, a rent in cents above which it surely fails the rent-burden check, in one APL zone or in any of
/// the stock's zones, whatever the month of the year.
/// </summary>
/// <remarks>
/// The rent-burden check fails at once when even the least the household could pay exceeds its limit:
/// rent − L + P0 &gt; limit, where L is the APL rent ceiling of its household in the dwelling's zone and month, and P0
/// the minimal participation's forfait of the month (the aid never exceeds the rent kept, at most L, less P0). With L
/// at its highest over the year's months (and, for <see cref="AnyZone"/>, over the stock's zones) and P0 at its lowest,
/// a rent above limit + L_max − P0_min fails in that zone in every month: the bound is safe, it never rules out an
/// eligible household. One cent is added against rounding. The least participation is P0 − 0.50 € even for a rent far
/// under L, so a household whose limit is under that, and under its flat-rate charges (rent + charges within the limit
/// also passes), fails at any rent: −1, every rent is above it (households with no resources, for instance).
/// The simulator's queues carry <see cref="AnyZone"/>'s figure so that a search skips the entries a dwelling's rent rules
/// out; the attainability bound uses the figure of each dwelling's zone.
/// </remarks>
internal sealed class RentAffordability
{
    /// <summary>Households with up to 15 dependants read a table; larger ones are computed.</summary>
    private const int Cached = 16;

    /// <summary>The zone argument for the highest ceiling over the stock's zones.</summary>
    public const AplZone AnyZone = 0;

    private readonly AplMonth[] _months;
    private readonly AplZone[] _zones;
    private readonly long _forfait;
    private readonly long[] _charges = new long[Cached];
    private readonly long[][] _ceilings; // by zone (0 = any of the stock's), then couple × Cached + dependants
    private readonly double _fraction;

    public RentAffordability(IReadOnlyList<AplMonth> months, IEnumerable<AplZone> stockZones, double limitFraction)
    {
        _months = [.. months];
        _zones = [.. stockZones.Distinct().Order()];
        _fraction = limitFraction;
        _forfait = _months.Min(m => m.MinimalParticipationValue.Value.Forfait.Cents);
        for (var d = 0; d < Cached; d++)
        {
            _charges[d] = LowestCharges(d);
        }

        var highestZone = _zones.Length == 0 ? 0 : (int)_zones[^1];
        _ceilings = new long[Math.Max(highestZone, (int)AplZone.Zone3) + 1][];
        for (var z = 0; z < _ceilings.Length; z++)
        {
            var table = new long[2 * Cached];
            for (var d = 0; d < Cached; d++)
            {
                table[d] = HighestCeiling((AplZone)z, false, d);
                table[Cached + d] = HighestCeiling((AplZone)z, true, d);
            }

            _ceilings[z] = table;
        }
    }

    /// <summary>The rent above which the household surely fails in any month, in <paramref name="zone"/> (<see cref="AnyZone"/>: in any of the stock's zones).</summary>
    public int Of(in ApplicantTerms h, AplZone zone = AnyZone)
    {
        var household = h.Household;
        var z = (int)zone;
        var ceiling = household.Dependants < Cached && (uint)z < (uint)_ceilings.Length
            ? _ceilings[z][(household.Couple ? Cached : 0) + household.Dependants]
            : HighestCeiling(zone, household.Couple, household.Dependants);
        var limit = _fraction * h.MonthlyCents;
        var lowestCharges = household.Dependants < Cached ? _charges[household.Dependants] : LowestCharges(household.Dependants);
        if (limit + 1 < _forfait - 50 && limit <= lowestCharges)
        {
            return -1;
        }

        var bound = Math.Floor(limit + ceiling - _forfait) + 1;
        return bound >= int.MaxValue ? int.MaxValue : (int)bound;
    }

    private long LowestCharges(int dependants) => _months.Min(m => m.ChargesValue.Value.For(dependants).Cents);

    private long HighestCeiling(AplZone zone, bool couple, int dependants)
    {
        var high = 0L;
        foreach (var month in _months)
        {
            if (zone == AnyZone)
            {
                foreach (var z in _zones)
                {
                    high = Math.Max(high, month.RentCeilings(z).Value.For(couple, dependants).Cents);
                }
            }
            else
            {
                high = Math.Max(high, month.RentCeilings(zone).Value.For(couple, dependants).Cents);
            }
        }

        return high;
    }
}
