using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Scoring;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.ClusterDetail;

/// <summary>One cluster: header and connection, score of its latest successful scan, namespaces, policies, scans.</summary>
public sealed class ClusterDetailQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory)
{
    public const int ScanHistoryLength = 20;

    public sealed record Header(
        Guid Id, string Name, bool IsDemo, ConnectionType Connection, string? ServerUrl, string? Context,
        string? KubernetesVersion, int IntervalMinutes, DateTimeOffset? LastScanAt, DateTimeOffset? AgentLastContactAt,
        int? Score, Grade Grade, int OpenFindings)
    {
        /// <summary>Agent clusters: the version the agent reported.</summary>
        public string? AgentVersion { get; init; }

        /// <summary>Agent clusters: the push interval, for the offline rule (3 missed intervals).</summary>
        public int AgentIntervalMinutes { get; init; }

        /// <summary>Agent clusters: whether a token is active (false after revoke).</summary>
        public bool AgentTokenActive { get; init; }
    }

    public sealed record NamespaceRow(string Name, int? Score, Grade Grade, int OpenFindings, string? WorstPolicy);

    public sealed record PolicyRow(string PolicyId, Severity MaxSeverity, int OpenFindings);

    public sealed record ScanRow(
        Guid Id, ScanTrigger Trigger, ScanStatus Status, string? RequestedBy, DateTimeOffset QueuedAt,
        DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, int Workloads, int Checks, int Failed, int Exempt,
        int Introduced, int Fixed, double? Score, string? Error, string? UnavailableKinds = null);

    public sealed record Data(Header Cluster, IReadOnlyList<NamespaceRow> Namespaces, IReadOnlyList<PolicyRow> Policies, IReadOnlyList<ScanRow> Scans);

    /// <summary>null when there is no such cluster.</summary>
    public async Task<Data?> LoadAsync(Guid clusterId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Clusters.AsNoTracking().Where(x => x.Id == clusterId)
            .Select(x => new
            {
                x.Id, x.Name, x.IsDemo, x.ConnectionType, x.ServerUrl, x.Context, x.KubernetesVersion,
                x.ScanIntervalMinutes, x.LastScanAt, x.AgentLastContactAt, x.LastSucceededScanId,
                x.AgentVersion, x.AgentIntervalMinutes, AgentTokenActive = x.AgentTokenHash != null,
            })
            .FirstOrDefaultAsync(ct);
        if (c is null)
        {
            return null;
        }

        var samples = c.LastSucceededScanId is { } scanId
            ? await db.ScoreSamples.AsNoTracking().Where(s => s.ScanId == scanId)
                .Select(s => new { s.Namespace, s.PassedWeight, s.FailedWeight }).ToListAsync(ct)
            : [];
        var summaries = c.LastSucceededScanId is { } sid
            ? await db.ScanSummaries.AsNoTracking().Where(s => s.ScanId == sid && s.Failed > 0)
                .Select(s => new { s.Namespace, s.PolicyId, s.Severity, s.Failed }).ToListAsync(ct)
            : [];
        // Cluster-scoped objects (namespace "") have no score sample ("" is the cluster's): their score comes from the summaries.
        var clusterScoped = c.LastSucceededScanId is { } csid
            ? await db.ScanSummaries.AsNoTracking().Where(s => s.ScanId == csid && s.Namespace == "")
                .Select(s => new { s.Severity, s.Passed, s.Failed }).ToListAsync(ct)
            : [];
        var openByNamespace = await db.Findings.AsNoTracking()
            .Where(f => f.ClusterId == clusterId && f.IsOpen)
            .GroupBy(f => f.Namespace)
            .Select(g => new { Namespace = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Namespace, g => g.Count, ct);
        var policies = await db.Findings.AsNoTracking()
            .Where(f => f.ClusterId == clusterId && f.IsOpen)
            .GroupBy(f => f.PolicyId)
            .Select(g => new PolicyRow(g.Key, g.Max(f => f.Severity), g.Count()))
            .ToListAsync(ct);
        var scans = await db.Scans.AsNoTracking()
            .Where(s => s.ClusterId == clusterId)
            .OrderByDescending(s => s.QueuedAt)
            .Take(ScanHistoryLength)
            .Select(s => new ScanRow(s.Id, s.Trigger, s.Status, s.RequestedBy, s.QueuedAt, s.StartedAt, s.FinishedAt,
                s.Workloads, s.Checks, s.Failed, s.Exempt, s.Introduced, s.Fixed, s.Score, s.Error, s.UnavailableKinds))
            .ToListAsync(ct);

        var cluster = samples.FirstOrDefault(s => s.Namespace == "");
        var weights = samples.Where(s => s.Namespace != "").ToDictionary(s => s.Namespace, s => (Passed: s.PassedWeight, Failed: s.FailedWeight));
        if (clusterScoped.Count > 0)
        {
            weights[""] = ClusterScope.Weights(clusterScoped.Select(s => (s.Severity, s.Passed, s.Failed)));
        }

        var names = weights.Keys.Union(openByNamespace.Keys);
        var namespaces = names.Select(ns =>
        {
            var sample = weights.TryGetValue(ns, out var w) ? new { PassedWeight = w.Passed, FailedWeight = w.Failed } : null;
            var worst = summaries.Where(s => s.Namespace == ns)
                .OrderByDescending(s => s.Failed * Scores.WeightOf(s.Severity)).ThenByDescending(s => s.Failed)
                .Select(s => s.PolicyId).FirstOrDefault();
            return new NamespaceRow(ns,
                sample is null ? null : Scores.Whole(sample.PassedWeight, sample.FailedWeight),
                sample is null ? Grade.A : Scores.GradeOf(sample.PassedWeight, sample.FailedWeight),
                openByNamespace.GetValueOrDefault(ns), worst);
        }).OrderBy(n => n.Score ?? 101).ThenBy(n => n.Name, StringComparer.Ordinal).ToList();

        var header = new Header(c.Id, c.Name, c.IsDemo, c.ConnectionType, c.ServerUrl, c.Context, c.KubernetesVersion,
            c.ScanIntervalMinutes, c.LastScanAt, c.AgentLastContactAt,
            cluster is null ? null : Scores.Whole(cluster.PassedWeight, cluster.FailedWeight),
            cluster is null ? Grade.A : Scores.GradeOf(cluster.PassedWeight, cluster.FailedWeight),
            openByNamespace.Values.Sum())
        {
            AgentVersion = c.AgentVersion, AgentIntervalMinutes = c.AgentIntervalMinutes, AgentTokenActive = c.AgentTokenActive,
        };
        return new Data(header,
            namespaces,
            policies.OrderByDescending(p => p.MaxSeverity).ThenByDescending(p => p.OpenFindings).ToList(),
            scans);
    }
}
