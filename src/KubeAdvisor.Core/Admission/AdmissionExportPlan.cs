using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Admission;

/// <summary>Which of a cluster's enabled policies the ValidatingAdmissionPolicy export carries, and which it cannot.</summary>
/// <param name="Included">Enabled, expressible and at or above the minimum severity: in the export, with the cluster's severity.</param>
/// <param name="NotExpressible">Every policy CEL cannot express, whether the cluster enables it, with the reason.</param>
public sealed record AdmissionExportPlan(
    IReadOnlyList<(PolicyDescriptor Policy, Severity Severity)> Included,
    IReadOnlyList<(PolicyDescriptor Policy, bool Enabled, string Reason)> NotExpressible)
{
    /// <summary>The plan for a cluster's settings; <paramref name="minSeverity"/> leaves out lower severities.</summary>
    public static AdmissionExportPlan For(ClusterPolicySettings settings, Severity? minSeverity = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var included = PolicyCatalog.Descriptors
            .Where(d => CelPolicies.IsExpressible(d.Id) && settings.IsEnabled(d) && settings.SeverityOf(d) >= (minSeverity ?? Severity.Info))
            .Select(d => (d, settings.SeverityOf(d)))
            .ToList();
        var notExpressible = PolicyCatalog.Descriptors
            .Where(d => CelPolicies.NotExpressible.ContainsKey(d.Id))
            .Select(d => (d, settings.IsEnabled(d), CelPolicies.NotExpressible[d.Id]))
            .ToList();
        return new AdmissionExportPlan(included, notExpressible);
    }
}
