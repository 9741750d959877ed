using System.Text.Json;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>Container arrays of a pod spec, as <c>ContainerMapper</c> maps V1Container / V1EphemeralContainer.</summary>
internal static class ContainerJson
{
    /// <summary>An init, regular or ephemeral container list; empty when missing, null or empty.</summary>
    /// <param name="r">The reader, on the list's value.</param>
    /// <param name="type">What kind of containers the list holds.</param>
    /// <param name="cache">Shared strings of this collection.</param>
    /// <param name="imagesOnly">Read only each container's name and image (a pod whose template the inventory drops).</param>
    public static IReadOnlyList<Container> List(ref Utf8JsonReader r, ContainerType type, ReadCache cache, bool imagesOnly = false)
    {
        if (!JsonRead.IsArray(ref r))
        {
            return [];
        }

        var list = new List<Container>();
        while (JsonRead.NextElement(ref r))
        {
            list.Add(One(ref r, type, cache, imagesOnly));
        }

        return list.Count > 0 ? list.ToArray() : []; // an exact array, no wrapper: one per workload is kept (agent footprint; decision 0038)
    }

    private static Container One(ref Utf8JsonReader r, ContainerType type, ReadCache cache, bool imagesOnly)
    {
        if (!JsonRead.IsObject(ref r))
        {
            throw JsonRead.Unexpected(ref r, "a container");
        }

        string? name = null, image = null, pullPolicy = null, restartPolicy = null;
        ContainerSecurityContext? security = null;
        var resources = ResourceRequirements.None;
        bool liveness = false, readiness = false;
        IReadOnlyList<int> hostPorts = [];
        IReadOnlyList<EnvVar> env = [];
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
            else if (imagesOnly)
            {
                JsonRead.SkipValue(ref r);
            }
            else if (r.ValueTextEquals("imagePullPolicy"u8))
            {
                JsonRead.Next(ref r);
                pullPolicy = JsonRead.String(ref r);
            }
            else if (r.ValueTextEquals("restartPolicy"u8))
            {
                JsonRead.Next(ref r);
                restartPolicy = JsonRead.String(ref r);
            }
            else if (r.ValueTextEquals("securityContext"u8))
            {
                JsonRead.Next(ref r);
                security = SecurityJson.Container(ref r);
            }
            else if (r.ValueTextEquals("resources"u8))
            {
                JsonRead.Next(ref r);
                resources = ResourcesJson.Read(ref r, cache) ?? ResourceRequirements.None;
            }
            else if (r.ValueTextEquals("livenessProbe"u8))
            {
                liveness = Present(ref r);
            }
            else if (r.ValueTextEquals("readinessProbe"u8))
            {
                readiness = Present(ref r);
            }
            else if (r.ValueTextEquals("ports"u8))
            {
                JsonRead.Next(ref r);
                hostPorts = HostPorts(ref r);
            }
            else if (r.ValueTextEquals("env"u8))
            {
                JsonRead.Next(ref r);
                env = Env(ref r);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        // The mapper never read an ephemeral container's restartPolicy.
        return new Container(name ?? "", type, image ?? "", pullPolicy, security, resources, liveness, readiness, hostPorts, env)
        {
            RestartPolicy = type == ContainerType.Ephemeral ? null : restartPolicy,
        };
    }

    /// <summary>On a property name: true when its value is not null (skipped).</summary>
    private static bool Present(ref Utf8JsonReader r)
    {
        JsonRead.Next(ref r);
        var present = r.TokenType != JsonTokenType.Null;
        r.Skip();
        return present;
    }

    private static IReadOnlyList<int> HostPorts(ref Utf8JsonReader r)
    {
        if (!JsonRead.IsArray(ref r))
        {
            return [];
        }

        List<int>? ports = null;
        while (JsonRead.NextElement(ref r))
        {
            if (!JsonRead.IsObject(ref r))
            {
                throw JsonRead.Unexpected(ref r, "a container port");
            }

            while (JsonRead.NextProperty(ref r))
            {
                if (r.ValueTextEquals("hostPort"u8))
                {
                    JsonRead.Next(ref r);
                    if (JsonRead.Int(ref r) is { } port && port > 0)
                    {
                        (ports ??= []).Add(port);
                    }
                }
                else
                {
                    JsonRead.SkipValue(ref r);
                }
            }
        }

        return ports ?? (IReadOnlyList<int>)[];
    }

    private static IReadOnlyList<EnvVar> Env(ref Utf8JsonReader r)
    {
        if (!JsonRead.IsArray(ref r))
        {
            return [];
        }

        var list = new List<EnvVar>();
        while (JsonRead.NextElement(ref r))
        {
            if (!JsonRead.IsObject(ref r))
            {
                throw JsonRead.Unexpected(ref r, "an env var");
            }

            string? name = null, value = null;
            var fromRef = false;
            while (JsonRead.NextProperty(ref r))
            {
                if (r.ValueTextEquals("name"u8))
                {
                    JsonRead.Next(ref r);
                    name = JsonRead.String(ref r);
                }
                else if (r.ValueTextEquals("value"u8))
                {
                    JsonRead.Next(ref r);
                    value = JsonRead.String(ref r);
                }
                else if (r.ValueTextEquals("valueFrom"u8))
                {
                    fromRef = Present(ref r);
                }
                else
                {
                    JsonRead.SkipValue(ref r);
                }
            }

            list.Add(new EnvVar(name ?? "", fromRef ? null : value ?? ""));
        }

        return list.Count > 0 ? list : [];
    }
}
