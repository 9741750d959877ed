using KubeAdvisor.Core.Inventory;
using static KubeAdvisor.Core.Tests.Inventory.InventoryObjects;

namespace KubeAdvisor.Core.Tests.Inventory;

/// <summary>
/// With uids as the API server writes them (UUIDs), a ReplicaSet or Job whose owner is already known is kept as a step
/// to it and pods are counted straight into their workload (decision 0040); objects that come before their owners take
/// the general path. The snapshot must not depend on which path an object took, so on the order of the objects.
/// </summary>
public sealed class InventoryBuilderOrderTests
{
    private static readonly string D = Uid(1), Rs1 = Uid(2), Rs2 = Uid(3), Cj = Uid(4), J = Uid(5), Orphan = Uid(6), Rs3 = Uid(7), Gone = Uid(8);

    private static readonly KubeObject[] Cluster =
    [
        Obj("Deployment", "web", D, replicas: 2),
        Obj("ReplicaSet", "web-abc", Rs1, replicas: 0, owner: Controller("Deployment", "web", D)),
        Obj("ReplicaSet", "web-def", Rs2, replicas: 2, owner: Controller("Deployment", "web", D)),
        Pod("web-abc-1", Uid(11), Controller("ReplicaSet", "web-abc", Rs1), Sha('a'), "abc"),
        Pod("web-def-1", Uid(12), Controller("ReplicaSet", "web-def", Rs2), Sha('b'), "def"),
        Pod("web-def-2", Uid(13), Controller("ReplicaSet", "web-def", Rs2), Sha('b'), "def"),
        Obj("CronJob", "nightly", Cj),
        Obj("Job", "nightly-1", J, owner: Controller("CronJob", "nightly", Cj)),
        Pod("nightly-1-x", Uid(14), Controller("Job", "nightly-1", J), Sha('c')),
        Obj("ReplicaSet", "loose", Orphan, replicas: 1),
        Pod("loose-1", Uid(15), Controller("ReplicaSet", "loose", Orphan), Sha('d')),
        Obj("ReplicaSet", "old-xyz", Rs3, "old:1", replicas: 1, owner: Controller("Deployment", "old", Gone)),
        Pod("old-xyz-1", Uid(16), Controller("ReplicaSet", "old-xyz", Rs3), Sha('e'), "xyz", image: "old:1"),
    ];

    [Fact]
    public void Build_OwnersBeforePods_GivesEachWorkloadItsPods()
    {
        Assert.Equal(
        [
            $"CronJob nightly {Cj} - nginx:1.25 [app  {Sha('c')} 1]",
            $"Deployment old {Gone} -  [app xyz {Sha('e')} 1]", // a Deployment's ReplicaSet is kept without its template
            $"Deployment web {D} 2 nginx:1.25 [app abc {Sha('a')} 1, app def {Sha('b')} 2]",
            $"ReplicaSet loose {Orphan} 1 nginx:1.25 [app  {Sha('d')} 1]",
        ], Describe(Build(Cluster)));
    }

    [Fact]
    public void Build_AnyOrder_GivesTheSameSnapshot()
    {
        var expected = Describe(Build(Cluster));
        var random = new Random(40);
        for (var i = 0; i < 500; i++)
        {
            var shuffled = Cluster.ToArray();
            random.Shuffle(shuffled);
            Assert.Equal(expected, Describe(Build(shuffled)));
        }

        Assert.Equal(expected, Describe(Build([.. Cluster.Reverse()])));
    }

    [Fact]
    public void Build_ReplicaSetListedAgainWithAnotherOwner_ItsPodsFollowTheLastOne()
    {
        // A list restarted after 410 Gone: the ReplicaSet was orphaned and adopted by an owner this scan does not list.
        var s = Build(
            Obj("Deployment", "web", D, replicas: 1),
            Obj("ReplicaSet", "web-abc", Rs1, replicas: 1, owner: Controller("Deployment", "web", D)),
            Obj("ReplicaSet", "web-abc", Rs1, "web:2", replicas: 1, owner: Controller("Rollout", "web", Gone)),
            Pod("web-abc-1", Uid(11), Controller("ReplicaSet", "web-abc", Rs1), Sha('a'), "abc"));

        Assert.Equal(
        [
            $"Deployment web {D} 1 nginx:1.25 []",
            $"Rollout web {Gone} - web:2 [app abc {Sha('a')} 1]",
        ], Describe(s));
    }

    [Fact]
    public void Build_OrphanAdoptedAfterItsPodsWereCounted_PodsGoToTheAdopter()
    {
        // The pods were counted into the orphan ReplicaSet, a workload of its own then, before its new version came.
        var s = Build(
            Obj("Deployment", "web", D, replicas: 1),
            Obj("ReplicaSet", "web-abc", Rs1, replicas: 1),
            Pod("web-abc-1", Uid(11), Controller("ReplicaSet", "web-abc", Rs1), Sha('a'), "abc"),
            Obj("ReplicaSet", "web-abc", Rs1, replicas: 1, owner: Controller("Deployment", "web", D)));

        Assert.Equal([$"Deployment web {D} 1 nginx:1.25 [app abc {Sha('a')} 1]"], Describe(s));
    }

    [Fact]
    public void Build_WorkloadListedAgainAfterItsPodsWereCounted_KeepsThemWithTheLastVersion()
    {
        var s = Build(
            Obj("Deployment", "web", D, replicas: 1),
            Obj("ReplicaSet", "web-abc", Rs1, replicas: 1, owner: Controller("Deployment", "web", D)),
            Pod("web-abc-1", Uid(11), Controller("ReplicaSet", "web-abc", Rs1), Sha('a'), "abc"),
            Obj("Deployment", "web", D, "web:2", replicas: 3));

        Assert.Equal([$"Deployment web {D} 3 web:2 [app abc {Sha('a')} 1]"], Describe(s));
    }

    [Fact]
    public void Build_OwnerUidInOtherLetterCase_IsAnotherObject()
    {
        // Uids are compared as text, as before ReplicaSets became steps: upper case is not the same uid.
        var s = Build(
            Obj("Deployment", "web", D, replicas: 1),
            Obj("ReplicaSet", "web-abc", Rs1, replicas: 1, owner: Controller("Deployment", "web", D)),
            Pod("web-abc-1", Uid(11), Controller("ReplicaSet", "web-abc", Rs1.ToUpperInvariant()), Sha('a'), "abc"));

        Assert.Equal(
        [
            $"Deployment web {D} 1 nginx:1.25 []",
            $"ReplicaSet web-abc {Rs1.ToUpperInvariant()} -  [app abc {Sha('a')} 1]",
        ], Describe(s));
    }

    private static string Uid(int n) => new Guid(0x0abcdef0 + n, 0x0abc, 0, [0, 0, 0, 0, 0, 0, 0, 1]).ToString();

    private static ClusterSnapshot Build(params KubeObject[] objects)
    {
        var b = new InventoryBuilder();
        foreach (var o in objects)
        {
            b.Add(o);
        }

        return b.Build("s1", DateTimeOffset.UnixEpoch, "v1.31.0");
    }

    private static string[] Describe(ClusterSnapshot s) =>
    [
        .. s.Workloads.Select(w =>
            $"{w.Kind} {w.Name} {w.Uid} {w.Replicas?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} "
            + $"{string.Join(",", w.Template.Spec.Containers.Select(c => c.Image))} "
            + $"[{string.Join(", ", w.Running.Select(r => $"{r.ContainerName} {r.Revision} {r.Digest} {r.PodCount}"))}]"),
    ];
}
