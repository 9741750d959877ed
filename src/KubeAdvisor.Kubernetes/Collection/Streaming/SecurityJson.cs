using System.Text.Json;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>Container and pod securityContext, as <c>ContainerMapper</c> / <c>PodSpecMapper</c> map them.</summary>
internal static class SecurityJson
{
    public static ContainerSecurityContext? Container(ref Utf8JsonReader r)
    {
        if (!JsonRead.IsObject(ref r))
        {
            return null;
        }

        bool? privileged = null, escalation = null, nonRoot = null, readOnlyRoot = null;
        long? user = null;
        List<string>? add = null, drop = null;
        string? seccomp = null;
        while (JsonRead.NextProperty(ref r))
        {
            if (r.ValueTextEquals("privileged"u8))
            {
                JsonRead.Next(ref r);
                privileged = JsonRead.Bool(ref r);
            }
            else if (r.ValueTextEquals("allowPrivilegeEscalation"u8))
            {
                JsonRead.Next(ref r);
                escalation = JsonRead.Bool(ref r);
            }
            else if (r.ValueTextEquals("runAsNonRoot"u8))
            {
                JsonRead.Next(ref r);
                nonRoot = JsonRead.Bool(ref r);
            }
            else if (r.ValueTextEquals("runAsUser"u8))
            {
                JsonRead.Next(ref r);
                user = JsonRead.Long(ref r);
            }
            else if (r.ValueTextEquals("readOnlyRootFilesystem"u8))
            {
                JsonRead.Next(ref r);
                readOnlyRoot = JsonRead.Bool(ref r);
            }
            else if (r.ValueTextEquals("capabilities"u8))
            {
                JsonRead.Next(ref r);
                (add, drop) = Capabilities(ref r);
            }
            else if (r.ValueTextEquals("seccompProfile"u8))
            {
                JsonRead.Next(ref r);
                seccomp = SeccompType(ref r);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        return new ContainerSecurityContext(privileged, escalation, nonRoot, user, readOnlyRoot,
            add is { Count: > 0 } ? add : [], drop is { Count: > 0 } ? drop : [], seccomp);
    }

    public static PodSecurityContext? Pod(ref Utf8JsonReader r)
    {
        if (!JsonRead.IsObject(ref r))
        {
            return null;
        }

        bool? nonRoot = null;
        long? user = null;
        string? seccomp = null;
        while (JsonRead.NextProperty(ref r))
        {
            if (r.ValueTextEquals("runAsNonRoot"u8))
            {
                JsonRead.Next(ref r);
                nonRoot = JsonRead.Bool(ref r);
            }
            else if (r.ValueTextEquals("runAsUser"u8))
            {
                JsonRead.Next(ref r);
                user = JsonRead.Long(ref r);
            }
            else if (r.ValueTextEquals("seccompProfile"u8))
            {
                JsonRead.Next(ref r);
                seccomp = SeccompType(ref r);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        return new PodSecurityContext(nonRoot, user, seccomp);
    }

    private static (List<string>? Add, List<string>? Drop) Capabilities(ref Utf8JsonReader r)
    {
        List<string>? add = null, drop = null;
        if (!JsonRead.IsObject(ref r))
        {
            return (add, drop);
        }

        while (JsonRead.NextProperty(ref r))
        {
            if (r.ValueTextEquals("add"u8))
            {
                JsonRead.Next(ref r);
                add = JsonRead.StringList(ref r);
            }
            else if (r.ValueTextEquals("drop"u8))
            {
                JsonRead.Next(ref r);
                drop = JsonRead.StringList(ref r);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        return (add, drop);
    }

    private static string? SeccompType(ref Utf8JsonReader r)
    {
        string? type = null;
        if (!JsonRead.IsObject(ref r))
        {
            return type;
        }

        while (JsonRead.NextProperty(ref r))
        {
            if (r.ValueTextEquals("type"u8))
            {
                JsonRead.Next(ref r);
                type = JsonRead.String(ref r);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        return type;
    }
}
