using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Evaluation;

/// <summary>An enabled policy with the cluster's effective severity and image exemptions, resolved once per evaluation.</summary>
internal sealed class PlannedPolicy(IPolicy policy, Severity severity, string[] exemptImages)
{
    public string Id { get; } = policy.Descriptor.Id;

    public string Remediation { get; } = policy.Descriptor.Remediation;

    public Severity Severity { get; } = severity;

    public ContainerPolicy? Container { get; } = policy as ContainerPolicy;

    public WorkloadPolicy? Workload { get; } = policy as WorkloadPolicy;

    public ObjectPolicy? Object { get; } = policy as ObjectPolicy;

    public string[] ExemptImages { get; } = exemptImages;

    /// <summary>The enabled policies, by id; with a snapshot, without those that need a kind it could not list.</summary>
    public static PlannedPolicy[] Plan(IEnumerable<IPolicy> policies, ClusterPolicySettings settings, ClusterSnapshot? snapshot) =>
        policies
            .Where(p => settings.IsEnabled(p.Descriptor) && (snapshot is null || !NeedsUnavailable(p.Descriptor, snapshot)))
            .OrderBy(p => p.Descriptor.Id, StringComparer.Ordinal)
            .Select(p => new PlannedPolicy(p, settings.SeverityOf(p.Descriptor), settings.ExemptImagesOf(p.Descriptor.Id).ToArray()))
            .ToArray();

    /// <summary>Enabled policies that need a kind the snapshot could not list: not evaluated (decision 0018).</summary>
    public static string[] NotEvaluated(IEnumerable<IPolicy> policies, ClusterPolicySettings settings, ClusterSnapshot snapshot) =>
        policies
            .Where(p => settings.IsEnabled(p.Descriptor) && NeedsUnavailable(p.Descriptor, snapshot))
            .Select(p => p.Descriptor.Id)
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static bool NeedsUnavailable(PolicyDescriptor descriptor, ClusterSnapshot snapshot) =>
        snapshot.Unavailable.Count > 0 && descriptor.RequiredKinds.Any(snapshot.IsUnavailable);
}
