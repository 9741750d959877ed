namespace KubeAdvisor.Core.Inventory;

/// <summary>
/// Pods per <see cref="RunningImageKey"/> of one owner or workload. Most run one container image at one revision, so the
/// counts are a short array searched in order (one key: ~90 bytes) rather than a dictionary each (~310 bytes): the
/// builder holds one per pod owner while collecting and one per workload while building, 50,000 of each in a large
/// cluster (agent footprint, docs/benchmarks.md). Past <see cref="MaxLinear"/> keys it switches to a dictionary, so
/// an owner with many digests or revisions is not counted in quadratic time.
/// </summary>
internal sealed class RunningCounts
{
    private const int MaxLinear = 8;
    private (RunningImageKey Key, int Pods)[] _items = [];
    private int _length;
    private Dictionary<RunningImageKey, int>? _map;

    /// <summary>Distinct keys.</summary>
    public int Count => _map?.Count ?? _length;

    /// <summary>Adds <paramref name="pods"/> pods to <paramref name="key"/>'s count.</summary>
    public void Add(RunningImageKey key, int pods)
    {
        if (_map is not null)
        {
            _map[key] = _map.GetValueOrDefault(key) + pods;
            return;
        }

        for (var i = 0; i < _length; i++)
        {
            if (_items[i].Key == key)
            {
                _items[i].Pods += pods;
                return;
            }
        }

        if (_length == MaxLinear)
        {
            _map = new Dictionary<RunningImageKey, int>(2 * MaxLinear);
            foreach (var (k, n) in _items)
            {
                _map[k] = n;
            }

            _items = [];
            _length = 0;
            _map[key] = pods;
            return;
        }

        if (_length == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(1, _length * 2));
        }

        _items[_length++] = (key, pods);
    }

    /// <summary>Adds every count of <paramref name="other"/>.</summary>
    public void AddAll(RunningCounts other)
    {
        foreach (var (k, n) in other.All())
        {
            Add(k, n);
        }
    }

    /// <summary>Every key with its count, in no particular order.</summary>
    public IEnumerable<(RunningImageKey Key, int Pods)> All()
    {
        if (_map is not null)
        {
            foreach (var (k, n) in _map)
            {
                yield return (k, n);
            }

            yield break;
        }

        for (var i = 0; i < _length; i++)
        {
            yield return _items[i];
        }
    }
}
