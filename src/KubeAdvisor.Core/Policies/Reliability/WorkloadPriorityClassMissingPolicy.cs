namespace KubeAdvisor.Core.Policies.Reliability;

/// <summary>The <c>workload-priority-class-missing</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class WorkloadPriorityClassMissingPolicy : WorkloadPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "workload-priority-class-missing",
        Title: "No priority class",
        Description: "The pod template sets no spec.priorityClassName. A cluster's globalDefault PriorityClass, when it "
            + "has one, is applied at admission, so a live scan of admitted pods sees it; the controller's template (what "
            + "this judges) and a manifest do not. One check per workload, of every kind.",
        Rationale: "When a node runs short, the scheduler preempts and the kubelet evicts by priority: without a class "
            + "every pod has priority 0, so a batch job can push out a payment service. Naming a class says which "
            + "workloads go last.",
        Remediation: """
            Name a PriorityClass that says how important the workload is:
              spec:
                template:
                  spec:
                    priorityClassName: business-critical
            """,
        Category: "Reliability",
        DefaultSeverity: Severity.Low,
        DefaultEnabled: false,
        Pack: "reliability")
    {
        EnabledWithPack = false,
        Polaris = ["priorityClassNotSet"],
    };

    public override CheckResult Evaluate(in WorkloadContext context) =>
        context.Pod.PriorityClassName is null
            ? CheckResult.Fail($"{context.Workload.Kind} {context.Workload.Name} sets no priorityClassName")
            : CheckResult.Pass;
}
