namespace KubeAdvisor.Kubernetes.Collection;

/// <summary>Collector settings.</summary>
/// <param name="PageSize">Items per list request (limit). Default 500.</param>
/// <param name="MaxListRestarts">How often one list may restart after 410 Gone before the scan fails. Default 3.</param>
/// <param name="RequestTimeout">The client's request timeout, only to word "timed out after N s". Default unknown.</param>
public sealed record ClusterCollectorOptions(int PageSize = 500, int MaxListRestarts = 3, TimeSpan? RequestTimeout = null)
{
    /// <summary>The defaults.</summary>
    public static readonly ClusterCollectorOptions Default = new();
}
