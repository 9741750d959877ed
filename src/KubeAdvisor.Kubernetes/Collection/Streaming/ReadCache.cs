using System.Text.Json;
using k8s.Models;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>
/// What one collection shares across its list items, each bounded:
/// <list type="bullet">
/// <item>Quantities. The typed path kept them as <see cref="ResourceQuantity"/> and the mapping wrote their canonical
/// form ("0.5" → "500m", "1024Mi" → "1Gi"). Canonicalizing costs ~10 µs, and clusters repeat a handful of values,
/// so each distinct text is canonicalized once per collection (and the result shared). Absurd texts are refused
/// before parsing: <see cref="ResourceQuantity"/> takes minutes on "1e99999", and the cluster behind an uploaded
/// kubeconfig is not trusted.</item>
/// <item>Repeated strings: label keys and values, namespaces, owner kinds, container names, images and image ids
/// recur across thousands of objects (every pod of a Deployment repeats its labels, image and digest). One instance
/// per distinct text keeps the inventory of a large cluster several MB smaller (agent footprint, docs/benchmarks/history.md).</item>
/// <item>Requests and limits: one <see cref="ResourceRequirements"/> per distinct set (decision 0038).</item>
/// </list>
/// </summary>
internal sealed class ReadCache
{
    private const int MaxQuantities = 4096;
    private const int MaxStrings = 65_536;
    private const int MaxPooledLength = 256;
    private readonly Dictionary<string, string> _canonical = new(StringComparer.Ordinal);
    private readonly Dictionary<ResourceRequirements, ResourceRequirements> _resources = [];
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _byChars;
    private readonly string[] _pairs = new string[2 * SmallMap.MaxEntries]; // SharedMap's scratch: one page is read at a time

    public ReadCache() => _byChars = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The canonical form of a quantity text.</summary>
    /// <exception cref="FormatException">The text is not a plausible quantity.</exception>
    public string Quantity(string text)
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
        if (_canonical.Count < MaxQuantities)
        {
            _canonical[text] = canonical;
        }

        return canonical;
    }

    /// <summary>
    /// One instance per distinct set of requests and limits: clusters repeat a handful (a chart's defaults), and every
    /// container of the snapshot holds one (50,000 at 50,000 workloads; decision 0038). Past the bound, unshared.
    /// </summary>
    public ResourceRequirements Shared(ResourceRequirements resources)
    {
        if (_resources.TryGetValue(resources, out var known))
        {
            return known;
        }

        if (_resources.Count < MaxQuantities)
        {
            _resources.Add(resources, resources);
        }

        return resources;
    }

    /// <summary>A string array of repeated vocabulary (policy types, RBAC verbs), each shared; null when the value is not an array.</summary>
    public List<string>? SharedList(ref Utf8JsonReader r)
    {
        if (!JsonRead.IsArray(ref r))
        {
            return null;
        }

        var list = new List<string>(2);
        while (JsonRead.NextElement(ref r))
        {
            if (Shared(ref r) is { } value)
            {
                list.Add(value);
            }
        }

        return list;
    }

    /// <summary>
    /// The string value or property name the reader is on (null for JSON null), the same instance for the same text; long values and
    /// values past the bound are returned unshared.
    /// </summary>
    public string? Shared(ref Utf8JsonReader r)
    {
        if (r.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
        {
            return JsonRead.String(ref r);
        }

        // escaped or not, the UTF-8 length bounds the number of chars
        var length = r.HasValueSequence ? r.ValueSequence.Length : r.ValueSpan.Length;
        if (length > MaxPooledLength)
        {
            return r.GetString();
        }

        Span<char> buffer = stackalloc char[MaxPooledLength];
        var chars = buffer[..r.CopyString(buffer)];
        if (_byChars.TryGetValue(chars, out var known))
        {
            return known;
        }

        var text = new string(chars);
        if (_strings.Count < MaxStrings)
        {
            _strings.Add(text);
        }

        return text;
    }

    /// <summary>
    /// A string → string object with shared keys and values (a later duplicate key replaces the value, as a dictionary
    /// does); null when the value is null. Up to <see cref="SmallMap.MaxEntries"/> entries it is a <see cref="SmallMap"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string>? SharedMap(ref Utf8JsonReader r)
    {
        if (!JsonRead.IsObject(ref r))
        {
            return null;
        }

        var items = _pairs;
        var length = 0;
        Dictionary<string, string>? large = null;
        while (JsonRead.NextProperty(ref r))
        {
            var key = Shared(ref r)!;
            JsonRead.Next(ref r);
            var value = Shared(ref r)!;
            if (large is not null)
            {
                large[key] = value;
            }
            else if (SmallMap.IndexOf(items, length, key) is var at and >= 0)
            {
                items[at + 1] = value;
            }
            else if (length < items.Length)
            {
                items[length++] = key;
                items[length++] = value;
            }
            else
            {
                large = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < length; i += 2)
                {
                    large[items[i]] = items[i + 1];
                }

                large[key] = value;
            }
        }

        var map = large ?? (IReadOnlyDictionary<string, string>)new SmallMap(items.AsSpan(0, length).ToArray());
        Array.Clear(items, 0, length);
        return map;
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
