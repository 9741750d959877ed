using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Teams;

/// <summary>A team with its members and open findings.</summary>
public sealed record TeamView(Guid Id, string Name, IReadOnlyList<string> Members, int Workloads, int OpenFindings);

/// <summary>An ownership rule as listed (in order).</summary>
public sealed record OwnershipRuleView(Guid Id, int Position, Guid TeamId, string TeamName, Guid? ClusterId, string ClusterName,
    IReadOnlyList<string> Namespaces, string? NamespaceLabel, string? WorkloadKey, string? WorkloadValue);

/// <summary>A team as a choice in a filter.</summary>
public sealed record TeamOption(Guid Id, string Name);

/// <summary>Reads teams, rules and unowned counts for pages and the API.</summary>
public sealed class TeamQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory)
{
    public async Task<IReadOnlyList<TeamView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new
        {
            t.Id, t.Name,
            Members = db.TeamMembers.Where(m => m.TeamId == t.Id).Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email!).OrderBy(e => e).ToList(),
            Workloads = db.Workloads.Count(w => w.TeamId == t.Id && w.GoneAt == null && !ObjectKinds.All.Contains(w.Kind)),
            Open = db.Findings.Count(f => f.TeamId == t.Id && f.IsOpen),
        }).ToListAsync(ct);
        return teams.Select(t => new TeamView(t.Id, t.Name, t.Members, t.Workloads, t.Open)).ToList();
    }

    /// <summary>Every team's id and name, by name (filters; no counts).</summary>
    public async Task<IReadOnlyList<TeamOption>> OptionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new TeamOption(t.Id, t.Name)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<OwnershipRuleView>> RulesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var clusters = await db.Clusters.AsNoTracking().Select(c => new { c.Id, c.Name }).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var rules = await db.OwnershipRules.AsNoTracking().OrderBy(r => r.Position).ThenBy(r => r.CreatedAt).ToListAsync(ct);
        return rules.Select(r => new OwnershipRuleView(r.Id, r.Position, r.TeamId, teams.GetValueOrDefault(r.TeamId, "?"), r.ClusterId,
            r.ClusterId is { } c ? clusters.GetValueOrDefault(c, "(deleted)") : "all clusters", r.Namespaces, r.NamespaceLabel, r.WorkloadKey, r.WorkloadValue)).ToList();
    }

    /// <summary>Open findings no team owns (of one cluster, or all): the list for admins to fix.</summary>
    public async Task<int> UnownedOpenFindingsAsync(Guid? clusterId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Findings.CountAsync(f => f.IsOpen && f.TeamId == null && (clusterId == null || f.ClusterId == clusterId), ct);
    }

    /// <summary>The teams a user is in (for "My teams").</summary>
    public async Task<IReadOnlyList<Guid>> TeamsOfAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TeamMembers.Where(m => m.UserId == userId).Select(m => m.TeamId).ToListAsync(ct);
    }
}
