namespace KubeAdvisor.Core.Inventory;

/// <summary>
/// Which annotations the inventory keeps: only KubeAdvisor's own (<c>kubeadvisor.io/…</c>, e.g. the exemption),
/// the only ones any policy or page reads. Everything else is dropped while reading: real objects carry large
/// annotations (<c>kubectl.kubernetes.io/last-applied-configuration</c> is the whole manifest again, often several
/// KB) that would dominate the agent's memory and payload, and they may hold data that should not leave the cluster.
/// A policy that needs another annotation adds its prefix here.
/// </summary>
public static class KeptAnnotations
{
    /// <summary>The kept prefix.</summary>
    public const string Prefix = "kubeadvisor.io/";

    /// <summary>The prefix as UTF-8, for readers that look at raw JSON property names.</summary>
    public static ReadOnlySpan<byte> PrefixUtf8 => "kubeadvisor.io/"u8;

    /// <summary>True when the inventory keeps an annotation with this key.</summary>
    public static bool IsKept(string key) => key.StartsWith(Prefix, StringComparison.Ordinal);
}
