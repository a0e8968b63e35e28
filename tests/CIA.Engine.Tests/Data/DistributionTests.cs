using CIA.Engine.Data;

namespace CIA.Engine.Tests.Data;

public class DistributionTests
{
    [Fact]
    public void Splitmix_mixer_matches_the_reference_output()
    {
        // SplitMix64 (Steele, Lea, Flood 2014) seeded with 0: its first output is 0xE220A8397B1DCDAF.
        KeyedRandom.Mix(0x9E3779B97F4A7C15UL).ShouldBe(0xE220A8397B1DCDAFUL);
    }

    [Fact]
    public void A_stream_is_fixed_by_seed_stream_and_index()
    {
        var a = new KeyedRandom(42, 7, 3);
        var b = new KeyedRandom(42, 7, 3);
        var c = new KeyedRandom(42, 7, 4);
        var x = a.NextUInt64();
        x.ShouldBe(b.NextUInt64());
        x.ShouldNotBe(c.NextUInt64());
        new KeyedRandom(43, 7, 3).NextUInt64().ShouldNotBe(x);
    }

    [Fact]
    public void Draws_are_uniform_enough()
    {
        var r = new KeyedRandom(1, 2, 3);
        var counts = new int[10];
        var sum = 0.0;
        const int n = 100_000;
        for (var i = 0; i < n; i++)
        {
            var u = r.NextDouble();
            u.ShouldBeInRange(0.0, 0.9999999999);
            sum += u;
            counts[r.Next(10)]++;
        }

        (sum / n).ShouldBe(0.5, 0.005);
        counts.ShouldAllBe(k => k > 9_500 && k < 10_500);
    }

    [Fact]
    public void Key_of_is_fnv1a() => KeyedRandom.KeyOf("a").ShouldBe(0xAF63DC4C8601EC8CUL); // FNV-1a 64 of "a", published test vector

    [Fact]
    public void Quantile_distribution_interpolates_between_its_points()
    {
        var d = new QuantileDistribution((0, 0), (0.25, 100), (0.5, 200), (1, 1000));
        d.Quantile(0).ShouldBe(0);
        d.Quantile(0.25).ShouldBe(100);
        d.Quantile(0.375).ShouldBe(150);
        d.Quantile(0.75).ShouldBe(600);
        d.Quantile(1).ShouldBe(1000);
    }

    [Fact]
    public void Quantile_distribution_refuses_points_that_do_not_increase()
    {
        Should.Throw<ArgumentException>(() => new QuantileDistribution((0, 5), (0.5, 4), (1, 6)));
        Should.Throw<ArgumentException>(() => new QuantileDistribution((0.1, 0), (1, 6)));
    }

    [Fact]
    public void Weighted_draws_follow_the_weights()
    {
        var w = new Weighted<string>(("a", 1), ("b", 3));
        w.Probability(0).ShouldBe(0.25, 1e-12);
        var r = new KeyedRandom(9, 9, 9);
        var a = 0;
        for (var i = 0; i < 40_000; i++)
        {
            a += w.Sample(ref r) == "a" ? 1 : 0;
        }

        (a / 40_000.0).ShouldBe(0.25, 0.01);
        Should.Throw<ArgumentException>(() => new Weighted<string>(("a", 0)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(1_000)]
    [InlineData(65_537)]
    public void A_keyed_permutation_gives_every_element_once(int count)
    {
        var random = new KeyedRandom(1, 2, 3);
        var permutation = new KeyedPermutation(ref random, count);
        var values = Enumerable.Range(0, count).Select(i => permutation[i]).ToList();
        values.Order().ShouldBe(Enumerable.Range(0, count));
        if (count >= 1_000)
        {
            values.Take(10).ShouldNotBe(Enumerable.Range(0, 10)); // shuffled, not the identity
            values.Take(count / 2).Average().ShouldBe(count / 2.0, count * 0.05); // the first half drawn from the whole range
        }

        Should.Throw<ArgumentOutOfRangeException>(() => permutation[count]);
    }

    [Fact]
    public void A_keyed_permutation_depends_on_its_stream()
    {
        var a = new KeyedRandom(1, 2, 3);
        var b = new KeyedRandom(1, 2, 4);
        var first = new KeyedPermutation(ref a, 10_000);
        var second = new KeyedPermutation(ref b, 10_000);
        Enumerable.Range(0, 100).Count(i => first[i] == second[i]).ShouldBeLessThan(5);
    }
}
