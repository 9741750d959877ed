using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Tests.Inventory;

/// <summary><see cref="RunningCounts"/>: the same sums whether it stays a short array or switches to a dictionary.</summary>
public sealed class RunningCountsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(40)]
    public void Add_RepeatedKeys_SumsPerKey(int distinct)
    {
        var counts = new RunningCounts();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < distinct; i++)
            {
                counts.Add(Key(i), i + 1);
            }
        }

        Assert.Equal(distinct, counts.Count);
        Assert.Equal(Enumerable.Range(0, distinct).Select(i => (Key(i), 3 * (i + 1))).OrderBy(e => e.Item1.Digest),
            counts.All().OrderBy(e => e.Key.Digest));
    }

    [Fact]
    public void AddAll_Overlapping_MergesCounts()
    {
        var a = new RunningCounts();
        a.Add(Key(1), 2);
        var b = new RunningCounts();
        b.Add(Key(1), 3);
        b.Add(Key(2), 1);

        a.AddAll(b);

        Assert.Equal([(Key(1), 5), (Key(2), 1)], a.All().OrderBy(e => e.Key.Digest));
        Assert.Equal(2, b.Count); // the source is left as it was
    }

    private static RunningImageKey Key(int i) => new("app", ContainerType.Regular, "img", "rev", $"sha256:{i:D4}");
}
