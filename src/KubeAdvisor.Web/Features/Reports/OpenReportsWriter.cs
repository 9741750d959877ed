using System.Text.Json;
using KubeAdvisor.Data;
using KubeAdvisor.Web.Features.Findings;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Reports;

/// <summary>
/// A cluster's results as openreports.io/v1alpha1 objects (decision 0031, docs/reports.md): a Kubernetes <c>List</c> of one
/// <c>Report</c> per namespace and one <c>ClusterReport</c>. Fail results are the open findings (one per finding, with its
/// workload); pass and skip results are the last succeeded scan's passed and exempt checks, one per namespace × policy
/// (what is stored of them). Written as it is read: findings come page by page in namespace order, so the answer for a
/// cluster of any size is held one page at a time.
/// </summary>
public sealed class OpenReportsWriter(IDbContextFactory<KubeAdvisorDbContext> dbFactory, FindingsQueries findings)
{
    /// <summary>How many open findings are read (and written before a flush) at a time.</summary>
    public const int PageSize = 1000;

    /// <summary>
    /// A namespace's Report is closed once its JSON passes this size and its further fail results go to a next part
    /// (<c>kubeadvisor-2</c>, …), so every object fits etcd's request limit (1.5 MiB) with room for the API server's own
    /// metadata: one more result (a few KiB at most) and the namespace's pass and skip results (one per policy) follow it.
    /// </summary>
    public const int MaxReportBytes = 1024 * 1024;

    /// <summary>The cluster, its last succeeded scan and that scan's tallies; null when the cluster does not exist.</summary>
    public async Task<ReportBasis?> LoadAsync(Guid clusterId, string? ns, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await db.Clusters.AsNoTracking().Where(c => c.Id == clusterId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        if (name is null || await LastSucceededScan.LoadAsync(db, clusterId, ct) is not { } last)
        {
            return null;
        }

        List<PolicyTally> tallies = [];
        if (last.Id is { } scanId)
        {
            var rows = db.ScanSummaries.AsNoTracking().Where(s => s.ScanId == scanId && (s.Passed > 0 || s.Exempt > 0));
            if (ns is not null)
            {
                rows = rows.Where(s => s.Namespace == ns);
            }

            tallies = await rows.OrderBy(s => s.Namespace).ThenBy(s => s.PolicyId)
                .Select(s => new PolicyTally(s.Namespace, s.PolicyId, s.Severity, s.Passed, s.Exempt)).ToListAsync(ct);
        }

        return new ReportBasis(clusterId, name, last, tallies, ns);
    }

    /// <summary>Writes the List to <paramref name="body"/>; before the cluster's first succeeded scan its items are empty.</summary>
    public Task WriteAsync(Stream body, ReportBasis basis, CancellationToken ct) => WriteAsync(body, basis, MaxReportBytes, ct);

    /// <summary>As <see cref="WriteAsync(Stream, ReportBasis, CancellationToken)"/>, splitting reports at <paramref name="maxReportBytes"/> (tests).</summary>
    internal async Task WriteAsync(Stream body, ReportBasis basis, int maxReportBytes, CancellationToken ct)
    {
        await using var json = new Utf8JsonWriter(body);
        json.WriteStartObject();
        json.WriteString("apiVersion", "v1");
        json.WriteString("kind", "List");
        json.WriteStartObject("metadata");
        json.WriteEndObject();
        json.WriteStartArray("items");
        if (basis.Last.Id is not null)
        {
            await WriteItemsAsync(json, basis, maxReportBytes, ct);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }

    private async Task WriteItemsAsync(Utf8JsonWriter json, ReportBasis basis, int maxReportBytes, CancellationToken ct)
    {
        var tallies = basis.Tallies.GroupBy(t => t.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<PolicyTally>)[.. g], StringComparer.Ordinal);
        var written = new HashSet<string>(StringComparer.Ordinal);
        var at = basis.Last.FinishedAt!.Value;
        ReportJson? open = null;
        await foreach (var page in findings.OpenByNamespaceAsync(basis.ClusterId, basis.Namespace, PageSize, ct))
        {
            var uids = await UidsAsync(page, ct);
            foreach (var row in page)
            {
                // Rows come grouped by namespace (equal keys sort together under any collation): a new one closes the last report.
                if (open is null || !string.Equals(open.Namespace, row.Namespace, StringComparison.Ordinal))
                {
                    open?.End(tallies.GetValueOrDefault(open.Namespace) ?? []);
                    open = ReportJson.Begin(json, basis, row.Namespace, at);
                    written.Add(row.Namespace);
                }
                else if (open.Bytes >= maxReportBytes)
                {
                    open.End([]); // the namespace's passes and skips go with its last part
                    open = ReportJson.Begin(json, basis, row.Namespace, at, open.Part + 1);
                }

                open.Fail(row, uids.GetValueOrDefault(row.WorkloadId));
            }

            await json.FlushAsync(ct);
        }

        open?.End(tallies.GetValueOrDefault(open.Namespace) ?? []);
        foreach (var (ns, rest) in tallies.Where(t => !written.Contains(t.Key)).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            ReportJson.Begin(json, basis, ns, at).End(rest);
            written.Add(ns);
        }

        // One ClusterReport always (cluster-scoped results: none while every judged object is namespaced), unless one namespace was asked for.
        if (basis.Namespace is null && !written.Contains(""))
        {
            ReportJson.Begin(json, basis, "", at).End([]);
        }
    }

    // The stored workloads' uids (the resources' uid); a finding whose workload row is gone gets none.
    private async Task<Dictionary<Guid, string>> UidsAsync(IReadOnlyList<FindingRow> page, CancellationToken ct)
    {
        var ids = page.Select(r => r.WorkloadId).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Workloads.AsNoTracking().Where(w => ids.Contains(w.Id) && w.Uid != "")
            .Select(w => new { w.Id, w.Uid }).ToDictionaryAsync(w => w.Id, w => w.Uid, ct);
    }
}
