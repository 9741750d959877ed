using k8s;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Kubernetes.Kubeconfig;

namespace KubeAdvisor.Kubernetes.Tests;

/// <summary>Starts one fake API server per test class instance (xunit makes one per test) and builds clients for it.</summary>
public abstract class FakeServerTestBase : IAsyncLifetime
{
    protected FakeKubernetesServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await FakeKubernetesServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    protected IKubernetes Client(TimeSpan? timeout = null)
    {
        var result = new KubeconfigValidator().Validate(Server.Kubeconfig(), null, new KubeconfigPolicy(AllowedHosts: ["127.0.0.0/8"]));
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return KubernetesClientFactory.CreateClient(result.Config!, timeout ?? TimeSpan.FromSeconds(30));
    }
}
