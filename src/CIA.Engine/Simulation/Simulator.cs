using System.Collections.Immutable;
using CIA.Engine.Classification;
using CIA.Engine.Data;
using CIA.Engine.Domain;
using CIA.Engine.HousingBenefit;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Stock;
using CIA.Engine.Targets;

namespace CIA.Engine.Simulation;

/// <summary>
/// Replays one year of a territory under its policy: dwellings fall vacant (rotation, then vacancy chains), the
/// réservataire's channel proposes candidates, the commission examines up to three eligible candidates in rank order,
/// candidates may refuse, the first who accepts signs the lease; new applications arrive and others lapse. Events are
/// processed in date order from a priority queue. Every draw is keyed on the seed and the entity (dwelling, application,
/// vacancy), never on a shared stream, so the same inputs and seed give the same year whatever the thread count or the
/// order of the input rows.
/// </summary>
/// <remarks>Thread-safe: each run holds its own state; several runs (seeds) of one territory may go at once on several threads.</remarks>
public static class Simulator
{
    /// <summary>Simulates the year with one seed. Thread-safe: runs share the territory read-only (each works on a copy of its queues).</summary>
    public static SimulationResult Run(SimulationTerritory territory, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(territory);
        return new YearRun(territory, seed, territory.CopyQueues()).Run();
    }

    /// <summary>
    /// Simulates the year with one seed as the territory's last run: the run takes the territory's queues instead of a
    /// copy of them, which saves the copy's time and memory (about a second and 200 MB for France). The result is the
    /// same as <see cref="Run"/>'s. The territory stays usable: a later run has its queues rebuilt first.
    /// </summary>
    public static SimulationResult RunLast(SimulationTerritory territory, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(territory);
        return new YearRun(territory, seed, territory.TakeQueues()).Run();
    }
}

/// <summary>One simulated year: all its mutable state.</summary>
internal sealed class YearRun
{
    private const byte Pending = 0;
    private const byte Waiting = 1;
    private const byte Housed = 2;
    private const byte Lapsed = 3;

    private const int EvLapse = 0;
    private const int EvArrival = 1;
    private const int EvCross = 2;
    private const int EvVacancy = 3;
    private const int EvSitting = 4;

    private static readonly ulong VacancyStream = KeyedRandom.KeyOf("simulation/vacancy");
    private static readonly ulong LapseStream = KeyedRandom.KeyOf("simulation/lapse");
    private static readonly ulong ArrivalStream = KeyedRandom.KeyOf("simulation/arrival");
    private static readonly ulong RefusalStream = KeyedRandom.KeyOf("simulation/refusal");

    private readonly SimulationTerritory _t;
    private readonly SimulationOptions _o;
    private readonly ulong _seed;
    private readonly int _n;
    private readonly int _startDay;
    private readonly int _endDay;
    private readonly bool _cotation;
    private readonly bool _steered;
    private readonly long _bonus;
    private readonly CandidateQueues _queues;
    private readonly PriorityQueue<(int Type, int A), (long Order, ulong Key)> _events = new();
    private readonly List<Planned>?[] _calendar;
    private int _calendarDay = -1;
    private int _calendarIndex;
    private bool _planning;
    private HeapItem[] _heap = new HeapItem[64];
    private int _heapCount;
    private readonly List<Vacancy> _vacancies = [];
    private readonly List<SimulatedLease> _leases = [];
    private readonly List<UnfilledVacancy> _unfilled = [];
    private const int SweepAfter = 4;
    private readonly List<CandidateQueue> _sweep = [];
    private readonly List<int> _candidates = [];
    private readonly List<ushort> _candidateRules = [];
    private readonly TargetTally _tally;
    private readonly DwellingDate[] _dates;
    private readonly int[][] _sizesForRooms;
    private readonly bool[] _vacated;
    private readonly int[] _chainLengthByStart;
    private readonly int[] _fluxAssigned;
    private readonly int[] _fluxTotal;
    private readonly decimal[] _fluxShares;
    private readonly Dictionary<int, int> _residentsLeft;

    private byte[] _state = [];
    private byte[] _tier = [];
    private int[] _registered = [];
    private int[] _refusals = [];
    private int[] _arrivalSource = [];
    private int _arrivals;
    private int _waiting;
    private int _initialWaiting;
    private int _lapsed;
    private int _refused;
    private int _fallbacks;
    private int _chainVacancies;
    private int _skippedChains;
    private int _signedAfterYear;
    private double _queueArea;
    private int _lastDay;
    private DwellingTerms _d;
    private long _checks;
    private long _visited;
    private long _streams;
    private long _incomeFails;
    private long _aplComputations;
    private long _exactAplComputations;
    private readonly double _limitFraction;

    public YearRun(SimulationTerritory territory, ulong seed)
        : this(territory, seed, territory.CopyQueues())
    {
    }

