using System.Text;
using KubeAdvisor.Agent.Reports;

namespace KubeAdvisor.Agent.Tests.Reports;

/// <summary>The List splitter reads items whole whatever the reads cut them into, and refuses an item or a list too large.</summary>
public sealed class ListItemStreamTests
{
    private const string List = """
        {"apiVersion":"v1","kind":"List","metadata":{"note":"{\"items\":[1]}"},"items":[
          {"kind":"Report","metadata":{"name":"a","labels":{"x":"]}"}},"results":[{"message":"a \"quoted\" [thing]"}]},
          {"kind":"ClusterReport","results":[]}
        ],"trailing":{"items":[{"no":1}]}}
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64 * 1024)]
    public async Task ReadAsync_AnyReadSize_GivesEachItemWhole(int readSize)
    {
        var items = await ReadAllAsync(new TrickleStream(Encoding.UTF8.GetBytes(List), readSize), maxItemBytes: 1024, maxItems: 10);

        Assert.Equal(2, items.Count);
        Assert.Equal("""{"kind":"Report","metadata":{"name":"a","labels":{"x":"]}"}},"results":[{"message":"a \"quoted\" [thing]"}]}""", items[0]);
        Assert.Equal("""{"kind":"ClusterReport","results":[]}""", items[1]);
    }

    [Fact]
    public async Task ReadAsync_ItemLargerThanTheLimit_IsRefused()
    {
        var big = "{\"items\":[{\"message\":\"" + new string('x', 200_000) + "\"}]}";

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(new TrickleStream(Encoding.UTF8.GetBytes(big), 4096), maxItemBytes: 1024, maxItems: 10));
        Assert.Contains("larger than 1024 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_MoreItemsThanTheLimitOrCutShort_IsRefused()
    {
        var many = "{\"items\":[" + string.Join(',', Enumerable.Repeat("{}", 11)) + "]}";

        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(new MemoryStream(Encoding.UTF8.GetBytes(many)), 1024, maxItems: 10));
        await Assert.ThrowsAnyAsync<System.Text.Json.JsonException>(() => ReadAllAsync(new MemoryStream(Encoding.UTF8.GetBytes(List[..^20])), 1024, 10));
    }

    private static async Task<List<string>> ReadAllAsync(Stream stream, int maxItemBytes, int maxItems)
    {
        var items = new List<string>();
        await foreach (var item in ListItemStream.ReadAsync(stream, maxItemBytes, maxItems, CancellationToken.None))
        {
            items.Add(Encoding.UTF8.GetString(item));
        }

        return items;
    }

    /// <summary>A stream that gives at most a few bytes per read, as a slow network does.</summary>
    private sealed class TrickleStream(byte[] data, int readSize) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, readSize)], cancellationToken);
    }
}
