using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Demo;

/// <summary>
/// The demo history's owners: a team per story namespace, named "<c>&lt;namespace&gt; (demo)</c>" so nobody mistakes it
/// for a real one, and per demo cluster an ownership rule that gives it the namespace labelled <c>team=&lt;namespace&gt;</c>.
/// The seeded workloads and findings carry their team, so the team pages show a score, a trend and the worst workloads on
/// the first start. Removing the history deletes the rules with the clusters and these teams when nothing else uses them.
/// </summary>
internal static class DemoTeams
{
    public static string NameOf(string ns) => $"{ns} (demo)";

    public static IReadOnlyList<string> Names { get; } = DemoStory.Workloads.Select(w => NameOf(w.Namespace)).Distinct().ToList();

    /// <summary>The team of each story namespace: the seeded one, or the one of that name that exists already.</summary>
    public static async Task<IReadOnlyDictionary<string, Guid>> EnsureAsync(KubeAdvisorDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var existing = await db.Teams.Where(t => Names.Contains(t.Name)).ToDictionaryAsync(t => t.Name, t => t.Id, ct);
        var teams = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var ns in DemoStory.Workloads.Select(w => w.Namespace).Distinct())
        {
            if (!existing.TryGetValue(NameOf(ns), out var id))
            {
                id = Guid.NewGuid();
                db.Teams.Add(new Team { Id = id, Name = NameOf(ns), CreatedAt = now });
            }

            teams[ns] = id;
        }

        return teams;
    }

    /// <summary>The rules of one demo cluster, after every rule there is (a user's rules keep their order).</summary>
    public static void AddRules(KubeAdvisorDbContext db, Guid clusterId, IReadOnlyDictionary<string, Guid> teams, ref int position, DateTimeOffset now)
    {
        foreach (var (ns, team) in teams.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            position += 10;
            db.OwnershipRules.Add(new OwnershipRuleRecord
            {
                Id = Guid.NewGuid(), Position = position, TeamId = team, ClusterId = clusterId, NamespaceLabel = $"team={ns}", CreatedAt = now, CreatedBy = "system",
            });
        }
    }

    /// <summary>Deletes the demo teams that have no member and no rule left (call after the demo clusters' deletion is saved).</summary>
    public static async Task<int> RemoveUnusedAsync(KubeAdvisorDbContext db, CancellationToken ct) =>
        await db.Teams.Where(t => Names.Contains(t.Name)
                && !db.TeamMembers.Any(m => m.TeamId == t.Id) && !db.OwnershipRules.Any(r => r.TeamId == t.Id))
            .ExecuteDeleteAsync(ct);
}
