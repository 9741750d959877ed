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
        string? seccomp = null, procMount = null;
        var hardening = default(Hardening);
        while (JsonRead.NextProperty(ref r))
        {
            if (hardening.TryRead(ref r))
            {
                continue;
            }

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
                seccomp = ProfileType(ref r);
            }
            else if (r.ValueTextEquals("procMount"u8))
            {
                JsonRead.Next(ref r);
                procMount = JsonRead.String(ref r);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        return new ContainerSecurityContext(privileged, escalation, nonRoot, user, readOnlyRoot,
            add is { Count: > 0 } ? add : [], drop is { Count: > 0 } ? drop : [], seccomp)
        {
            ProcMount = procMount,
            WindowsHostProcess = hardening.HostProcess,
            AppArmorProfileType = hardening.AppArmor,
            HasSeLinuxOptions = hardening.SeLinux,
        };
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
        var hardening = default(Hardening);
        while (JsonRead.NextProperty(ref r))
        {
            if (hardening.TryRead(ref r))
            {
                continue;
            }

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
                seccomp = ProfileType(ref r);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        return new PodSecurityContext(nonRoot, user, seccomp)
        {
            WindowsHostProcess = hardening.HostProcess,
            AppArmorProfileType = hardening.AppArmor,
            HasSeLinuxOptions = hardening.SeLinux,
        };
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

    // seccompProfile and appArmorProfile: { type, localhostProfile }.
    private static string? ProfileType(ref Utf8JsonReader r)
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

    // The fields the pod and container securityContext share beyond the ones each reads itself: windowsOptions,
    // appArmorProfile and seLinuxOptions.
    private struct Hardening
    {
        public bool? HostProcess;
        public string? AppArmor;
        public bool SeLinux;

        // Reads the property the reader is on when it is one of these; false (reader untouched) otherwise.
        public bool TryRead(ref Utf8JsonReader r)
        {
            if (r.ValueTextEquals("windowsOptions"u8))
            {
                JsonRead.Next(ref r);
                HostProcess = BoolField(ref r, "hostProcess"u8);
            }
            else if (r.ValueTextEquals("appArmorProfile"u8))
            {
                JsonRead.Next(ref r);
                AppArmor = ProfileType(ref r);
            }
            else if (r.ValueTextEquals("seLinuxOptions"u8))
            {
                JsonRead.Next(ref r);
                SeLinux = AnyStringField(ref r);
            }
            else
            {
                return false;
            }

            return true;
        }

        private static bool? BoolField(ref Utf8JsonReader r, ReadOnlySpan<byte> name)
        {
            bool? value = null;
            if (!JsonRead.IsObject(ref r))
            {
                return value;
            }

            while (JsonRead.NextProperty(ref r))
            {
                if (r.ValueTextEquals(name))
                {
                    JsonRead.Next(ref r);
                    value = JsonRead.Bool(ref r);
                }
                else
                {
                    JsonRead.SkipValue(ref r);
                }
            }

            return value;
        }

        private static bool AnyStringField(ref Utf8JsonReader r)
        {
            var any = false;
            if (!JsonRead.IsObject(ref r))
            {
                return any;
            }

            while (JsonRead.NextProperty(ref r))
            {
                JsonRead.Next(ref r);
                any |= !string.IsNullOrEmpty(JsonRead.String(ref r));
            }

            return any;
        }
    }
}
