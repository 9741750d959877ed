using System.Text;
using System.Text.Json;
using KubeAdvisor.Kubernetes.Collection.Streaming;

namespace KubeAdvisor.Kubernetes.Tests.Collection.Streaming;

/// <summary>
/// <see cref="ReadCache.SharedMap"/>: a small label map reads like the dictionary it replaced (order, duplicates, lookups),
/// and a large one stays a dictionary.
/// </summary>
public sealed class ReadCacheMapTests
{
    [Fact]
    public void SharedMap_FewLabels_SmallMapInReadingOrderWithLastDuplicateWinning()
    {
        var map = Read("""{"b":"1","a":"2","b":"3","c":""}""");

        Assert.IsType<SmallMap>(map);
        Assert.Equal(["b", "a", "c"], map.Keys);
        Assert.Equal(["3", "2", ""], map.Values);
        Assert.Equal(3, map.Count);
        Assert.Equal("2", map["a"]);
        Assert.True(map.TryGetValue("c", out var c));
        Assert.Equal("", c);
        Assert.False(map.ContainsKey("A"));
        Assert.Throws<KeyNotFoundException>(() => map["missing"]);
        Assert.Equal("""{"b":"3","a":"2","c":""}""", JsonSerializer.Serialize(map));
    }

    [Fact]
    public void SharedMap_MoreThanMaxEntries_DictionaryWithEveryLabel()
    {
        var labels = Enumerable.Range(0, SmallMap.MaxEntries + 1).Select(i => $"\"k{i}\":\"v{i}\"");

        var map = Read("{" + string.Join(',', labels) + ",\"k0\":\"again\"}");

        Assert.IsType<Dictionary<string, string>>(map);
        Assert.Equal(SmallMap.MaxEntries + 1, map.Count);
        Assert.Equal("again", map["k0"]);
        Assert.Equal($"v{SmallMap.MaxEntries}", map[$"k{SmallMap.MaxEntries}"]);
    }

    [Fact]
    public void SharedMap_TwoMaps_DoNotShareTheScratchArray()
    {
        var cache = new ReadCache();
        var first = Read("""{"a":"1","b":"2"}""", cache);
        var second = Read("""{"c":"3"}""", cache);

        Assert.Equal(["a", "b"], first.Keys);
        Assert.Equal(["c"], second.Keys);
    }

    private static IReadOnlyDictionary<string, string> Read(string json, ReadCache? cache = null)
    {
        var r = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        r.Read();
        return (cache ?? new ReadCache()).SharedMap(ref r)!;
    }
}
