using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>
/// A read-only string map of a few entries: one array of keys and values in reading order, searched in order (ordinal).
/// Objects carry a handful of labels, and a <see cref="Dictionary{TKey, TValue}"/> per label map cost ~250 bytes more
/// than this one (its entries, buckets and comparer state); a Deployment has two such maps, so at 50,000 workloads
/// that was ~25 MB of the agent's peak (docs/benchmarks.md, "Agent footprint"). <see cref="ReadCache.SharedMap"/>
/// builds it for at most <see cref="MaxEntries"/> entries and a dictionary beyond, so a hostile object with thousands
/// of labels cannot make reading or lookups quadratic. Enumerates in reading order, as the dictionary did.
/// </summary>
internal sealed class SmallMap(string[] keysAndValues) : IReadOnlyDictionary<string, string>
{
    /// <summary>The most entries a small map holds.</summary>
    public const int MaxEntries = 16;

    private readonly string[] _items = keysAndValues;

    public int Count => _items.Length / 2;

    public IEnumerable<string> Keys
    {
        get
        {
            for (var i = 0; i < _items.Length; i += 2)
            {
                yield return _items[i];
            }
        }
    }

    public IEnumerable<string> Values
    {
        get
        {
            for (var i = 1; i < _items.Length; i += 2)
            {
                yield return _items[i];
            }
        }
    }

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No label '{key}'.");

    public bool ContainsKey(string key) => IndexOf(_items, _items.Length, key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var i = IndexOf(_items, _items.Length, key);
        value = i >= 0 ? _items[i + 1] : null;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < _items.Length; i += 2)
        {
            yield return new KeyValuePair<string, string>(_items[i], _items[i + 1]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The index of <paramref name="key"/> among the first <paramref name="length"/> items (keys at even indexes), or -1.</summary>
    internal static int IndexOf(string[] items, int length, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < length; i += 2)
        {
            if (string.Equals(items[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
