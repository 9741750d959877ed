using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Infrastructure.Auth.Oidc;

/// <summary>
/// Team memberships from KUBEADVISOR_OIDC_TEAM_MAP, at every sign-in. Only the teams the map names are managed: the
/// user is a member of such a team exactly when one of their groups maps to it. Memberships of other teams (set by an
/// Admin) are left alone; a team the map names that does not exist is not created (an Admin creates teams).
/// </summary>
public sealed class OidcTeamSync(
    IDbContextFactory<KubeAdvisorDbContext> dbFactory, AuditLog audit, IOptions<OidcOptions> options, ILogger<OidcTeamSync> logger)
{
    /// <returns>What changed, for the sign-in's audit entry ("" when nothing did).</returns>
    public async Task<string> SyncAsync(AppUser user, IReadOnlyCollection<string> groups, string subject, CancellationToken ct)
    {
        var map = options.Value.TeamGroups;
        if (map.Entries.Count == 0)
        {
            return "";
        }

        var managed = map.Values.ToList();
        var wanted = map.Match(groups);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var teams = await db.Teams.Where(t => managed.Contains(t.Name)).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        foreach (var missing in wanted.Keys.Where(name => teams.All(t => t.Name != name)))
        {
            logger.LogWarning("KUBEADVISOR_OIDC_TEAM_MAP names the team {Team}, which does not exist: create it on the Teams page", missing);
        }

        var ids = teams.Select(t => t.Id).ToList();
        var current = await db.TeamMembers.Where(m => m.UserId == user.Id && ids.Contains(m.TeamId)).ToListAsync(ct);
        var changes = new List<string>();
        foreach (var team in teams)
        {
            var member = current.FirstOrDefault(m => m.TeamId == team.Id);
            if (wanted.TryGetValue(team.Name, out var because) && member is null)
            {
                db.TeamMembers.Add(new TeamMember { TeamId = team.Id, UserId = user.Id });
                Audit(db, user, team.Name, $"+{user.Email} ({subject}, groups {string.Join(", ", because)})", changes);
            }
            else if (!wanted.ContainsKey(team.Name) && member is not null)
            {
                db.TeamMembers.Remove(member);
                Audit(db, user, team.Name, $"-{user.Email} ({subject}, no longer in a group mapped to the team)", changes);
            }
        }

        await db.SaveChangesAsync(ct);
        return string.Join("; ", changes);
    }

    private void Audit(KubeAdvisorDbContext db, AppUser user, string team, string details, List<string> changes)
    {
        audit.Add(db, user.Email ?? user.Id, AuditActions.TeamMembersChanged, team, details + " at sign-in via " + options.Value.DisplayName);
        changes.Add($"{team} {details[0]}");
    }
}
