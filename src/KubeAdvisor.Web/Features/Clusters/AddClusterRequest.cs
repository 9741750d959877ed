namespace KubeAdvisor.Web.Features.Clusters;

/// <summary>What an Admin submits to connect a cluster by kubeconfig (UI wizard and POST /api/v1/clusters).</summary>
public sealed record AddClusterRequest(
    string Name,
    string Kubeconfig,
    string? Context = null,
    int? IntervalMinutes = null,
    bool AllowInsecureSkipTlsVerify = false);
