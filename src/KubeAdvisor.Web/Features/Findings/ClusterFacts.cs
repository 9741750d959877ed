using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Findings;

/// <summary>
/// Name and last succeeded scan of each cluster a read touches and every team's name (a few dozen rows each, joined in
/// memory so paged queries stay on the findings indexes); the one place where a stored finding becomes a
/// <see cref="FindingRow"/>.
/// </summary>
internal sealed class ClusterFacts(Dictionary<Guid, (string Name, LastSucceededScan Last)> clusters, Dictionary<Guid, string> teams)
{
    private static readonly LastSucceededScan None = new(null, null);

    public static async Task<ClusterFacts> LoadAsync(KubeAdvisorDbContext db, Guid? onlyCluster, CancellationToken ct)
    {
        var query = db.Clusters.AsNoTracking();
        if (onlyCluster is { } id)
        {
            query = query.Where(c => c.Id == id);
        }

        var rows = await query.Select(c => new
        {
            c.Id, c.Name, c.LastSucceededScanId,
            FinishedAt = db.Scans.Where(s => s.Id == c.LastSucceededScanId).Select(s => s.FinishedAt).FirstOrDefault(),
        }).ToListAsync(ct);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return new ClusterFacts(rows.ToDictionary(r => r.Id, r => (r.Name, new LastSucceededScan(r.LastSucceededScanId, r.FinishedAt))), teams);
    }

    public LastSucceededScan Last(Guid clusterId) => clusters.TryGetValue(clusterId, out var c) ? c.Last : None;

    /// <summary>The rule: an open finding was last seen by its cluster's last succeeded scan; a resolved one keeps what was stored.</summary>
    public FindingRow Resolve(StoredFinding s, IReadOnlyDictionary<long, IReadOnlyList<string>>? digests) => new(
        s.Id, s.ClusterId, clusters.TryGetValue(s.ClusterId, out var c) ? c.Name : "?", s.WorkloadId, s.Namespace, s.Kind, s.WorkloadName,
        s.Container, s.ContainerType, s.Image, s.PolicyId, s.Severity, s.Message, s.Remediation, s.IsOpen, s.FirstSeen,
        s.IsOpen ? Last(s.ClusterId).SeenAt(s.LastSeen) : s.LastSeen, s.ResolvedAt,
        digests?.GetValueOrDefault(s.Id) ?? [], s.Note, s.TeamId, s.TeamId is { } team ? teams.GetValueOrDefault(team) : null);
}
