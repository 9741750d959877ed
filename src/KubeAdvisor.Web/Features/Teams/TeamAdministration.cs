using System.Security.Claims;
using Hangfire;
using KubeAdvisor.Core.Ownership;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Teams;

/// <summary>
/// Teams, their members and the ownership rules (Admin only, checked here against the caller's current role, audited in
/// the same transaction). A rule change queues <see cref="OwnershipResolutionJob"/>, which re-resolves the owners of
/// stored workloads and findings without a rescan.
/// </summary>
public sealed class TeamAdministration(
    IDbContextFactory<KubeAdvisorDbContext> dbFactory, AccessGuard guard, AuditLog audit, IBackgroundJobClient jobs, TimeProvider time)
{
    public const int MaxNameLength = 128;
    public const int MaxMembers = 500;
    public const int MaxNamespaces = 100;

    public async Task<TeamCommandResult> CreateTeamAsync(ClaimsPrincipal user, TeamRequest request, CancellationToken ct = default)
    {
        var actor = await guard.EnsureAsync(user, AuthPolicies.CanAdminister, ct);
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength || name.Any(char.IsControl))
        {
            return TeamCommandResult.Fail($"A team needs a name of 1 to {MaxNameLength} characters.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Teams.AnyAsync(t => t.Name == name, ct))
        {
            return TeamCommandResult.Fail($"A team named '{name}' exists.");
        }

        var team = new Team { Id = Guid.NewGuid(), Name = name, CreatedAt = time.GetUtcNow() };
        db.Teams.Add(team);
        audit.Add(db, actor.Name, AuditActions.TeamCreated, name);
        await db.SaveChangesAsync(ct);
        return TeamCommandResult.Ok(team.Id);
    }

    /// <summary>Deletes the team, its memberships and its rules; its workloads and findings become unowned (then re-resolved).</summary>
    public async Task<TeamCommandResult> DeleteTeamAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default)
    {
        var actor = await guard.EnsureAsync(user, AuthPolicies.CanAdminister, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (team is null)
        {
            return TeamCommandResult.Missing("team");
        }

        db.Teams.Remove(team);
        audit.Add(db, actor.Name, AuditActions.TeamDeleted, team.Name, "memberships and ownership rules deleted; its workloads are re-resolved");
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<OwnershipResolutionJob>(j => j.RunAsync(null, CancellationToken.None));
        return TeamCommandResult.Ok(id);
    }

    /// <summary>Replaces the team's members (by e-mail; unknown addresses are refused, nothing changes).</summary>
    public async Task<TeamCommandResult> SetMembersAsync(ClaimsPrincipal user, Guid id, IReadOnlyList<string>? emails, CancellationToken ct = default)
    {
        var actor = await guard.EnsureAsync(user, AuthPolicies.CanAdminister, ct);
        var wanted = (emails ?? []).Select(e => e?.Trim() ?? "").Where(e => e.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wanted.Count > MaxMembers)
        {
            return TeamCommandResult.Fail($"At most {MaxMembers} members per team.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (team is null)
        {
            return TeamCommandResult.Missing("team");
        }

        var normalized = wanted.Select(e => e.ToUpperInvariant()).ToList();
        var users = await db.Users.Where(u => normalized.Contains(u.NormalizedEmail!)).Select(u => new { u.Id, u.Email, u.NormalizedEmail }).ToListAsync(ct);
        var unknown = wanted.Where(e => users.All(u => u.NormalizedEmail != e.ToUpperInvariant())).ToList();
        if (unknown.Count > 0)
        {
            return new TeamCommandResult(null, unknown.Select(e => $"No user with the e-mail '{e}'.").ToList());
        }

        var before = await db.TeamMembers.Where(m => m.TeamId == id).ToListAsync(ct);
        db.TeamMembers.RemoveRange(before);
        db.TeamMembers.AddRange(users.Select(u => new TeamMember { TeamId = id, UserId = u.Id }));
        audit.Add(db, actor.Name, AuditActions.TeamMembersChanged, team.Name,
            $"{before.Count} -> {users.Count} members: {string.Join(", ", users.Select(u => u.Email).Order(StringComparer.OrdinalIgnoreCase))}");
        await db.SaveChangesAsync(ct);
        return TeamCommandResult.Ok(id);
    }

    public async Task<TeamCommandResult> CreateRuleAsync(ClaimsPrincipal user, OwnershipRuleRequest request, CancellationToken ct = default)
    {
        var actor = await guard.EnsureAsync(user, AuthPolicies.CanAdminister, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = await ValidateAsync(db, request, ct);
        if (errors.Count > 0)
        {
            return new TeamCommandResult(null, errors);
        }

        var last = await db.OwnershipRules.MaxAsync(r => (int?)r.Position, ct) ?? 0;
        var rule = new OwnershipRuleRecord { Id = Guid.NewGuid(), CreatedAt = time.GetUtcNow(), CreatedBy = actor.Name };
        Apply(rule, request, request.Position ?? last + 10);
        db.OwnershipRules.Add(rule);
        audit.Add(db, actor.Name, AuditActions.OwnershipRuleCreated, rule.Id.ToString(), Describe(rule));
        await db.SaveChangesAsync(ct);
        Reresolve(rule.ClusterId);
        return TeamCommandResult.Ok(rule.Id);
    }

    public async Task<TeamCommandResult> UpdateRuleAsync(ClaimsPrincipal user, Guid id, OwnershipRuleRequest request, CancellationToken ct = default)
    {
        var actor = await guard.EnsureAsync(user, AuthPolicies.CanAdminister, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rule = await db.OwnershipRules.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null)
        {
            return TeamCommandResult.Missing("ownership rule");
        }

        var errors = await ValidateAsync(db, request, ct);
        if (errors.Count > 0)
        {
            return new TeamCommandResult(null, errors);
        }

        var before = Describe(rule);
        var clusterBefore = rule.ClusterId;
        Apply(rule, request, request.Position ?? rule.Position);
        audit.Add(db, actor.Name, AuditActions.OwnershipRuleChanged, rule.Id.ToString(), $"{before} -> {Describe(rule)}");
        await db.SaveChangesAsync(ct);
        Reresolve(clusterBefore == rule.ClusterId ? rule.ClusterId : null);
        return TeamCommandResult.Ok(id);
    }

    public async Task<TeamCommandResult> DeleteRuleAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default)
    {
        var actor = await guard.EnsureAsync(user, AuthPolicies.CanAdminister, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rule = await db.OwnershipRules.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null)
        {
            return TeamCommandResult.Missing("ownership rule");
        }

        db.OwnershipRules.Remove(rule);
        audit.Add(db, actor.Name, AuditActions.OwnershipRuleDeleted, rule.Id.ToString(), Describe(rule));
        await db.SaveChangesAsync(ct);
        Reresolve(rule.ClusterId);
        return TeamCommandResult.Ok(id);
    }

    /// <summary>
    /// Moves a rule one place up (<paramref name="offset"/> −1) or down (+1) in the order: it swaps with its neighbour and
    /// every rule gets a distinct position again (10, 20, …), in one transaction with one audit entry. At either end it
    /// stays where it is.
    /// </summary>
    public async Task<TeamCommandResult> MoveRuleAsync(ClaimsPrincipal user, Guid id, int offset, CancellationToken ct = default)
    {
        var actor = await guard.EnsureAsync(user, AuthPolicies.CanAdminister, ct);
        if (offset is not (-1 or 1))
        {
            return TeamCommandResult.Fail("A rule moves one place up (-1) or down (+1).");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rules = await db.OwnershipRules.OrderBy(r => r.Position).ThenBy(r => r.CreatedAt).ToListAsync(ct);
        var index = rules.FindIndex(r => r.Id == id);
        if (index < 0)
        {
            return TeamCommandResult.Missing("ownership rule");
        }

        var other = index + offset;
        if (other < 0 || other >= rules.Count)
        {
            return TeamCommandResult.Ok(id);
        }

        var (moved, passed) = (rules[index], rules[other]);
        var before = moved.Position;
        (rules[index], rules[other]) = (passed, moved);
        for (var i = 0; i < rules.Count; i++)
        {
            rules[i].Position = (i + 1) * 10;
        }

        audit.Add(db, actor.Name, AuditActions.OwnershipRuleChanged, moved.Id.ToString(),
            $"moved {(offset < 0 ? "up" : "down")} past rule {passed.Id}: position {before} -> {moved.Position}");
        await db.SaveChangesAsync(ct);
        // Two rules of different clusters never compete: their order decides nothing. Otherwise the one cluster, or all.
        if (moved.ClusterId is null || passed.ClusterId is null || moved.ClusterId == passed.ClusterId)
        {
            Reresolve(moved.ClusterId ?? passed.ClusterId);
        }

        return TeamCommandResult.Ok(id);
    }

    private void Reresolve(Guid? clusterId) => jobs.Enqueue<OwnershipResolutionJob>(j => j.RunAsync(clusterId, CancellationToken.None));

    private static async Task<List<string>> ValidateAsync(KubeAdvisorDbContext db, OwnershipRuleRequest request, CancellationToken ct)
    {
        var errors = new List<string>();
        if (request.TeamId is not { } teamId || !await db.Teams.AnyAsync(t => t.Id == teamId, ct))
        {
            errors.Add("teamId must name an existing team.");
        }

        if (request.ClusterId is { } clusterId && !await db.Clusters.AnyAsync(c => c.Id == clusterId, ct))
        {
            errors.Add("No such cluster (clusterId).");
        }

        if (request.Namespaces?.Count > MaxNamespaces)
        {
            errors.Add($"At most {MaxNamespaces} namespace patterns per rule.");
        }

        if (request.Position is < 0 or > 1_000_000)
        {
            errors.Add("position must be between 0 and 1000000.");
        }

        errors.AddRange(ToRule(request).Validate());
        return errors;
    }

    private static OwnershipRule ToRule(OwnershipRuleRequest r) => new(
        r.TeamId?.ToString() ?? "",
        (r.Namespaces ?? []).Select(n => n?.Trim() ?? "").ToList(),
        Blank(r.NamespaceLabel), Blank(r.WorkloadKey), Blank(r.WorkloadValue));

    private static void Apply(OwnershipRuleRecord rule, OwnershipRuleRequest r, int position)
    {
        var clean = ToRule(r);
        rule.TeamId = r.TeamId!.Value;
        rule.ClusterId = r.ClusterId;
        rule.Namespaces = clean.Namespaces.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        rule.NamespaceLabel = clean.NamespaceLabel;
        rule.WorkloadKey = clean.WorkloadKey;
        rule.WorkloadValue = clean.WorkloadValue;
        rule.Position = position;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Describe(OwnershipRuleRecord r) =>
        $"#{r.Position} team {r.TeamId} on {(r.ClusterId?.ToString() ?? "all clusters")}: namespaces [{string.Join(", ", r.Namespaces)}]"
        + (r.NamespaceLabel is null ? "" : $", namespace label {r.NamespaceLabel}")
        + (r.WorkloadKey is null ? "" : $", {r.WorkloadKey}{(r.WorkloadValue is null ? "" : "=" + r.WorkloadValue)}");
}
