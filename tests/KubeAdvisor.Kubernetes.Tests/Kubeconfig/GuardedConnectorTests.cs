using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Kubernetes.Kubeconfig;

namespace KubeAdvisor.Kubernetes.Tests.Kubeconfig;

/// <summary>The connect-time guard, through a real client against the fake API server on loopback.</summary>
public sealed class GuardedConnectorTests : FakeServerTestBase
{
    private async Task<ConnectionTestResult> TestAsync(string server, params string[] allowList)
    {
        var validated = new KubeconfigValidator().Validate(Server.Kubeconfig(), null, new KubeconfigPolicy(AllowedHosts: ["127.0.0.0/8"]));
        var config = validated.Config! with { Server = new Uri(server), AllowedHosts = allowList };
        using var client = KubernetesClientFactory.CreateClient(config, TimeSpan.FromSeconds(30));
        return await new ConnectionTester().TestAsync(client, CancellationToken.None);
    }

    [Fact]
    public async Task Connect_NameResolvingToLoopback_RefusedWithTheGenericMessage()
    {
        var result = await TestAsync($"https://localhost:{Server.BaseAddress.Port}");

        Assert.Equal(
            "Cannot connect to the cluster's API server at localhost. If it is on a private network, add it to KUBEADVISOR_SERVER_ALLOWLIST.",
            result.Error);
        Assert.False(result.IsTransient);
        Assert.Null(result.KubernetesVersion);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.0/8")]
    public async Task Connect_NameAllowListedByNameOrByResolvedAddress_Connects(string entry)
    {
        var result = await TestAsync($"https://localhost:{Server.BaseAddress.Port}", entry);

        Assert.Null(result.Error);
        Assert.NotNull(result.KubernetesVersion);
    }

    [Fact]
    public async Task Connect_OpenAndClosedPortOfANotAllowedAddress_GiveTheSameAnswer()
    {
        var open = await TestAsync($"https://127.0.0.1:{Server.BaseAddress.Port}");
        var closed = await TestAsync("https://127.0.0.1:1");

        Assert.Equal(DestinationRefusedException.MessageFor("127.0.0.1"), open.Error);
        Assert.Equal((open.Error, open.IsTransient, open.Kinds.Count), (closed.Error, closed.IsTransient, closed.Kinds.Count));
    }

    [Fact]
    public async Task Connect_ClosedPortOfAnAllowListedAddress_KeepsTheDetailedError()
    {
        var result = await TestAsync("https://127.0.0.1:1", "127.0.0.0/8");

        Assert.StartsWith("cannot reach the API server", result.Error, StringComparison.Ordinal);
        Assert.True(result.IsTransient);
    }
}
