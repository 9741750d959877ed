using KubeAdvisor.Web.Features.Agents;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>
/// Links in messages, from KUBEADVISOR_PUBLIC_URL (KubeAdvisor's one public URL, also filled into the agent install
/// commands). Without it, or when it is not an absolute http(s) URL, messages carry no links.
/// </summary>
public sealed class NotificationLinks(IOptions<AgentIngestionOptions> options)
{
    /// <summary>The public URL without a trailing slash, or null.</summary>
    public string? Base =>
        Uri.TryCreate(options.Value.PublicUrl?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.ToString().TrimEnd('/')
            : null;

    /// <summary>The workload page: <c>{PUBLIC_URL}/clusters/{clusterId}/workloads/{workloadId}</c>.</summary>
    public string? Workload(Guid clusterId, Guid workloadId) =>
        Base is { } root && workloadId != Guid.Empty ? $"{root}/clusters/{clusterId}/workloads/{workloadId}" : null;

    /// <summary>The cluster page.</summary>
    public string? Cluster(Guid clusterId) => Base is { } root ? $"{root}/clusters/{clusterId}" : null;
}
