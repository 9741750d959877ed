using System.Text;
using k8s;
using k8s.Models;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Kubernetes.Collection.Streaming;

namespace KubeAdvisor.Kubernetes.Manifests;

/// <summary>
/// Multi-document Kubernetes YAML → <see cref="ClusterSnapshot"/>, read by the same item readers as a live scan
/// (<see cref="ScannedKind"/>): each document becomes the JSON an API server would send for it, and that JSON goes
/// through the production reader and owner resolution. For fixtures, demo manifests and tests. Kinds the inventory
/// does not use (Services, custom resources, …) are skipped.
/// </summary>
public static class ManifestLoader
{
    /// <summary>Parses <paramref name="yaml"/> (documents separated by <c>---</c>) into a snapshot.</summary>
    /// <exception cref="FormatException">The YAML is malformed.</exception>
    public static ClusterSnapshot Load(string yaml) => Load(yaml, "manifests", DateTimeOffset.UnixEpoch);

    /// <summary>Parses <paramref name="yaml"/> into a snapshot with the given id and time.</summary>
    /// <exception cref="FormatException">The YAML is malformed.</exception>
    public static ClusterSnapshot Load(string yaml, string snapshotId, DateTimeOffset collectedAt)
    {
        var builder = new InventoryBuilder();
        AddTo(builder, yaml);
        return builder.Build(snapshotId, collectedAt, null);
    }

    /// <summary>Parses <paramref name="yaml"/> and adds its objects to <paramref name="builder"/>.</summary>
    /// <exception cref="FormatException">The YAML is malformed.</exception>
    public static void AddTo(InventoryBuilder builder, string yaml)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var cache = new ReadCache();
        foreach (var obj in Parse(yaml))
        {
            // The typed model only turns YAML into the JSON the API server would send; the inventory is read from that JSON.
            if (ScannedKind.Of(obj.ApiVersion, obj.Kind) is { } kind)
            {
                kind.ReadItem(builder, cache, Encoding.UTF8.GetBytes(KubernetesJson.Serialize(obj)));
            }
        }
    }

    /// <summary>
    /// Adds objects read by <see cref="ManifestReader"/> to <paramref name="builder"/> through the item readers of their
    /// kinds (the CLI's path: no typed model, so it runs under NativeAOT); other kinds are skipped.
    /// </summary>
    /// <exception cref="ManifestException">An object does not have the shape its kind's reader expects (file:line of the object).</exception>
    public static void AddTo(InventoryBuilder builder, IEnumerable<ManifestObject> objects)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(objects);
        var cache = new ReadCache();
        foreach (var obj in objects)
        {
            if (ScannedKind.Of(obj.ApiVersion, obj.Kind) is not { } kind)
            {
                continue;
            }

            try
            {
                kind.ReadItem(builder, cache, obj.Json);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException)
            {
                throw new ManifestException(obj.File, obj.Line, $"{obj.Kind} {obj.Name}: {e.Message}", e);
            }
        }
    }

    /// <summary>The typed objects of a YAML text, in order; documents of other kinds are left out.</summary>
    /// <exception cref="FormatException">The YAML is malformed.</exception>
    public static IReadOnlyList<IKubernetesObject> Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var result = new List<IKubernetesObject>();
        var index = 0;
        foreach (var doc in SplitDocuments(yaml))
        {
            index++;
            try
            {
                var head = KubernetesYaml.Deserialize<KubernetesObject>(doc);
                if (head is not null && Deserialize(head.ApiVersion, head.Kind, doc) is { } obj)
                {
                    obj.ApiVersion ??= head.ApiVersion;
                    obj.Kind ??= head.Kind;
                    result.Add(obj);
                }
            }
            catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidOperationException or FormatException)
            {
                throw new FormatException($"Malformed Kubernetes YAML in document {index}: {Inner(e).Message}", e);
            }
        }

        return result;
    }

    private static IKubernetesObject? Deserialize(string? apiVersion, string? kind, string doc) => (apiVersion, kind) switch
    {
        ("v1", "Namespace") => KubernetesYaml.Deserialize<V1Namespace>(doc),
        ("v1", "Pod") => KubernetesYaml.Deserialize<V1Pod>(doc),
        ("v1", "ReplicationController") => KubernetesYaml.Deserialize<V1ReplicationController>(doc),
        ("apps/v1", "Deployment") => KubernetesYaml.Deserialize<V1Deployment>(doc),
        ("apps/v1", "StatefulSet") => KubernetesYaml.Deserialize<V1StatefulSet>(doc),
        ("apps/v1", "DaemonSet") => KubernetesYaml.Deserialize<V1DaemonSet>(doc),
        ("apps/v1", "ReplicaSet") => KubernetesYaml.Deserialize<V1ReplicaSet>(doc),
        ("batch/v1", "Job") => KubernetesYaml.Deserialize<V1Job>(doc),
        ("batch/v1", "CronJob") => KubernetesYaml.Deserialize<V1CronJob>(doc),
        ("policy/v1", "PodDisruptionBudget") => KubernetesYaml.Deserialize<V1PodDisruptionBudget>(doc),
        ("v1", "ServiceAccount") => KubernetesYaml.Deserialize<V1ServiceAccount>(doc),
        ("autoscaling/v2", "HorizontalPodAutoscaler") => KubernetesYaml.Deserialize<V2HorizontalPodAutoscaler>(doc),
        ("networking.k8s.io/v1", "NetworkPolicy") => KubernetesYaml.Deserialize<V1NetworkPolicy>(doc),
        ("networking.k8s.io/v1", "Ingress") => KubernetesYaml.Deserialize<V1Ingress>(doc),
        ("rbac.authorization.k8s.io/v1", "Role") => KubernetesYaml.Deserialize<V1Role>(doc),
        ("rbac.authorization.k8s.io/v1", "ClusterRole") => KubernetesYaml.Deserialize<V1ClusterRole>(doc),
        ("rbac.authorization.k8s.io/v1", "RoleBinding") => KubernetesYaml.Deserialize<V1RoleBinding>(doc),
        ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding") => KubernetesYaml.Deserialize<V1ClusterRoleBinding>(doc),
        ("scheduling.k8s.io/v1", "PriorityClass") => KubernetesYaml.Deserialize<V1PriorityClass>(doc),
        ("v1", "ConfigMap") => KubernetesYaml.Deserialize<V1ConfigMap>(doc),
        _ => null,
    };

    private static Exception Inner(Exception e) => e.InnerException is { } i && e.Message.StartsWith("Exception during", StringComparison.Ordinal) ? i : e;

    /// <summary>Splits on document markers (<c>---</c> at the start of a line); blank documents are dropped.</summary>
    internal static IEnumerable<string> SplitDocuments(string yaml)
    {
        var current = new StringBuilder();
        using var reader = new StringReader(yaml);
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("---", StringComparison.Ordinal) && (line.Length == 3 || char.IsWhiteSpace(line[3])))
            {
                if (HasContent(current))
                {
                    yield return current.ToString();
                }

                current.Clear();
                var rest = line[3..].Trim();
                if (rest.Length > 0 && !rest.StartsWith('#'))
                {
                    current.AppendLine(rest);
                }

                continue;
            }

            current.AppendLine(line);
        }

        if (HasContent(current))
        {
            yield return current.ToString();
        }
    }

    private static bool HasContent(StringBuilder sb)
    {
        using var reader = new StringReader(sb.ToString());
        while (reader.ReadLine() is { } line)
        {
            var t = line.Trim();
            if (t.Length > 0 && !t.StartsWith('#') && t != "...")
            {
                return true;
            }
        }

        return false;
    }
}
