using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Scoring;
using KubeAdvisor.Data;
using KubeAdvisor.Web.Features.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Teams;

/// <summary>Reads one team's page (<see cref="TeamDetail"/>) from its stored findings and workloads and the latest scans' namespace scores.</summary>
public sealed class TeamPageQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Worst workloads listed.</summary>
    public const int WorstShown = 10;

    /// <summary>null when there is no such team.</summary>
    public async Task<TeamDetail?> LoadAsync(Guid id, int trendDays = 30, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await db.Teams.AsNoTracking().Where(t => t.Id == id).Select(t => t.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return null;
        }

        var members = await db.TeamMembers.Where(m => m.TeamId == id).Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email!)
            .OrderBy(e => e).ToListAsync(ct);
        var clusters = await db.Clusters.AsNoTracking().Select(c => new { c.Id, c.Name, c.LastSucceededScanId }).ToListAsync(ct);
        var names = clusters.ToDictionary(c => c.Id, c => c.Name);

        // Every namespace the team has a present workload in, with how many of the namespace's workloads are the team's.
        // Objects that are not workloads (decision 0033) are no workloads: they neither count nor make a namespace shared.
        var namespaces = await db.Workloads.AsNoTracking()
            .Where(w => w.GoneAt == null && !ObjectKinds.All.Contains(w.Kind)
                && db.Workloads.Any(m => m.TeamId == id && m.GoneAt == null && m.ClusterId == w.ClusterId && m.Namespace == w.Namespace && !ObjectKinds.All.Contains(m.Kind)))
            .GroupBy(w => new { w.ClusterId, w.Namespace })
            .Select(g => new { g.Key.ClusterId, g.Key.Namespace, Mine = g.Count(w => w.TeamId == id), All = g.Count() })
            .ToListAsync(ct);
        var whole = namespaces.Where(n => n.Mine == n.All).Select(n => (n.ClusterId, n.Namespace)).ToHashSet();
        var scanIds = clusters.Where(c => c.LastSucceededScanId is not null).Select(c => c.LastSucceededScanId!.Value).ToList();
        var wholeNames = whole.Select(n => n.Namespace).Distinct().ToList();
        var samples = whole.Count == 0 ? [] : await db.ScoreSamples.AsNoTracking()
            .Where(s => scanIds.Contains(s.ScanId) && wholeNames.Contains(s.Namespace))
            .Select(s => new { s.ClusterId, s.Namespace, s.PassedWeight, s.FailedWeight }).ToListAsync(ct);
        var card = samples.Where(s => whole.Contains((s.ClusterId, s.Namespace)))
            .Aggregate(ScoreCard.Empty, (c, s) => c + Scores.Card(s.PassedWeight, s.FailedWeight));
        var score = new TeamScore(whole.Count == 0 ? null : card.WholeScore, card.Grade, whole.Count,
            namespaces.Where(n => n.Mine == n.All).Sum(n => n.Mine), namespaces.Count(n => n.Mine != n.All));

        var open = db.Findings.AsNoTracking().Where(f => f.TeamId == id && f.IsOpen);
        var tallies = await open.GroupBy(f => new { f.WorkloadId, f.Severity, IsObject = ObjectKinds.All.Contains(f.Kind) })
            .Select(g => new { g.Key.WorkloadId, g.Key.Severity, g.Key.IsObject, Count = g.Count() }).ToListAsync(ct);
        var byPolicy = await open.GroupBy(f => f.PolicyId)
            .Select(g => new { Policy = g.Key, Severity = g.Max(f => f.Severity), Count = g.Count() }).ToListAsync(ct);
        var since = time.GetUtcNow().AddDays(-7);
        var introduced = await db.Findings.CountAsync(f => f.TeamId == id && f.FirstSeen >= since, ct);
        var fixedCount = await db.Findings.CountAsync(f => f.TeamId == id && !f.IsOpen && f.ResolvedAt >= since, ct);

        var workloads = namespaces.Sum(n => n.Mine);
        var risky = tallies.Where(t => t.Severity >= Severity.High && !t.IsObject).Select(t => t.WorkloadId).Distinct().Count();
        return new TeamDetail(
            id, name, members, workloads, tallies.Sum(t => t.Count), score, Math.Max(0, workloads - risky),
            byPolicy.OrderByDescending(p => p.Count).ThenByDescending(p => p.Severity).ThenBy(p => p.Policy, StringComparer.Ordinal)
                .Select(p => new TeamPolicyCount(p.Policy, p.Severity, p.Count)).ToList(),
            await WorstAsync(db, tallies.Select(t => (t.WorkloadId, t.Severity, t.Count)), names, ct),
            introduced, fixedCount, await TrendAsync(db, whole, trendDays, ct));
    }

    // Most weight first (critical 5 … info 0, as the score weighs them), then most findings.
    private static async Task<IReadOnlyList<TeamWorkloadRisk>> WorstAsync(KubeAdvisorDbContext db,
        IEnumerable<(Guid WorkloadId, Severity Severity, int Count)> tallies, Dictionary<Guid, string> clusterNames, CancellationToken ct)
    {
        var worst = tallies.GroupBy(t => t.WorkloadId)
            .Select(g => (Id: g.Key, Open: g.Sum(t => t.Count), Weight: g.Sum(t => ScoreCard.WeightOf(t.Severity) * t.Count)))
            .OrderByDescending(w => w.Weight).ThenByDescending(w => w.Open).ThenBy(w => w.Id).Take(WorstShown).ToList();
        var ids = worst.Select(w => w.Id).ToList();
        var rows = await db.Workloads.AsNoTracking().Where(w => ids.Contains(w.Id))
            .Select(w => new { w.Id, w.ClusterId, w.Namespace, w.Kind, w.Name }).ToDictionaryAsync(w => w.Id, ct);
        return worst.Where(w => rows.ContainsKey(w.Id)).Select(w =>
        {
            var r = rows[w.Id];
            return new TeamWorkloadRisk(r.ClusterId, clusterNames.GetValueOrDefault(r.ClusterId, "?"), r.Id, r.Namespace, r.Kind, r.Name, w.Open, w.Weight);
        }).ToList();
    }

    // The daily rollups of the scored namespaces, pooled per day as TrendQueries pools clusters (each day's weights per scan).
    private async Task<IReadOnlyList<TrendPoint>> TrendAsync(KubeAdvisorDbContext db, HashSet<(Guid ClusterId, string Namespace)> whole, int days,
        CancellationToken ct)
    {
        if (whole.Count == 0)
        {
            return [];
        }

        var from = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddDays(-days));
        var clusterIds = whole.Select(n => n.ClusterId).Distinct().ToList();
        var nsNames = whole.Select(n => n.Namespace).Distinct().ToList();
        var rollups = await db.DailyRollups.AsNoTracking()
            .Where(r => r.Day >= from && clusterIds.Contains(r.ClusterId) && nsNames.Contains(r.Namespace))
            .Select(r => new { r.ClusterId, r.Namespace, r.Day, r.PassedWeight, r.FailedWeight, r.FailedChecks, r.Scans }).ToListAsync(ct);
        return rollups.Where(r => whole.Contains((r.ClusterId, r.Namespace))).GroupBy(r => r.Day).OrderBy(g => g.Key)
            .Select(g => new TrendPoint(
                new DateTimeOffset(g.Key.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                Scores.Exact(g.Sum(r => r.PassedWeight / Math.Max(1, r.Scans)), g.Sum(r => r.FailedWeight / Math.Max(1, r.Scans))),
                g.Sum(r => r.FailedChecks)))
            .ToList();
    }
}
