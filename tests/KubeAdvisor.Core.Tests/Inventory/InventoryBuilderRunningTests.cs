using KubeAdvisor.Core.Inventory;
using static KubeAdvisor.Core.Tests.Inventory.InventoryObjects;

namespace KubeAdvisor.Core.Tests.Inventory;

public sealed class InventoryBuilderRunningTests
{
    private static readonly OwnerReference Rs = Controller("ReplicaSet", "web-abc", "rs1");

    private static Workload Single(params KubeObject[] pods)
    {
        var b = new InventoryBuilder();
        b.Add(Obj("Deployment", "web", "d1", replicas: 3));
        b.Add(Obj("ReplicaSet", "web-abc", "rs1", replicas: 3, owner: Controller("Deployment", "web", "d1")));
        foreach (var p in pods)
        {
            b.Add(p);
        }

        return Assert.Single(b.Build("s", DateTimeOffset.UnixEpoch, null).Workloads);
    }

    [Fact]
    public void Build_TwoDigestsInOneRevision_TwoEntriesWithCounts()
    {
        var w = Single(
            Pod("a", "p1", Rs, Sha('a'), "abc", "web:latest"),
            Pod("b", "p2", Rs, Sha('a'), "abc", "web:latest"),
            Pod("c", "p3", Rs, Sha('b'), "abc", "web:latest"));

        Assert.Equal(
            [(Sha('a'), 2), (Sha('b'), 1)],
            w.Running.Select(r => (r.Digest, r.PodCount)));
        Assert.All(w.Running, r => Assert.Equal(("app", "web:latest", "abc"), (r.ContainerName, r.SpecImage, r.Revision)));
    }

    [Fact]
    public void Build_PendingPodWithoutImageId_Ignored()
    {
        var w = Single(Pod("a", "p1", Rs, Sha('a'), "abc"), Pod("b", "p2", Rs, "", "abc"));

        Assert.Equal(1, Assert.Single(w.Running).PodCount);
    }

    [Fact]
    public void Build_SamePodAddedTwice_CountedOnce()
    {
        var pod = Pod("a", "p1", Rs, Sha('a'), "abc");

        var w = Single(pod, pod);

        Assert.Equal(1, Assert.Single(w.Running).PodCount);
    }

    [Theory]
    [InlineData("docker-pullable://nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("docker.io/library/nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("containerd://sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Build_ImageIdForms_DigestExtracted(string imageId)
    {
        var w = Single(Pod("a", "p1", Rs, imageId, "abc"));

        Assert.Equal("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            Assert.Single(w.Running).Digest);
    }

    [Fact]
    public void Build_ImageIdWithoutDigest_KeptRaw()
    {
        var w = Single(Pod("a", "p1", Rs, "docker://local-build", "abc"));

        Assert.Equal("docker://local-build", Assert.Single(w.Running).Digest);
    }

    [Fact]
    public void Build_ControllerRevisionHash_UsedAsRevision()
    {
        var b = new InventoryBuilder();
        b.Add(Obj("StatefulSet", "db", "ss1", replicas: 1));
        var pod = Pod("db-0", "p1", Controller("StatefulSet", "db", "ss1"), Sha('c'));
        var labels = new Dictionary<string, string> { ["controller-revision-hash"] = "db-7f9" };
        b.Add(pod with { Labels = labels });

        var w = Assert.Single(b.Build("s", DateTimeOffset.UnixEpoch, null).Workloads);

        Assert.Equal("db-7f9", Assert.Single(w.Running).Revision);
    }

    [Fact]
    public void Build_TwoReplicaSetsOfOneDeployment_CountsAddUp_AndBuildingAgainGivesTheSame()
    {
        // A rollout in progress: the old and the new ReplicaSet both run pods, one digest shared by both.
        var b = new InventoryBuilder();
        b.Add(Obj("Deployment", "web", "d1", replicas: 3));
        b.Add(Obj("ReplicaSet", "web-abc", "rs1", replicas: 1, owner: Controller("Deployment", "web", "d1")));
        b.Add(Obj("ReplicaSet", "web-def", "rs2", replicas: 2, owner: Controller("Deployment", "web", "d1")));
        b.Add(Pod("a", "p1", Rs, Sha('a'), "abc"));
        b.Add(Pod("b", "p2", Controller("ReplicaSet", "web-def", "rs2"), Sha('a'), "abc"));
        b.Add(Pod("c", "p3", Controller("ReplicaSet", "web-def", "rs2"), Sha('b'), "def"));

        var first = Assert.Single(b.Build("s", DateTimeOffset.UnixEpoch, null).Workloads);
        var again = Assert.Single(b.Build("s", DateTimeOffset.UnixEpoch, null).Workloads);

        (string, string, int)[] expected = [("abc", Sha('a'), 2), ("def", Sha('b'), 1)];
        Assert.Equal(expected, first.Running.Select(r => (r.Revision, r.Digest, r.PodCount)));
        Assert.Equal(expected, again.Running.Select(r => (r.Revision, r.Digest, r.PodCount))); // the pod owners' own counts were not changed
    }
}
