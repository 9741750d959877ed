using System.Security.Claims;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Features.Clusters;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Agents;

/// <summary>
/// Agent connections: create (a new cluster with a token shown once, stored as its SHA-256 hash), rotate, revoke,
/// and read their status. Changes need the Admin policy and are audited; tokens never reach the audit log or logs.
/// </summary>
public sealed class AgentConnections(
    IDbContextFactory<KubeAdvisorDbContext> dbFactory,
    AccessGuard guard,
    AuditLog audit,
    TimeProvider time)
{
    public const int DefaultIntervalMinutes = 10;

    public async Task<AgentConnectionResult> CreateAsync(ClaimsPrincipal user, string name, int? intervalMinutes, CancellationToken ct)
    {
        var actor = await EnsureAdminAsync(user);
        var interval = intervalMinutes ?? DefaultIntervalMinutes;
        if (ClusterNames.NameError(name) is { } nameError)
        {
            return AgentConnectionResult.Fail(nameError);
        }

        if (interval is < 1 or > ClusterNames.MaxIntervalMinutes)
        {
            return AgentConnectionResult.Fail($"The agent interval must be between 1 minute and 24 hours ({ClusterNames.MaxIntervalMinutes} minutes).");
        }

        name = name.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Clusters.AnyAsync(c => c.Name == name, ct))
        {
            return AgentConnectionResult.Fail($"A cluster named \"{name}\" already exists.");
        }

        var token = ApiTokenHasher.NewToken();
        var cluster = new Cluster
        {
            Id = Guid.NewGuid(), Name = name, ConnectionType = ConnectionType.Agent, AgentTokenHash = ApiTokenHasher.Hash(token),
            AgentIntervalMinutes = interval, ScanIntervalMinutes = interval, CreatedAt = time.GetUtcNow(),
        };
        db.Clusters.Add(cluster);
        audit.Add(db, actor, AuditActions.AgentConnectionCreated, name, $"agent connection, every {interval} min, token {ApiTokenHasher.DisplayPrefix(token)}…");
        await db.SaveChangesAsync(ct);
        return AgentConnectionResult.Ok(cluster.Id, token);
    }

    /// <summary>A new token; the old one stops working at once.</summary>
    public async Task<AgentConnectionResult> RotateAsync(ClaimsPrincipal user, Guid clusterId, CancellationToken ct)
    {
        var token = ApiTokenHasher.NewToken();
        return await ChangeTokenAsync(user, clusterId, ApiTokenHasher.Hash(token), AuditActions.AgentTokenRotated, $"new token {ApiTokenHasher.DisplayPrefix(token)}…", token, ct);
    }

    /// <summary>The agent can no longer push; the cluster and its history stay.</summary>
    public Task<AgentConnectionResult> RevokeAsync(ClaimsPrincipal user, Guid clusterId, CancellationToken ct) =>
        ChangeTokenAsync(user, clusterId, null, AuditActions.AgentTokenRevoked, "token revoked", null, ct);

    public async Task<AgentStatus?> StatusAsync(Guid clusterId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Clusters.AsNoTracking().Where(c => c.Id == clusterId && c.ConnectionType == ConnectionType.Agent)
            .Select(c => new
            {
                c.Id, c.Name, Active = c.AgentTokenHash != null, c.AgentVersion, c.KubernetesVersion, c.AgentIntervalMinutes, c.AgentLastContactAt,
                LastSnapshot = db.AgentSnapshots.Where(a => a.ClusterId == c.Id).Max(a => (DateTimeOffset?)a.ReceivedAt),
                Last = db.Scans.Where(s => s.ClusterId == c.Id && s.Trigger == ScanTrigger.Agent).OrderByDescending(s => s.QueuedAt)
                    .Select(s => new AgentStatus.Scan(s.Id, s.Status.ToString(), s.QueuedAt, s.FinishedAt, s.Error)).FirstOrDefault(),
            }).SingleOrDefaultAsync(ct);
        return row is null ? null : new AgentStatus(
            row.Id, row.Name, AgentLiveness.StateOf(row.Active, row.AgentLastContactAt, row.AgentIntervalMinutes, time.GetUtcNow()),
            row.Active, row.AgentVersion, row.KubernetesVersion, row.AgentIntervalMinutes, row.AgentLastContactAt, row.LastSnapshot, row.Last);
    }

    private async Task<AgentConnectionResult> ChangeTokenAsync(
        ClaimsPrincipal user, Guid clusterId, string? hash, string action, string details, string? token, CancellationToken ct)
    {
        var actor = await EnsureAdminAsync(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cluster = await db.Clusters.SingleOrDefaultAsync(c => c.Id == clusterId && c.ConnectionType == ConnectionType.Agent, ct);
        if (cluster is null)
        {
            return AgentConnectionResult.Missing();
        }

        cluster.AgentTokenHash = hash;
        audit.Add(db, actor, action, cluster.Name, details);
        await db.SaveChangesAsync(ct);
        return AgentConnectionResult.Ok(clusterId, token);
    }

    private async Task<string> EnsureAdminAsync(ClaimsPrincipal user) =>
        (await guard.EnsureAsync(user, AuthPolicies.CanAdminister)).Name;
}
