using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CIA.Engine.DependencyInjection.Tests;

public sealed class AddCiaEngineTests
{
    // A parent with two children under 14: 1 + 0.3 × 2 = 1.6 UC; 1 300 € × 12 / 1.6 = 9 750 € per UC a year, under
    // Nantes Métropole's 2026 Q1 of 10 745 € (REFERENCE.md), DALO-designated, non contingentée.
    private static Application Demo(string id = "DEMO-0001", decimal monthly = 1300m) =>
        ApplicationBuilder.Create(id)
            .RegisteredOn(new DateOnly(2024, 3, 1))
            .Adults(1).Children(2)
            .MonthlyResources(monthly).TaxIncome(14000m)
            .PrefectoralCriteria(PrefectoralCriteria.Dalo)
            .DesiredCommunes("44109")
            .Build();

    private static ServiceProvider Provider(Action<CiaEngineOptions>? configure = null, LogSink? sink = null, Action<IServiceCollection>? before = null)
    {
        var services = new ServiceCollection();
        if (sink is not null)
        {
            services.AddSingleton(sink);
            services.AddSingleton(typeof(ILogger<>), typeof(CapturingLogger<>));
        }

        before?.Invoke(services);
        services.AddCiaEngine(configure);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void Defaults_classify_with_the_built_in_policy_and_figures()
    {
        using var sp = Provider();
        var classifier = sp.GetRequiredService<IHouseholdClassifier>();
        classifier.PolicyName.ShouldBe(PolicyLoader.LoadDefault().Name);
        var result = classifier.Classify(Demo(), 2026);
        result.IsPriority.ShouldBeTrue();
        // DALO (criterion 1, préfet) and, not being in any réservataire's contingent, first quartile (criterion 4).
        result.Criteria.ShouldBe(PriorityCriteria.Prefectoral | PriorityCriteria.FirstQuartile);
        result.Quartile.ShouldBe(1);
        classifier.Explain(Demo(), 2026).Select(f => f.Rule.Id).ShouldContain("PRIO-1-DALO");
        sp.GetRequiredService<IHouseholdClassifier>().ShouldBeSameAs(classifier);
    }

    [Fact]
    public void Thresholds_given_in_the_options_replace_the_built_in_ones()
    {
        // Q1 lowered to 9 000 € per UC: 9 750 € is now above it and under Q2 (14 712 €), so the second quartile.
        var epci = BuiltInParameters.NantesMetropole;
        using var sp = Provider(o => o.Thresholds.Add(new QuartileThresholds(
            epci, 2026, Euros.FromEuros(9000m), Euros.FromEuros(14712m), Euros.FromEuros(19830m), "test figures")));
        sp.GetRequiredService<IHouseholdClassifier>().Classify(Demo(), 2026).Quartile.ShouldBe(2);
    }

    [Fact]
    public void A_threshold_file_in_the_options_is_read()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cia-di-thresholds-{Guid.NewGuid():N}.csv");
        // Nantes Métropole (SIREN 244400404) in 2026 with Q1 lowered to 9 000 €, as in the test above.
        File.WriteAllText(file, "epci,year,q1,q2,q3,source\n244400404,2026,9000,14712,19830,test file\n");
        try
        {
            using var sp = Provider(o => o.ThresholdFiles.Add(file));
            sp.GetRequiredService<IHouseholdClassifier>().Classify(Demo(), 2026).Quartile.ShouldBe(2);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_missing_policy_file_fails_with_the_engines_input_error()
    {
        using var sp = Provider(o => o.PolicyFile = Path.Combine(Path.GetTempPath(), $"no-such-policy-{Guid.NewGuid():N}.yaml"));
        var e = Should.Throw<InputException>(() => sp.GetRequiredService<IHouseholdClassifier>());
        e.Message.ShouldContain("no-such-policy-");
    }

    [Fact]
    public void A_classifier_registered_first_is_kept()
    {
        var mine = new FixedClassifier();
        using var sp = Provider(before: s => s.AddSingleton<IHouseholdClassifier>(mine));
        sp.GetRequiredService<IHouseholdClassifier>().ShouldBeSameAs(mine);
    }

    [Fact]
    public void Sixteen_threads_get_the_same_answers_as_one()
    {
        using var sp = Provider();
        var classifier = sp.GetRequiredService<IHouseholdClassifier>();
        var applications = Enumerable.Range(0, 400).Select(i => Demo($"DEMO-{i:D4}", 600m + (i * 7m))).ToArray();
        var expected = applications.Select(a => classifier.Classify(a, 2026)).ToArray();
        var results = new HouseholdClassification[16][];
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, t =>
            results[t] = [.. applications.Select(a => classifier.Classify(a, 2026 - (t % 2)))]);
        for (var t = 0; t < 16; t += 2)
        {
            results[t].ShouldBe(expected);
        }

        // The quartiles do move with the resources (the test is not comparing sixteen copies of one answer).
        expected.Select(r => r.Quartile).Distinct().Count().ShouldBeGreaterThan(1);
    }

    [Fact]
    public void Logs_never_hold_an_applications_fields()
    {
        var sink = new LogSink();
        using var sp = Provider(sink: sink);
        var classifier = sp.GetRequiredService<IHouseholdClassifier>();

        // Distinctive values, none of which can occur in the policy's name, EPCI, years or sources.
        const string Id = "PSEUDO-K7Q2X";
        var application = ApplicationBuilder.Create(Id)
            .RegisteredOn(new DateOnly(2023, 5, 17))
            .Adults(2).Children(3).Dependants(3)
            .MonthlyResources(1234.56m).TaxIncome(15432.17m)
            .Mutation(MutationReason.None, "DW-SECRET-991")
            .DesiredCommunes("44190")
            .Build();
        classifier.Classify(application, 2026);
        classifier.Explain(application, 2026);
        classifier.Classify(application, classifier.ForYear(2025));
        // A failure: the year is outside what the engine resolves; the log says so without the application.
        Should.Throw<Exception>(() => classifier.Classify(application, 1850));

        var logs = sink.Entries.ToArray();
        // The logs are there (the test would pass vacuously otherwise): ready, years, classifications, the failure.
        logs.ShouldContain(l => l.Event.Id == 1);
        logs.ShouldContain(l => l.Event.Id == 2);
        logs.Count(l => l.Event.Id == 4).ShouldBe(2);
        logs.ShouldContain(l => l.Event.Id == 5);
        logs.ShouldContain(l => l.Event.Id == 3 && l.Level == LogLevel.Warning);

        var forbidden = new[]
        {
            Id, "K7Q2X", "DW-SECRET-991", "SECRET", "44190",
            "1234.56", "1234,56", "1 234,56", "1 234.56", "1 234,56", "1234",
            "15432.17", "15432,17", "15 432", "15432",
            "2023-05-17", "17/05/2023", "05/17/2023", "17.05.2023",
        };
        foreach (var log in logs)
        {
            foreach (var value in forbidden)
            {
                log.AllText.ShouldNotContain(value, Case.Insensitive, $"log {log.Event.Id}: {log.AllText}");
            }
        }
    }

    private sealed class FixedClassifier : IHouseholdClassifier
    {
        public string PolicyName => "fixed";

        public ClassificationYear ForYear(int year) => throw new NotSupportedException();

        public HouseholdClassification Classify(Application application, int year) => throw new NotSupportedException();

        public HouseholdClassification Classify(Application application, ClassificationYear year) => throw new NotSupportedException();

        public System.Collections.Immutable.ImmutableArray<Rules.RuleFiring> Explain(Application application, int year) => throw new NotSupportedException();

        public System.Collections.Immutable.ImmutableArray<Rules.RuleFiring> Explain(Application application, ClassificationYear year) => throw new NotSupportedException();
    }
}
