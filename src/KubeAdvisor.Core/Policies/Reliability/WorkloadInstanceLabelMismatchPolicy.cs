namespace KubeAdvisor.Core.Policies.Reliability;

/// <summary>The <c>workload-instance-label-mismatch</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class WorkloadInstanceLabelMismatchPolicy : WorkloadPolicy
{
    private static readonly string[] Keys = ["app.kubernetes.io/instance", "app.kubernetes.io/name"];

    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "workload-instance-label-mismatch",
        Title: "Pods are labelled as another app",
        Description: "The workload's own metadata.labels and its pod template's labels both set "
            + "app.kubernetes.io/instance (or app.kubernetes.io/name) but to different values, so the pods claim to "
            + "belong to another release or app than the object that owns them. A label set on only one side passes. "
            + "One check per workload of a kind with a pod template (not bare Pods).",
        Rationale: "Dashboards, cost reports, NetworkPolicies and Service selectors find an app's pods by these "
            + "recommended labels; pods labelled as another instance are counted, selected and routed to as that "
            + "one, usually after a copied chart or a renamed release.",
        Remediation: """
            Give the pods the same instance and name labels as their workload:
              metadata:
                labels:
                  app.kubernetes.io/instance: shop
              spec:
                template:
                  metadata:
                    labels:
                      app.kubernetes.io/instance: shop
            """,
        Category: "Reliability",
        DefaultSeverity: Severity.Low,
        DefaultEnabled: false,
        Pack: "reliability")
    {
        Polaris = ["metadataAndInstanceMismatched"],
        PolarisDifference = "Polaris requires app.kubernetes.io/instance to equal the object's metadata.name, which fails "
            + "every Helm release whose objects are named <release>-<chart> as the Kubernetes conventions recommend. "
            + "KubeAdvisor asks instead that the pods carry the same instance and name as the workload that owns them.",
    };

    public override CheckResult Evaluate(in WorkloadContext context)
    {
        var workload = context.Workload;
        if (workload.Kind == "Pod")
        {
            return CheckResult.NotApplicable;
        }

        foreach (var key in Keys)
        {
            if (workload.Labels.TryGetValue(key, out var own) && workload.Template.Labels.TryGetValue(key, out var pods)
                && !string.Equals(own, pods, StringComparison.Ordinal))
            {
                return CheckResult.Fail($"{workload.Kind} {workload.Name} is labelled {key}={own} but its pods {key}={pods}");
            }
        }

        return CheckResult.Pass;
    }
}
