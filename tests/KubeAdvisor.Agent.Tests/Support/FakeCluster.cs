using k8s;
using KubeAdvisor.Agent;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Kubernetes.Collection;

namespace KubeAdvisor.Agent.Tests.Support;

/// <summary>
/// A fake Kubernetes API server and a ServiceAccount folder for it (<c>token</c>, <c>ca.crt</c>), as a pod has them
/// mounted; the agent is pointed at it with KUBERNETES_URL and SERVICE_ACCOUNT_DIR.
/// </summary>
public sealed class FakeCluster : IAsyncDisposable
{
    private FakeCluster(FakeKubernetesServer server, string serviceAccountDir)
    {
        Server = server;
        ServiceAccountDir = serviceAccountDir;
    }

    public FakeKubernetesServer Server { get; }

    public string ServiceAccountDir { get; }

    public string Url => Server.BaseAddress.ToString();

    public static async Task<FakeCluster> StartAsync(IEnumerable<IKubernetesObject> objects)
    {
        var server = await FakeKubernetesServer.StartAsync();
        server.Objects.Replace(objects);
        var dir = Directory.CreateTempSubdirectory("ka-agent-sa-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "token"), server.Token + "\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "ca.crt"), server.CaCertificatePem);
        return new FakeCluster(server, dir);
    }

    /// <summary>Agent options that read this fake cluster.</summary>
    public AgentOptions Options(string serverUrl = "http://127.0.0.1:1", string token = "t") =>
        new() { ServerUrl = serverUrl, Token = token, KubernetesUrl = Url, ServiceAccountDir = ServiceAccountDir };

    public KubeApiConnection Connection() => ServiceAccountConnection.Create(Options());

    public async ValueTask DisposeAsync()
    {
        Directory.Delete(ServiceAccountDir, recursive: true);
        await Server.DisposeAsync();
    }
}