    public YearRun(SimulationTerritory territory, ulong seed, CandidateQueues queues)
    {
        _t = territory;
        _o = territory.Options;
        _seed = seed;
        _n = territory.Demand.Count;
        _startDay = territory.Start.DayNumber;
        _endDay = territory.End.DayNumber;
        _cotation = _o.Ranking == RankingPolicy.Cotation;
        _steered = _o.Ranking == RankingPolicy.CiaSteered;
        _bonus = (long)_o.PointsOf(CotationCriterion.BeyondAbnormalDelay) * 487 << 20;
        _queues = queues;
        _tally = territory.Evaluator.CreateTally();
        _dates = territory.MonthDates;
        _sizesForRooms = territory.SizesForRooms;
        _vacated = new bool[territory.Stock.Count];
        _chainLengthByStart = new int[territory.Stock.Count];
        var landlords = Math.Max(1, territory.Stock.Landlords.Count);
        _fluxAssigned = new int[landlords * 8];
        _fluxTotal = new int[landlords];
        _fluxShares = territory.FluxShares;
        _limitFraction = (double)_o.RentBurdenLimit.Fraction;
        _residentsLeft = new Dictionary<int, int>(territory.SharedDwellings);
        _calendar = new List<Planned>?[_endDay - _startDay + 1];
    }

    public SimulationResult Run()
    {
        _planning = true;
        ScheduleApplications();
        ScheduleVacancies();
        _planning = false;
        _lastDay = _startDay;
        (int Type, int A)? afterYear = null;
        while (Next(out var e, out var order))
        {
            var day = _startDay + (int)(order >> 3);
            if (day > _endDay)
            {
                afterYear = e;
                break;
            }

            _queueArea += (double)_waiting * (day - _lastDay);
            _lastDay = day;
            switch (e.Type)
            {
                case EvLapse:
                    if (_state[e.A] == Waiting)
                    {
                        _state[e.A] = Lapsed;
                        _waiting--;
                        _lapsed++;
                    }

                    break;
                case EvArrival:
                    Arrive(e.A);
                    break;
                case EvCross:
                    Cross(e.A);
                    break;
                case EvVacancy:
                    OpenVacancy(e.A, day);
                    break;
                default:
                    Sit(e.A, day);
                    break;
            }
        }

        _queueArea += (double)_waiting * (_endDay + 1 - _lastDay);

        // Vacancies whose sitting had not come by 31 December (the first event after it included).
        if (afterYear is { Type: EvSitting } first)
        {
            var v = _vacancies[first.A];
            _unfilled.Add(new UnfilledVacancy(v.Dwelling, DateOnly.FromDayNumber(v.Day), UnfilledReason.PendingAtYearEnd, v.Channel));
        }

        while (_events.TryDequeue(out var e, out _))
        {
            if (e.Type == EvSitting)
            {
                var v = _vacancies[e.A];
                _unfilled.Add(new UnfilledVacancy(v.Dwelling, DateOnly.FromDayNumber(v.Day), UnfilledReason.PendingAtYearEnd, v.Channel));
            }
        }

        var maxChain = 1;
        foreach (var l in _chainLengthByStart)
        {
            maxChain = Math.Max(maxChain, l);
        }

        var chains = new int[maxChain + 1];
        foreach (var l in _chainLengthByStart)
        {
            if (l > 0)
            {
                chains[l]++;
            }
        }

        var counts = new SimulationCounts(_initialWaiting, _arrivals, _lapsed, _vacancies.Count, _chainVacancies, _leases.Count, _refused, _fallbacks, _waiting,
            _queueArea / (_endDay + 1 - _startDay), _skippedChains)
        {
            CandidatesChecked = _checks,
            BenefitComputations = _aplComputations,
            ExactBenefitComputations = _exactAplComputations,
            IncomeFailures = _incomeFails,
            EntriesVisited = _visited,
            QueuesMerged = _streams,
            SignedAfterYear = _signedAfterYear,
        };
        return new SimulationResult(_t, _seed, counts, [.. _leases], [.. _unfilled], _tally, _arrivalSource, chains, _registered);
    }

    /// <summary>For benchmarks and tests: sets the year up (queues, applications) without running it.</summary>
    internal void StartProbe() => ScheduleApplications();

    /// <summary>For benchmarks and tests: the matching core's answer for a dwelling as if it fell vacant on 1 January.</summary>
    internal int[] FindIndexed(int dwelling, int want)
    {
        var channel = ChannelOf(_t.Stock.ReservataireOf(dwelling));
        var vacancy = new Vacancy(dwelling, _startDay, channel, dwelling);
        Search(vacancy, _startDay, Spread(PartitionsOf(channel), _t.BandsFor(_t.StockInputs.Of(dwelling))), want);
        return [.. _candidates];
    }

    /// <summary>For tests: whether an application passes the eligibility checks for a dwelling in a month of the year.</summary>
    internal bool EligibleAt(int dwelling, int a, int month)
    {
        Prepare(dwelling, month);
        return Eligible(a) != 0;
    }

