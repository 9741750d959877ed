using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Evaluation;

/// <summary>One failed check. Container fields are null for workload-scoped policies.</summary>
/// <param name="WorkloadUid">Workload uid.</param>
/// <param name="WorkloadKind">Workload kind (Deployment, Rollout, Pod, …).</param>
/// <param name="Namespace">Workload namespace.</param>
/// <param name="WorkloadName">Workload name.</param>
/// <param name="ContainerName">Container name; null for a workload-scoped policy.</param>
/// <param name="ContainerType">Init, regular or ephemeral; null for a workload-scoped policy.</param>
/// <param name="Image">The image as written; null for a workload-scoped policy.</param>
/// <param name="PolicyId">Policy id.</param>
/// <param name="Severity">Effective severity (the cluster's override or the default).</param>
/// <param name="Message">What exactly is wrong.</param>
/// <param name="Remediation">How to fix it (the policy's remediation text).</param>
public sealed record Finding(
    string WorkloadUid,
    string WorkloadKind,
    string Namespace,
    string WorkloadName,
    string? ContainerName,
    ContainerType? ContainerType,
    string? Image,
    string PolicyId,
    Severity Severity,
    string Message,
    string Remediation);
