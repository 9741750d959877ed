using System.Text.Json;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Ownership;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KubeAdvisor.Web.Features.Teams;

/// <summary>
/// Resolves and stores the owning team of a cluster's workloads and findings (issue #18): at scan time from the
/// snapshot, and without a rescan from the stored labels when the rules change. Findings follow their workload.
/// </summary>
public static class Owners
{
    /// <summary>The cluster's rules (its own and all-cluster ones) in order, as a resolver naming team ids.</summary>
    public static async Task<OwnerResolver> ResolverAsync(KubeAdvisorDbContext db, Guid clusterId, CancellationToken ct)
    {
        var rules = await db.OwnershipRules.AsNoTracking().Where(r => r.ClusterId == null || r.ClusterId == clusterId)
            .OrderBy(r => r.Position).ThenBy(r => r.CreatedAt).ToListAsync(ct);
        return new OwnerResolver(rules.Select(ToRule).ToList());
    }

    /// <summary>What the rules see of a collected workload: labels of the object over those of its template.</summary>
    public static OwnedObject Of(Workload w, ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(snapshot);
        return new OwnedObject(w.Namespace, LabelsOf(w), w.Annotations, snapshot.NamespaceLabels.GetValueOrDefault(w.Namespace) ?? Empty);
    }

    /// <summary>
    /// What the rules see of an object that is not a workload (decision 0033): its namespace and the namespace's labels,
    /// so namespace rules own it; it has no labels or annotations of its own in the inventory. A cluster-scoped object
    /// (namespace "") is owned only by a rule that matches every namespace.
    /// </summary>
    public static OwnedObject Of(InventoryObject o, ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(snapshot);
        return new OwnedObject(o.Namespace, Empty, Empty, snapshot.NamespaceLabels.GetValueOrDefault(o.Namespace) ?? Empty);
    }

    /// <summary>Labels of the object over those of its pod template (a Deployment's own labels win).</summary>
    public static IReadOnlyDictionary<string, string> LabelsOf(Workload w)
    {
        if (w.Template.Labels.Count == 0)
        {
            return w.Labels;
        }

        var merged = new Dictionary<string, string>(w.Template.Labels, StringComparer.Ordinal);
        foreach (var (k, v) in w.Labels)
        {
            merged[k] = v;
        }

        return merged;
    }

    /// <summary>Replaces the cluster's stored namespaces and their labels with what the snapshot saw.</summary>
    public static async Task SyncNamespacesAsync(KubeAdvisorDbContext db, Guid clusterId, ClusterSnapshot snapshot, CancellationToken ct)
    {
        await db.Namespaces.Where(n => n.ClusterId == clusterId).ExecuteDeleteAsync(ct);
        var names = snapshot.Namespaces.ToArray();
        var labels = names.Select(n => JsonSerializer.Serialize(snapshot.NamespaceLabels.GetValueOrDefault(n) ?? Empty)).ToArray();
        await db.Database.ExecuteSqlRawAsync(
            """INSERT INTO namespaces ("ClusterId", "Name", "LabelsJson") SELECT @c, n, l::jsonb FROM unnest(@names, @labels) AS t(n, l)""",
            [new NpgsqlParameter("c", clusterId), new NpgsqlParameter("names", names), new NpgsqlParameter("labels", labels)], ct);
    }

    /// <summary>Findings take their workload's team (after the workloads are written, in the same transaction).</summary>
    public static Task<int> SyncFindingsAsync(KubeAdvisorDbContext db, Guid clusterId, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(
            """
            UPDATE findings f SET "TeamId" = w."TeamId" FROM workloads w
            WHERE f."ClusterId" = @c AND w."Id" = f."WorkloadId" AND f."TeamId" IS DISTINCT FROM w."TeamId"
            """,
            [new NpgsqlParameter("c", clusterId)], ct);

    /// <summary>
    /// Re-resolves every workload of the cluster from the stored labels and namespaces (rules changed, no rescan) and
    /// brings the findings in line; returns how many workloads changed owner.
    /// </summary>
    public static async Task<int> ReresolveAsync(KubeAdvisorDbContext db, Guid clusterId, CancellationToken ct)
    {
        var resolver = await ResolverAsync(db, clusterId, ct);
        var namespaces = (await db.Namespaces.AsNoTracking().Where(n => n.ClusterId == clusterId).ToListAsync(ct))
            .ToDictionary(n => n.Name, n => Parse(n.LabelsJson), StringComparer.Ordinal);
        var changedIds = new List<Guid>();
        var changedTeams = new List<Guid?>();
        var rows = db.Workloads.AsNoTracking().Where(w => w.ClusterId == clusterId)
            .Select(w => new { w.Id, w.Namespace, w.LabelsJson, w.AnnotationsJson, w.TeamId });
        await foreach (var w in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            var target = new OwnedObject(w.Namespace, Parse(w.LabelsJson), ObjectAnnotations(w.AnnotationsJson),
                namespaces.GetValueOrDefault(w.Namespace) ?? Empty);
            var team = TeamOf(resolver, target);
            if (team != w.TeamId)
            {
                changedIds.Add(w.Id);
                changedTeams.Add(team);
            }
        }

        if (changedIds.Count > 0)
        {
            await db.Database.ExecuteSqlRawAsync(
                """UPDATE workloads w SET "TeamId" = t.team FROM unnest(@ids, @teams) AS t(id, team) WHERE w."Id" = t.id""",
                [new NpgsqlParameter("ids", changedIds.ToArray()), new NpgsqlParameter("teams", changedTeams.ToArray())], ct);
        }

        await SyncFindingsAsync(db, clusterId, ct);
        return changedIds.Count;
    }

    /// <summary>The team id a resolver names (rules name teams by id).</summary>
    public static Guid? TeamOf(OwnerResolver resolver, OwnedObject target) =>
        resolver.OwnerOf(target) is { } id ? Guid.Parse(id) : null;

    private static OwnershipRule ToRule(OwnershipRuleRecord r) =>
        new(r.TeamId.ToString(), r.Namespaces, r.NamespaceLabel, r.WorkloadKey, r.WorkloadValue);

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private static IReadOnlyDictionary<string, string> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? (IReadOnlyDictionary<string, string>)Empty;

    // Rules read the object's kept annotations, as they do at scan time, not the template's (StoredAnnotations).
    private static IReadOnlyDictionary<string, string> ObjectAnnotations(string json) =>
        (JsonSerializer.Deserialize<Dictionary<string, string?>>(json) ?? [])
        .Where(a => a.Value is not null && !Findings.StoredAnnotations.IsTemplateKey(a.Key))
        .ToDictionary(a => a.Key, a => a.Value!, StringComparer.Ordinal);
}
