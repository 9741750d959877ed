namespace KubeAdvisor.Core.Policies.Security;

/// <summary>Linux capability names as container runtimes read them.</summary>
internal static class Capabilities
{
    /// <summary>
    /// The capabilities the Pod Security Standards (baseline) allow a container to add; adding anything else,
    /// or ALL, is what container-capabilities-dangerous reports.
    /// </summary>
    public static readonly string[] BaselineAllowed =
    [
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
        "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    ];

    /// <summary>Runtimes accept "sys_admin", "SYS_ADMIN" and "CAP_SYS_ADMIN" alike: compare without case or prefix.</summary>
    public static ReadOnlySpan<char> Normalize(string capability)
    {
        var s = capability.AsSpan().Trim();
        return s.StartsWith("CAP_", StringComparison.OrdinalIgnoreCase) ? s[4..] : s;
    }

    public static bool IsAll(string capability) => Normalize(capability).Equals("ALL", StringComparison.OrdinalIgnoreCase);

    public static bool IsBaselineAllowed(string capability)
    {
        var name = Normalize(capability);
        foreach (var allowed in BaselineAllowed)
        {
            if (name.Equals(allowed, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
