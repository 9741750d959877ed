using System.IO.Compression;
using System.Text;
using KubeAdvisor.Agent.Admission;
using KubeAdvisor.Agent.Tests.Support;
using KubeAdvisor.DemoCluster;

namespace KubeAdvisor.Agent.Tests;

/// <summary>
/// What the agent pushes about ConfigMaps when it may list them (decision 0037): the keys whose value looks secret and
/// why, never a value, whatever the ConfigMap holds.
/// </summary>
public sealed class ConfigMapPayloadTests
{
    [Fact]
    public async Task CollectAsync_DemoConfigMapsGranted_PayloadCarriesKeysAndReasonsButNoValue()
    {
        await using var fake = await FakeCluster.StartAsync(DemoManifests.LoadAll());

        var pending = await new SnapshotSource(fake.Connection(), new AdmissionDecisionLog(TimeProvider.System), TimeProvider.System)
            .CollectAsync(CancellationToken.None);

        await using var unzip = new GZipStream(new MemoryStream(System.Buffers.BuffersExtensions.ToArray(pending.GzipJson)), CompressionMode.Decompress);
        var json = await new StreamReader(unzip, Encoding.UTF8).ReadToEndAsync();
        Assert.Contains("{\"key\":\"DB_PASSWORD\",\"reason\":\"Name\"}", json, StringComparison.Ordinal);
        Assert.Contains("{\"key\":\"id_ed25519\",\"reason\":\"Value\"}", json, StringComparison.Ordinal);
        foreach (var value in new[] { "demo-only-Sup3rSecret", "OPENSSH", "ZGVtby1vbmx5", "postgres.payments.svc", "proxy_pass", "BEGIN CERTIFICATE" })
        {
            Assert.DoesNotContain(value, json, StringComparison.Ordinal);
        }
    }
}
