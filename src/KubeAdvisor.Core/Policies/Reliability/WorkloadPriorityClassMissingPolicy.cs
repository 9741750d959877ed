namespace KubeAdvisor.Core.Policies.Reliability;

/// <summary>The <c>workload-priority-class-missing</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class WorkloadPriorityClassMissingPolicy : WorkloadPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "workload-priority-class-missing",
        Title: "No priority class",
        Description: "The pod template sets no spec.priorityClassName and the cluster has no globalDefault PriorityClass. "
            + "A globalDefault class is given at admission to every pod that names none, so with one the workload passes "
            + "(its pods get that class, even though the controller's template does not say so); a manifest set passes only "
            + "when it holds such a class itself. One check per workload, of every kind.",
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
        RequiredKinds = ["priorityclasses.scheduling.k8s.io"],
        Polaris = ["priorityClassNotSet"],
        PolarisDifference = "Polaris fails every pod template without priorityClassName. KubeAdvisor passes it when the "
            + "cluster has a globalDefault PriorityClass: admission gives the pods that class, so they are not left at "
            + "priority 0, which is what the check is about.",
    };

    public override CheckResult Evaluate(in WorkloadContext context) =>
        context.Pod.PriorityClassName is not null || PriorityClassIndex.GlobalDefault(context.Snapshot) is not null
            ? CheckResult.Pass
            : CheckResult.Fail($"{context.Workload.Kind} {context.Workload.Name} sets no priorityClassName");
}
