using System.Text.Json;
using System.Text.RegularExpressions;

namespace KubeAdvisor.Agent.Reports;

/// <summary>
/// Which openreports.io object: <c>reports</c> in a namespace or a <c>clusterreports</c> (Namespace ""), and its name.
/// Only names KubeAdvisor gives (<c>kubeadvisor</c>, <c>kubeadvisor-2</c>, …) are ever written or deleted.
/// </summary>
public sealed partial record ReportKey(string Plural, string Namespace, string Name)
{
    public const string GroupVersion = "openreports.io/v1alpha1";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedBy = "kubeadvisor";

    /// <summary>The object's path under the API server, e.g. <c>apis/openreports.io/v1alpha1/namespaces/shop/reports/kubeadvisor</c>.</summary>
    public string Path => Namespace.Length == 0
        ? $"apis/{GroupVersion}/{Plural}/{Uri.EscapeDataString(Name)}"
        : $"apis/{GroupVersion}/namespaces/{Uri.EscapeDataString(Namespace)}/{Plural}/{Uri.EscapeDataString(Name)}";

    public override string ToString() => Namespace.Length == 0 ? $"ClusterReport {Name}" : $"Report {Namespace}/{Name}";

    /// <summary>Whether KubeAdvisor gives objects this name (so an object of another tool is never deleted, even if mislabelled).</summary>
    public static bool IsOurName(string name) => OurName().IsMatch(name);

    /// <summary>
    /// The key of an item of the server's List, after checking it is one KubeAdvisor writes: an openreports.io Report
    /// or ClusterReport with one of our names, a namespace that is a DNS label, and our managed-by label. Null otherwise.
    /// </summary>
    public static ReportKey? Of(byte[] item)
    {
        using var doc = JsonDocument.Parse(item);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || Text(root, "apiVersion") != GroupVersion
            || !root.TryGetProperty("metadata", out var meta) || meta.ValueKind != JsonValueKind.Object
            || Text(meta, "name") is not { } name || !IsOurName(name)
            || !meta.TryGetProperty("labels", out var labels) || labels.ValueKind != JsonValueKind.Object || Text(labels, ManagedByLabel) != ManagedBy)
        {
            return null;
        }

        return (Text(root, "kind"), Text(meta, "namespace")) switch
        {
            ("Report", { } ns) when DnsLabel().IsMatch(ns) => new ReportKey("reports", ns, name),
            ("ClusterReport", null) => new ReportKey("clusterreports", "", name),
            _ => null,
        };
    }

    private static string? Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    [GeneratedRegex("^kubeadvisor(-[1-9][0-9]{0,5})?$")]
    private static partial Regex OurName();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}
