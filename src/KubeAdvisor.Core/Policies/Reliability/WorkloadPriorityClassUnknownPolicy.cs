namespace KubeAdvisor.Core.Policies.Reliability;

/// <summary>The <c>workload-priority-class-unknown</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class WorkloadPriorityClassUnknownPolicy : WorkloadPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "workload-priority-class-unknown",
        Title: "Priority class does not exist",
        Description: "The pod template's spec.priorityClassName names no PriorityClass of the cluster. Not applicable when "
            + "the template names none, or when no PriorityClass is known at all (a manifest set without any: a live "
            + "cluster always has system-cluster-critical and system-node-critical, so an empty list means they were not "
            + "read). The two system-* classes always count as existing. One check per workload, of every kind.",
        Rationale: "The API server's Priority admission refuses every pod that names a class it does not know: the "
            + "controller's pods are not created, so the next rollout, restart or node drain leaves the workload without "
            + "pods, and the events of the ReplicaSet are the only trace.",
        Remediation: """
            Create the class, or name one that exists (kubectl get priorityclasses):
              apiVersion: scheduling.k8s.io/v1
              kind: PriorityClass
              metadata:
                name: business-critical
              value: 100000
              description: Customer-facing services; preempted last.
            """,
        Category: "Reliability",
        DefaultSeverity: Severity.High,
        DefaultEnabled: false,
        Pack: "reliability")
    {
        RequiredKinds = ["priorityclasses.scheduling.k8s.io"],
    };

    public override CheckResult Evaluate(in WorkloadContext context)
    {
        if (context.Pod.PriorityClassName is not { } name || !PriorityClassIndex.Known(context.Snapshot))
        {
            return CheckResult.NotApplicable;
        }

        return name is "system-cluster-critical" or "system-node-critical" || PriorityClassIndex.Exists(context.Snapshot, name)
            ? CheckResult.Pass
            : CheckResult.Fail($"{context.Workload.Kind} {context.Workload.Name} names priorityClassName {name}, which no PriorityClass defines: the API server refuses its pods");
    }
}
