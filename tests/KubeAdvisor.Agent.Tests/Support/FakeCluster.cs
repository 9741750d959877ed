using k8s;
using KubeAdvisor.Agent;
using KubeAdvisor.DemoCluster;

namespace KubeAdvisor.Agent.Tests.Support;

/// <summary>A fake Kubernetes API server and a kubeconfig file for it, as the agent reads it outside a cluster.</summary>
public sealed class FakeCluster : IAsyncDisposable
{
    private FakeCluster(FakeKubernetesServer server, string kubeconfigPath)
    {
        Server = server;
        KubeconfigPath = kubeconfigPath;
    }

    public FakeKubernetesServer Server { get; }

    public string KubeconfigPath { get; }

    public static async Task<FakeCluster> StartAsync(IEnumerable<IKubernetesObject> objects)
    {
        var server = await FakeKubernetesServer.StartAsync();
        server.Objects.Replace(objects);
        var path = Path.Combine(Path.GetTempPath(), $"ka-agent-{Guid.NewGuid():N}.kubeconfig");
        await File.WriteAllTextAsync(path, server.Kubeconfig());
        return new FakeCluster(server, path);
    }

    public IKubernetes Client() => KubernetesConnection.Create(new AgentOptions { KubeconfigPath = KubeconfigPath });

    public async ValueTask DisposeAsync()
    {
        File.Delete(KubeconfigPath);
        await Server.DisposeAsync();
    }
}
