namespace KubeAdvisor.Web.Features.Agents;

/// <summary>
/// The shell commands that install (or re-key) the agent, with KubeAdvisor's URL and the token filled in. The token
/// goes straight into a Secret through kubectl, never into a file on disk. Manifests: deploy/agent/.
/// </summary>
public static class AgentInstallCommands
{
    public const string Namespace = "kubeadvisor-agent";
    public const string SecretName = "kubeadvisor-agent";
    public const string DeploymentName = "kubeadvisor-agent";

    public static string Install(string serverUrl, string token) => $"""
        # 1. Namespace, read-only ServiceAccount, ClusterRole and binding (deploy/agent/ of KubeAdvisor)
        kubectl apply -f deploy/agent/namespace.yaml -f deploy/agent/rbac.yaml
        # 2. KubeAdvisor's URL and the agent token, as a Secret
        {SecretCommand(serverUrl, token)}
        # 3. The agent itself, then wait until it runs
        kubectl apply -f deploy/agent/deployment.yaml
        kubectl -n {Namespace} rollout status deployment/{DeploymentName}
        # Optional, left commented out (docs/reports.md, docs/admission.md, README "ConfigMaps (opt-in)"):
        # openreports.io Reports for Policy Reporter, kubectl and Headlamp (needs the openreports.io CRDs)
        #   kubectl apply -f deploy/agent/reports-rbac.yaml
        #   kubectl -n {Namespace} set env deployment/{DeploymentName} KUBEADVISOR_AGENT_WRITE_REPORTS=true
        # the validating admission webhook (TLS Secret first: docs/admission.md), then pick the mode on the cluster page
        #   kubectl apply -f deploy/agent/admission/
        # ConfigMaps judged by configmap-secret-literal (only keys and reasons leave the cluster, never a value)
        #   kubectl apply -f deploy/agent/rbac-configmaps.yaml
        """;

    public static string Rotate(string serverUrl, string token) => $"""
        {SecretCommand(serverUrl, token)}
        kubectl -n {Namespace} rollout restart deployment/{DeploymentName}
        """;

    public static string Logs => $"kubectl -n {Namespace} logs deployment/{DeploymentName} --tail=50";

    private static string SecretCommand(string serverUrl, string token) =>
        $"kubectl -n {Namespace} create secret generic {SecretName} \\\n" +
        $"  --from-literal=server-url={Quote(serverUrl.TrimEnd('/'))} --from-literal=token={Quote(token)} \\\n" +
        "  --dry-run=client -o yaml | kubectl apply -f -";

    /// <summary>POSIX single quotes: nothing inside is interpreted by the shell.</summary>
    internal static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
