using System.Text.Json;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>
/// One list item (a complete JSON object) straight into the inventory's records, with the semantics of
/// <c>KubeObjectMapper</c>: no V1 model in between.
/// </summary>
internal static class ObjectJson
{
    /// <summary>A controller: Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job or CronJob.</summary>
    /// <param name="json">The item.</param>
    /// <param name="kind">Its kind.</param>
    /// <param name="hasReplicas">spec.replicas is mapped (defaulting to 1); else Replicas is null.</param>
    /// <param name="cache">The collection's read cache (quantities, repeated strings).</param>
    public static KubeObject Controller(ReadOnlySpan<byte> json, string kind, bool hasReplicas, ReadCache cache)
    {
        var r = Begin(json);
        var meta = MetaJson.None;
        PodTemplate? template = null;
        int? replicas = null;
        while (JsonRead.NextProperty(ref r))
        {
            if (r.ValueTextEquals("metadata"u8))
            {
                JsonRead.Next(ref r);
                meta = MetaJson.Read(ref r, cache);
            }
            else if (r.ValueTextEquals("spec"u8))
            {
                JsonRead.Next(ref r);
                (template, replicas) = ControllerSpecJson.Read(ref r, kind == "CronJob", cache);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        template ??= PodSpecJson.EmptyTemplate;
        return Object(kind, meta, template, hasReplicas ? replicas ?? 1 : null, []);
    }

    public static KubeObject Pod(ReadOnlySpan<byte> json, ReadCache cache)
    {
        var r = Begin(json);
        var meta = MetaJson.None;
        PodSpec? spec = null;
        IReadOnlyList<ContainerStatus> statuses = [];
        while (JsonRead.NextProperty(ref r))
        {
            if (r.ValueTextEquals("metadata"u8))
            {
                JsonRead.Next(ref r);
                meta = MetaJson.Read(ref r, cache);
            }
            else if (r.ValueTextEquals("spec"u8))
            {
                // The API server writes metadata first: a pod of a listed controller needs no more of its spec than the
                // images (the inventory keeps no template for it), which saves most of a pod's parsing.
                JsonRead.Next(ref r);
                spec = PodSpecJson.Spec(ref r, cache,
                    imagesOnly: !InventoryBuilder.KeepsPodTemplate(meta.Owners));
            }
            else if (r.ValueTextEquals("status"u8))
            {
                JsonRead.Next(ref r);
                statuses = StatusJson.Read(ref r, cache);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        spec ??= PodSpecJson.EmptyTemplate.Spec;
        return Object("Pod", meta, new PodTemplate(meta.Labels, meta.Annotations, spec), null, statuses);
    }

    public static PodDisruptionBudget DisruptionBudget(ReadOnlySpan<byte> json, ReadCache cache)
    {
        var r = Begin(json);
        var meta = MetaJson.None;
        LabelSelector? selector = null;
        string? minAvailable = null, maxUnavailable = null;
        while (JsonRead.NextProperty(ref r))
        {
            if (r.ValueTextEquals("metadata"u8))
            {
                JsonRead.Next(ref r);
                meta = MetaJson.Read(ref r, cache);
            }
            else if (r.ValueTextEquals("spec"u8))
            {
                JsonRead.Next(ref r);
                if (!JsonRead.IsObject(ref r))
                {
                    continue;
                }

                while (JsonRead.NextProperty(ref r))
                {
                    if (r.ValueTextEquals("selector"u8))
                    {
                        JsonRead.Next(ref r);
                        selector = SelectorJson.Selector(ref r, cache);
                    }
                    else if (r.ValueTextEquals("minAvailable"u8))
                    {
                        JsonRead.Next(ref r);
                        minAvailable = IntOrString(ref r);
                    }
                    else if (r.ValueTextEquals("maxUnavailable"u8))
                    {
                        JsonRead.Next(ref r);
                        maxUnavailable = IntOrString(ref r);
                    }
                    else
                    {
                        JsonRead.SkipValue(ref r);
                    }
                }
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        return new PodDisruptionBudget(meta.NamespaceOrDefault, meta.Name ?? "", selector ?? SelectorJson.Empty)
        {
            SelectsNothing = selector is null,
            MinAvailable = minAvailable,
            MaxUnavailable = maxUnavailable,
        };
    }

    // An IntOrString field as written: 2 → "2", "50%" → "50%".
    private static string? IntOrString(ref Utf8JsonReader r) => r.TokenType == JsonTokenType.Number
        ? JsonRead.Int(ref r)?.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : JsonRead.String(ref r);

    /// <summary>A ServiceAccount: its namespace, name and automountServiceAccountToken.</summary>
    public static ServiceAccount ServiceAccount(ReadOnlySpan<byte> json, ReadCache cache)
    {
        var r = Begin(json);
        var meta = MetaJson.None;
        bool? automount = null;
        while (JsonRead.NextProperty(ref r))
        {
            if (r.ValueTextEquals("metadata"u8))
            {
                JsonRead.Next(ref r);
                meta = MetaJson.Read(ref r, cache);
            }
            else if (r.ValueTextEquals("automountServiceAccountToken"u8))
            {
                JsonRead.Next(ref r);
                automount = JsonRead.Bool(ref r);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        return new ServiceAccount(meta.NamespaceOrDefault, meta.Name ?? "", automount);
    }

    /// <summary>A HorizontalPodAutoscaler (autoscaling/v2): namespace, name, scaleTargetRef, minReplicas (default 1), maxReplicas.</summary>
    public static HorizontalPodAutoscaler Autoscaler(ReadOnlySpan<byte> json, ReadCache cache)
    {
        var (meta, read) = MetaAndSpec(json, cache, AutoscalerSpecJson.Read);
        var spec = read ?? default;
        return new HorizontalPodAutoscaler(meta.NamespaceOrDefault, meta.Name ?? "", spec.TargetKind ?? "", spec.TargetName ?? "", spec.MinReplicas ?? 1, spec.MaxReplicas ?? 0);
    }

    /// <summary>A NetworkPolicy (networking.k8s.io/v1): namespace, name, podSelector and the effective policyTypes.</summary>
    public static NetworkPolicy NetworkPolicy(ReadOnlySpan<byte> json, ReadCache cache)
    {
        var (meta, spec) = MetaAndSpec(json, cache, NetworkPolicySpecJson.Read);
        var (selector, types) = spec ?? (SelectorJson.Empty, Core.Inventory.NetworkPolicy.EffectivePolicyTypes(null, false));
        return new NetworkPolicy(meta.NamespaceOrDefault, meta.Name ?? "", selector, types);
    }

    /// <summary>An Ingress (networking.k8s.io/v1): namespace, name, uid, the rules' hosts and the TLS entries.</summary>
    public static Ingress Ingress(ReadOnlySpan<byte> json, ReadCache cache)
    {
        var (meta, spec) = MetaAndSpec(json, cache, IngressSpecJson.Read);
        var (hosts, tls) = spec ?? ([], []);
        return new Ingress(meta.NamespaceOrDefault, meta.Name ?? "", meta.Uid ?? "", hosts, tls);
    }

    /// <summary>A Namespace's metadata.name (null when it has none) and labels.</summary>
    public static (string? Name, IReadOnlyDictionary<string, string> Labels) Namespace(ReadOnlySpan<byte> json, ReadCache cache)
    {
        var (meta, _) = MetaAndSpec<bool>(json, cache, null);
        return (meta.Name, meta.Labels);
    }

    /// <summary>Reads a spec object of one kind (the reader is on its start).</summary>
    private delegate T SpecReader<T>(ref Utf8JsonReader r, ReadCache cache);

    // metadata and (when a reader is given) spec of an object; everything else skipped. The spec is null when absent.
    private static (MetaJson Meta, T? Spec) MetaAndSpec<T>(ReadOnlySpan<byte> json, ReadCache cache, SpecReader<T>? readSpec)
        where T : struct
    {
        var r = Begin(json);
        var meta = MetaJson.None;
        T? spec = null;
        while (JsonRead.NextProperty(ref r))
        {
            if (r.ValueTextEquals("metadata"u8))
            {
                JsonRead.Next(ref r);
                meta = MetaJson.Read(ref r, cache);
            }
            else if (readSpec is not null && r.ValueTextEquals("spec"u8))
            {
                JsonRead.Next(ref r);
                spec = readSpec(ref r, cache);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        return (meta, spec);
    }


    internal static Utf8JsonReader Begin(ReadOnlySpan<byte> json)
    {
        var r = new Utf8JsonReader(json, isFinalBlock: true, default);
        JsonRead.Next(ref r);
        if (!JsonRead.IsObject(ref r))
        {
            throw new JsonException("A list item is null.");
        }

        return r;
    }

    private static KubeObject Object(
        string kind, MetaJson meta, PodTemplate template, int? replicas, IReadOnlyList<ContainerStatus> statuses) =>
        new(kind, meta.NamespaceOrDefault, meta.Name ?? "", meta.Uid ?? "", meta.Labels, meta.Annotations, meta.Owners,
            template, replicas, statuses);
}
