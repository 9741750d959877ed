namespace KubeAdvisor.Kubernetes.Kubeconfig;

/// <summary>What an uploaded kubeconfig may contain beyond the safe defaults.</summary>
/// <param name="AllowInsecureSkipTlsVerify">
/// Accept <c>insecure-skip-tls-verify: true</c> (an explicit admin opt-in; a warning is still reported). Default false.
/// </param>
/// <param name="AllowedHosts">
/// Private destinations this install may reach (KUBEADVISOR_SERVER_ALLOWLIST): exact host names (case-insensitive),
/// <c>*.suffix</c> wildcards, literal IPs and CIDRs (<c>10.0.0.0/8</c>, <c>fd00::/8</c>). Public servers need no entry;
/// loopback, RFC 1918, CGNAT, ULA, NAT64 and the like are refused unless an entry matches the server's literal IP,
/// its name, or the address the name resolves to (checked at every connection). Link-local and cloud metadata
/// addresses are refused whatever the list says. Empty = public servers only.
/// </param>
public sealed record KubeconfigPolicy(bool AllowInsecureSkipTlsVerify = false, IReadOnlyList<string>? AllowedHosts = null)
{
    /// <summary>No opt-ins, no allow-list: public servers only.</summary>
    public static readonly KubeconfigPolicy Default = new();

    /// <summary>Null when <paramref name="entry"/> can be an <see cref="AllowedHosts"/> entry; else a sentence why not.</summary>
    public static string? AllowListEntryError(string entry) => HostAllowList.EntryError(entry);
}
