using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;

namespace KubeAdvisor.DemoCluster;

/// <summary>
/// Plays the controllers the fake server does not run: the ReplicaSet of a Deployment and its running pods,
/// with container statuses whose imageIDs are stable per image string (or deliberately different, for drift).
/// </summary>
public static class PodFactory
{
    /// <summary>The ReplicaSet and <paramref name="replicas"/> running pods of a Deployment's current template.</summary>
    /// <param name="deployment">A Deployment with namespace, name and uid set.</param>
    /// <param name="replicas">Pods to create.</param>
    /// <param name="driftedPods">How many of them report a different digest for every container (replica drift).</param>
    public static IEnumerable<IKubernetesObject> ReplicaSetAndPods(V1Deployment deployment, int replicas, int driftedPods = 0)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var meta = deployment.Metadata;
        var hash = Hex(meta.Name + "/" + string.Join(",", deployment.Spec.Template.Spec.Containers.Select(c => c.Image)))[..10];
        var rsName = $"{meta.Name}-{hash}";
        var rsUid = FakeObjectStore.StableUid(meta.NamespaceProperty, "ReplicaSet", rsName);
        var labels = new Dictionary<string, string>(deployment.Spec.Template.Metadata?.Labels ?? new Dictionary<string, string>())
        {
            ["pod-template-hash"] = hash,
        };
        yield return new V1ReplicaSet
        {
            ApiVersion = "apps/v1", Kind = "ReplicaSet",
            Metadata = new V1ObjectMeta
            {
                Name = rsName, NamespaceProperty = meta.NamespaceProperty, Uid = rsUid, Labels = labels,
                OwnerReferences = [Owner("apps/v1", "Deployment", meta.Name, meta.Uid)],
            },
            Spec = new V1ReplicaSetSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels }, Spec = deployment.Spec.Template.Spec },
            },
        };

        for (var i = 0; i < replicas; i++)
        {
            var podName = $"{rsName}-{Hex($"{rsName}/{i}")[..5]}";
            var drift = i >= replicas - driftedPods;
            yield return new V1Pod
            {
                ApiVersion = "v1", Kind = "Pod",
                Metadata = new V1ObjectMeta
                {
                    Name = podName, NamespaceProperty = meta.NamespaceProperty,
                    Uid = FakeObjectStore.StableUid(meta.NamespaceProperty, "Pod", podName), Labels = labels,
                    OwnerReferences = [Owner("apps/v1", "ReplicaSet", rsName, rsUid)],
                },
                Spec = deployment.Spec.Template.Spec,
                Status = new V1PodStatus
                {
                    Phase = "Running",
                    ContainerStatuses = deployment.Spec.Template.Spec.Containers.Select(c => Status(c.Name, c.Image, drift)).ToList(),
                },
            };
        }
    }

    /// <summary>A running container's status; the imageID digest is derived from the image string.</summary>
    public static V1ContainerStatus Status(string name, string image, bool drifted = false) => new()
    {
        Name = name, Image = image, Ready = true, RestartCount = 0,
        ImageID = $"{Repository(image)}@{Digest(image, drifted)}",
    };

    /// <summary>The digest the fake registry reports for an image string (a pinned digest is kept).</summary>
    public static string Digest(string image, bool drifted = false)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0 && !drifted)
        {
            return image[(at + 1)..];
        }

        return "sha256:" + Hex(drifted ? image + "#moved" : image);
    }

    private static string Repository(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var name = at >= 0 ? image[..at] : image;
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? name[..colon] : name;
    }

    private static V1OwnerReference Owner(string apiVersion, string kind, string name, string uid) =>
        new() { ApiVersion = apiVersion, Kind = kind, Name = name, Uid = uid, Controller = true, BlockOwnerDeletion = true };

    private static string Hex(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
}
