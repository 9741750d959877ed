namespace KubeAdvisor.Core.Inventory;

/// <summary>An Ingress (networking.k8s.io/v1), as far as policies read it: the hosts its rules serve and its TLS entries.</summary>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Name">Its name.</param>
/// <param name="Uid">metadata.uid.</param>
/// <param name="Hosts">spec.rules[].host, as written (empty strings for rules without a host are left out).</param>
/// <param name="Tls">spec.tls: one entry per TLS block.</param>
public sealed record Ingress(string Namespace, string Name, string Uid, IReadOnlyList<string> Hosts, IReadOnlyList<IngressTls> Tls)
    : InventoryObject(ObjectKinds.Ingress, Namespace, Name, Uid);
