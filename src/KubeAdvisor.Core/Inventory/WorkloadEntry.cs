namespace KubeAdvisor.Core.Inventory;

/// <summary>A top-level workload being assembled by <see cref="InventoryBuilder"/>.</summary>
internal sealed class WorkloadEntry
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    private readonly KubeObject? _object;
    private readonly string _ns;
    private readonly OwnerReference? _unknownOwner;
    private PodTemplate? _template;
    private int _templateRank = int.MinValue;

    private WorkloadEntry(KubeObject? obj, string ns, OwnerReference? unknownOwner)
    {
        _object = obj;
        _ns = ns;
        _unknownOwner = unknownOwner;
    }

    private static readonly RunningCounts NoCounts = new();
    private RunningCounts? _counts;
    private bool _countsShared;

    /// <summary>What runs, per key: the counts added so far (shared with the only pod owner added, if just one).</summary>
    public RunningCounts Counts => _counts ?? NoCounts;

    /// <summary>
    /// Adds one pod owner's counts. The first is kept as is, not copied, and copied only when a second arrives: most
    /// workloads have one pod owner (the live ReplicaSet), and at 50,000 workloads a copy each was ~6 MB more at the end of
    /// a collection, its peak (decision 0038). <paramref name="counts"/> is never changed.
    /// </summary>
    public void AddCounts(RunningCounts counts)
    {
        if (_counts is null)
        {
            _counts = counts;
            _countsShared = true;
            return;
        }

        if (_countsShared)
        {
            var own = new RunningCounts();
            own.AddAll(_counts);
            _counts = own;
            _countsShared = false;
        }

        _counts.AddAll(counts);
    }

    public static WorkloadEntry Known(KubeObject o) => new(o, o.Namespace, null);

    public static WorkloadEntry Unknown(string ns, OwnerReference owner) => new(null, ns, owner);

    /// <summary>
    /// For an owner that is not in the inventory: the template of the nearest known object below it wins, the
    /// one with the most desired replicas among several (the live ReplicaSet over stale revisions); a pod's own
    /// template only when no object lies between.
    /// </summary>
    public void OfferTemplate(KubeObject? below, PodTemplate podTemplate)
    {
        var rank = below is null ? int.MinValue + 1 : below.Replicas ?? 0;
        if (rank > _templateRank)
        {
            _templateRank = rank;
            _template = below?.Template ?? podTemplate;
        }
    }

    public Workload ToWorkload(IReadOnlyList<RunningImage> running)
    {
        if (_object is { } o)
        {
            return new Workload(o.Kind, o.Namespace, o.Name, o.Uid, o.Labels, o.Annotations, o.Template, o.Replicas,
                running);
        }

        var owner = _unknownOwner!;
        return new Workload(owner.Kind, _ns, owner.Name, owner.Uid, NoLabels, NoLabels, _template!, null, running);
    }
}
