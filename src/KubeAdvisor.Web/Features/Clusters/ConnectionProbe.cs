using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Kubernetes.Kubeconfig;

namespace KubeAdvisor.Web.Features.Clusters;

/// <summary>Runs the connection test against a validated kubeconfig with a short timeout.</summary>
public sealed class ConnectionProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public async Task<ConnectionTestResult> TestAsync(ValidatedKubeconfig config, CancellationToken ct)
    {
        using var client = KubernetesClientFactory.CreateClient(config, Timeout);
        return await new ConnectionTester().TestAsync(client, ct);
    }
}
