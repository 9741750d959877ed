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
        IReadOnlyList<StoredWorkload> stored, LastSucceededScan previous, DateTimeOffset now, CancellationToken ct, UnjudgedFindings? unjudged = null,
        Func<Workload, Guid?>? owner = null, Func<InventoryObject, Guid?>? objectOwner = null)
    {
        // Only rows that really change are written, by id (most rows of a scan do not change): the previous state holds a
        // hash of what a scan writes, compared with the hash of what this one would write (decision 0041).
        // uid → index into the previous state, not a copy of its records: a quarter of the size at 100,000 rows (decision 0043).
        var existing = new Dictionary<string, int>(stored.Count, StringComparer.Ordinal);
        for (var i = 0; i < stored.Count; i++)
        {
            existing.Add(stored[i].Uid, i);
        }

        var ids = new Dictionary<string, Guid>(snapshot.Workloads.Count + snapshot.ObjectCount, StringComparer.Ordinal);
        var changed = new List<WorkloadRecord>();
        var hash = new ContentHash();
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
            if (!existing.Remove(w.Uid, out var index))
            {
                var row = w.Row(Guid.NewGuid(), clusterId, team, now);
                ids[w.Uid] = row.Id;
                return row;
            }

            var found = stored[index];
            ids[w.Uid] = found.Id;
            if (found.IsGone || found.Content != StoredWorkload.Hash(hash, w.Kind, w.Namespace, w.Name, w.Replicas, w.Annotations, w.Containers, w.Labels, team))
            {
                changed.Add(w.Row(found.Id, clusterId, team, now)); // unchanged rows are not written: a present workload reads as seen by the last succeeded scan
            }

            return null;
        }

        // Workloads of a kind this scan could not list keep their state: unknown is not gone (decision 0018).
        var gone = existing.Values.Select(i => stored[i]).Where(w => !w.IsGone && unjudged?.IsUnknownKind(w.Kind) != true)
            .Select(w => new WorkloadRecord
            {
                Id = w.Id, Uid = w.Uid, Kind = w.Kind, Namespace = "", Name = "", GoneAt = now,
                LastSeen = previous.SeenAt(w.LastSeen), // the previous successful scan was the last to see it
            })
            .ToList();

        await BulkCopy.UpdateAsync(db, changed, [.. StoredWorkload.ContentColumns, nameof(WorkloadRecord.GoneAt)], [nameof(WorkloadRecord.LastSeen)], ct);
        await BulkCopy.UpdateAsync(db, gone, [nameof(WorkloadRecord.GoneAt)], [nameof(WorkloadRecord.LastSeen)], ct);
        return ids;
    }

    private const string NoEntries = "{}";
    private const string NoContainers = "[]";

    /// <summary>What a workloads row holds of a workload or an object, as stored (JSON columns already rendered).</summary>
    private readonly record struct Subject(string Uid, string Kind, string Namespace, string Name, int? Replicas, string Annotations, string Containers, string Labels)
    {
        /// <summary>The row as this scan writes it: whole when new; by id, where it changed, when not (FirstSeen stays).</summary>
        public WorkloadRecord Row(Guid id, Guid clusterId, Guid? team, DateTimeOffset now) => new()
        {
            Id = id, ClusterId = clusterId, Uid = Uid, Kind = Kind, Namespace = Namespace, Name = Name, Replicas = Replicas,
            AnnotationsJson = Annotations, ContainersJson = Containers, LabelsJson = Labels, TeamId = team, FirstSeen = now, LastSeen = now,
        };
    }

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
