using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Kubernetes.Manifests;
using KubeAdvisor.Kubernetes.Transport;

namespace KubeAdvisor.Kubernetes.Tests.Manifests;

/// <summary>Namespace labels (for ownership rules) are read by the one reader and travel in the agent's snapshot.</summary>
public sealed class ManifestLoaderNamespaceTests
{
    private const string Manifest = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: payments, labels: {team: payments, kubernetes.io/metadata.name: payments}, annotations: {note: dropped}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: bare}
        """;

    [Fact]
    public void Load_NamespaceLabels_KeptPerNamespace_OnlyWhenAny()
    {
        var snapshot = ManifestLoader.Load(Manifest);

        Assert.Equal(["bare", "payments"], snapshot.Namespaces);
        var labels = Assert.Single(snapshot.NamespaceLabels);
        Assert.Equal("payments", labels.Key);
        Assert.Equal("payments", labels.Value["team"]);
        Assert.Equal(2, labels.Value.Count);
    }

    [Fact]
    public async Task SnapshotJson_RoundTripsNamespaceLabels_AndAnOlderPayloadWithoutThemReadsEmpty()
    {
        var snapshot = ManifestLoader.Load(Manifest);

        var back = await RoundTripAsync(snapshot, dropLabels: false);
        var older = await RoundTripAsync(snapshot, dropLabels: true);

        Assert.Equal("payments", back.NamespaceLabels["payments"]["team"]);
        Assert.Empty(older.NamespaceLabels);
    }

    private static async Task<ClusterSnapshot> RoundTripAsync(ClusterSnapshot snapshot, bool dropLabels)
    {
        var node = System.Text.Json.JsonSerializer.SerializeToNode(snapshot, SnapshotJson.Options)!.AsObject();
        Assert.True(node.ContainsKey("namespaceLabels"));
        if (dropLabels)
        {
            node.Remove("namespaceLabels"); // what an agent built before namespace labels sends
        }

        using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(node.ToJsonString()));
        return await SnapshotJson.ReadAsync(json, CancellationToken.None);
    }
}
