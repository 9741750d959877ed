using System.Text;
using k8s.Models;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies.Security;

namespace KubeAdvisor.Kubernetes.Tests.Oracle;

/// <summary>
/// The test oracle for objects that are not workloads (decision 0033): Ingresses, RBAC, ConfigMaps and PriorityClasses from
/// the typed V1 models, written independently of the streaming readers. Cluster-scoped kinds have namespace "".
/// </summary>
public static class ObjectMapper
{
    public static Ingress Map(V1Ingress i) => new(
        MetadataMapper.Namespace(i.Metadata), i.Metadata?.Name ?? "", i.Metadata?.Uid ?? "",
        (i.Spec?.Rules ?? []).Select(r => r.Host).Where(h => !string.IsNullOrEmpty(h)).ToList(),
        (i.Spec?.Tls ?? []).Select(t => new IngressTls((t.Hosts ?? []).Where(h => !string.IsNullOrEmpty(h)).ToList())).ToList());

    public static ConfigMap Map(V1ConfigMap c)
    {
        var judged = (c.Data ?? new Dictionary<string, string>()).Select(d => (d.Key, Reason: SecretLiterals.Classify(d.Key, d.Value)))
            .Concat((c.BinaryData ?? new Dictionary<string, byte[]>()).Select(d => (d.Key, Reason: SecretLiterals.Classify(d.Key, Encoding.UTF8.GetString(d.Value)))))
            .Where(k => k.Reason is not null).Select(k => new SecretLookingKey(k.Key, k.Reason!.Value)).ToList();
        return new ConfigMap(MetadataMapper.Namespace(c.Metadata), c.Metadata?.Name ?? "", c.Metadata?.Uid ?? "", judged.Take(ConfigMap.MaxKeys).ToList())
        {
            MoreSecretLookingKeys = Math.Max(0, judged.Count - ConfigMap.MaxKeys),
        };
    }

    public static PriorityClass Map(V1PriorityClass p) => new(p.Metadata?.Name ?? "", p.Value ?? 0, p.GlobalDefault ?? false);

    public static RbacRole Map(V1Role r) =>
        new("Role", MetadataMapper.Namespace(r.Metadata), r.Metadata?.Name ?? "", r.Metadata?.Uid ?? "", Rules(r.Rules));

    public static RbacRole Map(V1ClusterRole r) =>
        new("ClusterRole", "", r.Metadata?.Name ?? "", r.Metadata?.Uid ?? "", Rules(r.Rules));

    public static RbacBinding Map(V1RoleBinding b) =>
        Binding("RoleBinding", MetadataMapper.Namespace(b.Metadata), b.Metadata, b.RoleRef, b.Subjects);

    public static RbacBinding Map(V1ClusterRoleBinding b) =>
        Binding("ClusterRoleBinding", "", b.Metadata, b.RoleRef, b.Subjects);

    private static List<RbacRule> Rules(IList<V1PolicyRule>? rules) =>
        (rules ?? []).Select(r => new RbacRule([.. r.ApiGroups ?? []], [.. r.Resources ?? []], [.. r.Verbs ?? []])).ToList();

    private static RbacBinding Binding(string kind, string ns, V1ObjectMeta? meta, V1RoleRef? roleRef, IList<Rbacv1Subject>? subjects) =>
        new(kind, ns, meta?.Name ?? "", meta?.Uid ?? "", roleRef?.Kind ?? "", roleRef?.Name ?? "",
            (subjects ?? []).Where(s => s.Kind is not null && s.Name is not null)
                .Select(s => new RbacSubject(s.Kind, s.Name, s.NamespaceProperty ?? (s.Kind == "ServiceAccount" ? ns : ""))).ToList());
}
