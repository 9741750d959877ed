using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Evaluation;

/// <summary>
/// One failed check. Container fields are null for workload-scoped and object policies. The subject is a workload or, for
/// an object policy, an object that is not one (an Ingress, a ClusterRoleBinding, …; decision 0033): the workload fields
/// then name the object.
/// </summary>
/// <param name="WorkloadUid">Subject uid (for an object without one, <see cref="InventoryObject.Key"/>).</param>
/// <param name="WorkloadKind">Subject kind (Deployment, Rollout, Pod, … or Ingress, ClusterRoleBinding, …).</param>
/// <param name="Namespace">Subject namespace; empty for a cluster-scoped object.</param>
/// <param name="WorkloadName">Subject name.</param>
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
