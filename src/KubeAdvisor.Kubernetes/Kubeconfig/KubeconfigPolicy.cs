namespace KubeAdvisor.Kubernetes.Kubeconfig;

/// <summary>What an uploaded kubeconfig may contain beyond the safe defaults.</summary>
/// <param name="AllowInsecureSkipTlsVerify">
/// Accept <c>insecure-skip-tls-verify: true</c> (an explicit admin opt-in; a warning is still reported). Default false.
/// </param>
/// <param name="AllowedHosts">
/// Optional allow-list for server hosts: exact host names (case-insensitive), <c>*.suffix</c> wildcards, literal
/// IPs and CIDRs (<c>10.0.0.0/8</c>, <c>fd00::/8</c>). Empty = any host that is not link-local or metadata.
/// A CIDR matches literal IP servers only, and host names are matched by name: names are not resolved at
/// validation time (DNS can change before the connection); the client re-checks every resolved address.
/// </param>
public sealed record KubeconfigPolicy(bool AllowInsecureSkipTlsVerify = false, IReadOnlyList<string>? AllowedHosts = null)
{
    /// <summary>No opt-ins, no allow-list.</summary>
    public static readonly KubeconfigPolicy Default = new();
}
