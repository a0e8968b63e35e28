using System.Text;
using CIA.Engine.Data;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;

namespace CIA.Engine.Benchmarks;

/// <summary>
/// The generated data sets the reader benchmarks read. The national set (~2.6 M applications, 240 MB; ~5.4 M dwellings,
/// 297 MB) is taken from the folder in <c>CIA_BENCH_DATA</c> when that variable is set (e.g. the output of
/// <c>cia generate --out DIR --scale national</c>), otherwise generated once, with the default seed, into
/// <c>$TMPDIR/cia-bench-national-2016</c> and reused. Smaller scales always go to <c>$TMPDIR/cia-bench-SCALE-2016</c>.
/// </summary>
internal static class BenchData
{
    /// <summary>The environment variable naming a folder that holds a national demand.csv and stock.csv.</summary>
    public const string FolderVariable = "CIA_BENCH_DATA";

    private static readonly string[] Files = ["stock.csv", "programmes.csv", "demand.csv", "communes.csv"];

    /// <summary>The folder of the national data set, generated if missing.</summary>
    public static string National()
    {
        if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } given)
        {
            if (!File.Exists(Path.Join(given, "demand.csv")) || !File.Exists(Path.Join(given, "stock.csv")))
            {
                throw new InvalidOperationException($"{FolderVariable}={given}: no demand.csv and stock.csv there (cia generate --out {given} --scale national).");
            }

            return given;
        }

        return Ensure(DataScale.National);
    }

    /// <summary>
    /// The folder of the national set for the simulator: <see cref="National"/>, which must also hold programmes.csv and
    /// communes.csv. A demand file without the <c>current_dwelling_id</c> column (generated before it) simulates no
    /// vacancy chains: said on the console, so that such a run is not mistaken for the current one.
    /// </summary>
    public static string NationalFiles()
    {
        var folder = National();
        foreach (var f in Files)
        {
            if (!File.Exists(Path.Join(folder, f)))
            {
                throw new InvalidOperationException($"{folder}: no {f} there (cia generate --out {folder} --scale national).");
            }
        }

        using var demand = new StreamReader(Path.Join(folder, "demand.csv"));
        if (demand.ReadLine() is not { } header || !header.Contains("current_dwelling_id", StringComparison.Ordinal))
        {
            Console.WriteLine($"// warning: {folder}/demand.csv has no current_dwelling_id column (generated before it): no vacancy chains.");
        }

        return folder;
    }

    /// <summary>The folder of a generated data set (default seed), generated if missing.</summary>
    public static string Ensure(DataScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        var folder = Path.Join(Path.GetTempPath(), $"cia-bench-{scale.Name}-{DataGenerator.DefaultSeed}");
        if (Files.All(f => File.Exists(Path.Join(folder, f))))
        {
            return folder;
        }

        Directory.CreateDirectory(folder);
        var utf8 = new UTF8Encoding(false);
        var writers = Files.Select(f => new StreamWriter(Path.Join(folder, f + ".tmp"), false, utf8, 1 << 16)).ToArray();
        try
        {
            new DataGenerator(PolicyLoader.LoadDefault(), BuiltInParameters.Create())
                .Generate(DataGenerator.DefaultSeed, scale, new DataWriters(writers[0], writers[1], writers[2], writers[3]));
        }
        finally
        {
            foreach (var w in writers)
            {
                w.Dispose();
            }
        }

        // Whole files only take their final names, so an interrupted setup is regenerated next time.
        foreach (var f in Files)
        {
            File.Move(Path.Join(folder, f + ".tmp"), Path.Join(folder, f), overwrite: true);
        }

        return folder;
    }
}
