using System.Collections.Immutable;
using System.Text;
using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Simulation;
using CIA.Engine.Stock;

namespace CIA.Engine.Tests.Simulation;

/// <summary>
/// Builds small territories whose year can be worked out by hand: the default Nantes policy simulated in 2026, no
/// refusals, no lapses, no arrivals (nobody registered in December 2025 with a one-month look-back), and, unless
/// told otherwise, vacancies on fixed days.
/// </summary>
internal sealed class SimTerritory
{
    public const string DemandHeader =
        "application_id;registered_on;persons_14_plus;children_under_14;monthly_resources;tax_income;employment;disabled_member;is_mutation;mutation_reason;urban_renewal;prefectoral_criteria;reserved_by;desired_communes";

    public const string StockHeader = "dwelling_id;DEPCOM;QPV;NBPIECE;LOYERPRINC;FINAN;CONTINGENT;programme_id;landlord_id";

    private readonly List<string> _demand = [];
    private readonly List<string> _stock = [];
    private readonly List<int> _days = [];
    private readonly Dictionary<string, string> _lives = [];

    public SimulationOptions Options { get; set; } = SimulationOptions.Default with
    {
        Refusals = new RefusalOptions(new Rate(0m), new Rate(0m), new Rate(0m)),
        LapseRate = new Rate(0m),
        ArrivalLookbackMonths = 1,
    };

    public bool FixedDays { get; set; } = true;

    /// <summary>Changes to the built-in parameters (e.g. the APL zones of communes outside Nantes Métropole).</summary>
    public Func<ParameterSet, ParameterSet>? WithParameters { get; set; }

    /// <summary>An application: <paramref name="communes"/> "|"-separated (empty: any commune).</summary>
    public SimTerritory Applicant(string id, string registered, int persons = 2, decimal monthly = 2500m, decimal tax = 25000m, string communes = "44109",
        string prefectoral = "", string reservedBy = "", string mutation = "", int children = 0, string employment = "employed", string? livesIn = null)
    {
        _demand.Add(string.Join(';', id, registered, persons, children, monthly.ToString(System.Globalization.CultureInfo.InvariantCulture),
            tax.ToString(System.Globalization.CultureInfo.InvariantCulture), employment, "false", mutation.Length > 0 ? "true" : "false", mutation, "",
            prefectoral, reservedBy, communes));
        if (livesIn is not null)
        {
            _lives[id] = livesIn;
        }

        return this;
    }

    /// <summary>A dwelling; <paramref name="vacantDay"/> days after 1 January (−1: does not fall vacant).</summary>
    public SimTerritory Dwelling(string id, int vacantDay, string commune = "44109", int rooms = 3, decimal rent = 300m, string financing = "PLUS",
        int contingent = 7, string qpv = "", string landlord = "L1")
    {
        _stock.Add(string.Join(';', id, commune, qpv, rooms, rent.ToString(System.Globalization.CultureInfo.InvariantCulture), financing, contingent, "P1", landlord));
        _days.Add(vacantDay);
        return this;
    }

    public SimulationTerritory Build(bool reverseRows = false)
    {
        var policy = PolicyLoader.LoadDefault() with { Simulation = Options };
        PolicyValidator.Validate(policy).ShouldBeEmpty();
        var parameters = BuiltInParameters.Create();
        parameters = WithParameters?.Invoke(parameters) ?? parameters;
        var demandRows = reverseRows ? Enumerable.Reverse(_demand) : _demand;
        var stockOrder = Enumerable.Range(0, _stock.Count).ToList();
        if (reverseRows)
        {
            stockOrder.Reverse();
        }

        var demand = DemandCsv.ReadTable(new StringReader(DemandHeader + "\n" + string.Join('\n', demandRows) + "\n"), "demand.csv");
        var stock = StockCsv.ReadTable(new StringReader(StockHeader + "\n" + string.Join('\n', stockOrder.Select(i => _stock[i])) + "\n"), "stock.csv");
        int[]? current = null;
        if (_lives.Count > 0)
        {
            current = new int[demand.Count];
            for (var row = 0; row < demand.Count; row++)
            {
                current[row] = _lives.TryGetValue(demand.Ids[row], out var d) ? stock.Ids.IndexOf(d) : -1;
            }
        }

        var territory = new SimulationTerritory(new HouseholdClassifier(policy, parameters), new DwellingClassifier(policy, parameters, FragilityAssessment.None), demand, stock, 2026, current);
        if (FixedDays)
        {
            var days = new int[stock.Count];
            for (var i = 0; i < stockOrder.Count; i++)
            {
                days[i] = _days[stockOrder[i]];
            }

            territory.FixedVacancyDays = days;
        }

        return territory;
    }
}

/// <summary>Reading a result by ids, for assertions.</summary>
internal static class ResultExtensions
{
    public static string Describe(this SimulationResult result, SimulatedLease lease) =>
        $"{lease.SignedOn:yyyy-MM-dd} {result.ApplicationId(lease.Application)} -> {result.Territory.Stock.Ids[lease.Dwelling]} ({lease.Reservataire.Token()}, rank {lease.Rank}/{lease.Examined})";

    public static ImmutableArray<string> Lines(this SimulationResult result) => [.. result.Leases.Select(result.Describe)];

    public static string Token(this Reservataire r) => Tokens<Reservataire>.Format(r);

    public static string Text(this SimulationResult result)
    {
        var b = new StringBuilder();
        foreach (var l in result.Lines())
        {
            b.AppendLine(l);
        }

        return b.ToString();
    }
}
