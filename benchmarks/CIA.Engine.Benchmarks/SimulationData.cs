using System.Collections.Immutable;
using CIA.Engine.Classification;
using CIA.Engine.Data;
using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Simulation;
using CIA.Engine.Stock;
using CIA.Engine.Tables;

namespace CIA.Engine.Benchmarks;

/// <summary>
/// Territories for the simulator benchmarks, prepared as <c>cia simulate</c> prepares them: the default policy with
/// the ranking given, its default year, built-in parameters (plus, at national scale, the communes file's zones and
/// EPCIs), the programmes file for the fragility rule. "nantes": the built-in data set (<see cref="DefaultData"/>).
/// "national": the four files of <see cref="BenchData.NationalFiles"/> (CIA_BENCH_DATA, or generated).
/// </summary>
internal static class SimulationData
{
    /// <summary>The scales the simulator benchmarks take.</summary>
    public const string Nantes = "nantes";

    /// <inheritdoc cref="Nantes"/>
    public const string National = "national";

    public static SimulationTerritory Territory(string scale, RankingPolicy ranking)
    {
        var policy = PolicyLoader.LoadDefault();
        policy = policy with { Simulation = policy.Simulation with { Ranking = ranking } };
        var parameters = BuiltInParameters.Create();
        DemandTable demand;
        StockTable stock;
        ImmutableArray<ProgrammeOccupancy> programmes;
        switch (scale)
        {
            case Nantes:
                demand = DefaultData.Demand;
                stock = DefaultData.Stock;
                programmes = DefaultData.Programmes;
                break;
            case National:
                var folder = BenchData.NationalFiles();
                var communes = CommuneCsv.ReadFile(Path.Join(folder, "communes.csv"));
                parameters = parameters.WithCommunes(communes.Select(c => (c.Commune.Code, c.Commune.Zone, (EpciCode?)c.Epci)), "communes file communes.csv");
                demand = DemandCsv.ReadTable(Path.Join(folder, "demand.csv"));
                stock = StockCsv.ReadTable(Path.Join(folder, "stock.csv"));
                programmes = ProgrammeCsv.ReadFile(Path.Join(folder, "programmes.csv"));
                break;
            default:
                throw new ArgumentException("unknown scale " + scale, nameof(scale));
        }

        var households = new HouseholdClassifier(policy, parameters);
        var dwellings = new DwellingClassifier(policy, parameters, FragilityRules.Assess(programmes, policy.Stock.Fragility));
        var territory = new SimulationTerritory(households, dwellings, demand, stock, policy.DefaultYear);
        Console.WriteLine(FormattableString.Invariant(
            $"// territory {scale}, {ranking}: {demand.Count:N0} applications, {stock.Count:N0} dwellings, year {territory.Year}, current dwellings {(territory.CurrentDwellings is null ? "none" : demand.CurrentDwellingCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))}"));
        return territory;
    }
}
