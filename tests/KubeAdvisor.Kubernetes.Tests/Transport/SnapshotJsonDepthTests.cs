using System.Text;
using System.Text.Json;
using KubeAdvisor.Kubernetes.Transport;

namespace KubeAdvisor.Kubernetes.Tests.Transport;

/// <summary>Agent snapshots are user input too: their nesting is bounded before anything is built from them.</summary>
public sealed class SnapshotJsonDepthTests
{
    [Fact]
    public async Task ReadAsync_NestingDeeperThanMaxDepth_RefusedAsJson()
    {
        // An unknown member is skipped, not ignored: the reader still walks it, and refuses its depth.
        var levels = SnapshotJson.MaxDepth * 100;
        var json = "{\"x\":" + new string('[', levels) + new string(']', levels) + "}";
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var e = await Assert.ThrowsAsync<JsonException>(() => SnapshotJson.ReadAsync(stream, CancellationToken.None));

        Assert.Contains("depth", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(64, SnapshotJson.Options.MaxDepth);
    }
}
