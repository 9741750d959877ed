using k8s.Models;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>
/// The typed path kept quantities as <see cref="ResourceQuantity"/> and the mapping wrote their canonical form
/// ("0.5" → "500m", "1024Mi" → "1Gi"). Canonicalizing costs ~10 µs, and clusters repeat a handful of values, so
/// each distinct text is canonicalized once per collection (and the result shared); the cache is bounded.
/// Absurd texts are refused before parsing: <see cref="ResourceQuantity"/> takes minutes on "1e99999", and the
/// cluster behind an uploaded kubeconfig is not trusted.
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

        if (!Plausible(text))
        {
            throw new FormatException("The quantity is too long or its exponent too large.");
        }

        var canonical = new ResourceQuantity(text).ToString();
        if (_canonical.Count < MaxEntries)
        {
            _canonical[text] = canonical;
        }

        return canonical;
    }

    // Real quantities are short ("1536Mi", "128974848", "1e3"); the exponent is what makes parsing explode.
    private static bool Plausible(string text)
    {
        if (text.Length > 40)
        {
            return false;
        }

        var e = text.AsSpan().LastIndexOfAny('e', 'E');
        return e < 0 || text.AsSpan(e + 1).TrimStart("+-").Length <= 3;
    }
}
