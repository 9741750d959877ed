namespace KubeAdvisor.Kubernetes.Collection;

/// <summary>
/// The apiVersion of each kind the collector lists (from <see cref="ScannedKind.All"/>), for writing references to stored
/// workloads, which keep only their kind (openreports results, decision 0031).
/// </summary>
public static class KindApiVersions
{
    private static readonly Dictionary<string, string> ByKind =
        ScannedKind.All.ToDictionary(k => k.Kind, k => k.ApiVersion, StringComparer.Ordinal);

    /// <summary>The apiVersion of <paramref name="kind"/> (e.g. apps/v1 for Deployment); null for a kind the collector does not list.</summary>
    public static string? Of(string kind) => ByKind.GetValueOrDefault(kind);
}
