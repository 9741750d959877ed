using System.Text.Json;
using KubeAdvisor.Data;
using KubeAdvisor.Web.Features.Findings;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Workloads;

/// <summary>One workload: its containers and annotations as last seen, and its findings (open first, from <see cref="FindingsQueries"/>).</summary>
public sealed class WorkloadQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory, FindingsQueries findingQueries)
{
    public const int ResolvedShown = 20;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record ContainerRow(string Name, string Type, string Image, string? ImagePullPolicy);

    public sealed record Data(
        Guid Id, Guid ClusterId, string ClusterName, string Kind, string Namespace, string Name, int? Replicas,
        DateTimeOffset FirstSeen, DateTimeOffset LastSeen, DateTimeOffset? GoneAt,
        IReadOnlyDictionary<string, string> Annotations, IReadOnlyList<ContainerRow> Containers, IReadOnlyList<FindingRow> Findings);

    /// <summary>null when the workload does not exist in that cluster.</summary>
    public async Task<Data?> LoadAsync(Guid clusterId, Guid workloadId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var w = await db.Workloads.AsNoTracking()
            .Where(x => x.Id == workloadId && x.ClusterId == clusterId)
            .Select(x => new
            {
                x.Id, x.ClusterId, ClusterName = db.Clusters.Where(c => c.Id == x.ClusterId).Select(c => c.Name).First(),
                x.Kind, x.Namespace, x.Name, x.Replicas, x.FirstSeen, x.GoneAt, x.AnnotationsJson, x.ContainersJson,
            })
            .FirstOrDefaultAsync(ct);
        if (w is null)
        {
            return null;
        }

        // When it and its findings were last seen is the findings module's rule (LastSucceededScan), read there only.
        var findings = await findingQueries.ForWorkloadAsync(clusterId, workloadId, ResolvedShown, ct);
        if (findings is null)
        {
            return null;
        }

        return new Data(w.Id, w.ClusterId, w.ClusterName, w.Kind, w.Namespace, w.Name, w.Replicas, w.FirstSeen,
            findings.WorkloadLastSeen, w.GoneAt,
            Parse<Dictionary<string, string>>(w.AnnotationsJson) ?? [],
            Parse<List<ContainerRow>>(w.ContainersJson) ?? [],
            findings.Findings);
    }

    // Written by the scan store; read leniently (either property casing) so a stored row never breaks the page.
    private static T? Parse<T>(string json) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
