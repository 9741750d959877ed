using System.Text.Json;
using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Clusters;
using KubeAdvisor.Web.Features.Findings;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Exceptions;

/// <summary>Reads exceptions for the Exceptions page, the cluster page, the navigation badge and the API.</summary>
public sealed class ExceptionQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory, TimeProvider time)
{
    private static readonly string[] AnnotationKeys = [ExemptAnnotation.Key, StoredAnnotations.TemplateKey(ExemptAnnotation.Key)];

    /// <summary>"Expiring soon" means within this.</summary>
    public static readonly TimeSpan ExpiringWithin = TimeSpan.FromDays(7);

    /// <summary>The most exceptions one list returns (the newest requests).</summary>
    public const int MaxListed = 1000;

    /// <summary>Exceptions, newest request first, optionally of one status (as <see cref="ExceptionStatuses"/> names them) and cluster (its own and all-cluster ones).</summary>
    public Task<IReadOnlyList<ExceptionView>> ListAsync(string? status = null, Guid? clusterId = null, CancellationToken ct = default) =>
        LoadAsync(clusterId, (query, now) => WithStatus(query, status, now).OrderByDescending(e => e.RequestedAt).Take(MaxListed), ct);

    /// <summary>
    /// Every approved, unexpired exception a scan of the cluster applies (its own and all-cluster ones), without the
    /// <see cref="MaxListed"/> cap, oldest first: what the CLI's <c>--server</c> mode needs to judge as the cluster's scans do.
    /// </summary>
    public Task<IReadOnlyList<ExceptionView>> ActiveAsync(Guid clusterId, CancellationToken ct = default) =>
        LoadAsync(clusterId, (query, now) => WithStatus(query, ExceptionStatuses.Approved, now).OrderBy(e => e.RequestedAt).ThenBy(e => e.Id), ct);

    private static IQueryable<PolicyException> WithStatus(IQueryable<PolicyException> query, string? status, DateTimeOffset now) =>
        status switch
        {
            ExceptionStatuses.Pending => query.Where(e => e.Status == ExceptionStatus.Pending && e.ExpiresAt > now),
            ExceptionStatuses.Approved => query.Where(e => e.Status == ExceptionStatus.Approved && e.ExpiresAt > now),
            ExceptionStatuses.Expired => query.Where(e => (e.Status == ExceptionStatus.Approved || e.Status == ExceptionStatus.Pending) && e.ExpiresAt <= now),
            ExceptionStatuses.Rejected => query.Where(e => e.Status == ExceptionStatus.Rejected),
            ExceptionStatuses.Revoked => query.Where(e => e.Status == ExceptionStatus.Revoked),
            _ => query,
        };

    // The exceptions of one cluster (its own and all-cluster ones) or of all, shaped by the caller, as views at one moment.
    private async Task<IReadOnlyList<ExceptionView>> LoadAsync(
        Guid? clusterId, Func<IQueryable<PolicyException>, DateTimeOffset, IQueryable<PolicyException>> shape, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.PolicyExceptions.AsNoTracking();
        if (clusterId is { } id)
        {
            query = query.Where(e => e.ClusterId == null || e.ClusterId == id);
        }

        var rows = await shape(query, now).ToListAsync(ct);
        var names = await ClusterNamesAsync(db, ct);
        return rows.Select(e => View(e, names, now)).ToList();
    }

