using KubeAdvisor.Kubernetes.Collection;

namespace KubeAdvisor.Kubernetes.Tests.Collection;

public sealed class ConnectionTesterTests : FakeServerTestBase
{
    [Fact]
    public async Task TestAsync_AllowedEverywhere_SucceedsWithVersionAndEveryKind()
    {
        using var client = Client();

        var r = await new ConnectionTester().TestAsync(client, CancellationToken.None);

        Assert.True(r.Succeeded);
        Assert.Equal("v1.31.2-fake", r.KubernetesVersion);
        Assert.Equal(20, r.Kinds.Count); // every kind the collector lists: ServiceAccounts, HorizontalPodAutoscalers, NetworkPolicies, Ingresses, the four RBAC kinds, PriorityClasses and ConfigMaps included
        Assert.Empty(r.Problems);
    }

    [Fact]
    public async Task TestAsync_StatefulSetsForbidden_ReportsExactlyThatKind()
    {
        Server.Faults.ForbiddenResource = "statefulsets";
        using var client = Client();

        var r = await new ConnectionTester().TestAsync(client, CancellationToken.None);

        Assert.False(r.Succeeded);
        Assert.Equal(["cannot list statefulsets.apps: forbidden"], r.Problems);
        Assert.Equal("statefulsets.apps", Assert.Single(r.Kinds, k => k.IsForbidden).Resource);
    }

    [Fact]
    public async Task TestAsync_ConfigMapsForbidden_SucceedsWithTheOptInKindMarkedForbidden()
    {
        Server.Faults.ForbiddenResource = "configmaps";
        using var client = Client();

        var r = await new ConnectionTester().TestAsync(client, CancellationToken.None);

        // Not granting the opt-in kind is a choice, not a broken connection (decision 0037).
        Assert.True(r.Succeeded);
        Assert.Empty(r.Problems);
        Assert.Equal("configmaps", Assert.Single(r.Kinds, k => k.IsForbidden).Resource);
    }

    [Fact]
    public async Task TestAsync_Unauthorized_VersionErrorAndNoKinds()
    {
        Server.Faults.Unauthorized = true;
        using var client = Client();

        var r = await new ConnectionTester().TestAsync(client, CancellationToken.None);

        Assert.Equal(("401 Unauthorized: the token was rejected", false), (r.Error, r.IsTransient));
        Assert.Empty(r.Kinds);
    }

    [Fact]
    public async Task TestAsync_ListsWithLimitOne_OneRequestPerKind()
    {
        Server.Objects.Replace(KubeAdvisor.DemoCluster.SyntheticCluster.Generate(workloads: 10));
        using var client = Client();

        await new ConnectionTester().TestAsync(client, CancellationToken.None);

        Assert.Equal(1, Server.RequestCount("pods"));
    }
}