    /// <summary>
    /// For benchmarks and tests: the naive baseline — every application checked in turn (channel, size, commune, then the
    /// same eligibility checks), the best <paramref name="want"/> by rank kept.
    /// </summary>
    internal int[] FindByScan(int dwelling, int want)
    {
        var t = _t;
        var channel = PartitionsOf(ChannelOf(t.Stock.ReservataireOf(dwelling)));
        var commune = (ushort)t.Stock.CommuneOf(dwelling);
        var sizes = _sizesForRooms[Math.Min(t.Stock.RoomsOf(dwelling), _sizesForRooms.Length - 1)];
        Prepare(dwelling, DateOnly.FromDayNumber(_startDay).Month);
        var best = new List<(long Key, int Rank, int App)>(want + 1);
        for (var a = 0; a < _state.Length; a++)
        {
            if (_state[a] != Waiting)
            {
                continue;
            }

            var row = a < _n ? a : _arrivalSource[a - _n];
            if ((channel & (1u << (t.Partition[row] & 7))) == 0 || Array.IndexOf(sizes, CandidateQueues.SizeIndex(t.Persons[row]) + 1) < 0
                || !(t.AsksAny[row] || t.DesiredOf(row).Contains(commune)) || LivesIn(a, dwelling) || Eligible(a) == 0)
            {
                continue;
            }

            var key = t.RankKey(row, _registered[a]) - (_tier[a] == 1 ? _bonus : 0);
            var rank = a < _n ? t.Ranks[a] : a;
            var at = best.Count;
            while (at > 0 && (key < best[at - 1].Key || (key == best[at - 1].Key && rank < best[at - 1].Rank)))
            {
                at--;
            }

            if (at < want)
            {
                best.Insert(at, (key, rank, a));
                if (best.Count > want)
                {
                    best.RemoveAt(want);
                }
            }
        }

        return [.. best.Select(b => b.App)];
    }

    /// <summary>
    /// Schedules an event. The events known before the year starts (vacancies, arrivals, lapses) go to a calendar of
    /// one list per day, sorted when the day comes; those that arise during the year (sittings, chains) to a priority
    /// queue. Both order by (day, kind, key), so the merged order is the same as one queue's.
    /// </summary>
    private void Schedule(int day, int type, int a, ulong key)
    {
        var order = ((long)(day - _startDay) << 3) | (long)type;
        if (_planning && day >= _startDay && day <= _endDay)
        {
            (_calendar[day - _startDay] ??= []).Add(new Planned(order, key, type, a));
            return;
        }

        _events.Enqueue((type, a), (order, key));
    }

    /// <summary>The next event of the calendar or the queue, whichever comes first.</summary>
    private bool Next(out (int Type, int A) e, out long order)
    {
        while (_calendarDay < 0 || (_calendarDay < _calendar.Length && (_calendar[_calendarDay] is not { } list || _calendarIndex >= list.Count)))
        {
            _calendarDay++;
            _calendarIndex = 0;
            if (_calendarDay < _calendar.Length && _calendar[_calendarDay] is { } next)
            {
                next.Sort(static (x, y) => x.Order != y.Order ? x.Order.CompareTo(y.Order) : x.Key.CompareTo(y.Key));
            }
        }

        var hasPlanned = _calendarDay < _calendar.Length;
        var hasQueued = _events.TryPeek(out var queued, out var priority);
        if (!hasPlanned && !hasQueued)
        {
            e = default;
            order = 0;
            return false;
        }

        if (hasPlanned)
        {
            var p = _calendar[_calendarDay]![_calendarIndex];
            if (!hasQueued || p.Order < priority.Order || (p.Order == priority.Order && p.Key < priority.Key))
            {
                _calendarIndex++;
                e = (p.Type, p.A);
                order = p.Order;
                return true;
            }
        }

        _events.Dequeue();
        e = queued;
        order = priority.Order;
        return true;
    }

    private readonly record struct Planned(long Order, ulong Key, int Type, int A);

    private void ScheduleApplications()
    {
        var t = _t;
        var recent = t.RecentRows;
        var expected = recent.Length * 12.0 / _o.ArrivalLookbackMonths;
        var draw = new KeyedRandom(_seed, ArrivalStream, ulong.MaxValue);
        var arrivals = recent.Length == 0 ? 0 : Poisson(ref draw, expected);
        arrivals = Math.Min(arrivals, SimulationTerritory.MaxApplications - _n);
        var total = _n + arrivals;
        _state = new byte[total];
        _tier = new byte[total];
        _registered = new int[total];
        _refusals = new int[total];
        _arrivalSource = new int[arrivals];
        _arrivals = arrivals;
        Array.Copy(t.RegisteredDay, _registered, _n);
        var yearDays = _endDay - _startDay + 1;
        var lapse = (double)_o.LapseRate.Fraction;
        var delayDays = t.BeyondDelayDay;
        var anniversaries = t.AnniversaryDay;
        Array.Fill(_state, Waiting, 0, _n);
        Array.Copy(t.InitialTier, _tier, _n);

        for (var row = 0; row < _n; row++)
        {
            var key = t.DemandKeys[row];
            var anniversary = anniversaries[row];
            if (anniversary <= _endDay && new KeyedRandom(_seed, LapseStream, key).Chance(lapse))
            {
                Schedule(anniversary, EvLapse, row, key);
            }

            if (_cotation && _tier[row] == 0 && delayDays[row] <= _endDay)
            {
                Schedule(delayDays[row], EvCross, row, key);
            }
        }

        _waiting = _n;
        _initialWaiting = _n;
        for (var k = 0; k < arrivals; k++)
        {
            var r = new KeyedRandom(_seed, ArrivalStream, (ulong)k);
            var day = _startDay + r.Next(yearDays);
            _arrivalSource[k] = recent[r.Next(recent.Length)];
            _registered[_n + k] = day;
            _state[_n + k] = Pending;
            Schedule(day, EvArrival, _n + k, (ulong)k);
        }
    }

