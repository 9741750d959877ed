namespace KubeAdvisor.Core.Inventory;

/// <summary>A NetworkPolicy (networking.k8s.io/v1), as far as policies read it: which pods it isolates, for what.</summary>
/// <param name="Namespace">Its namespace: it selects pods of this namespace only.</param>
/// <param name="Name">Its name.</param>
/// <param name="PodSelector">spec.podSelector; empty (<c>{}</c>, or missing) selects every pod of the namespace.</param>
/// <param name="PolicyTypes">
/// spec.policyTypes (<c>Ingress</c>, <c>Egress</c>), or when unset what Kubernetes derives: Ingress, plus Egress when
/// the policy has egress rules.
/// </param>
public sealed record NetworkPolicy(
    string Namespace,
    string Name,
    LabelSelector PodSelector,
    IReadOnlyList<string> PolicyTypes)
{
    /// <summary>Whether the pods it selects are isolated for ingress (only what some policy allows may connect).</summary>
    public bool IsolatesIngress => PolicyTypes.Contains("Ingress", StringComparer.Ordinal);

    /// <summary>True when this policy applies to pods with <paramref name="labels"/> (namespace is the caller's concern).</summary>
    public bool Selects(IReadOnlyDictionary<string, string> labels) => PodSelector.Matches(labels);

    /// <summary>
    /// spec.policyTypes as the API server stores them: as written when set, else Ingress, plus Egress when
    /// <paramref name="hasEgressRules"/> (the defaulting of networking/v1).
    /// </summary>
    public static IReadOnlyList<string> EffectivePolicyTypes(IReadOnlyList<string>? written, bool hasEgressRules) =>
        written is { Count: > 0 } ? written : hasEgressRules ? ["Ingress", "Egress"] : ["Ingress"];
}
