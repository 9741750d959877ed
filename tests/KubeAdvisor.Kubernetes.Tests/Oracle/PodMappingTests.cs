using k8s.Models;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Tests.Oracle;

public sealed class PodMappingTests
{
    private static readonly string Sha = "sha256:" + new string('a', 64);

    [Fact]
    public void Map_PodWithStatuses_AllThreeListsAndOwner()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "web-1", NamespaceProperty = "shop", Uid = "p1",
                Labels = new Dictionary<string, string> { ["pod-template-hash"] = "abc" },
                OwnerReferences = [new V1OwnerReference { Kind = "ReplicaSet", Name = "web-abc", Uid = "rs1", Controller = true, ApiVersion = "apps/v1" }],
            },
            Spec = new V1PodSpec
            {
                Containers = [new V1Container { Name = "app", Image = "web:latest" }],
                EphemeralContainers = [new V1EphemeralContainer { Name = "dbg", Image = "busybox" }],
            },
            Status = new V1PodStatus
            {
                InitContainerStatuses = [new V1ContainerStatus { Name = "init", Image = "i", ImageID = "" }],
                ContainerStatuses = [new V1ContainerStatus { Name = "app", Image = "web:latest", ImageID = "docker-pullable://web@" + Sha }],
                EphemeralContainerStatuses = [new V1ContainerStatus { Name = "dbg", Image = "busybox", ImageID = Sha }],
            },
        };

        var o = KubeObjectMapper.Map(pod);

        Assert.Equal(("Pod", "shop", "abc"), (o.Kind, o.Namespace, o.Template.Labels["pod-template-hash"]));
        Assert.Equal(new OwnerReference("ReplicaSet", "web-abc", "rs1", true), Assert.Single(o.OwnerReferences));
        Assert.Equal([ContainerType.Init, ContainerType.Regular, ContainerType.Ephemeral], o.ContainerStatuses.Select(s => s.Type));
        Assert.Equal(ContainerType.Ephemeral, Assert.Single(o.Template.Spec.EphemeralContainers).Type);
    }

    [Fact]
    public void Map_DeploymentWithoutReplicas_DefaultsToOne()
    {
        var o = KubeObjectMapper.Map(new V1Deployment { Metadata = new V1ObjectMeta { Name = "d" }, Spec = new V1DeploymentSpec() });

        Assert.Equal(1, o.Replicas);
    }

    [Fact]
    public void Map_DaemonSet_NoReplicas()
    {
        var o = KubeObjectMapper.Map(new V1DaemonSet { Metadata = new V1ObjectMeta { Name = "ds" } });

        Assert.Equal(("DaemonSet", (int?)null), (o.Kind, o.Replicas));
    }
}
