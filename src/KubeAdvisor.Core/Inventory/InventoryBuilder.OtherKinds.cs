namespace KubeAdvisor.Core.Inventory;

/// <summary>
/// The kinds that are not workloads and own no pods: PodDisruptionBudgets, ServiceAccounts, HorizontalPodAutoscalers,
/// NetworkPolicies, PriorityClasses (cluster-scoped: namespace "") and the objects that can be subjects of findings (decision 0033). Each is kept by its namespace and
/// name (and kind), the last one added wins, and the snapshot lists them by namespace, then name.
/// </summary>
public sealed partial class InventoryBuilder
{
    private readonly Dictionary<(string Ns, string Name), PodDisruptionBudget> _pdbs = [];
    private readonly Dictionary<(string Ns, string Name), ServiceAccount> _serviceAccounts = [];
    private readonly Dictionary<(string Ns, string Name), HorizontalPodAutoscaler> _autoscalers = [];
    private readonly Dictionary<(string Ns, string Name), NetworkPolicy> _networkPolicies = [];
    private readonly Dictionary<(string Ns, string Name), PriorityClass> _priorityClasses = [];
    private readonly Dictionary<(string Kind, string Ns, string Name), InventoryObject> _subjects = [];

    /// <summary>Adds a PodDisruptionBudget; one with the same namespace and name replaces it.</summary>
    public void AddPodDisruptionBudget(PodDisruptionBudget pdb)
    {
        ArgumentNullException.ThrowIfNull(pdb);
        _pdbs[(pdb.Namespace, pdb.Name)] = pdb;
    }

    /// <summary>Adds a ServiceAccount; one with the same namespace and name replaces it.</summary>
    public void AddServiceAccount(ServiceAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _serviceAccounts[(account.Namespace, account.Name)] = account;
    }

    /// <summary>Adds a HorizontalPodAutoscaler; one with the same namespace and name replaces it.</summary>
    public void AddHorizontalPodAutoscaler(HorizontalPodAutoscaler autoscaler)
    {
        ArgumentNullException.ThrowIfNull(autoscaler);
        _autoscalers[(autoscaler.Namespace, autoscaler.Name)] = autoscaler;
    }

    /// <summary>Adds a NetworkPolicy; one with the same namespace and name replaces it.</summary>
    public void AddNetworkPolicy(NetworkPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _networkPolicies[(policy.Namespace, policy.Name)] = policy;
    }

    /// <summary>Adds a PriorityClass; one with the same name replaces it.</summary>
    public void AddPriorityClass(PriorityClass priorityClass)
    {
        ArgumentNullException.ThrowIfNull(priorityClass);
        _priorityClasses[("", priorityClass.Name)] = priorityClass;
    }

    /// <summary>
    /// Adds an object that is not a workload (an Ingress, a Role, …; decision 0033); one of the same kind, namespace and
    /// name replaces it.
    /// </summary>
    public void AddObject(InventoryObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        _subjects[(obj.Kind, obj.Namespace, obj.Name)] = obj;
    }

    // The snapshot with these kinds' lists, each in (namespace, name) order; objects then by kind, so the order is total.
    private ClusterSnapshot WithOtherKinds(ClusterSnapshot snapshot) => snapshot with
    {
        ServiceAccounts = InOrder(_serviceAccounts),
        HorizontalPodAutoscalers = InOrder(_autoscalers),
        NetworkPolicies = InOrder(_networkPolicies),
        Ingresses = Subjects<Ingress>(),
        Roles = Subjects<RbacRole>(),
        RoleBindings = Subjects<RbacBinding>(),
        ConfigMaps = Subjects<ConfigMap>(),
        PriorityClasses = InOrder(_priorityClasses),
    };

    // By the key each is kept under, which is its own namespace and name.
    private static List<T> InOrder<T>(Dictionary<(string Ns, string Name), T> items) =>
        items.OrderBy(i => i.Key.Ns, StringComparer.Ordinal).ThenBy(i => i.Key.Name, StringComparer.Ordinal).Select(i => i.Value).ToList();

    private List<T> Subjects<T>() where T : InventoryObject =>
        _subjects.Values.OfType<T>()
            .OrderBy(o => o.Namespace, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal).ThenBy(o => o.Kind, StringComparer.Ordinal)
            .ToList();
}
