using KubeAdvisor.Web.Features.Findings;

namespace KubeAdvisor.Web.Features.Reports;

/// <summary>
/// What a cluster's reports rest on besides its open findings: the cluster, its last succeeded scan and that scan's
/// namespace × policy tallies (the only place passed and exempt checks are stored, as counts).
/// </summary>
/// <param name="Namespace">Only this namespace's report (null: every namespace and the ClusterReport).</param>
public sealed record ReportBasis(Guid ClusterId, string ClusterName, LastSucceededScan Last, IReadOnlyList<PolicyTally> Tallies, string? Namespace);
