using Microsoft.Extensions.Configuration;

namespace KubeAdvisor.Web.Features.Agents;

/// <summary>Limits of snapshot ingestion, from KUBEADVISOR_AGENT_* (documented in .env.example).</summary>
public sealed class AgentIngestionOptions
{
    /// <summary>Largest accepted snapshot after decompression, in MB (KUBEADVISOR_AGENT_MAX_SNAPSHOT_MB, default 50).</summary>
    [ConfigurationKeyName("AGENT_MAX_SNAPSHOT_MB")]
    public double MaxSnapshotMegabytes { get; set; } = 50;

    /// <summary>A cluster may push at most once per this many seconds (KUBEADVISOR_AGENT_MIN_PUSH_SECONDS, default 30).</summary>
    [ConfigurationKeyName("AGENT_MIN_PUSH_SECONDS")]
    public double MinPushIntervalSeconds { get; set; } = 30;

    /// <summary>
    /// A snapshot still queued or being evaluated after this many minutes is considered lost (its job or process died)
    /// and no longer blocks the next one (KUBEADVISOR_AGENT_ABANDON_MINUTES, default 30).
    /// </summary>
    [ConfigurationKeyName("AGENT_ABANDON_MINUTES")]
    public double AbandonAfterMinutes { get; set; } = 30;

    /// <summary>KubeAdvisor's URL as agents reach it, shown in the install commands (KUBEADVISOR_PUBLIC_URL; default: the URL of the browser).</summary>
    [ConfigurationKeyName("PUBLIC_URL")]
    public string? PublicUrl { get; set; }

    public long MaxSnapshotBytes => (long)(MaxSnapshotMegabytes * 1024 * 1024);

    public TimeSpan MinPushInterval => TimeSpan.FromSeconds(MinPushIntervalSeconds);

    public TimeSpan AbandonAfter => TimeSpan.FromMinutes(AbandonAfterMinutes);
}
