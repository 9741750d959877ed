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

    public string[] ExemptImages { get; } = exemptImages;

    public static PlannedPolicy[] Plan(IEnumerable<IPolicy> policies, ClusterPolicySettings settings) =>
        policies
            .Where(p => settings.IsEnabled(p.Descriptor))
            .OrderBy(p => p.Descriptor.Id, StringComparer.Ordinal)
            .Select(p => new PlannedPolicy(p, settings.SeverityOf(p.Descriptor), settings.ExemptImagesOf(p.Descriptor.Id).ToArray()))
            .ToArray();
}
