using KubeAdvisor.Agent.Tests.Support;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Kubernetes.Collection;

namespace KubeAdvisor.Agent.Tests;

/// <summary>The agent's own in-cluster connection (ServiceAccount token and CA files) against the fake API over TLS.</summary>
public sealed class ServiceAccountConnectionTests
{
    [Fact]
    public async Task Collect_ReadsTheTokenForEveryRequest_ARotatedTokenIsPickedUpWithoutRestart()
    {
        await using var fake = await FakeCluster.StartAsync(DemoManifests.LoadAll());
        var connection = fake.Connection();
        var tokenFile = Path.Combine(fake.ServiceAccountDir, "token");
        var collector = new ClusterCollector(TimeProvider.System);
        await File.WriteAllTextAsync(tokenFile, "an-expired-token");

        var refused = await Assert.ThrowsAsync<ClusterScanException>(() => collector.CollectAsync(connection, CancellationToken.None));
        await File.WriteAllTextAsync(tokenFile, fake.Server.Token + "\n");
        var snapshot = await collector.CollectAsync(connection, CancellationToken.None);

        Assert.StartsWith("401", refused.Message, StringComparison.Ordinal);
        Assert.False(refused.IsTransient);
        Assert.Equal("v1.31.2-fake", snapshot.KubernetesVersion);
        Assert.NotEmpty(snapshot.Workloads);
    }

    [Fact]
    public async Task Collect_ServerCertificateFromAnotherCa_FailsTlsPermanently()
    {
        await using var fake = await FakeCluster.StartAsync(DemoManifests.LoadAll());
        await using var other = await FakeKubernetesServer.StartAsync();
        await File.WriteAllTextAsync(Path.Combine(fake.ServiceAccountDir, "ca.crt"), other.CaCertificatePem);

        var e = await Assert.ThrowsAsync<ClusterScanException>(() => new ClusterCollector(TimeProvider.System).CollectAsync(fake.Connection(), CancellationToken.None));

        Assert.Contains("TLS handshake", e.Message, StringComparison.Ordinal);
        Assert.False(e.IsTransient);
        Assert.Equal(0, fake.Server.RequestCount("/version"));
    }

    [Fact]
    public async Task Collect_TokenFileMissing_FailsNamingTheFile()
    {
        await using var fake = await FakeCluster.StartAsync(DemoManifests.LoadAll());
        File.Delete(Path.Combine(fake.ServiceAccountDir, "token"));

        var e = await Assert.ThrowsAsync<ClusterScanException>(() => new ClusterCollector(TimeProvider.System).CollectAsync(fake.Connection(), CancellationToken.None));

        Assert.Contains("token", e.Message, StringComparison.Ordinal);
        Assert.Contains(fake.ServiceAccountDir, e.Message, StringComparison.Ordinal);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public void Create_NoCaFile_RefusesWithThePath()
    {
        var options = new AgentOptions { KubernetesUrl = "https://127.0.0.1:6443", ServiceAccountDir = Path.Combine(Path.GetTempPath(), "no-such-sa-" + Guid.NewGuid()) };

        var e = Assert.Throws<InvalidOperationException>(() => ServiceAccountConnection.Create(options));

        Assert.StartsWith("The agent is not configured", e.Message, StringComparison.Ordinal);
        Assert.Contains("ca.crt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PlainHttpApiServer_IsRefused()
    {
        var options = new AgentOptions { ServerUrl = "https://ka.example.com", Token = "ka_x", KubernetesUrl = "http://10.0.0.1:8080" };

        Assert.Contains(options.Validate(), e => e.Contains("KUBEADVISOR_AGENT_KUBERNETES_URL", StringComparison.Ordinal));
    }
}
