namespace KubeAdvisor.Core.Policies.Running;

/// <summary>The <c>image-tag-moved</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ImageTagMovedPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "image-tag-moved",
        Title: "Tag moved under a running workload",
        Description: "With the same image in its spec as at the previous scan, the container now runs a digest that was never seen "
            + "for it before: someone pushed over the tag and a pod pulled the new build."
            + " Fires once per move: at the next scan the new digest is known and the check passes again. A changed "
            + "spec image is a rollout, not a move. Needs the digest history of earlier scans; the first scan of a "
            + "container passes.",
        Rationale: "A moved tag means the running code changed without a deployment: no review, no rollout, and the old build is only "
            + "recoverable if you know its digest. KubeAdvisor keeps the digest history so the way back is a one-line pin.",
        Remediation: "If the new build is unintended, pin the digest that ran before the move (shown with this finding) and restart; "
            + "either way, deploy by immutable tag or digest.",
        Category: "Images",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: true,
        Pack: "image")
    {
        FixedByDigestPin = true,
        // What runs is read from pods, attributed to their workload through these owners.
        RequiredKinds = ["replicasets.apps", "jobs.batch"],
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        var seen = context.RunningForContainer;
        if (seen.Count == 0)
        {
            return CheckResult.NotApplicable;
        }

        var history = context.History.Find(context.Workload.Uid, context.Container.Type, context.Container.Name);
        if (history is null || !string.Equals(history.PreviousImage, context.Container.Image, StringComparison.Ordinal))
        {
            return CheckResult.Pass;
        }

        if (seen.TrueForAll(r => history.Knows(r.Digest)))
        {
            return CheckResult.Pass; // the usual case, decided without sorting (this runs for every container of a scan)
        }

        var running = seen.Select(r => r.Digest).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var fresh = running.Where(d => !history.Knows(d)).ToList();
        if (fresh.Count == 0)
        {
            return CheckResult.Pass;
        }

        var before = running.Where(history.Knows).Select(DigestText.Short).ToList();
        return CheckResult.Fail(
            $"{DigestText.TagOf(context)} of {context.Container.Image} moved under {context.Workload.Name}: it now runs "
            + $"{string.Join(", ", fresh.Select(DigestText.Short))}, never seen before for container {context.Container.Name}"
            + (before.Count > 0 ? $" (other pods still run {string.Join(", ", before)})" : ""));
    }
}
