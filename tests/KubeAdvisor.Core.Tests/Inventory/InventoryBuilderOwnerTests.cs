using KubeAdvisor.Core.Inventory;
using static KubeAdvisor.Core.Tests.Inventory.InventoryObjects;

namespace KubeAdvisor.Core.Tests.Inventory;

public sealed class InventoryBuilderOwnerTests
{
    private static ClusterSnapshot Build(params KubeObject[] objects)
    {
        var b = new InventoryBuilder();
        foreach (var o in objects)
        {
            b.Add(o);
        }

        return b.Build("s1", DateTimeOffset.UnixEpoch, "v1.30.0");
    }

    [Fact]
    public void Build_DeploymentReplicaSetPods_CountsOnceAsDeployment()
    {
        var s = Build(
            Pod("web-abc-1", "p1", Controller("ReplicaSet", "web-abc", "rs1"), Sha('a'), "abc"),
            Obj("ReplicaSet", "web-abc", "rs1", replicas: 2, owner: Controller("Deployment", "web", "d1")),
            Pod("web-abc-2", "p2", Controller("ReplicaSet", "web-abc", "rs1"), Sha('a'), "abc"),
            Obj("Deployment", "web", "d1", replicas: 2));

        var w = Assert.Single(s.Workloads);
        Assert.Equal(("Deployment", "web", "d1", 2), (w.Kind, w.Name, w.Uid, w.Replicas));
        Assert.Equal(2, Assert.Single(w.Running).PodCount);
    }

    [Fact]
    public void Build_DeploymentReplacedBetweenLists_BothKeptInUidOrderWhateverTheInputOrder()
    {
        // The ReplicaSet still names the old Deployment (uid d-old, no longer listed); the new one (d-new) has the same name.
        KubeObject[] objects =
        [
            Obj("Deployment", "web", "d-new", replicas: 1),
            Obj("ReplicaSet", "web-abc", "rs1", replicas: 1, owner: Controller("Deployment", "web", "d-old")),
            Pod("web-abc-1", "p1", Controller("ReplicaSet", "web-abc", "rs1"), Sha('a'), "abc"),
        ];

        var forward = Build(objects);
        var backward = Build([.. objects.Reverse()]);

        Assert.Equal(["d-new", "d-old"], forward.Workloads.Select(w => w.Uid));
        Assert.Equal(["d-new", "d-old"], backward.Workloads.Select(w => w.Uid));
        Assert.Equal(1, forward.Workloads[1].Running.Single().PodCount);
    }

    [Fact]
    public void Build_CronJobJobPod_CountsOnceAsCronJob()
    {
        var s = Build(
            Obj("CronJob", "nightly", "cj1"),
            Obj("Job", "nightly-123", "j1", owner: Controller("CronJob", "nightly", "cj1")),
            Pod("nightly-123-x", "p1", Controller("Job", "nightly-123", "j1"), Sha('b')));

        var w = Assert.Single(s.Workloads);
        Assert.Equal(("CronJob", "nightly"), (w.Kind, w.Name));
        Assert.Equal(Sha('b'), Assert.Single(w.Running).Digest);
    }

    [Fact]
    public void Build_OrphanReplicaSet_IsItsOwnWorkload()
    {
        var s = Build(
            Obj("ReplicaSet", "legacy", "rs1", replicas: 1),
            Pod("legacy-1", "p1", Controller("ReplicaSet", "legacy", "rs1"), Sha('c')));

        var w = Assert.Single(s.Workloads);
        Assert.Equal(("ReplicaSet", "legacy", 1), (w.Kind, w.Name, Assert.Single(w.Running).PodCount));
    }

    [Fact]
    public void Build_StandaloneJob_IsItsOwnWorkload()
    {
        var s = Build(Obj("Job", "migrate", "j1"), Pod("migrate-x", "p1", Controller("Job", "migrate", "j1")));

        Assert.Equal("Job", Assert.Single(s.Workloads).Kind);
    }

    [Fact]
    public void Build_UnknownControllerKind_SyntheticWorkloadWithReplicaSetTemplate()
    {
        var rollout = Controller("Rollout", "checkout", "ro1");
        var s = Build(
            Obj("ReplicaSet", "checkout-old", "rs0", "shop/checkout:1", replicas: 0, owner: rollout),
            Obj("ReplicaSet", "checkout-new", "rs1", "shop/checkout:2", replicas: 3, owner: rollout),
            Pod("checkout-new-1", "p1", Controller("ReplicaSet", "checkout-new", "rs1"), Sha('d'), "new"));

        var w = Assert.Single(s.Workloads);
        Assert.Equal(("Rollout", "checkout", "ro1", "shop"), (w.Kind, w.Name, w.Uid, w.Namespace));
        Assert.Equal("shop/checkout:2", Assert.Single(w.Template.Spec.Containers).Image);
        Assert.Null(w.Replicas);
        Assert.Single(w.Running);
    }

