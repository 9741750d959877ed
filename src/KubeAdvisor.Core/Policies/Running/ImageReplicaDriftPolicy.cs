using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies.Running;

/// <summary>The <c>image-replica-drift</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ImageReplicaDriftPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "image-replica-drift",
        Title: "Replicas run different builds",
        Description: "Pods of the same workload revision run more than one image digest for the same container. Pods of different "
            + "revisions (a rollout in progress) are not drift."
            + " Revisions are told apart by the pods' pod-template-hash (ReplicaSets) or controller-revision-hash "
            + "(StatefulSets, DaemonSets); pods that report no imageID yet are ignored, and a container without "
            + "running pods is not judged.",
        Rationale: "A pod that was rescheduled pulled a newer build under the same tag; one replica behind the load balancer now runs "
            + "different code than the others, and its logs look normal.",
        Remediation: "Pin the image to the digest the other replicas run (image: registry/app@sha256:…), then restart the drifted pods; "
            + "in future use immutable tags or digests.",
        Category: "Images",
        DefaultSeverity: Severity.High,
        DefaultEnabled: true,
        Pack: "image")
    {
        FixedByDigestPin = true,
        // What runs is read from pods, attributed to their workload through these owners.
        RequiredKinds = ["replicasets.apps", "jobs.batch"],
        ExampleFailure = "2 of 5 replicas of web run sha256:9f1c2b3a4d5e…, 3 run sha256:07ab5c6d7e8f… under tag latest (container app)",
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        var running = context.RunningForContainer;
        var workloadName = context.Workload.Name;
        if (running.Count == 0)
        {
            return CheckResult.NotApplicable;
        }

        if (OneDigest(running))
        {
            return CheckResult.Pass; // the usual case, decided without grouping (this runs for every container of a scan)
        }

        foreach (var revision in running.GroupBy(r => r.Revision, StringComparer.Ordinal))
        {
            var byDigest = revision.GroupBy(r => r.Digest, StringComparer.Ordinal)
                .Select(g => (Digest: g.Key, Pods: g.Sum(r => r.PodCount)))
                .OrderBy(g => g.Pods).ThenBy(g => g.Digest, StringComparer.Ordinal)
                .ToList();
            if (byDigest.Count > 1)
            {
                var total = byDigest.Sum(g => g.Pods);
                var parts = byDigest.Select((g, i) => i == 0
                    ? $"{g.Pods} of {total} replicas of {workloadName} run {DigestText.Short(g.Digest)}"
                    : $"{g.Pods} run {DigestText.Short(g.Digest)}");
                return CheckResult.Fail($"{string.Join(", ", parts)} under {DigestText.TagOf(context)} (container {context.Container.Name})");
            }
        }

        return CheckResult.Pass;
    }

    private static bool OneDigest(List<RunningImage> running)
    {
        foreach (var r in running)
        {
            if (!string.Equals(r.Digest, running[0].Digest, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
