using System.Collections.Immutable;
using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;

namespace CIA.Engine.Data;

/// <summary>A data set as the readers give it: stock, programme occupancy, demand and communes.</summary>
/// <param name="Name">What it is, for messages and reports.</param>
/// <param name="Stock">Dwellings.</param>
/// <param name="Programmes">Programme occupancy indicators.</param>
/// <param name="Applications">Applications.</param>
/// <param name="Communes">Communes with their EPCI and APL zone.</param>
public sealed record DataSet(
    string Name,
    ImmutableArray<Dwelling> Stock,
    ImmutableArray<ProgrammeOccupancy> Programmes,
    ImmutableArray<Application> Applications,
    ImmutableArray<CommuneEntry> Communes);

/// <summary>
/// The built-in default data set: synthetic Nantes Métropole calibrated to the CIA's figures, regenerated on first
/// use from <see cref="DataGenerator.DefaultSeed"/> under the built-in policy and parameters, then read back through
/// the same readers a user's files go through. Same bytes as <c>cia generate --scale nantes</c> writes.
/// </summary>
public static class DefaultData
{
    /// <summary>How the default data set is named in outputs.</summary>
    public const string Name = "built-in Nantes Métropole data set (synthetic, calibrated; seed 2016)";

    private static readonly Lazy<DataSet> Cached = new(Build);

    /// <summary>The default data set (generated once per process).</summary>
    public static DataSet Load() => Cached.Value;

    /// <summary>Writes the default data set's files.</summary>
    public static GenerationSummary Write(DataWriters writers) =>
        new DataGenerator(PolicyLoader.LoadDefault(), BuiltInParameters.Create()).Generate(DataGenerator.DefaultSeed, DataScale.Nantes, writers);

    private static DataSet Build()
    {
        using StringWriter stock = new(), programmes = new(), demand = new(), communes = new();
        Write(new DataWriters(stock, programmes, demand, communes));
        return new DataSet(
            Name,
            StockCsv.Read(new StringReader(stock.ToString()), "built-in stock.csv"),
            ProgrammeCsv.Read(new StringReader(programmes.ToString()), "built-in programmes.csv"),
            DemandCsv.Read(new StringReader(demand.ToString()), "built-in demand.csv"),
            CommuneCsv.Read(new StringReader(communes.ToString()), "built-in communes.csv"));
    }
}
