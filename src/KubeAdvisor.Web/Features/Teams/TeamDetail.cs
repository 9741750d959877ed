using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Scoring;
using KubeAdvisor.Web.Features.Dashboard;

namespace KubeAdvisor.Web.Features.Teams;

/// <summary>What the team page shows: its score, open findings by policy, worst workloads, this week and members.</summary>
/// <param name="Workloads">Its workloads present in the last succeeded scans.</param>
/// <param name="CleanWorkloads">Of those, the ones without an open high or critical finding.</param>
/// <param name="IntroducedThisWeek">Its findings first seen in the last 7 days (open or since resolved).</param>
/// <param name="FixedThisWeek">Its findings resolved in the last 7 days.</param>
/// <param name="Trend">Per day, the score over the same namespaces as <see cref="Score"/>.</param>
public sealed record TeamDetail(
    Guid Id, string Name, IReadOnlyList<string> Members, int Workloads, int OpenFindings, TeamScore Score, int CleanWorkloads,
    IReadOnlyList<TeamPolicyCount> ByPolicy, IReadOnlyList<TeamWorkloadRisk> Worst, int IntroducedThisWeek, int FixedThisWeek,
    IReadOnlyList<TrendPoint> Trend);

/// <summary>
/// The team's score by docs/scoring.md, pooled over the namespaces it owns wholly (every present workload there is
/// the team's): the scans store check weights per namespace, not per workload, so a namespace shared with another owner
/// cannot be split exactly and is left out. <see cref="CoveredWorkloads"/> of the team's workloads are in the scored namespaces.
/// </summary>
/// <param name="Score">Rounded down as everywhere; null when the team owns no namespace wholly.</param>
/// <param name="Namespaces">(cluster, namespace) pairs scored.</param>
/// <param name="SharedNamespaces">Namespaces where the team owns some workloads but not all (not scored).</param>
public sealed record TeamScore(int? Score, Grade Grade, int Namespaces, int CoveredWorkloads, int SharedNamespaces);

/// <summary>A policy the team's open findings fail, with how many and the most severe of them.</summary>
public sealed record TeamPolicyCount(string PolicyId, Severity Severity, int Open);

/// <summary>A workload of the team by its open findings, weighted by severity as the score weighs them.</summary>
public sealed record TeamWorkloadRisk(Guid ClusterId, string ClusterName, Guid WorkloadId, string Namespace, string Kind, string Name, int Open, int Weight);
