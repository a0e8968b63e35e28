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

    // The four files' text is generated once (about 20 ms); each is parsed only when first asked for, so a command
    // that needs the demand alone does not pay for reading the stock.
    private static readonly Lazy<string[]> Texts = new(Generate);
    private static readonly Lazy<ImmutableArray<Dwelling>> StockRows = new(() => StockCsv.Read(new StringReader(Texts.Value[0]), "built-in stock.csv"));
    private static readonly Lazy<ImmutableArray<ProgrammeOccupancy>> ProgrammeRows = new(() => ProgrammeCsv.Read(new StringReader(Texts.Value[1]), "built-in programmes.csv"));
    private static readonly Lazy<ImmutableArray<Application>> DemandRows = new(() => DemandCsv.Read(new StringReader(Texts.Value[2]), "built-in demand.csv"));
    private static readonly Lazy<ImmutableArray<CommuneEntry>> CommuneRows = new(() => CommuneCsv.Read(new StringReader(Texts.Value[3]), "built-in communes.csv"));

    /// <summary>The built-in applications.</summary>
    public static ImmutableArray<Application> Applications => DemandRows.Value;

    /// <summary>The default data set, every part (generated and read once per process).</summary>
    public static DataSet Load() => new(Name, StockRows.Value, ProgrammeRows.Value, DemandRows.Value, CommuneRows.Value);

    /// <summary>Writes the default data set's files.</summary>
    public static GenerationSummary Write(DataWriters writers) =>
        new DataGenerator(PolicyLoader.LoadDefault(), BuiltInParameters.Create()).Generate(DataGenerator.DefaultSeed, DataScale.Nantes, writers);

    private static string[] Generate()
    {
        using StringWriter stock = new(), programmes = new(), demand = new(), communes = new();
        Write(new DataWriters(stock, programmes, demand, communes));
        return [stock.ToString(), programmes.ToString(), demand.ToString(), communes.ToString()];
    }
}
