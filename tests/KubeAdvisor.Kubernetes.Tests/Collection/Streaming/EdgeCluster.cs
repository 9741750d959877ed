using k8s;
using k8s.Models;
using KubeAdvisor.DemoCluster;

namespace KubeAdvisor.Kubernetes.Tests.Collection.Streaming;

/// <summary>
/// A small cluster that sets every field the inventory reads, in its edge forms: pod and container
/// securityContexts, capabilities, seccomp, probes, hostPorts, env literal vs valueFrom, hostPath volumes,
/// resources (canonicalized quantities, other resource names only), owner references, init / sidecar / ephemeral
/// containers with statuses and imageID forms, PDB selectors (expressions, empty, missing), autoscalers (metrics and
/// behavior skipped, minReplicas unset), NetworkPolicy podSelectors and policyTypes (set, unset with and without egress
/// rules, podSelector missing), and one item larger than the streaming buffer.
/// </summary>
internal static class EdgeCluster
{
    public static IReadOnlyList<IKubernetesObject> Objects()
    {
        using var stream = typeof(EdgeCluster).Assembly.GetManifestResourceStream("edge-cluster.yaml")
            ?? throw new InvalidOperationException("edge-cluster.yaml is not embedded.");
        using var reader = new StreamReader(stream);
        var objects = YamlObjects.Parse(reader.ReadToEnd());
        var full = objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == "full");
        full.Metadata.Annotations["kubectl.kubernetes.io/last-applied-configuration"] = new string('x', 200_000);
        full.Metadata.Annotations["kubeadvisor.io/exempt"] = "image-tag-latest";
        return objects;
    }
}
