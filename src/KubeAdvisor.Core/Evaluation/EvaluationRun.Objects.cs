using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Evaluation;

/// <summary>The objects that are not workloads (decision 0033): judged after the workloads, one check per object policy.</summary>
internal sealed partial class EvaluationRun
{
    private readonly InventoryObject[] _objects = OrderedObjects(snapshot);

    // Same order as workloads: namespace (cluster-scoped objects, namespace "", first), name, kind, uid.
    private static InventoryObject[] OrderedObjects(ClusterSnapshot snapshot)
    {
        var ordered = snapshot.Objects.ToArray();
        Array.Sort(ordered, static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Namespace, b.Namespace);
            c = c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
            c = c != 0 ? c : string.CompareOrdinal(a.Kind, b.Kind);
            return c != 0 ? c : string.CompareOrdinal(a.Key, b.Key);
        });
        return ordered;
    }

    private void EvaluateObjects(TallyList tallies)
    {
        if (_objects.Length == 0 || !Array.Exists(plan, p => p.Object is not null))
        {
            return;
        }

        for (var o = 0; o < _objects.Length; o++)
        {
            var obj = _objects[o];
            // Namespace exclusions apply to namespaced objects; the kubeadvisor.io/exempt annotation is read on workloads
            // only (objects carry no annotations in the inventory): an object is exempted by an exception (decision 0023).
            var excluded = !obj.IsClusterScoped && _excluded.Contains(obj.Namespace);
            var context = new ObjectContext(obj, snapshot, _parameters);
            for (var i = 0; i < plan.Length; i++)
            {
                if (plan[i].Object is not { } policy)
                {
                    continue;
                }

                _passed[i] = _failed[i] = _exempt[i] = 0;
                var result = policy.Evaluate(in context);
                if (result.Applies && Count(i, result, excluded, ObjectRule(i, obj)))
                {
                    AddFinding(i, result, obj.Key, obj.Kind, obj.Namespace, obj.Name, null, null);
                }

                if (_passed[i] + _failed[i] + _exempt[i] > 0)
                {
                    tallies.Add(_ordered.Length + o, i, _passed[i], _failed[i], _exempt[i]);
                }
            }
        }
    }

    // The first approved exception that covers this policy on this object; a scope narrowed to containers never does.
    private ExceptionRule? ObjectRule(int policy, InventoryObject obj)
    {
        foreach (var rule in exceptions.Active)
        {
            if (!rule.Scope.IsContainerScoped && rule.Covers(plan[policy].Id) && rule.Scope.MatchesWorkload(obj.Namespace, obj.Kind, obj.Name))
            {
                return rule;
            }
        }

        return null;
    }
}
