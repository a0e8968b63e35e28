using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CIA.Engine.Data;
using CsvHelper;
using CsvHelper.Configuration;
using Sylvan.Data.Csv;

namespace CIA.Engine.Benchmarks;

/// <summary>
/// Why Sylvan.Data.Csv: the two parsers only tokenizing the same files (every field of every row touched, nothing
/// validated or kept), on the 540 000-dwelling data set (a tenth of national: 540 000 dwellings, ~258 000
/// applications, generated into the temp folder on first use). CsvHelper's <see cref="CsvParser"/> gives a string per
/// field; Sylvan's <see cref="Sylvan.Data.Csv.CsvDataReader.GetFieldSpan(int)"/> a span into its buffer. Same file stream and buffer
/// sizes for both. Each returns the characters it saw: the same for both but for the header, which CsvHelper's parser
/// hands back as a first record and Sylvan reads as the header. Results: docs/benchmarks.md.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByParams)]
public class ParserChoiceBenchmarks
{
    private const int StreamBuffer = 1 << 16;
    private const int ParserBuffer = 1 << 14;
    private string _path = string.Empty;

    /// <summary>Which file of the data set.</summary>
    [Params("demand", "stock")]
    public string File { get; set; } = "demand";

    [GlobalSetup]
    public void Setup() => _path = Path.Join(BenchData.Ensure(DataScale.OfDwellings(540_000)), File + ".csv");

    /// <summary>CsvHelper, known delimiter, no trimming: its fastest configuration.</summary>
    [Benchmark(Baseline = true)]
    public long CsvHelperParser()
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";", BufferSize = ParserBuffer };
        return CsvHelperTokens(config);
    }

    /// <summary>CsvHelper as the old reader configured it: delimiter detected, fields trimmed.</summary>
    [Benchmark]
    public long CsvHelperParserOldConfig()
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [";", ",", "\t"],
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
            BufferSize = ParserBuffer,
        };
        return CsvHelperTokens(config);
    }

    /// <summary>Sylvan, delimiter detected from the header (as the library opens files), fields as spans.</summary>
    [Benchmark]
    public long SylvanGetFieldSpan()
    {
        using var reader = Sylvan.Data.Csv.CsvDataReader.Create(Open(), new CsvDataReaderOptions { BufferSize = ParserBuffer, OwnsReader = true });
        long chars = 0;
        var fields = reader.FieldCount;
        while (reader.Read())
        {
            for (var i = 0; i < fields; i++)
            {
                chars += reader.GetFieldSpan(i).Length;
            }
        }

        return chars;
    }

    private long CsvHelperTokens(CsvConfiguration config)
    {
        using var parser = new CsvParser(Open(), config);
        long chars = 0;
        while (parser.Read())
        {
            var fields = parser.Count;
            for (var i = 0; i < fields; i++)
            {
                chars += parser[i].Length;
            }
        }

        return chars;
    }

    private StreamReader Open() => new(new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, StreamBuffer, FileOptions.SequentialScan), new UTF8Encoding(false), false, StreamBuffer);
}
