using KubeAdvisor.Core.Admission;

namespace KubeAdvisor.Core.Inventory;

/// <summary>
/// The immutable inventory of one cluster at one moment: what the collector (kubeconfig scans) and the
/// agent both produce, and the only input of the evaluator.
/// </summary>
/// <param name="SnapshotId">Unique id of this snapshot (the agent's idempotency key; a scan sets its own).</param>
/// <param name="CollectedAt">When collection finished (UTC).</param>
/// <param name="KubernetesVersion">The API server's gitVersion, when known.</param>
/// <param name="Namespaces">Every namespace of the cluster.</param>
/// <param name="Workloads">Top-level workloads after owner resolution.</param>
/// <param name="PodDisruptionBudgets">PodDisruptionBudgets, for the reliability policies.</param>
public sealed record ClusterSnapshot(
    string SnapshotId,
    DateTimeOffset CollectedAt,
    string? KubernetesVersion,
    IReadOnlyList<string> Namespaces,
    IReadOnlyList<Workload> Workloads,
    IReadOnlyList<PodDisruptionBudget> PodDisruptionBudgets)
{
    // The listed kinds that neither are workloads nor attribute pods to one: without them, what runs is still known.
    private static readonly HashSet<string> NotWorkloads =
        new(["PodDisruptionBudget", "ServiceAccount", "HorizontalPodAutoscaler", "NetworkPolicy", "PriorityClass", .. ObjectKinds.All], StringComparer.Ordinal);

    /// <summary>
    /// Kinds that could not be listed (empty for a complete snapshot). Workloads of these kinds are not in
    /// <see cref="Workloads"/>, and policies that need one of them are not evaluated. Optional on the wire, so the
    /// payloads of agents that predate it stay valid (the wire format's reader sets an absent member to null, read as empty).
    /// </summary>
    public IReadOnlyList<UnavailableKind> Unavailable
    {
        get => _unavailable ?? [];
        init => _unavailable = value;
    }

    private readonly IReadOnlyList<UnavailableKind>? _unavailable;

    /// <summary>The cluster's ServiceAccounts (empty when they were not listed, e.g. in an older agent's snapshot).</summary>
    public IReadOnlyList<ServiceAccount> ServiceAccounts
    {
        get => _serviceAccounts ?? [];
        init => _serviceAccounts = value;
    }

    private readonly IReadOnlyList<ServiceAccount>? _serviceAccounts;

    /// <summary>
    /// Labels of the namespaces that have any, by namespace name, for ownership rules (empty in an older agent's
    /// snapshot). Only labels: namespace annotations are not read.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> NamespaceLabels
    {
        get => _namespaceLabels ?? EmptyLabels;
        init => _namespaceLabels = value;
    }

    private static readonly Dictionary<string, IReadOnlyDictionary<string, string>> EmptyLabels = new(StringComparer.Ordinal);

    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? _namespaceLabels;

    /// <summary>The cluster's HorizontalPodAutoscalers (empty when they were not listed, e.g. in an older agent's snapshot).</summary>
    public IReadOnlyList<HorizontalPodAutoscaler> HorizontalPodAutoscalers
    {
        get => _autoscalers ?? [];
        init => _autoscalers = value;
    }

    private readonly IReadOnlyList<HorizontalPodAutoscaler>? _autoscalers;

    /// <summary>The cluster's NetworkPolicies (empty when none exist or they were not listed).</summary>
    public IReadOnlyList<NetworkPolicy> NetworkPolicies
    {
        get => _networkPolicies ?? [];
        init => _networkPolicies = value;
    }

    private readonly IReadOnlyList<NetworkPolicy>? _networkPolicies;

    /// <summary>The cluster's Ingresses (empty when none exist or they were not listed).</summary>
    public IReadOnlyList<Ingress> Ingresses
    {
        get => _ingresses ?? [];
        init => _ingresses = value;
    }

    private readonly IReadOnlyList<Ingress>? _ingresses;

    /// <summary>
    /// Every object that can be the subject of a finding without being a workload (decision 0033), ordered by kind,
    /// namespace, name and uid. Computed (not written to the wire).
    /// </summary>
    public IEnumerable<InventoryObject> Objects => ObjectLists.SelectMany(static list => list);

    /// <summary>How many <see cref="Objects"/> there are, without enumerating them.</summary>
    public int ObjectCount => ObjectLists.Sum(static list => list.Count);

    // The one place that says which lists hold the objects and in what order.
    private IReadOnlyList<InventoryObject>[] ObjectLists => [Ingresses, Roles, RoleBindings, ConfigMaps];

    /// <summary>
    /// The cluster's ConfigMaps, each with only its secret-looking keys and why (decision 0037); empty when none exist or
    /// they were not listed (listing them is opt-in).
    /// </summary>
    public IReadOnlyList<ConfigMap> ConfigMaps
    {
        get => _configMaps ?? [];
        init => _configMaps = value;
    }

    private readonly IReadOnlyList<ConfigMap>? _configMaps;

    /// <summary>
    /// The cluster's PriorityClasses (empty when they were not listed, e.g. in an older agent's snapshot or a manifest set
    /// without any: a real cluster always has system-cluster-critical and system-node-critical).
    /// </summary>
    public IReadOnlyList<PriorityClass> PriorityClasses
    {
        get => _priorityClasses ?? [];
        init => _priorityClasses = value;
    }

    private readonly IReadOnlyList<PriorityClass>? _priorityClasses;

    /// <summary>The cluster's Roles and ClusterRoles (empty when none were listed).</summary>
    public IReadOnlyList<RbacRole> Roles
    {
        get => _roles ?? [];
        init => _roles = value;
    }

    private readonly IReadOnlyList<RbacRole>? _roles;

    /// <summary>The cluster's RoleBindings and ClusterRoleBindings (empty when none were listed).</summary>
    public IReadOnlyList<RbacBinding> RoleBindings
    {
        get => _roleBindings ?? [];
        init => _roleBindings = value;
    }

    private readonly IReadOnlyList<RbacBinding>? _roleBindings;

    /// <summary>
    /// What the agent's admission webhook decided since its previous snapshot (empty when it is off, and in the payload of
    /// an agent that predates it; the member is optional on the wire). Not inventory: the server stores the counts
    /// (admission_decisions) when it accepts the snapshot, so a replayed snapshot is not counted twice.
    /// </summary>
    public IReadOnlyList<AdmissionDecisionCount> AdmissionDecisions
    {
        get => _admissionDecisions ?? [];
        init => _admissionDecisions = value;
    }

    private readonly IReadOnlyList<AdmissionDecisionCount>? _admissionDecisions;

    /// <summary>
    /// Whether the snapshot carries a NetworkPolicy list at all (possibly empty). False for the payload of an agent that
    /// predates NetworkPolicies (the member is absent): "no NetworkPolicy" would then fail every workload, while the
    /// truth is unknown. Not written to the wire (computed).
    /// </summary>
    public bool HasNetworkPolicyList => _networkPolicies is not null;

    /// <summary>Whether the list of <paramref name="resource"/> (as RBAC spells it) was not read.</summary>
    public bool IsUnavailable(string resource) => Unavailable.Any(u => u.Resource == resource);

    /// <summary>
    /// Whether every workload kind was listed (only kinds that are not workloads, such as PodDisruptionBudgets, if
    /// anything, are missing): only then does a workload or a running digest absent from the snapshot mean that it stopped.
    /// </summary>
    public bool RunningComplete => Unavailable.All(u => NotWorkloads.Contains(u.Kind));

    /// <summary>
    /// This snapshot with <paramref name="unavailable"/> as its unavailable kinds, less the workloads of those kinds:
    /// what was read of such a kind before its list failed, or inferred from its pods' owner references, is partial
    /// (no labels, annotations or template of its own) and must not be judged or stored as the workload's state.
    /// </summary>
    public ClusterSnapshot WithUnavailable(IReadOnlyList<UnavailableKind> unavailable)
    {
        ArgumentNullException.ThrowIfNull(unavailable);
        if (unavailable.Count == 0)
        {
            return this with { Unavailable = [] };
        }

        var kinds = unavailable.Select(u => u.Kind).ToHashSet(StringComparer.Ordinal);
        var result = this with
        {
            Workloads = Workloads.Where(w => !kinds.Contains(w.Kind)).ToList(),
            PodDisruptionBudgets = kinds.Contains("PodDisruptionBudget") ? [] : PodDisruptionBudgets,
            ServiceAccounts = kinds.Contains("ServiceAccount") ? [] : ServiceAccounts,
            HorizontalPodAutoscalers = kinds.Contains("HorizontalPodAutoscaler") ? [] : HorizontalPodAutoscalers,
            Ingresses = kinds.Contains(ObjectKinds.Ingress) ? [] : Ingresses,
            Roles = Roles.Where(r => !kinds.Contains(r.Kind)).ToList(),
            RoleBindings = RoleBindings.Where(b => !kinds.Contains(b.Kind)).ToList(),
            ConfigMaps = kinds.Contains(ObjectKinds.ConfigMap) ? [] : ConfigMaps,
            PriorityClasses = kinds.Contains("PriorityClass") ? [] : PriorityClasses,
            Unavailable = unavailable,
        };

        // Assigned only when unavailable, so an absent list (an older agent's payload) stays absent.
        return kinds.Contains("NetworkPolicy") ? result with { NetworkPolicies = [] } : result;
    }
}
