namespace KubeAdvisor.Core.Policies;

/// <summary>
/// Base of a policy judged once per object that is not a workload (<see cref="Inventory.InventoryObject"/>: an Ingress, a
/// Role, a ClusterRoleBinding, …). Every object of the snapshot is offered; return <see cref="CheckResult.NotApplicable"/>
/// for the kinds the policy does not judge (no check is counted). A finding's subject is the object (decision 0033).
/// </summary>
public abstract class ObjectPolicy : IPolicy
{
    /// <inheritdoc />
    public abstract PolicyDescriptor Descriptor { get; }

    /// <inheritdoc />
    public PolicyScope Scope => PolicyScope.Object;

    /// <summary>Judges one object. Pure and cheap; allocate only for a failure message.</summary>
    public abstract CheckResult Evaluate(in ObjectContext context);
}
