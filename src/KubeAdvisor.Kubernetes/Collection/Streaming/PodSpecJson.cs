using System.Text.Json;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>Pod specs, templates and statuses, as <c>PodSpecMapper</c> maps them.</summary>
internal static class PodSpecJson
{
    private static readonly PodSpec EmptySpec = new([], [], [], false, false, false, null, null, null, []);

    /// <summary>What a missing template maps to: no labels, no annotations, the empty spec.</summary>
    public static PodTemplate EmptyTemplate { get; } = new(MetaJson.None.Labels, MetaJson.None.Annotations, EmptySpec);

    /// <summary>A pod template (metadata labels/annotations + spec); missing or null gives an empty one.</summary>
    public static PodTemplate Template(ref Utf8JsonReader r, ReadCache cache)
    {
        var meta = MetaJson.None;
        var spec = EmptySpec;
        if (JsonRead.IsObject(ref r))
        {
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
                    spec = Spec(ref r, cache);
                }
                else
                {
                    JsonRead.SkipValue(ref r);
                }
            }
        }

        return new PodTemplate(meta.Labels, meta.Annotations, spec);
    }

    /// <summary>A pod spec; null gives the empty spec.</summary>
    /// <param name="r">The reader, on the spec's value.</param>
    /// <param name="cache">Shared strings of this collection.</param>
    /// <param name="imagesOnly">
    /// Read only the containers' names and images and skip the rest unread: what the inventory uses of a pod whose
    /// controlling owner is a listed kind (<see cref="InventoryBuilder.KeepsPodTemplate"/>), the spec image of
    /// each running container.
    /// </param>
    public static PodSpec Spec(ref Utf8JsonReader r, ReadCache cache, bool imagesOnly = false)
    {
        if (!JsonRead.IsObject(ref r))
        {
            return EmptySpec;
        }

        IReadOnlyList<Container> init = [], containers = [], ephemeral = [];
        bool? hostNetwork = null, hostPid = null, hostIpc = null, automount = null;
        string? serviceAccount = null, os = null, restartPolicy = null, priorityClass = null;
        IReadOnlyList<string> spreadKeys = [];
        var antiAffinity = false;
        PodSecurityContext? security = null;
        IReadOnlyList<Volume> volumes = [];
        ResourceRequirements? resources = null;
        while (JsonRead.NextProperty(ref r))
        {
            if (r.ValueTextEquals("containers"u8))
            {
                JsonRead.Next(ref r);
                containers = ContainerJson.List(ref r, ContainerType.Regular, cache, imagesOnly);
            }
            else if (r.ValueTextEquals("initContainers"u8))
            {
                JsonRead.Next(ref r);
                init = ContainerJson.List(ref r, ContainerType.Init, cache, imagesOnly);
            }
            else if (r.ValueTextEquals("ephemeralContainers"u8))
            {
                JsonRead.Next(ref r);
                ephemeral = ContainerJson.List(ref r, ContainerType.Ephemeral, cache, imagesOnly);
            }
            else if (imagesOnly)
            {
                JsonRead.SkipValue(ref r);
            }
            else if (r.ValueTextEquals("hostNetwork"u8))
            {
                JsonRead.Next(ref r);
                hostNetwork = JsonRead.Bool(ref r);
            }
            else if (r.ValueTextEquals("hostPID"u8))
            {
                JsonRead.Next(ref r);
                hostPid = JsonRead.Bool(ref r);
            }
            else if (r.ValueTextEquals("hostIPC"u8))
            {
                JsonRead.Next(ref r);
                hostIpc = JsonRead.Bool(ref r);
            }
            else if (r.ValueTextEquals("serviceAccountName"u8))
            {
                JsonRead.Next(ref r);
                serviceAccount = JsonRead.String(ref r);
            }
            else if (r.ValueTextEquals("automountServiceAccountToken"u8))
            {
                JsonRead.Next(ref r);
                automount = JsonRead.Bool(ref r);
            }
            else if (r.ValueTextEquals("securityContext"u8))
            {
                JsonRead.Next(ref r);
                security = SecurityJson.Pod(ref r);
            }
            else if (r.ValueTextEquals("volumes"u8))
            {
                JsonRead.Next(ref r);
                volumes = Volumes(ref r);
            }
            else if (r.ValueTextEquals("os"u8))
            {
                JsonRead.Next(ref r);
                os = OsName(ref r);
            }
            else if (r.ValueTextEquals("restartPolicy"u8))
            {
                JsonRead.Next(ref r);
                restartPolicy = JsonRead.String(ref r);
            }
            else if (r.ValueTextEquals("resources"u8))
            {
                JsonRead.Next(ref r);
                resources = ResourcesJson.Read(ref r, cache);
            }
            else if (r.ValueTextEquals("priorityClassName"u8))
            {
                JsonRead.Next(ref r);
                priorityClass = JsonRead.String(ref r);
            }
            else if (r.ValueTextEquals("topologySpreadConstraints"u8))
            {
                JsonRead.Next(ref r);
                spreadKeys = TopologyKeys(ref r);
            }
            else if (r.ValueTextEquals("affinity"u8))
            {
                JsonRead.Next(ref r);
                antiAffinity = HasAntiAffinity(ref r);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        return new PodSpec(init, containers, ephemeral, hostNetwork == true, hostPid == true, hostIpc == true,
            string.IsNullOrEmpty(serviceAccount) ? null : serviceAccount, automount, security, volumes)
        {
            OsName = os,
            RestartPolicy = restartPolicy,
            Resources = resources,
            PriorityClassName = string.IsNullOrEmpty(priorityClass) ? null : priorityClass,
            TopologySpreadKeys = spreadKeys,
            HasPodAntiAffinity = antiAffinity,
        };
    }

    private static IReadOnlyList<string> TopologyKeys(ref Utf8JsonReader r)
    {
        if (!JsonRead.IsArray(ref r))
        {
            return [];
        }

        var keys = new List<string>();
        while (JsonRead.NextElement(ref r))
        {
            if (JsonRead.StringField(ref r, "topologyKey"u8) is { Length: > 0 } key)
            {
                keys.Add(key);
            }
        }

        return keys.Count > 0 ? keys : [];
    }

    // affinity.podAntiAffinity with at least one required or preferred term.
    private static bool HasAntiAffinity(ref Utf8JsonReader r)
    {
        var any = false;
        if (!JsonRead.IsObject(ref r))
        {
            return any;
        }

        while (JsonRead.NextProperty(ref r))
        {
            if (!r.ValueTextEquals("podAntiAffinity"u8))
            {
                JsonRead.SkipValue(ref r);
                continue;
            }

            JsonRead.Next(ref r);
            if (!JsonRead.IsObject(ref r))
            {
                continue;
            }

            while (JsonRead.NextProperty(ref r))
            {
                JsonRead.Next(ref r);
                if (JsonRead.IsArray(ref r))
                {
                    while (JsonRead.NextElement(ref r))
                    {
                        any = true;
                        r.Skip();
                    }
                }
            }
        }

        return any;
    }

    private static IReadOnlyList<Volume> Volumes(ref Utf8JsonReader r)
    {
        if (!JsonRead.IsArray(ref r))
        {
            return [];
        }

        var list = new List<Volume>();
        while (JsonRead.NextElement(ref r))
        {
            if (!JsonRead.IsObject(ref r))
            {
                throw JsonRead.Unexpected(ref r, "a volume");
            }

            string? name = null, hostPath = null;
            while (JsonRead.NextProperty(ref r))
            {
                if (r.ValueTextEquals("name"u8))
                {
                    JsonRead.Next(ref r);
                    name = JsonRead.String(ref r);
                }
                else if (r.ValueTextEquals("hostPath"u8))
                {
                    JsonRead.Next(ref r);
                    hostPath = JsonRead.StringField(ref r, "path"u8);
                }
                else
                {
                    JsonRead.SkipValue(ref r);
                }
            }

            list.Add(new Volume(name ?? "", hostPath));
        }

        return list.Count > 0 ? list : [];
    }

    private static string? OsName(ref Utf8JsonReader r) => JsonRead.StringField(ref r, "name"u8);
}