    public async Task<ExceptionView?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.PolicyExceptions.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        return row is null ? null : View(row, await ClusterNamesAsync(db, ct), time.GetUtcNow());
    }

    /// <summary>Pending requests an Admin can still decide (for the navigation badge).</summary>
    public async Task<int> PendingCountAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PolicyExceptions.CountAsync(e => e.Status == ExceptionStatus.Pending && e.ExpiresAt > now, ct);
    }

    /// <summary>
    /// Approved exceptions that end within <see cref="ExpiringWithin"/>, soonest first (of one cluster, including all-cluster
    /// ones, when given). Filtered in SQL, so an old exception is not lost behind the newest <see cref="MaxListed"/> requests.
    /// </summary>
    public Task<IReadOnlyList<ExceptionView>> ExpiringAsync(Guid? clusterId = null, CancellationToken ct = default) =>
        LoadAsync(clusterId, (query, now) => WithStatus(query, ExceptionStatuses.Approved, now)
            .Where(e => e.ExpiresAt <= now + ExpiringWithin).OrderBy(e => e.ExpiresAt).Take(MaxListed), ct);

    /// <summary>Present workloads that carry the exempt annotation, with what the cluster's mode makes of it.</summary>
    public async Task<IReadOnlyList<AnnotationExemptionView>> AnnotationExemptionsAsync(Guid? clusterId = null, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clusters = await db.Clusters.AsNoTracking().Where(c => clusterId == null || c.Id == clusterId)
            .Select(c => new { c.Id, c.Name, c.PolicySettingsJson }).ToListAsync(ct);
        var modes = clusters.ToDictionary(c => c.Id, c => (c.Name, Mode: PolicySettingsJson.Deserialize(c.PolicySettingsJson).ExemptAnnotations));
        var ids = modes.Keys.ToList();
        // The annotation is stored under its key or its pod-template key (StoredAnnotations): jsonb's ?| finds either.
        var rows = await db.Workloads.AsNoTracking()
            .Where(w => ids.Contains(w.ClusterId) && w.GoneAt == null && EF.Functions.JsonExistAny(w.AnnotationsJson, AnnotationKeys))
            .OrderBy(w => w.Namespace).ThenBy(w => w.Name).Take(2000)
            .Select(w => new { w.Id, w.ClusterId, w.Namespace, w.Kind, w.Name, w.AnnotationsJson }).ToListAsync(ct);
        var result = new List<AnnotationExemptionView>();
        foreach (var w in rows)
        {
            var annotations = JsonSerializer.Deserialize<Dictionary<string, string?>>(w.AnnotationsJson) ?? [];
            string? Get(string key) => StoredAnnotations.Get(annotations, key);
            var value = Get(ExemptAnnotation.Key);
            if (value is null)
            {
                continue;
            }

            var (name, mode) = modes[w.ClusterId];
            var reason = Get(ExemptAnnotation.ReasonKey);
            var until = Get(ExemptAnnotation.UntilKey);
            var whyNot = mode switch
            {
                ExemptAnnotationMode.Ignore => "the cluster ignores the annotation",
                ExemptAnnotationMode.RequireReason => ExemptAnnotation.WhyNot(reason, until, now),
                _ => null,
            };
            result.Add(new AnnotationExemptionView(w.ClusterId, name, w.Id, w.Namespace, w.Kind, w.Name, value, reason, until,
                ModeName(mode), whyNot is null, whyNot));
        }

        return result;
    }

    /// <summary>The mode as settings and pages write it.</summary>
    public static string ModeName(ExemptAnnotationMode mode) => mode switch
    {
        ExemptAnnotationMode.RequireReason => "require-reason",
        ExemptAnnotationMode.Ignore => "ignore",
        _ => "allow",
    };

    private static async Task<Dictionary<Guid, string>> ClusterNamesAsync(KubeAdvisorDbContext db, CancellationToken ct) =>
        await db.Clusters.AsNoTracking().Select(c => new { c.Id, c.Name }).ToDictionaryAsync(c => c.Id, c => c.Name, ct);

    private static ExceptionView View(PolicyException e, IReadOnlyDictionary<Guid, string> names, DateTimeOffset now) =>
        new(e.Id, e.ClusterId, e.ClusterId is { } id ? names.GetValueOrDefault(id, "(deleted)") : "all clusters",
            e.Namespace, e.Kind, e.Name, e.Container, e.Image, e.Policies, e.Reason, e.TicketUrl, e.ExpiresAt,
            ExceptionStatuses.Of(e.Status, e.ExpiresAt, now), e.RequestedBy, e.RequestedAt, e.DecidedBy, e.DecidedAt, e.DecisionComment,
            e.RevokedBy, e.RevokedAt, e.RevokeComment, e.MatchedChecks, e.MatchedAt);
}
