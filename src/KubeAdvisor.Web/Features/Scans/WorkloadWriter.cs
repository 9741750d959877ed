using System.Text.Json.Nodes;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Findings;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// Brings the workloads table of a cluster in line with a snapshot, its objects that are not workloads included (decision
/// 0033); returns uid → row id.
/// </summary>
internal static class WorkloadWriter
{
    public static async Task<Dictionary<string, Guid>> SyncAsync(KubeAdvisorDbContext db, Guid clusterId, ClusterSnapshot snapshot,
        IReadOnlyList<WorkloadRecord> stored, LastSucceededScan previous, DateTimeOffset now, CancellationToken ct, UnjudgedFindings? unjudged = null,
        Func<Workload, Guid?>? owner = null, Func<InventoryObject, Guid?>? objectOwner = null)
    {
        // Untracked (from the baseline): only rows that really change are attached and written (most rows of a scan do not change).
        var existing = stored.ToDictionary(w => w.Uid, StringComparer.Ordinal);
        var ids = new Dictionary<string, Guid>(snapshot.Workloads.Count, StringComparer.Ordinal);
        // New rows go to the database as they are made, never held as a list: a first scan makes one per workload and object.
        await BulkCopy.InsertAsync(db, NewRows(), ct);

        IEnumerable<WorkloadRecord> NewRows()
        {
            foreach (var w in snapshot.Workloads)
            {
                var containers = JsonbText.Array(w.AllContainers.Select(c => JsonbText.Object(
                    [new(nameof(StoredContainer.Name), c.Name), new(nameof(StoredContainer.Type), c.Type.ToString()),
                     new(nameof(StoredContainer.Image), c.Image), new(nameof(StoredContainer.ImagePullPolicy), c.ImagePullPolicy)])));
                var labels = JsonbText.Object(Teams.Owners.LabelsOf(w).Select(l => new KeyValuePair<string, string?>(l.Key, l.Value)));
                if (Write(new Subject(w.Uid, w.Kind, w.Namespace, w.Name, w.Replicas, JsonbText.Object(AnnotationsThatMatter(w)), containers, labels),
                        owner?.Invoke(w)) is { } row)
                {
                    yield return row;
                }
            }

            // Objects that are not workloads are rows too (decision 0033): the subject of their findings, with no containers,
            // labels or annotations of their own; a namespaced one is owned as its namespace is.
            foreach (var o in snapshot.Objects)
            {
                if (Write(new Subject(o.Key, o.Kind, o.Namespace, o.Name, null, NoEntries, NoContainers, NoEntries), objectOwner?.Invoke(o)) is { } row)
                {
                    yield return row;
                }
            }
        }

        // Brings the row of a subject in line; returns it when it is new (to be inserted), null when it exists.
        WorkloadRecord? Write(Subject w, Guid? team)
        {
            var isNew = !existing.Remove(w.Uid, out var found);
            WorkloadRecord row;
            if (isNew)
            {
                row = new WorkloadRecord { Id = Guid.NewGuid(), ClusterId = clusterId, Uid = w.Uid, Kind = w.Kind, Namespace = w.Namespace, Name = w.Name, FirstSeen = now, LastSeen = now };
            }
            else
            {
                row = found!;
            }

            var before = (row.Kind, row.Namespace, row.Name, row.Replicas, row.GoneAt, row.AnnotationsJson, row.ContainersJson, row.LabelsJson, row.TeamId);
            row.Kind = w.Kind;
            row.Namespace = w.Namespace;
            row.Name = w.Name;
            row.Replicas = w.Replicas;
            row.GoneAt = null;
            row.AnnotationsJson = isNew ? w.Annotations : Unchanged(row.AnnotationsJson, w.Annotations);
            row.ContainersJson = isNew ? w.Containers : Unchanged(row.ContainersJson, w.Containers);
            row.LabelsJson = isNew ? w.Labels : Unchanged(row.LabelsJson, w.Labels);
            row.TeamId = team;
            ids[w.Uid] = row.Id;
            if (!isNew && before != (row.Kind, row.Namespace, row.Name, row.Replicas, row.GoneAt, row.AnnotationsJson, row.ContainersJson, row.LabelsJson, row.TeamId))
            {
                row.LastSeen = now; // unchanged rows are not written: a present workload reads as seen by the last succeeded scan
                db.Workloads.Update(row);
            }

            return isNew ? row : null;
        }

        // Workloads of a kind this scan could not list keep their state: unknown is not gone (decision 0018).
        foreach (var gone in existing.Values.Where(w => w.GoneAt is null && unjudged?.IsUnknownKind(w.Kind) != true))
        {
            gone.GoneAt = now;
            gone.LastSeen = previous.SeenAt(gone.LastSeen); // the previous successful scan was the last to see it
            db.Workloads.Update(gone);
        }

        return ids;
    }

    private const string NoEntries = "{}";
    private const string NoContainers = "[]";

    /// <summary>What a workloads row holds of a workload or an object, as stored (JSON columns already rendered).</summary>
    private readonly record struct Subject(string Uid, string Kind, string Namespace, string Name, int? Replicas, string Annotations, string Containers, string Labels);

    /// <summary>
    /// PostgreSQL normalizes jsonb text (spaces, key order), so a string comparison alone could rewrite rows that did not
    /// change: keep the stored text when it means the same. <see cref="JsonbText"/> makes the string comparison the usual case.
    /// </summary>
    private static string Unchanged(string stored, string fresh) =>
        stored == fresh || JsonNode.DeepEquals(JsonNode.Parse(stored), JsonNode.Parse(fresh)) ? stored : fresh;

    /// <summary>
    /// KubeAdvisor's own annotations (exemptions), from the object and from the pod template. The collector keeps no
    /// others (<see cref="KeptAnnotations"/>), but snapshots of older agents may still carry them.
    /// </summary>
    private static Dictionary<string, string?> AnnotationsThatMatter(Workload w)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (k, v) in w.Annotations.Where(a => KeptAnnotations.IsKept(a.Key)))
        {
            result[k] = v;
        }

        foreach (var (k, v) in w.Template.Annotations.Where(a => KeptAnnotations.IsKept(a.Key)))
        {
            result[StoredAnnotations.TemplateKey(k)] = v;
        }

        return result;
    }
}

/// <summary>A container as stored in workloads.ContainersJson.</summary>
public sealed record StoredContainer(string Name, string Type, string Image, string? ImagePullPolicy);
