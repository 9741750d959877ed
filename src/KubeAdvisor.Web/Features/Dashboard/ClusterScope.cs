using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Web.Features.Dashboard;

/// <summary>
/// Where cluster-scoped objects (a ClusterRole, a ClusterRoleBinding; stored with namespace "", decision 0033) sit in the
/// drill-down: a "Cluster-scoped" entry beside the namespaces, with its own page and violations filter.
/// </summary>
public static class ClusterScope
{
    /// <summary>What the pages call the entry.</summary>
    public const string Label = "Cluster-scoped";

    /// <summary>The namespace filter value (?namespace=) that means cluster-scoped objects: no namespace can be named so.</summary>
    public const string FilterValue = "_cluster";

    /// <summary>The page of a namespace, or of the cluster-scoped objects for namespace "".</summary>
    public static string Href(Guid clusterId, string ns) =>
        ns.Length == 0 ? $"/clusters/{clusterId}/cluster-scoped" : $"/clusters/{clusterId}/namespaces/{Uri.EscapeDataString(ns)}";

    /// <summary>A namespace as shown: its name, or <see cref="Label"/>.</summary>
    public static string Text(string ns) => ns.Length == 0 ? Label : ns;

    /// <summary>The namespace filter value of a namespace (its name, or <see cref="FilterValue"/> for "").</summary>
    public static string FilterOf(string ns) => ns.Length == 0 ? FilterValue : ns;

    /// <summary>The score weights of checks summed per severity (scan summaries), as a namespace's sample holds them.</summary>
    public static (double Passed, double Failed) Weights(IEnumerable<(Severity Severity, int Passed, int Failed)> checks) =>
        checks.Aggregate((0d, 0d), (w, c) => (w.Item1 + (double)Scores.WeightOf(c.Severity) * c.Passed, w.Item2 + (double)Scores.WeightOf(c.Severity) * c.Failed));
}
