namespace KubeAdvisor.Kubernetes.Kubeconfig;

/// <summary>How <see cref="ServerAddressRules"/> treats a destination address.</summary>
internal enum AddressClass
{
    /// <summary>Reachable without any setting.</summary>
    Public,

    /// <summary>Loopback, RFC 1918, CGNAT, ULA, NAT64, …: reachable only when KUBEADVISOR_SERVER_ALLOWLIST allows it.</summary>
    Private,

    /// <summary>Link-local and cloud metadata: never reachable, whatever the allow-list says.</summary>
    Forbidden,
}
