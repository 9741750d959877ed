using System.Text;
using System.Text.Json;
using KubeAdvisor.Kubernetes.Collection.Streaming;

namespace KubeAdvisor.Kubernetes.Tests.Collection.Streaming;

public sealed class ListPageReaderTests
{
    private static async Task<(string? Continue, List<string> Items)> ReadAsync(string body, int maxChunk = 7)
    {
        var items = new List<string>();
        using var stream = new TrickleStream(Encoding.UTF8.GetBytes(body), maxChunk);
        var (next, count) = await ListPageReader.ReadAsync(stream, item => items.Add(Encoding.UTF8.GetString(item)), CancellationToken.None);
        Assert.Equal(items.Count, count);
        return (next, items);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100_000)]
    public async Task ReadAsync_AnyChunking_EveryItemWholeAndTheContinueToken(int maxChunk)
    {
        var big = new string('x', 300_000); // larger than the initial buffer: it has to grow twice
        var body = $$"""{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"7","continue":"abc\u003d","remainingItemCount":2},"items":[{"a":1},{"b":"{\"]"},{"big":"{{big}}"}]}""" + "\n";

        var (next, items) = await ReadAsync(body, maxChunk);

        Assert.Equal("abc=", next);
        Assert.Equal(["""{"a":1}""", """{"b":"{\"]"}""", $$"""{"big":"{{big}}"}"""], items);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100_000)]
    public async Task ReadAsync_MetadataFirst_ContinueHeardBeforeTheFirstItem(int maxChunk)
    {
        var events = new List<string>();
        using var stream = new TrickleStream(Encoding.UTF8.GetBytes("""{"kind":"PodList","metadata":{"continue":"c2"},"items":[{"a":1},{"b":2}]}"""), maxChunk);

        var (next, _) = await ListPageReader.ReadAsync(stream, item => events.Add("item"), CancellationToken.None, token => events.Add("continue " + token));

        Assert.Equal("c2", next);
        Assert.Equal(["continue c2", "item", "item"], events);
    }

    [Theory]
    [InlineData("""{"items":[{"x":{}}],"metadata":{"continue":"late"}}""")] // only known at the end: the caller asks then
    [InlineData("""{"metadata":{"resourceVersion":"9"},"items":[{"x":{}}]}""")] // the last page
    [InlineData("""{"metadata":{"continue":""},"items":[]}""")]
    public async Task ReadAsync_NoEarlyToken_NothingHeard(string body)
    {
        var heard = new List<string>();
        using var stream = new TrickleStream(Encoding.UTF8.GetBytes(body), 5);

        await ListPageReader.ReadAsync(stream, _ => { }, CancellationToken.None, heard.Add);

        Assert.Empty(heard);
    }

    [Fact]
    public async Task ReadAsync_MetadataAfterItems_StillReadsContinue()
    {
        var (next, items) = await ReadAsync("""{"items":[{"x":{}}],"metadata":{"continue":"n2"}}""");

        Assert.Equal(("n2", 1), (next, items.Count));
    }

    [Theory]
    [InlineData("""{"metadata":{"continue":""},"items":[]}""")]
    [InlineData("""{"metadata":null,"items":null}""")]
    [InlineData("""{"kind":"List"}""")]
    public async Task ReadAsync_LastOrEmptyPage_NoContinueNoItems(string body)
    {
        var (next, items) = await ReadAsync(body);

        Assert.Equal((null, 0), (next, items.Count));
    }

    [Theory]
    [InlineData("""{"kind":"PodList","items":[{"metadata":{"name":""")] // the fake server's malformed body
    [InlineData("""{"items":[{"a":1}""")] // truncated between items
    [InlineData("""{"items":[1,2]}""")] // items that are not objects
    [InlineData("""[{"a":1}]""")] // not a list response
    [InlineData("""{"items":[]} trailing""")] // something after the list
    [InlineData("")]
    public async Task ReadAsync_NotACompleteList_JsonException(string body)
    {
        await Assert.ThrowsAnyAsync<JsonException>(() => ReadAsync(body));
    }
}
