namespace KubeAdvisor.Core.Inventory;

/// <summary>One spec.tls entry of an Ingress: the hosts its certificate is for (empty: the controller's default, every host).</summary>
/// <param name="Hosts">spec.tls[].hosts.</param>
public sealed record IngressTls(IReadOnlyList<string> Hosts);
