using Microsoft.Extensions.Configuration;

namespace KubeAdvisor.Web.Features.Metrics;

/// <summary>The /metrics endpoint, from KUBEADVISOR_METRICS_* (documented in .env.example and docs/metrics.md).</summary>
public sealed class MetricsOptions
{
    /// <summary>Shortest accepted token: a guessable one would make the bearer check decorative.</summary>
    public const int MinTokenLength = 16;

    /// <summary>
    /// When set, /metrics answers only requests with <c>Authorization: Bearer &lt;token&gt;</c> (KUBEADVISOR_METRICS_TOKEN;
    /// empty, the default, leaves it open to anyone who reaches the port).
    /// </summary>
    [ConfigurationKeyName("METRICS_TOKEN")]
    public string? Token { get; set; }

    /// <summary>
    /// Namespaces per cluster exported by name, worst score first; the rest are pooled into <c>namespace="other"</c>
    /// (KUBEADVISOR_METRICS_NAMESPACES, default 20; 0 exports only <c>other</c>).
    /// </summary>
    [ConfigurationKeyName("METRICS_NAMESPACES")]
    public int Namespaces { get; set; } = 20;

    /// <summary>
    /// How often the web process checks the database for a finished scan (or another change) and, only then, re-reads
    /// the values (KUBEADVISOR_METRICS_REFRESH_SECONDS, default 10).
    /// </summary>
    [ConfigurationKeyName("METRICS_REFRESH_SECONDS")]
    public int RefreshSeconds { get; set; } = 10;

    public bool RequiresToken => !string.IsNullOrEmpty(Token);
}
