using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Evaluation;

/// <summary>
/// The <c>kubeadvisor.io/exempt</c> annotation on a workload or its pod template: <c>"true"</c> exempts from every
/// policy, otherwise a comma-separated list of policy ids. Both places count (union).
/// </summary>
public sealed class ExemptAnnotation
{
    /// <summary>The annotation key.</summary>
    public const string Key = "kubeadvisor.io/exempt";

    private readonly HashSet<string>? _ids;

    private ExemptAnnotation(bool all, HashSet<string>? ids)
    {
        All = all;
        _ids = ids;
    }

    /// <summary>Exempt from every policy.</summary>
    public bool All { get; }

    /// <summary>The annotation of a workload; null when neither the object nor its template carries it.</summary>
    public static ExemptAnnotation? Of(Workload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        workload.Annotations.TryGetValue(Key, out var onObject);
        workload.Template.Annotations.TryGetValue(Key, out var onTemplate);
        if (onObject is null && onTemplate is null)
        {
            return null;
        }

        var all = false;
        HashSet<string>? ids = null;
        foreach (var value in new[] { onObject, onTemplate })
        {
            if (value is null)
            {
                continue;
            }

            if (value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                all = true;
                continue;
            }

            foreach (var id in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                (ids ??= new HashSet<string>(StringComparer.Ordinal)).Add(id);
            }
        }

        return new ExemptAnnotation(all, ids);
    }

    /// <summary>True when the policy is exempt by this annotation.</summary>
    public bool Exempts(string policyId) => All || (_ids?.Contains(policyId) ?? false);
}
