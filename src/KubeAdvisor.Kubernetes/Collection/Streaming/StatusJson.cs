using System.Text.Json;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>A pod's container statuses: init, regular, then ephemeral (as <c>PodSpecMapper.Statuses</c>).</summary>
internal static class StatusJson
{
    public static IReadOnlyList<ContainerStatus> Read(ref Utf8JsonReader r, ReadCache cache)
    {
        if (!JsonRead.IsObject(ref r))
        {
            return [];
        }

        List<ContainerStatus>? init = null, regular = null, ephemeral = null;
        while (JsonRead.NextProperty(ref r))
        {
            if (r.ValueTextEquals("initContainerStatuses"u8))
            {
                JsonRead.Next(ref r);
                init = List(ref r, ContainerType.Init, cache);
            }
            else if (r.ValueTextEquals("containerStatuses"u8))
            {
                JsonRead.Next(ref r);
                regular = List(ref r, ContainerType.Regular, cache);
            }
            else if (r.ValueTextEquals("ephemeralContainerStatuses"u8))
            {
                JsonRead.Next(ref r);
                ephemeral = List(ref r, ContainerType.Ephemeral, cache);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        var all = new List<ContainerStatus>((init?.Count ?? 0) + (regular?.Count ?? 0) + (ephemeral?.Count ?? 0));
        all.AddRange(init ?? []);
        all.AddRange(regular ?? []);
        all.AddRange(ephemeral ?? []);
        return all;
    }

    private static List<ContainerStatus>? List(ref Utf8JsonReader r, ContainerType type, ReadCache cache)
    {
        if (!JsonRead.IsArray(ref r))
        {
            return null;
        }

        var list = new List<ContainerStatus>();
        while (JsonRead.NextElement(ref r))
        {
            if (!JsonRead.IsObject(ref r))
            {
                throw JsonRead.Unexpected(ref r, "a container status");
            }

            string? name = null, image = null, imageId = null;
            while (JsonRead.NextProperty(ref r))
            {
                if (r.ValueTextEquals("name"u8))
                {
                    JsonRead.Next(ref r);
                    name = cache.Shared(ref r);
                }
                else if (r.ValueTextEquals("image"u8))
                {
                    JsonRead.Next(ref r);
                    image = cache.Shared(ref r);
                }
                else if (r.ValueTextEquals("imageID"u8))
                {
                    JsonRead.Next(ref r);
                    imageId = cache.Shared(ref r);
                }
                else
                {
                    JsonRead.SkipValue(ref r);
                }
            }

            list.Add(new ContainerStatus(name ?? "", type, image ?? "", imageId ?? ""));
        }

        return list;
    }
}
