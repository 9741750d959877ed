using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KubeAdvisor.Web.Features.Exceptions;

/// <summary>
/// What a scan of a cluster applies: its approved, unexpired exceptions and those of all clusters, plus the ones that
/// stopped applying within <see cref="LapseWindow"/> (their findings reopen noted "exception expired" or
/// "exception revoked"). After the scan, each applied exception's matched-check count is recorded.
/// </summary>
public static class ExceptionRules
{
    /// <summary>How long after an exception ends a finding that reopens still says why.</summary>
    public static readonly TimeSpan LapseWindow = TimeSpan.FromDays(30);

    public const string ExpiredNote = "exception expired";
    public const string RevokedNote = "exception revoked";

    public static async Task<ExceptionSet> LoadAsync(KubeAdvisorDbContext db, Guid clusterId, DateTimeOffset now, CancellationToken ct)
    {
        var since = now - LapseWindow;
        var rows = await db.PolicyExceptions.AsNoTracking()
            .Where(e => e.ClusterId == null || e.ClusterId == clusterId)
            .Where(e => (e.Status == ExceptionStatus.Approved && e.ExpiresAt > since)
                || (e.Status == ExceptionStatus.Revoked && e.DecidedAt != null && e.RevokedAt > since))
            .ToListAsync(ct);
        var active = rows.Where(e => e.Status == ExceptionStatus.Approved && e.ExpiresAt > now).Select(e => Rule(e, null));
        var lapsed = rows.Where(e => e.Status == ExceptionStatus.Revoked || e.ExpiresAt <= now)
            .Select(e => Rule(e, e.Status == ExceptionStatus.Revoked ? RevokedNote : ExpiredNote));
        return new ExceptionSet(active, now, lapsed);
    }

    /// <summary>
    /// The approved, unexpired exceptions of a cluster and of all clusters, each with its end: what the cluster's
    /// admission webhook applies (the agent drops one at its end even when it cannot reach the server).
    /// </summary>
    public static async Task<IReadOnlyList<(ExceptionRule Rule, DateTimeOffset ExpiresAt)>> ActiveAsync(
        KubeAdvisorDbContext db, Guid clusterId, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await db.PolicyExceptions.AsNoTracking()
            .Where(e => (e.ClusterId == null || e.ClusterId == clusterId) && e.Status == ExceptionStatus.Approved && e.ExpiresAt > now)
            .OrderBy(e => e.Id)
            .ToListAsync(ct);
        return rows.Select(e => (Rule(e, null), e.ExpiresAt)).ToList();
    }

    /// <summary>Records what each applied exception matched in this scan (0 when nothing), in the caller's transaction, in one statement.</summary>
    public static async Task RecordHitsAsync(KubeAdvisorDbContext db, ExceptionSet applied, IReadOnlyDictionary<string, int> hits, DateTimeOffset now,
        CancellationToken ct)
    {
        if (applied.Active.Count == 0)
        {
            return;
        }

        var ids = applied.Active.Select(r => Guid.Parse(r.Id)).ToArray();
        var counts = applied.Active.Select(r => hits.GetValueOrDefault(r.Id)).ToArray();
        await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE policy_exceptions e SET "MatchedChecks" = h.count, "MatchedAt" = @now
            FROM unnest(@ids, @counts) AS h(id, count) WHERE e."Id" = h.id
            """,
            [new NpgsqlParameter("now", now), new NpgsqlParameter("ids", ids), new NpgsqlParameter("counts", counts)], ct);
    }

    private static ExceptionRule Rule(PolicyException e, string? note) =>
        new(e.Id.ToString(), new ExceptionScope(e.Namespace, e.Kind, e.Name, e.Container, e.Image), e.Policies) { LapseNote = note };
}
