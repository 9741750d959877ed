using k8s;

namespace KubeAdvisor.Agent;

/// <summary>
/// The agent's Kubernetes client: the pod's ServiceAccount (in-cluster configuration) or, for runs outside a cluster,
/// a kubeconfig file. The agent runs on the cluster owner's side, so the kubeconfig is theirs and trusted as kubectl would.
/// </summary>
public static class KubernetesConnection
{
    public static IKubernetes Create(AgentOptions options)
    {
        var config = string.IsNullOrWhiteSpace(options.KubeconfigPath)
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile(options.KubeconfigPath);
        config.HttpClientTimeout = options.RequestTimeout;
        return new k8s.Kubernetes(config);
    }

    public static string Describe(AgentOptions options) =>
        string.IsNullOrWhiteSpace(options.KubeconfigPath) ? "in-cluster ServiceAccount" : $"kubeconfig {options.KubeconfigPath}";
}
