using KubeAdvisor.Core.Admission;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Data.Entities;

/// <summary>A connected cluster. The kubeconfig is stored encrypted (Data Protection) and never sent back.</summary>
public sealed class Cluster
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public ConnectionType ConnectionType { get; set; }
    public bool IsDemo { get; set; }
    public string? EncryptedKubeconfig { get; set; }
    public string? Context { get; set; }
    /// <summary>API server URL, for display only.</summary>
    public string? ServerUrl { get; set; }
    public bool InsecureSkipTlsVerify { get; set; }
    public int ScanIntervalMinutes { get; set; } = 60;
    /// <summary>ClusterPolicySettings as JSON.</summary>
    public string PolicySettingsJson { get; set; } = "{}";
    /// <summary>Labels (e.g. env=prod) as a JSON object of strings, validated like Kubernetes labels (ClusterLabels).</summary>
    public string LabelsJson { get; set; } = "{}";
    public string? KubernetesVersion { get; set; }
    public string? AgentTokenHash { get; set; }
    public string? AgentVersion { get; set; }
    public int AgentIntervalMinutes { get; set; } = 10;
    public DateTimeOffset? AgentLastContactAt { get; set; }
    /// <summary>What the agent's admission webhook does (off, warn, deny); set by Admins (decision 0030).</summary>
    public AdmissionMode AdmissionMode { get; set; }
    /// <summary>In deny mode, failures at or above this severity refuse a request.</summary>
    public Severity AdmissionMinSeverity { get; set; } = Severity.High;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastScanAt { get; set; }
    public Guid? LastSucceededScanId { get; set; }
}
