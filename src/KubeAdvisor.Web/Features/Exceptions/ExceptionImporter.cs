using System.Security.Claims;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Configuration;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Features.Exceptions;

/// <summary>
/// Imports an exceptions file (<see cref="ExceptionYaml"/>) as a whole: every entry is read, its cluster looked up by
/// name and its request validated by the rules every new exception passes (<see cref="ExceptionValidation"/>); if any
/// entry has an error nothing is written. Otherwise each entry either matches an approved, unexpired exception exactly
/// (same cluster, scope, policies, reason, ticket and end: "unchanged", so exporting and importing on one server changes
/// nothing) or becomes an exception approved by the importing Admin, audited one entry per exception, all in one
/// transaction. An import adds only: it never revokes an exception the file does not list.
/// </summary>
public sealed class ExceptionImporter(
    IDbContextFactory<KubeAdvisorDbContext> dbFactory, AccessGuard guard, AuditLog audit, IOptions<KubeAdvisorOptions> options, TimeProvider time)
{
    /// <summary>Serialises imports (transaction-scoped advisory lock), so two at once cannot both create the same exception.</summary>
    internal const long LockKey = 0x4B41_4558_494D_5000; // "KAEXIMP"

    public const string ImportComment = "imported from YAML";

    /// <exception cref="UnauthorizedAccessException">The caller is not an Admin now.</exception>
    public async Task<ExceptionImportResult> ImportAsync(ClaimsPrincipal user, string yaml, CancellationToken ct = default)
    {
        var actor = await guard.EnsureAsync(user, AuthPolicies.CanAdminister, ct);
        var document = ExceptionYaml.Read(yaml);
        if (document.Error is not null)
        {
            return ExceptionImportResult.Refuse(document.Error);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);
        var now = time.GetUtcNow();
        var clusters = await db.Clusters.AsNoTracking().Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        var byName = clusters.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var existing = await db.PolicyExceptions.AsNoTracking()
            .Where(e => e.Status == ExceptionStatus.Approved && e.ExpiresAt > now).ToListAsync(ct);

        var outcomes = new List<ExceptionImportEntry>();
        var planned = new List<(ExceptionYamlEntry Entry, PolicyException Row)>();
        foreach (var entry in document.Entries)
        {
            var errors = entry.Errors.ToList();
            Guid? clusterId = null;
            if (entry.Cluster is { } name)
            {
                if (byName.TryGetValue(name, out var id))
                {
                    clusterId = id;
                }
                else
                {
                    errors.Add($"No cluster is named '{name}' on this server.");
                }
            }

            var request = entry.Request with { ClusterId = clusterId, Approve = null };
            var (expiresAt, problems) = ExceptionValidation.Check(request, now, options.Value.ExceptionMaxDays);
            errors.AddRange(problems);
            if (errors.Count > 0)
            {
                outcomes.Add(new ExceptionImportEntry(entry.Index, entry.Line, ExceptionImportEntry.Refused, null, errors));
                continue;
            }

            var row = ExceptionWorkflow.NewRow(request, expiresAt, actor, now, ImportComment);
            if (existing.FirstOrDefault(e => SameAs(e, row)) is { } same)
            {
                outcomes.Add(new ExceptionImportEntry(entry.Index, entry.Line, ExceptionImportEntry.Unchanged, same.Id, []));
            }
            else if (planned.FirstOrDefault(p => SameAs(p.Row, row)) is { Row: not null } twin)
            {
                outcomes.Add(new ExceptionImportEntry(entry.Index, entry.Line, ExceptionImportEntry.Refused, null,
                    [$"The same exception as entry {twin.Entry.Index} (line {twin.Entry.Line})."]));
            }
            else
            {
                planned.Add((entry, row));
                outcomes.Add(new ExceptionImportEntry(entry.Index, entry.Line, ExceptionImportEntry.Created, row.Id, []));
            }
        }

        var invalid = outcomes.Count(o => o.Status == ExceptionImportEntry.Refused);
        if (invalid > 0)
        {
            return ExceptionImportResult.Refuse($"{invalid} of {outcomes.Count} entries have errors; nothing was imported.", outcomes);
        }

        var names = clusters.ToDictionary(c => c.Id, c => c.Name);
        foreach (var (_, row) in planned)
        {
            db.PolicyExceptions.Add(row);
            audit.Add(db, actor.Name, AuditActions.ExceptionsImported,
                ExceptionWorkflow.Target(row, row.ClusterId is { } id ? names[id] : "all clusters"), ExceptionWorkflow.Describe(row));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ExceptionImportResult(true, null, outcomes);
    }

    /// <summary>
    /// The same exception: cluster, scope, policies (as a set), reason, ticket and end. Globs compare as stored (blank
    /// and "*" are both "any"); kinds compare case-insensitively, as they match.
    /// </summary>
    internal static bool SameAs(PolicyException a, PolicyException b) =>
        a.ClusterId == b.ClusterId
        && a.Namespace == b.Namespace && string.Equals(a.Kind, b.Kind, StringComparison.OrdinalIgnoreCase) && a.Name == b.Name
        && a.Container == b.Container && a.Image == b.Image
        && a.Policies.ToHashSet(StringComparer.Ordinal).SetEquals(b.Policies)
        && a.Reason == b.Reason && a.TicketUrl == b.TicketUrl && a.ExpiresAt == b.ExpiresAt;
}
