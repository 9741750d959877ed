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

        // Untracked: only findings whose content changes are attached and written. The open ones come with the
        // baseline; of the resolved ones only those this scan reports again (to reopen) are read.
        var known = baseline.OpenFindings.ToDictionary(f => f.Fingerprint, StringComparer.Ordinal);
        var comeBack = baseline.AnyResolvedFindings ? current.Keys.Where(k => !known.ContainsKey(k)).ToList() : [];
        if (comeBack.Count > 0)
        {
            var resolvedRows = await db.Findings.AsNoTracking()
                .Where(f => f.ClusterId == clusterId && !f.IsOpen && comeBack.Contains(f.Fingerprint)).ToListAsync(ct);
            foreach (var resolved in resolvedRows)
            {
                known.Add(resolved.Fingerprint, resolved);
            }
        }

        int introduced = 0, fixedCount = 0;
        // New rows go to the database as they are made, never held as a list (a first scan makes one per finding).
        await BulkCopy.InsertAsync(db, NewRows(), ct);

        foreach (var gone in known.Values.Where(f => f.IsOpen && unjudged?.Covers(f) != true))
        {
            // Last seen by the previous successful scan: that is when it was open for the last time.
            gone.LastSeen = previous.SeenAt(gone.LastSeen);
            gone.LastScanId = previous.SeenBy(gone.LastScanId);
            gone.IsOpen = false;
            gone.ResolvedAt = now;
            gone.FixedByScanId = scanId;
            db.Findings.Update(gone);
            fixedCount++;
        }

        return (introduced, fixedCount);

        // Brings each reported finding's row in line; yields the new ones (to be inserted).
        IEnumerable<FindingRecord> NewRows()
        {
            foreach (var (fingerprint, f) in current)
            {
                var isNew = !known.Remove(fingerprint, out var found);
                FindingRecord row;
                if (isNew)
                {
                    row = new FindingRecord
                    {
                        ClusterId = clusterId, Fingerprint = fingerprint, FirstSeen = now, LastSeen = now, LastScanId = scanId,
                        Namespace = f.Namespace, Kind = f.WorkloadKind, WorkloadName = f.WorkloadName, PolicyId = f.PolicyId,
                        Message = f.Message, Remediation = "", IntroducedByScanId = scanId,
                    };
                    introduced++;
                }
                else
                {
                    row = found!;
                    introduced += row.IsOpen ? 0 : 1; // a resolved finding that came back
                }

                var opens = isNew || !row.IsOpen;

                var before = (row.WorkloadId, row.Namespace, row.Kind, row.WorkloadName, row.Container, row.ContainerType, row.Image, row.Severity,
                    row.Message, row.Remediation, row.IsOpen, row.ResolvedAt, row.Note);
                row.WorkloadId = workloadIds.GetValueOrDefault(f.WorkloadUid);
                row.Namespace = f.Namespace;
                row.Kind = f.WorkloadKind;
                row.WorkloadName = f.WorkloadName;
                row.Container = f.ContainerName;
                row.ContainerType = f.ContainerType;
                row.Image = f.Image;
                row.Severity = f.Severity;
                row.Message = f.Message;
                row.Remediation = pins.Remediation(f.PolicyId, f.Remediation, f.WorkloadUid, f.ContainerType, f.ContainerName);
                row.IsOpen = true;
                row.ResolvedAt = null;
                if (opens)
                {
                    row.Note = exceptions?.LapseNote(f);
                    if (!isNew && !(now - before.ResolvedAt < FlapWindow))
                    {
                        row.IntroducedByScanId = scanId;
                    }

                    row.FixedByScanId = null;
                }

                if (!isNew && before != (row.WorkloadId, row.Namespace, row.Kind, row.WorkloadName, row.Container, row.ContainerType, row.Image,
                        row.Severity, row.Message, row.Remediation, row.IsOpen, row.ResolvedAt, row.Note))
                {
                    // Only rows whose content changes are written; unchanged open findings keep their row untouched and are
                    // read as seen by the cluster's last succeeded scan (LastSucceededScan).
                    row.LastSeen = now;
                    row.LastScanId = scanId;
                    db.Findings.Update(row);
                }

                if (isNew)
                {
                    yield return row;
                }
            }
        }
    }

    internal static string Fingerprint(Finding f)
    {
        var key = $"{f.WorkloadUid}\n{f.ContainerType}\n{f.ContainerName}\n{f.PolicyId}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..40];
    }
}
