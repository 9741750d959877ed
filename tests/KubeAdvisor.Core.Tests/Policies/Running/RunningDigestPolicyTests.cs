using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Manifests;

namespace KubeAdvisor.Core.Tests.Policies.Running;

/// <summary>Messages and the move → quiet sequence of the running-digest policies.</summary>
public sealed class RunningDigestPolicyTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Policies", "Fixtures");
    private static readonly string A = "sha256:" + new string('a', 64);
    private static readonly string B = "sha256:" + new string('b', 64);

    [Fact]
    public void ReplicaDrift_Message_NamesTheSplitAndTheTag()
    {
        var snapshot = ManifestLoader.Load(File.ReadAllText(Path.Combine(Root, "image-replica-drift", "fail.deployment-one-revision-two-digests.yaml")));

        var finding = Assert.Single(PolicyEvaluator.Evaluate(snapshot, ClusterPolicySettings.Default, [PolicyCatalog.Find("image-replica-drift")!]).Findings);

        Assert.Equal("2 of 5 replicas of web run sha256:bbbbbbbbbbbb…, 3 run sha256:aaaaaaaaaaaa… under tag latest (container web)", finding.Message);
    }

    [Fact]
    public void TagMoved_FiresOnceThenPassesWhenTheNewDigestIsKnown()
    {
        var policy = PolicyCatalog.Find("image-tag-moved")!;
        var snapshot = ManifestLoader.Load(File.ReadAllText(Path.Combine(Root, "image-tag-moved", "fail.latest-moved.yaml")));
        var before = new DigestHistory([new DigestHistoryEntry("uid-web", ContainerType.Regular, "web", "nginx:latest", [A])]);
        var after = new DigestHistory([new DigestHistoryEntry("uid-web", ContainerType.Regular, "web", "nginx:latest", [A, B])]);

        var moved = PolicyEvaluator.Evaluate(snapshot, ClusterPolicySettings.Default, [policy], before);
        var quiet = PolicyEvaluator.Evaluate(snapshot, ClusterPolicySettings.Default, [policy], after);

        var finding = Assert.Single(moved.Findings);
        Assert.Contains("tag latest of nginx:latest moved under web", finding.Message);
        Assert.Contains("sha256:bbbbbbbbbbbb…", finding.Message);
        Assert.Empty(quiet.Findings);
        Assert.Equal(1, quiet.Tallies.Sum(t => t.Passed));
    }

    [Fact]
    public void TagMoved_WithoutRunningPods_IsNotCounted()
    {
        var snapshot = ManifestLoader.Load("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: idle, namespace: shop, uid: uid-idle }
            spec:
              replicas: 0
              selector: { matchLabels: { app: idle } }
              template:
                metadata: { labels: { app: idle } }
                spec:
                  containers: [ { name: idle, image: "nginx:latest" } ]
            """);

        var result = PolicyEvaluator.Evaluate(snapshot, ClusterPolicySettings.Default, [PolicyCatalog.Find("image-tag-moved")!, PolicyCatalog.Find("image-replica-drift")!]);

        Assert.Equal(0, result.TotalChecks);
    }
}
