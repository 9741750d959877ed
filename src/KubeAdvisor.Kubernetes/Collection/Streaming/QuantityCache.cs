using k8s.Models;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>
/// The typed path kept quantities as <see cref="ResourceQuantity"/> and the mapping wrote their canonical form
/// ("0.5" → "500m", "1024Mi" → "1Gi"). Canonicalizing costs ~10 µs, and clusters repeat a handful of values, so
/// each distinct text is canonicalized once per collection (and the result shared); the cache is bounded.
/// </summary>
internal sealed class QuantityCache
{
    private const int MaxEntries = 4096;
    private readonly Dictionary<string, string> _canonical = new(StringComparer.Ordinal);

    public string Canonical(string text)
    {
        if (_canonical.TryGetValue(text, out var known))
        {
            return known;
        }

        var canonical = new ResourceQuantity(text).ToString();
        if (_canonical.Count < MaxEntries)
        {
            _canonical[text] = canonical;
        }

        return canonical;
    }
}
