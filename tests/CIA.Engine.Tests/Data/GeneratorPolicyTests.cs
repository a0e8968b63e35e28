using CIA.Engine.Data;
using CIA.Engine.IO;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using CIA.Engine.Stock;

namespace CIA.Engine.Tests.Data;

/// <summary>The generator takes the potentially-accessible margin and the fragility combination from the policy it is given.</summary>
public class GeneratorPolicyTests
{
    private static readonly CiaPolicy Default = PolicyLoader.LoadDefault();

    private static CapacityReport GenerateAndMeasure(CiaPolicy policy)
    {
        using StringWriter stock = new(), programmes = new(), demand = new(), communes = new();
        new DataGenerator(policy, BuiltInParameters.Create()).Generate(DataGenerator.DefaultSeed, DataScale.Nantes, new DataWriters(stock, programmes, demand, communes));
        return CapacityCalculator.FromStock(StockCsv.ReadTable(new StringReader(stock.ToString()), "stock.csv"),
            ProgrammeCsv.Read(new StringReader(programmes.ToString()), "programmes.csv"), policy, BuiltInParameters.Create());
    }

    [Fact]
    public void A_zero_margin_policy_gets_no_potentially_accessible_dwelling()
    {
        var zero = Default with { Stock = Default.Stock with { PotentiallyAccessibleMargin = CIA.Engine.Domain.Euros.Zero } };
        var r = GenerateAndMeasure(zero);
        r.PotentiallyAccessible.ShouldBe(0);
        r.Accessible.ShouldBeInRange(7487 * 97 / 100, 7487 * 103 / 100); // the accessible aim does not move
    }

    [Fact]
    public void A_wider_margin_is_calibrated_under_that_margin()
    {
        // Under a 50 € margin, the 3 405 potentially accessible dwellings of the aim are those up to 50 € above the ceiling:
        // measured with the same policy they are found (± 3 %), where the old fixed 30 € would have put them all within 30 €.
        var wide = Default with { Stock = Default.Stock with { PotentiallyAccessibleMargin = CIA.Engine.Domain.Euros.FromEuros(50m) } };
        var r = GenerateAndMeasure(wide);
        r.PotentiallyAccessible.ShouldBeInRange(3405 * 97 / 100, 3405 * 103 / 100);
        var underDefault = CapacityCalculator.FromStock(DefaultOf(wide).Stock, DefaultOf(wide).Programmes, Default, BuiltInParameters.Create());
        underDefault.PotentiallyAccessible.ShouldBeLessThan(r.PotentiallyAccessible * 9 / 10); // a 30 € margin misses the dwellings between 30 and 50 €
    }

    [Fact]
    public void The_all_combination_is_designed_so_that_the_decile_method_finds_the_aimed_share()
    {
        var all = Default with { Stock = Default.Stock with { Fragility = Default.Stock.Fragility with { Combination = FragilityCombination.All } } };
        var r = GenerateAndMeasure(all);
        r.NonFragileShareOutsideQpv!.Value.Fraction.ShouldBeInRange(0.73m, 0.77m); // 75 % ± 2 points, as the default data's aim
    }

    private static (CIA.Engine.Tables.StockTable Stock, System.Collections.Immutable.ImmutableArray<CIA.Engine.Domain.ProgrammeOccupancy> Programmes) DefaultOf(CiaPolicy policy)
    {
        using StringWriter stock = new(), programmes = new(), demand = new(), communes = new();
        new DataGenerator(policy, BuiltInParameters.Create()).Generate(DataGenerator.DefaultSeed, DataScale.Nantes, new DataWriters(stock, programmes, demand, communes));
        return (StockCsv.ReadTable(new StringReader(stock.ToString()), "stock.csv"), ProgrammeCsv.Read(new StringReader(programmes.ToString()), "programmes.csv"));
    }
}
