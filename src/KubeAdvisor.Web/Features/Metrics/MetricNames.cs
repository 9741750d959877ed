namespace KubeAdvisor.Web.Features.Metrics;

/// <summary>
/// The exported names: stable, documented in docs/metrics.md (a test checks that every name here is documented and
/// that the Grafana dashboard and the PrometheusRule use only exported names). Never rename one: scripts and alerts
/// rely on them.
/// </summary>
public static class MetricNames
{
    /// <summary>The pooled namespace series of a cluster: every namespace beyond the worst N.</summary>
    public const string OtherNamespace = "other";

    public const string ClusterScore = "kubeadvisor_cluster_score";
    public const string ClusterGrade = "kubeadvisor_cluster_grade";
    public const string ClusterNamespaces = "kubeadvisor_cluster_namespaces";
    public const string ClusterLastScanTimestamp = "kubeadvisor_cluster_last_scan_timestamp_seconds";
    public const string ClusterLastScanSucceeded = "kubeadvisor_cluster_last_scan_succeeded";
    public const string ClusterLastSuccessTimestamp = "kubeadvisor_cluster_last_success_timestamp_seconds";
    public const string Clusters = "kubeadvisor_clusters";
    public const string NamespaceScore = "kubeadvisor_namespace_score";
    public const string FindingsOpen = "kubeadvisor_findings_open";
    public const string ScansActive = "kubeadvisor_scans_active";
    public const string ScansTotal = "kubeadvisor_scans_total";
    public const string ScanFailuresTotal = "kubeadvisor_scan_failures_total";
    public const string ScansPartialTotal = "kubeadvisor_scans_partial_total";
    public const string ScanDuration = "kubeadvisor_scan_duration_seconds";
    public const string AgentLastContactTimestamp = "kubeadvisor_agent_last_contact_timestamp_seconds";
    public const string AgentSecondsSinceLastContact = "kubeadvisor_agent_seconds_since_last_contact";
    public const string NotificationDeliveries = "kubeadvisor_notification_deliveries";
    public const string RefreshTimestamp = "kubeadvisor_metrics_refresh_timestamp_seconds";

    /// <summary>Every KubeAdvisor name above (the standard process and HTTP metrics are prometheus-net's own).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ClusterScore, ClusterGrade, ClusterNamespaces, ClusterLastScanTimestamp, ClusterLastScanSucceeded, ClusterLastSuccessTimestamp,
        Clusters, NamespaceScore, FindingsOpen, ScansActive, ScansTotal, ScanFailuresTotal, ScansPartialTotal, ScanDuration,
        AgentLastContactTimestamp, AgentSecondsSinceLastContact, NotificationDeliveries, RefreshTimestamp,
    ];

    /// <summary>Upper bounds of the scan duration buckets, in seconds (plus +Inf).</summary>
    public static IReadOnlyList<double> ScanDurationBuckets { get; } = [1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];
}
