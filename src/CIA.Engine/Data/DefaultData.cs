using System.Collections.Immutable;
using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Tables;

namespace CIA.Engine.Data;

/// <summary>A data set as the readers give it: stock, programme occupancy, demand and communes.</summary>
/// <param name="Name">What it is, for messages and reports.</param>
/// <param name="Stock">Dwellings.</param>
/// <param name="Programmes">Programme occupancy indicators.</param>
/// <param name="Applications">Applications.</param>
/// <param name="Communes">Communes with their EPCI and APL zone.</param>
internal sealed record DataSet(
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
internal static class DefaultData
{
    /// <summary>How the default data set is named in outputs.</summary>
    public const string Name = "built-in Nantes Métropole data set (synthetic, calibrated; seed 2016)";

    // The four files' text is generated once (about 20 ms); each is parsed only when first asked for, so a command
    // that needs the demand alone does not pay for reading the stock. Records are made from the tables on demand.
    private static readonly Lazy<string[]> Texts = new(Generate);
    private static readonly Lazy<StockTable> StockRows = new(() => StockCsv.ReadTable(new StringReader(Texts.Value[0]), "built-in stock.csv"));
    private static readonly Lazy<ImmutableArray<ProgrammeOccupancy>> ProgrammeRows = new(() => ProgrammeCsv.Read(new StringReader(Texts.Value[1]), "built-in programmes.csv"));
    private static readonly Lazy<DemandTable> DemandRows = new(() => DemandCsv.ReadTable(new StringReader(Texts.Value[2]), "built-in demand.csv"));
    private static readonly Lazy<ImmutableArray<CommuneEntry>> CommuneRows = new(() => CommuneCsv.Read(new StringReader(Texts.Value[3]), "built-in communes.csv"));
    private static readonly Lazy<ImmutableArray<Application>> ApplicationRecords = new(() => DemandRows.Value.ToApplications());
    private static readonly Lazy<ImmutableArray<Dwelling>> DwellingRecords = new(() => StockRows.Value.ToDwellings());

    /// <summary>The built-in applications, as records.</summary>
    public static ImmutableArray<Application> Applications => ApplicationRecords.Value;

    /// <summary>The built-in applications, as a columnar table.</summary>
    public static DemandTable Demand => DemandRows.Value;

    /// <summary>The built-in dwellings, as a columnar table.</summary>
    public static StockTable Stock => StockRows.Value;

    /// <summary>The built-in programmes' occupancy indicators.</summary>
    public static ImmutableArray<ProgrammeOccupancy> Programmes => ProgrammeRows.Value;

    /// <summary>The built-in communes with their EPCI and APL zone.</summary>
    public static ImmutableArray<CommuneEntry> Communes => CommuneRows.Value;

    /// <summary>The default data set, every part as records (generated and read once per process).</summary>
    public static DataSet Load() => new(Name, DwellingRecords.Value, ProgrammeRows.Value, ApplicationRecords.Value, CommuneRows.Value);

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
