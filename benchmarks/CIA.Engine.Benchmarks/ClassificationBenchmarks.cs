using System.Collections.Immutable;
using System.Text;
using BenchmarkDotNet.Attributes;
using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;

namespace CIA.Engine.Benchmarks;

/// <summary>
/// The classification hot path (all household rules on one application) and the demand reader, on synthetic
/// applications drawn from a fixed seed. Data is built in GlobalSetup; the benchmark bodies only do the work.
/// </summary>
[MemoryDiagnoser]
public class ClassificationBenchmarks
{
    private HouseholdClassifier _classifier = null!;
    private ClassificationYear _year = null!;
    private Application[] _applications = [];
    private string _csv = string.Empty;

    /// <summary>Applications per operation.</summary>
    [Params(10_000, 100_000)]
    public int Applications { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _classifier = new HouseholdClassifier(PolicyLoader.LoadDefault(), BuiltInParameters.Create());
        _year = _classifier.ForYear(2025);
        var rng = new Random(42);
        var reasons = Enum.GetValues<MutationReason>();
        _applications = new Application[Applications];
        var csv = new StringBuilder("application_id,registered_on,persons_14_plus,children_under_14,monthly_resources,tax_income,employment,disabled_member,is_mutation,mutation_reason,urban_renewal,prefectoral_criteria,reserved_by,desired_communes\n");
        for (var i = 0; i < Applications; i++)
        {
            var adults = rng.Next(1, 4);
            var children = rng.Next(0, 4);
            var monthly = rng.Next(300, 5000);
            var mutation = rng.NextDouble() < 0.3;
            var reason = mutation ? reasons[rng.Next(1, reasons.Length)] : MutationReason.None;
            _applications[i] = new Application(new DemandId($"B{i:D7}"), new DateOnly(2024, 1, 1),
                new Household(adults, children, children, false, rng.NextDouble() < 0.05), Euros.FromEuros(monthly), Euros.FromEuros(monthly * 11),
                rng.NextDouble() < 0.6 ? EmploymentStatus.Employed : EmploymentStatus.Unemployed, mutation, reason, UrbanRenewal.None,
                rng.NextDouble() < 0.05 ? PrefectoralCriteria.Dalo : PrefectoralCriteria.None, Reservataire.None, ImmutableArray<CommuneCode>.Empty);
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"B{i:D7},2024-01-01,{adults},{children},{monthly},{monthly * 11},employed,false,{(mutation ? "true" : "false")},{(mutation ? Tokens<MutationReason>.Format(reason) : string.Empty)},,,,44109\n");
        }

        _csv = csv.ToString();
    }

    /// <summary>Classify every application (no allocation expected).</summary>
    [Benchmark]
    public int Classify()
    {
        var priority = 0;
        foreach (var a in _applications)
        {
            if (_classifier.Classify(a, _year).IsPriority)
            {
                priority++;
            }
        }

        return priority;
    }

    /// <summary>Parse and validate a demand file of the same size.</summary>
    [Benchmark]
    public int ReadDemandCsv() => DemandCsv.Read(new StringReader(_csv), "bench.csv").Length;
}