    private static int Poisson(ref KeyedRandom r, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        // Normal approximation above 50 (integer result, keyed draw); exact inversion below.
        if (mean > 50)
        {
            var u1 = 1.0 - r.NextDouble();
            var u2 = r.NextDouble();
            var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * z)));
        }

        var limit = Math.Exp(-mean);
        var k = 0;
        var p = r.NextDouble();
        while (p > limit)
        {
            k++;
            p *= r.NextDouble();
        }

        return k;
    }

    private void ScheduleVacancies()
    {
        var t = _t;
        var yearDays = _endDay - _startDay + 1;
        var rates = t.RotationRates;
        for (var row = 0; row < t.Stock.Count; row++)
        {
            var key = t.StockKeys[row];
            if (t.FixedVacancyDays is { } fixedDays)
            {
                if (fixedDays[row] >= 0)
                {
                    Schedule(_startDay + fixedDays[row], EvVacancy, row, key);
                }

                continue;
            }

            var r = new KeyedRandom(_seed, VacancyStream, key);
            if (r.NextDouble() < rates[row])
            {
                Schedule(_startDay + r.Next(yearDays), EvVacancy, row, key);
            }
        }
    }

    private void Arrive(int a)
    {
        if (_state[a] != Pending)
        {
            return;
        }

        _state[a] = Waiting;
        _waiting++;
        var row = _arrivalSource[a - _n];
        _tier[a] = 0;
        Enqueue(a, row, 0);
        if (_cotation)
        {
            var cross = DateOnly.FromDayNumber(_registered[a]).AddMonths(_o.AbnormalDelayMonths).DayNumber;
            if (cross <= _endDay)
            {
                Schedule(cross, EvCross, a, (ulong)a);
            }
        }
    }

    private void Cross(int a)
    {
        if (_state[a] != Waiting || _tier[a] != 0)
        {
            return;
        }

        _tier[a] = 1;
        Enqueue(a, a < _n ? a : _arrivalSource[a - _n], 1);
    }

    /// <summary>Puts an application in the queues of each commune it asks for (or of any commune).</summary>
    private void Enqueue(int a, int row, byte tier)
    {
        var t = _t;
        var partition = t.Partition[row] + (tier * SimulationTerritory.Partitions);
        var entry = new QueueEntry(t.RankKey(row, _registered[a]), a < _n ? t.Ranks[a] : a, a, t.AffordCents[row]);
        if (t.AsksAny[row])
        {
            Add(_queues.IndexOf(_queues.AnySlot, t.Persons[row], partition), entry, tier);
            return;
        }

        foreach (var slot in t.DesiredOf(row))
        {
            Add(_queues.IndexOf(slot, t.Persons[row], partition), entry, tier);
        }
    }

    private void Add(int index, QueueEntry entry, byte tier)
    {
        var q = _queues.GetOrAdd(index, tier);
        if (_cotation)
        {
            q.Insert(entry);
        }
        else
        {
            q.Append(entry);
        }
    }

    private void OpenVacancy(int dwelling, int day, int chain = -1)
    {
        if (_vacated[dwelling])
        {
            return;
        }

        _vacated[dwelling] = true;
        var channel = _o.Management == ReservationManagement.Flux ? FluxChannel(dwelling) : ChannelOf(_t.Stock.ReservataireOf(dwelling));
        var start = chain < 0 ? dwelling : chain;
        _chainLengthByStart[start]++;
        _vacancies.Add(new Vacancy(dwelling, day, channel, start));
        Schedule(day + _o.Cal.SittingDays, EvSitting, _vacancies.Count - 1, _t.StockKeys[dwelling]);
    }

    internal static Reservataire ChannelOf(Reservataire holder) => holder switch
    {
        Reservataire.Prefecture or Reservataire.StateAgents or Reservataire.ActionLogement or Reservataire.Commune => holder,
        _ => Reservataire.Landlord,
    };

    /// <summary>Flux: the réservataire furthest behind its share of this landlord's flow so far (largest remainder).</summary>
    private Reservataire FluxChannel(int dwelling)
    {
        var landlord = _t.Stock.LandlordOf(dwelling);
        var total = ++_fluxTotal[landlord];
        var best = Reservataire.Landlord;
        var bestGap = decimal.MinValue;
        for (var r = 1; r < 7; r++)
        {
            var share = _fluxShares[(landlord * 8) + r];
            if (share <= 0)
            {
                continue;
            }

            var gap = (share * total) - _fluxAssigned[(landlord * 8) + r];
            if (gap > bestGap)
            {
                bestGap = gap;
                best = (Reservataire)r;
            }
        }

        _fluxAssigned[(landlord * 8) + (int)best]++;
        return ChannelOf(best);
    }

    private static uint PartitionsOf(Reservataire channel) => channel switch
    {
        Reservataire.Prefecture => 0xF0,   // priority households, whatever their label
        Reservataire.StateAgents => 0x22,  // labelled State agents
        Reservataire.ActionLogement => 0x44,
        Reservataire.Commune => 0x88,
        _ => 0xFF,
    };

    /// <summary>The partitions of a channel's 8 (priority × label) in each income band a dwelling admits.</summary>
    private static uint Spread(uint channel, int bands)
    {
        var mask = 0u;
        for (var b = 0; b < 4; b++)
        {
            if ((bands & (1 << b)) != 0)
            {
                mask |= channel << (8 * b);
            }
        }

        return mask;
    }

    private void Sit(int v, int day)
    {
        var vacancy = _vacancies[v];
        var dwelling = vacancy.Dwelling;
        var want = _steered ? Math.Max(_o.SteeringWindow, _o.Cal.Candidates) : _o.Cal.Candidates;
        var fallback = false;
        var input = _t.StockInputs.Of(dwelling);
        var bands = _t.BandsFor(in input);
        Search(vacancy, day, Spread(PartitionsOf(vacancy.Channel), bands), want);
        if (_candidates.Count == 0 && vacancy.Channel != Reservataire.Landlord)
        {
            fallback = true;
            Search(vacancy, day, Spread(0xFF, bands), want);
        }

        if (_candidates.Count == 0)
        {
            // After a round of refusals, the eligible candidates left were those who refused.
            var reason = vacancy.Round > 1 ? UnfilledReason.Refused : UnfilledReason.NoEligibleCandidate;
            _unfilled.Add(new UnfilledVacancy(dwelling, DateOnly.FromDayNumber(vacancy.Day), reason, vacancy.Channel));
            return;
        }

        if (fallback && vacancy.Round == 1)
        {
            _fallbacks++;
        }

        var reservataire = fallback ? Reservataire.Landlord : vacancy.Channel;
        var month = DateOnly.FromDayNumber(Math.Min(day, _endDay)).Month;
        if (_steered)
        {
            Steer(_t.Dwellings.Classify(in input, _dates[month - 1]), reservataire);
        }

        var examined = Math.Min(_o.Cal.Candidates, _candidates.Count);
        var inQpv = _t.Stock.QpvOf(dwelling) >= 0;
        var commune = _t.Stock.CommuneOf(dwelling);
        var refusedHere = 0;
        for (var i = 0; i < examined; i++)
        {
            var a = _candidates[i];
            var row = a < _n ? a : _arrivalSource[a - _n];
            var asked = !_t.AsksAny[row] && _t.DesiredOf(row).Contains((ushort)commune);
            var chance = _o.Refusals.Base.Fraction + (inQpv ? _o.Refusals.InQpv.Fraction : 0) + (asked ? 0 : _o.Refusals.CommuneNotAsked.Fraction);
            var appKey = a < _n ? _t.DemandKeys[a] : KeyedRandom.Mix((ulong)a);
            var draw = new KeyedRandom(_seed, RefusalStream ^ _t.StockKeys[dwelling], appKey + (ulong)vacancy.Round);
            if (draw.NextDouble() < (double)chance)
            {
                _refusals[a]++;
                _refused++;
                refusedHere++;
                vacancy.AddRefuser(a);
                continue;
            }

            var leaseDay = day + (_o.Cal.AnswerDays * refusedHere) + _o.Cal.LeaseDays;
            _state[a] = Housed;
            _waiting--;
            if (leaseDay > _endDay)
            {
                _signedAfterYear++;
                _unfilled.Add(new UnfilledVacancy(dwelling, DateOnly.FromDayNumber(vacancy.Day), UnfilledReason.PendingAtYearEnd, vacancy.Channel));
                return;
            }

            var rules = (ushort)(_candidateRules[i] | LeaseRules.Rooms | LeaseRules.Commune | LeaseRules.Commission
                | (fallback ? LeaseRules.Fallback : LeaseRules.Channel)
                | (_cotation ? LeaseRules.Cotation : _steered ? LeaseRules.Steered | LeaseRules.Seniority : LeaseRules.Seniority));
            var leaseMonth = DateOnly.FromDayNumber(leaseDay).Month;
            var leaseDc = _t.Dwellings.Classify(in input, _dates[leaseMonth - 1]);
            // The préfet's criteria and the relocation kind are read from the row's packed terms (one cache line), not the
            // demand table's dozen columns.
            ref readonly var terms = ref _t.Eligibility[row];
            _tally.Add(new AllocationFacts(_t.Classes[row], terms.Prefectoral, terms.Renewal, leaseDc, reservataire),
                _t.Stock.LandlordOf(dwelling), commune, _t.Stock.QpvOf(dwelling));
            _leases.Add(new SimulatedLease(DateOnly.FromDayNumber(leaseDay), a, dwelling, reservataire, vacancy.Channel, i + 1, examined,
                _refusals[a], new LeaseRules(rules), vacancy.Chain, vacancy.Round));
            OpenChain(a, leaseDay, vacancy.Chain);
            return;
        }

        if (vacancy.Round < _o.Cal.Rounds)
        {
            vacancy.Round++;
            Schedule(day + (_o.Cal.AnswerDays * refusedHere) + _o.Cal.SittingDays, EvSitting, v, _t.StockKeys[dwelling]);
        }
        else
        {
            _unfilled.Add(new UnfilledVacancy(dwelling, DateOnly.FromDayNumber(vacancy.Day), UnfilledReason.Refused, vacancy.Channel));
        }
    }

    /// <summary>A housed mutation applicant gives notice on the dwelling they leave, which falls vacant in turn.</summary>
    private void OpenChain(int a, int leaseDay, int chain)
    {
        if (a >= _n || _t.CurrentDwellings is not { } current || current[a] < 0)
        {
            return;
        }

        var left = current[a];
        if (_residentsLeft.TryGetValue(left, out var residents) && residents > 1)
        {
            // Another applicant still lives there: the dwelling is freed when the last of them leaves.
            _residentsLeft[left] = residents - 1;
            _skippedChains++;
            return;
        }

        var day = leaseDay + _o.NoticeDays;
        if (_vacated[left] || day > _endDay)
        {
            _skippedChains++;
            return;
        }

        _chainVacancies++;
        OpenVacancy(left, day, chain);
    }

    /// <summary>
    /// Finds the best-ranked eligible candidates for a vacancy: merges, in rank order, the queues of the dwelling's
    /// commune and of "any commune", for the household sizes its rooms allow and the partitions the channel proposes.
    /// </summary>
    private void Search(Vacancy vacancy, int day, uint partitions, int want)
    {
        _candidates.Clear();
        _candidateRules.Clear();
        _heapCount = 0;
        var t = _t;
        var dwelling = vacancy.Dwelling;
        var commune = t.Stock.CommuneOf(dwelling);
        var rooms = Math.Min(t.Stock.RoomsOf(dwelling), _sizesForRooms.Length - 1);
        var tiers = _cotation ? 2 : 1;
        Prepare(dwelling, DateOnly.FromDayNumber(Math.Min(day, _endDay)).Month);
        var rent = _d.Input.Rent.Cents;
        foreach (var size in _sizesForRooms[rooms])
        {
            for (var s = 0; s < 2; s++)
            {
                var slot = s == 0 ? commune : _queues.AnySlot;
                var live = _queues.LiveMask(slot, size);
                var first0 = _queues.IndexOf(slot, size, 0);
                for (var tier = 0; tier < tiers; tier++)
                {
                    // Only the partitions whose queues may hold entries (a small bit mask by slot and size) are opened.
                    var bits = partitions & (uint)(live >> (tier * SimulationTerritory.Partitions));
                    while (bits != 0)
                    {
                        var p = System.Numerics.BitOperations.TrailingZeroCount(bits);
                        bits &= bits - 1;
                        var index = first0 + p + (tier * SimulationTerritory.Partitions);
                        // Opening a queue reads the queue alone (its head's key, rank and affordable rent), not its
                        // entries: whether the head is alive is seen when it is taken. A head the rent rules out sends
                        // the search down the queue to the first entry that may afford it.
                        var q = _queues[index]!;
                        if (q.IsEmpty)
                        {
                            _queues.MarkEmpty(index);
                            continue;
                        }

                        if (q.HeadAfford >= rent)
                        {
                            _streams++;
                            q.Reach = q.Head;
                            Push(new HeapItem(q.Tier == 1 ? q.HeadKey - _bonus : q.HeadKey, q.HeadRank, index, q.Head));
                            continue;
                        }

                        var first = q.FirstAffording(q.Head + 1, rent);
                        if (first < q.Count)
                        {
                            _streams++;
                            q.Reach = first;
                            Push(new HeapItem(Effective(in q.Items[first], q.Tier), q.Items[first].Rank, index, first));
                        }
                    }
                }
            }
        }

        var scanned = 0;
        while (_heapCount > 0)
        {
            var top = _heap[0];
            var q = _queues[top.Queue]!;
            var entry = q.Items[top.Position];
            _visited++;
            var next = q.FirstAffording(top.Position + 1, rent);
            if (next < q.Count)
            {
                q.Reach = next;
                ref var head = ref _heap[0];
                head = new HeapItem(Effective(in q.Items[next], q.Tier), q.Items[next].Rank, top.Queue, next);
                SiftDown(0);
            }
            else
            {
                q.Reach = q.Count - 1;
                _heap[0] = _heap[--_heapCount];
                SiftDown(0);
            }

            if (!Alive(in entry, q.Tier))
            {
                if (top.Position == q.Head)
                {
                    q.Head++; // a dead head goes at once
                    q.RefreshHead();
                }
                else if (++q.DeadSeen == SweepAfter)
                {
                    _sweep.Add(q);
                }

                continue;
            }

            if (vacancy.Refused(entry.Application) || LivesIn(entry.Application, dwelling))
            {
                continue;
            }

            if (++scanned > _o.ScanLimit)
            {
                break;
            }

            _checks++;
            var rules = Eligible(entry.Application);
            if (rules != 0)
            {
                _candidates.Add(entry.Application);
                _candidateRules.Add(rules);
                if (_candidates.Count == want)
                {
                    break;
                }
            }
        }

        SweepQueues(); // now, while Reach still points into the queues as they are
    }

    /// <summary>Whether an applicant is the tenant of the dwelling (a mutation applicant is never offered their own home).</summary>
    private bool LivesIn(int a, int dwelling) => a < _n && _t.CurrentDwellings is { } current && current[a] == dwelling;

    private long Effective(in QueueEntry e, byte tier) => tier == 1 ? e.Key - _bonus : e.Key;

    private void Push(HeapItem item)
    {
        if (_heapCount == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        var i = _heapCount++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!item.Before(in _heap[parent]))
            {
                break;
            }

            _heap[i] = _heap[parent];
            i = parent;
        }

        _heap[i] = item;
    }

    private void SiftDown(int i)
    {
        if (_heapCount == 0)
        {
            return;
        }

        var item = _heap[i];
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= _heapCount)
            {
                break;
            }

            if (child + 1 < _heapCount && _heap[child + 1].Before(in _heap[child]))
            {
                child++;
            }

            if (!_heap[child].Before(in item))
            {
                break;
            }

            _heap[i] = _heap[child];
            i = child;
        }

        _heap[i] = item;
    }

    /// <summary>A queue's next entry in the merge: its effective key, its rank, where it is.</summary>
    private readonly struct HeapItem(long key, int rank, int queue, int position)
    {
        public readonly long Key = key;
        public readonly int Rank = rank;
        public readonly int Queue = queue;
        public readonly int Position = position;

        public bool Before(in HeapItem other) => Key < other.Key || (Key == other.Key && Rank < other.Rank);
    }

    /// <summary>
    /// Removes the dead entries (housed, lapsed, stale tier) from the part of a queue that searches walked, so that the
    /// next searches do not walk them again; live entries keep their order. The cost is the prefix walked, once.
    /// </summary>
    private void SweepQueues()
    {
        foreach (var q in _sweep)
        {
            var w = q.Reach;
            for (var r = q.Reach; r >= q.Head; r--)
            {
                if (Alive(in q.Items[r], q.Tier))
                {
                    q.Items[w--] = q.Items[r];
                }
            }

            q.Head = w + 1;
            q.DeadSeen = 0;
            q.RefreshHead();
        }

        _sweep.Clear();
    }

    private bool Alive(in QueueEntry e, byte tier) => _state[e.Application] == Waiting && (!_cotation || _tier[e.Application] == tier);


    /// <summary>Resolves, once per search, what every candidate's eligibility check reads about the dwelling.</summary>
    private void Prepare(int dwelling, int month)
    {
        var input = _t.StockInputs.Of(dwelling);
        _d = new DwellingTerms(input, _t.Ceilings[input.Region], _t.AplMonthOf(month));
    }

    /// <summary>The eligibility rules a candidate passes (income when checked, rent burden); 0 when one fails.</summary>
    private ushort Eligible(int a)
    {
        var t = _t;
        var row = a < _n ? a : _arrivalSource[a - _n];
        ref readonly var h = ref t.Eligibility[row];
        ref readonly var d = ref _d;
        var ceiling = d.Ceilings[(int)d.Input.Financing, h.Category];
        ushort rules = LeaseRules.RentBurden;
        if (ceiling >= 0)
        {
            if (h.TaxCents > ceiling)
            {
                _incomeFails++;
                return 0;
            }

            rules |= LeaseRules.Income;
        }

        // Exact bounds before the formula: the aid is never negative (cost ≤ rent + C), and it never exceeds the rent
        // kept (at most the ceiling L) plus C less the minimal participation (cost ≥ rent − L + the P0 forfait).
        var household = h.Household;
        // The limit in cents, in floating point: amounts in whole cents are compared to it with a margin of 10⁻⁶ cent, and
        // a comparison within that margin is left to the next, exact, steps.
        var limit = _limitFraction * h.MonthlyCents;
        var rent = d.Input.Rent.Cents;
        var charges = d.Charges.For(household.Dependants).Cents;
        if (rent + charges < limit - 1e-6)
        {
            return rules;
        }

        var lower = Math.Max(rent - d.ZoneCeilings.For(household.Couple, household.Dependants).Cents, -50) + d.Forfait;
        if (lower > limit + 1e-6)
        {
            return 0;
        }

        _aplComputations++;

        // The formula's estimate in floating point decides when the cost is clearly on one side of the limit (it is
        // within AplMonth.EstimateError of the exact aid); only a cost within that margin of the limit, or a household
        // the estimate does not cover, is computed exactly.
        var resourceBase = AplResourceBase.FromTaxIncome(new Euros(h.TaxCents));
        var conventionne = d.Input.Financing != Financing.Pli;
        var estimate = d.Month.Estimate(d.Input.Zone, household, rent, resourceBase.Cents, conventionne, h.Disabled);
        if (!double.IsNaN(estimate))
        {
            var cost = ((rent + charges) / 100.0) - estimate;
            var limitEuros = limit / 100.0;
            if (cost < limitEuros - (AplMonth.EstimateError + 1e-6))
            {
                return rules;
            }

            if (cost > limitEuros + AplMonth.EstimateError + 1e-6)
            {
                return 0;
            }
        }

        _exactAplComputations++;
        var apl = new AplInput(d.Input.Zone, household, d.Input.Rent, resourceBase, conventionne, h.Disabled);
        var benefit = d.Month.Compute(in apl);
        return RentBurden.Of(in apl, in benefit, new Euros(h.MonthlyCents)).WithinRentBurden(_o.RentBurdenLimit) ? rules : (ushort)0;
    }

    /// <summary>What the eligibility checks read about the dwelling of the vacancy being searched.</summary>
    private readonly struct DwellingTerms(DwellingInput input, long[,] ceilings, AplMonth month)
    {
        public readonly DwellingInput Input = input;
        public readonly long[,] Ceilings = ceilings;
        public readonly AplMonth Month = month;
        public readonly AplCharges Charges = month.ChargesValue.Value;
        public readonly AplRentCeilings ZoneCeilings = month.RentCeilings(input.Zone).Value;
        public readonly long Forfait = month.MinimalParticipationValue.Value.Forfait.Cents;
    }

    /// <summary>
    /// CIA-steered: among the candidates found (in seniority order), put first the best-ranked who counts towards the
    /// target furthest behind its bound; for a band exceeded, the best-ranked who does not count towards it.
    /// </summary>
    private void Steer(in DwellingClassification dc, Reservataire reservataire)
    {
        var evaluator = _t.Evaluator;
        var targets = evaluator.Targets;
        Span<ulong> numerators = stackalloc ulong[Math.Min(_candidates.Count, 1024)];
        ulong denominator = 0;
        for (var i = 0; i < numerators.Length; i++)
        {
            var row = _candidates[i] < _n ? _candidates[i] : _arrivalSource[_candidates[i] - _n];
            ref readonly var terms = ref _t.Eligibility[row];
            var hits = evaluator.Evaluate(new AllocationFacts(_t.Classes[row], terms.Prefectoral, terms.Renewal, dc, reservataire));
            numerators[i] = hits.InNumerator;
            denominator |= hits.InDenominator;
        }

        var chosen = -1;
        var worst = 0m;
        var bits = denominator;
        while (bits != 0)
        {
            var target = System.Numerics.BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
            var definition = targets[target];
            if (definition.Kind == TargetKind.Indicator)
            {
                continue;
            }

            var (num, den) = _tally.Running(target, definition.Per == TargetPer.Reservataire ? reservataire : null);
            var share = den == 0 ? 0m : (decimal)num / den;
            decimal gap;
            bool wantIn;
            if (definition.Min is { } min && share < min.Fraction)
            {
                gap = min.Fraction - share;
                wantIn = true;
            }
            else if (definition.Max is { } max && den > 0 && share > max.Fraction)
            {
                gap = share - max.Fraction;
                wantIn = false;
            }
            else
            {
                continue;
            }

            if (gap <= worst)
            {
                continue;
            }

            for (var i = 0; i < numerators.Length; i++)
            {
                if (((numerators[i] >> target) & 1) == (wantIn ? 1UL : 0UL))
                {
                    worst = gap;
                    chosen = i;
                    break;
                }
            }
        }

        if (chosen > 0)
        {
            var a = _candidates[chosen];
            var r = _candidateRules[chosen];
            _candidates.RemoveAt(chosen);
            _candidateRules.RemoveAt(chosen);
            _candidates.Insert(0, a);
            _candidateRules.Insert(0, r);
        }
    }

    private sealed class Vacancy(int dwelling, int day, Reservataire channel, int chain)
    {
        public int Dwelling { get; } = dwelling;

        public int Day { get; } = day;

        public Reservataire Channel { get; } = channel;

        public int Chain { get; } = chain;

        public int Round { get; set; } = 1;

        private List<int>? _refusers;

        public bool Refused(int a) => _refusers is not null && _refusers.Contains(a);

        public void AddRefuser(int a) => (_refusers ??= []).Add(a);
    }
}
