using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Ownership;

/// <summary>
/// One ownership rule: when every condition it sets holds, the workload belongs to <see cref="Team"/>. Rules are tried
/// in order and the first match wins (<see cref="OwnerResolver"/>); a rule that sets no condition matches everything
/// (a catch-all, usually last). Values are globs ('*' any run, '?' one character, see <see cref="ImageGlob"/>).
/// </summary>
/// <param name="Team">The owning team's id.</param>
/// <param name="Namespaces">Namespace names or globs; empty = any namespace.</param>
/// <param name="NamespaceLabel">A label of the workload's namespace, <c>key=value-glob</c> (e.g. <c>team=payments</c>); null = none.</param>
/// <param name="WorkloadKey">A label key of the workload or its pod template, or a <c>kubeadvisor.io/</c> annotation key (e.g. <c>app.kubernetes.io/part-of</c>, <c>kubeadvisor.io/owner</c>); null = none.</param>
/// <param name="WorkloadValue">The glob the <paramref name="WorkloadKey"/>'s value must match; null = the key must only be present.</param>
public sealed record OwnershipRule(
    string Team,
    IReadOnlyList<string> Namespaces,
    string? NamespaceLabel = null,
    string? WorkloadKey = null,
    string? WorkloadValue = null)
{
    /// <summary>True when the workload meets every condition the rule sets.</summary>
    public bool Matches(OwnedObject target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (Namespaces.Count > 0 && !Namespaces.Any(glob => ImageGlob.IsMatch(glob, target.Namespace)))
        {
            return false;
        }

        if (NamespaceLabel is not null)
        {
            var (key, glob) = Split(NamespaceLabel);
            if (!target.NamespaceLabels.TryGetValue(key, out var value) || !ImageGlob.IsMatch(glob, value))
            {
                return false;
            }
        }

        if (WorkloadKey is not null)
        {
            var value = target.Labels.GetValueOrDefault(WorkloadKey) ?? target.Annotations.GetValueOrDefault(WorkloadKey);
            if (value is null || (WorkloadValue is not null && !ImageGlob.IsMatch(WorkloadValue, value)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Problems with the rule's texts; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Namespaces.Any(n => string.IsNullOrWhiteSpace(n) || n.Length > 253 || n.Any(char.IsWhiteSpace)))
        {
            errors.Add("Namespaces must be names or globs without spaces, at most 253 characters.");
        }

        if (NamespaceLabel is not null && (Split(NamespaceLabel).Key.Length == 0 || !NamespaceLabel.Contains('=', StringComparison.Ordinal)
            || NamespaceLabel.Length > 317))
        {
            errors.Add($"The namespace label '{NamespaceLabel}' must be key=value (the value may be a glob).");
        }

        if (WorkloadKey is not null && (WorkloadKey.Trim().Length == 0 || WorkloadKey.Length > 317 || WorkloadKey.Any(char.IsWhiteSpace)))
        {
            errors.Add("The workload label or annotation key must be a non-empty key without spaces.");
        }

        if (WorkloadValue is not null && WorkloadKey is null)
        {
            errors.Add("A workload value needs a workload key.");
        }

        return errors;
    }

    private static (string Key, string Glob) Split(string keyValue)
    {
        var at = keyValue.IndexOf('=', StringComparison.Ordinal);
        return at < 0 ? (keyValue.Trim(), "*") : (keyValue[..at].Trim(), keyValue[(at + 1)..].Trim());
    }
}
