using System.Security.Cryptography;
using System.Text;
using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Findings;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// The findings lifecycle: a finding is identified by workload, container and policy (not by image or message),
/// opened when first seen, resolved when a scan no longer reports it, and reopened when it comes back. A partial scan
/// resolves none that it could not judge (<see cref="UnjudgedFindings"/>). Each row notes the scan that introduced it
/// and the scan that fixed it, for notifications; a finding back within <see cref="FlapWindow"/> of being resolved
/// flaps and keeps the scan that introduced it first, so it is not announced again.
/// </summary>
internal static class FindingWriter
{
    /// <summary>A finding reopened less than this after it was resolved is flapping, not newly introduced.</summary>
    public static readonly TimeSpan FlapWindow = TimeSpan.FromHours(24);

    public static async Task<(int Introduced, int Fixed)> SyncAsync(
        KubeAdvisorDbContext db, Guid clusterId, Guid scanId, IReadOnlyDictionary<string, Guid> workloadIds,
        IReadOnlyList<Finding> findings, ScanBaseline baseline, PinSuggestions pins, LastSucceededScan previous, DateTimeOffset now, CancellationToken ct,
        UnjudgedFindings? unjudged = null, ExceptionSet? exceptions = null)
    {
        var current = new Dictionary<string, Finding>(findings.Count, StringComparer.Ordinal);
        foreach (var f in findings)
        {
            current.TryAdd(Fingerprint(f), f);
        }

        // The open findings come with the baseline as hashes of what a scan writes (decision 0041); of the resolved ones
        // only those this scan reports again (to reopen) are read. Only rows whose content changes are written, by id.
        var open = baseline.OpenFindings.ToDictionary(f => f.Fingerprint, StringComparer.Ordinal);
        var comeBack = baseline.AnyResolvedFindings ? current.Keys.Where(k => !open.ContainsKey(k)).ToList() : [];
        var resolved = comeBack.Count == 0 ? new Dictionary<string, Resolved>() : await db.Findings.AsNoTracking()
            .Where(f => f.ClusterId == clusterId && !f.IsOpen && comeBack.Contains(f.Fingerprint))
            .Select(f => new Resolved(f.Id, f.Fingerprint, f.ResolvedAt, f.IntroducedByScanId))
            .ToDictionaryAsync(f => f.Fingerprint, StringComparer.Ordinal, ct);

        var introduced = 0;
        var changed = new List<FindingRecord>();
        var reopened = new List<FindingRecord>();
        var hash = new ContentHash();
        // New rows go to the database as they are made, never held as a list (a first scan makes one per finding).
        await BulkCopy.InsertAsync(db, NewRows(), ct);

        // Brings each reported finding's row in line; yields the new ones (to be inserted).
        IEnumerable<FindingRecord> NewRows()
        {
            foreach (var (fingerprint, f) in current)
            {
                var workloadId = workloadIds.GetValueOrDefault(f.WorkloadUid);
                var remediation = pins.Remediation(f.PolicyId, f.Remediation, f.WorkloadUid, f.ContainerType, f.ContainerName);
                if (open.Remove(fingerprint, out var stored))
                {
                    // Unchanged open findings keep their row untouched and are read as seen by the cluster's last succeeded
                    // scan (LastSucceededScan); a changed one is rewritten and seen by this scan.
                    if (stored.Content != StoredFinding.Hash(hash, workloadId, f.Namespace, f.WorkloadKind, f.WorkloadName, f.ContainerName,
                            f.ContainerType, f.Image, f.Severity, f.Message, remediation, resolvedAt: null))
                    {
                        changed.Add(Row(stored.Id));
                    }

                    continue;
                }

                introduced++; // new, or a resolved finding that came back
                var row = Row(0);
                row.Note = exceptions?.LapseNote(f);
                row.IntroducedByScanId = scanId;
                if (!resolved.Remove(fingerprint, out var back))
                {
                    yield return row;
                    continue;
                }

                row.Id = back.Id;
                if (now - back.ResolvedAt < FlapWindow)
                {
                    row.IntroducedByScanId = back.IntroducedByScanId;
                }

                reopened.Add(row);

                FindingRecord Row(long id) => new()
                {
                    Id = id, ClusterId = clusterId, Fingerprint = fingerprint, WorkloadId = workloadId, Namespace = f.Namespace, Kind = f.WorkloadKind,
                    WorkloadName = f.WorkloadName, Container = f.ContainerName, ContainerType = f.ContainerType, Image = f.Image, PolicyId = f.PolicyId,
                    Severity = f.Severity, Message = f.Message, Remediation = remediation, IsOpen = true, FirstSeen = now, LastSeen = now,
                    LastScanId = scanId,
                };
            }
        }

        // Last seen by the previous successful scan: that is when it was open for the last time.
        var gone = open.Values.Where(f => unjudged?.Covers(f.PolicyId, f.Kind) != true).Select(f => new FindingRecord
        {
            Id = f.Id, ClusterId = clusterId, Fingerprint = f.Fingerprint, Namespace = "", Kind = f.Kind, WorkloadName = "", PolicyId = f.PolicyId,
            Message = "", Remediation = "", IsOpen = false, ResolvedAt = now, FixedByScanId = scanId,
            LastSeen = previous.SeenAt(f.LastSeen), LastScanId = previous.SeenBy(f.LastScanId),
        }).ToList();

        string[] seen = [nameof(FindingRecord.LastSeen), nameof(FindingRecord.LastScanId)];
        await BulkCopy.UpdateAsync(db, changed, StoredFinding.ContentColumns, seen, ct);
        await BulkCopy.UpdateAsync(db, reopened, [.. StoredFinding.ContentColumns, .. Lifecycle], seen, ct);
        await BulkCopy.UpdateAsync(db, gone, [nameof(FindingRecord.IsOpen), nameof(FindingRecord.ResolvedAt), nameof(FindingRecord.FixedByScanId)], seen, ct);
        return (introduced, gone.Count);
    }

    /// <summary>What (re)opening a finding writes beside its content.</summary>
    private static readonly string[] Lifecycle =
    [
        nameof(FindingRecord.IsOpen), nameof(FindingRecord.Note), nameof(FindingRecord.IntroducedByScanId), nameof(FindingRecord.FixedByScanId),
    ];

    /// <summary>A resolved finding this scan reports again: what reopening it needs to know.</summary>
    private sealed record Resolved(long Id, string Fingerprint, DateTimeOffset? ResolvedAt, Guid? IntroducedByScanId);

    internal static string Fingerprint(Finding f)
    {
        var key = $"{f.WorkloadUid}\n{f.ContainerType}\n{f.ContainerName}\n{f.PolicyId}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..40];
    }
}