    [Fact]
    public void Build_PodOwnedByUnknownKind_SyntheticWorkloadWithPodTemplate()
    {
        var s = Build(Pod("worker-0", "p1", Controller("Workflow", "etl", "wf1"), Sha('e'), image: "etl:3"));

        var w = Assert.Single(s.Workloads);
        Assert.Equal(("Workflow", "etl"), (w.Kind, w.Name));
        Assert.Equal("etl:3", Assert.Single(w.Template.Spec.Containers).Image);
    }

    [Fact]
    public void Build_BarePod_IsItsOwnWorkloadWithRunningDigest()
    {
        var s = Build(Pod("debug", "p1", owner: null, imageId: "docker-pullable://busybox@" + Sha('f')));

        var w = Assert.Single(s.Workloads);
        Assert.Equal(("Pod", "debug", null), (w.Kind, w.Name, w.Replicas));
        Assert.Equal(Sha('f'), Assert.Single(w.Running).Digest);
    }

    [Fact]
    public void Build_PodWithNonControllingOwnerOnly_IsBarePod()
    {
        var pod = Pod("p", "p1", new OwnerReference("ConfigMap", "cm", "cm1", Controller: false));

        Assert.Equal("Pod", Assert.Single(Build(pod).Workloads).Kind);
    }

    [Fact]
    public void Build_StaleReplicaSetsOfOldRevisions_OneWorkloadWithBothRevisions()
    {
        var d = Controller("Deployment", "api", "d1");
        var s = Build(
            Obj("Deployment", "api", "d1", replicas: 2),
            Obj("ReplicaSet", "api-v1", "rs1", replicas: 0, owner: d),
            Obj("ReplicaSet", "api-v2", "rs2", replicas: 0, owner: d),
            Obj("ReplicaSet", "api-v3", "rs3", replicas: 2, owner: d),
            Pod("api-v2-1", "p1", Controller("ReplicaSet", "api-v2", "rs2"), Sha('1'), "v2"),
            Pod("api-v3-1", "p2", Controller("ReplicaSet", "api-v3", "rs3"), Sha('2'), "v3"));

        var w = Assert.Single(s.Workloads);
        Assert.Equal(["v2", "v3"], w.Running.Select(r => r.Revision));
    }

    [Fact]
    public void Build_ReplicaSetOwnedByMissingDeployment_SyntheticDeployment()
    {
        var s = Build(Obj("ReplicaSet", "web-abc", "rs1", replicas: 1, owner: Controller("Deployment", "web", "gone")));

        var w = Assert.Single(s.Workloads);
        Assert.Equal(("Deployment", "web", "gone"), (w.Kind, w.Name, w.Uid));
    }

    [Fact]
    public void Build_OwnerReferenceWithoutUid_ResolvedByName()
    {
        var s = Build(
            Obj("Deployment", "web", ""),
            Obj("ReplicaSet", "web-1", "", replicas: 1, owner: Controller("Deployment", "web", "")),
            Pod("web-1-a", "", Controller("ReplicaSet", "web-1", ""), Sha('3')));

        Assert.Equal("Deployment", Assert.Single(s.Workloads).Kind);
    }

    [Fact]
    public void Build_AllTopLevelKinds_OneWorkloadEach()
    {
        var s = Build(
            Obj("StatefulSet", "db", "a"), Obj("DaemonSet", "agent", "b"), Obj("ReplicationController", "rc", "c"),
            Obj("Deployment", "web", "d"), Obj("CronJob", "cj", "e"));

        Assert.Equal(
            ["CronJob", "DaemonSet", "Deployment", "ReplicationController", "StatefulSet"],
            s.Workloads.Select(w => w.Kind));
    }

    [Fact]
    public void Build_NamespacesAndPdbs_SortedAndIncludeObjectNamespaces()
    {
        var b = new InventoryBuilder();
        b.AddNamespace("zeta");
        b.AddNamespace("alpha");
        b.Add(Obj("Deployment", "web", "d1"));
        b.AddPodDisruptionBudget(new PodDisruptionBudget("shop", "web", new LabelSelector(new Dictionary<string, string>(), [])));

        var s = b.Build("id", DateTimeOffset.UnixEpoch, "v1.31.2");

        Assert.Equal(["alpha", "shop", "zeta"], s.Namespaces);
        Assert.Equal(("id", "v1.31.2"), (s.SnapshotId, s.KubernetesVersion));
        Assert.Single(s.PodDisruptionBudgets);
    }
}
