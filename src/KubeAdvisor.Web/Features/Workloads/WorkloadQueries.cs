using System.Text.Json;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Scans;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Workloads;

/// <summary>One workload: its containers and annotations as last seen, and its findings (open first).</summary>
public sealed class WorkloadQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory)
{
    public const int ResolvedShown = 20;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record ContainerRow(string Name, string Type, string Image, string? ImagePullPolicy);

    public sealed record FindingRow(
        long Id, string? Container, string? ContainerType, string? Image, string PolicyId, int Severity, string Message,
        string Remediation, bool IsOpen, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, DateTimeOffset? ResolvedAt);

    public sealed record Data(
        Guid Id, Guid ClusterId, string ClusterName, string Kind, string Namespace, string Name, int? Replicas,
        DateTimeOffset FirstSeen, DateTimeOffset LastSeen, DateTimeOffset? GoneAt,
        IReadOnlyDictionary<string, string> Annotations, IReadOnlyList<ContainerRow> Containers, IReadOnlyList<FindingRow> Findings);

    /// <summary>null when the workload does not exist in that cluster.</summary>
    public async Task<Data?> LoadAsync(Guid clusterId, Guid workloadId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var w = await db.Workloads.AsNoTracking()
            .Where(x => x.Id == workloadId && x.ClusterId == clusterId)
            .Select(x => new
            {
                x.Id, x.ClusterId, ClusterName = db.Clusters.Where(c => c.Id == x.ClusterId).Select(c => c.Name).First(),
                x.Kind, x.Namespace, x.Name, x.Replicas, x.FirstSeen, x.LastSeen, x.GoneAt, x.AnnotationsJson, x.ContainersJson,
            })
            .FirstOrDefaultAsync(ct);
        if (w is null)
        {
            return null;
        }

        // Present workloads and open findings were last seen by the cluster's last succeeded scan (LastSucceededScan).
        var last = await LastSucceededScan.LoadAsync(db, clusterId, ct) ?? new LastSucceededScan(null, null);
        var findings = db.Findings.AsNoTracking().Where(f => f.WorkloadId == workloadId);
        var open = (await Project(findings.Where(f => f.IsOpen)
            .OrderByDescending(f => f.Severity).ThenBy(f => f.Container).ThenBy(f => f.PolicyId))
            .ToListAsync(ct)).Select(f => f with { LastSeen = last.SeenAt(f.LastSeen) });
        var resolved = await Project(findings.Where(f => !f.IsOpen)
            .OrderByDescending(f => f.ResolvedAt).Take(ResolvedShown))
            .ToListAsync(ct);
        return new Data(w.Id, w.ClusterId, w.ClusterName, w.Kind, w.Namespace, w.Name, w.Replicas, w.FirstSeen,
            w.GoneAt is null ? last.SeenAt(w.LastSeen) : w.LastSeen, w.GoneAt,
            Parse<Dictionary<string, string>>(w.AnnotationsJson) ?? [],
            Parse<List<ContainerRow>>(w.ContainersJson) ?? [],
            [.. open, .. resolved]);
    }

    private static IQueryable<FindingRow> Project(IQueryable<FindingRecord> findings) =>
        findings.Select(f => new FindingRow(f.Id, f.Container, f.ContainerType, f.Image, f.PolicyId, f.Severity, f.Message,
                f.Remediation, f.IsOpen, f.FirstSeen, f.LastSeen, f.ResolvedAt));

    // Written by the scan store; read leniently (either property casing) so a stored row never breaks the page.
    private static T? Parse<T>(string json) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
