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
/// The exception workflow (decision 0023): Engineers and Admins request, Admins approve or reject with a comment, an
/// Admin's own request is approved at once unless they ask otherwise, and the requester or an Admin may revoke. Every
/// method checks the caller's current role on the server (API and Blazor handlers alike) and writes its audit entry
/// in the same transaction as the change. Two decisions on one exception at once: the second gets a clear error.
/// </summary>
public sealed class ExceptionWorkflow(
    IDbContextFactory<KubeAdvisorDbContext> dbFactory, AccessGuard guard, AuditLog audit, IOptions<KubeAdvisorOptions> options, TimeProvider time)
{
    public async Task<ExceptionCommandResult> RequestAsync(ClaimsPrincipal user, ExceptionRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = await CurrentAsync(user, AuthPolicies.CanOperate, ct);
        if (actor is null)
        {
            return ExceptionCommandResult.Refused(AccessGuard.NotAllowed);
        }

        var now = time.GetUtcNow();
        var (expiresAt, errors) = ExceptionValidation.Check(request, now, options.Value.ExceptionMaxDays);
        var isAdmin = actor.Role == Roles.Admin;
        if (request.Approve == true && !isAdmin)
        {
            errors = [.. errors, "Only an Admin may approve (leave approve out to request)."];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        string clusterName = "all clusters";
        if (request.ClusterId is { } clusterId)
        {
            clusterName = await db.Clusters.Where(c => c.Id == clusterId).Select(c => c.Name).SingleOrDefaultAsync(ct) ?? "";
            if (clusterName.Length == 0)
            {
                errors = [.. errors, "No such cluster (clusterId)."];
            }
        }

        if (errors.Count > 0)
        {
            return new ExceptionCommandResult(null, null, errors);
        }

        var approveNow = isAdmin && request.Approve != false;
        var row = NewRow(request, expiresAt, actor, now, approveNow ? "approved by the requesting Admin" : null);
        db.PolicyExceptions.Add(row);
        var target = Target(row, clusterName);
        audit.Add(db, actor.Name, AuditActions.ExceptionRequested, target, Describe(row));
        if (approveNow)
        {
            audit.Add(db, actor.Name, AuditActions.ExceptionApproved, target, "own request, approved at once");
        }

        await db.SaveChangesAsync(ct);
        return ExceptionCommandResult.Ok(row.Id, approveNow ? ExceptionStatuses.Approved : ExceptionStatuses.Pending);
    }

    public Task<ExceptionCommandResult> ApproveAsync(ClaimsPrincipal user, Guid id, string? comment, CancellationToken ct = default) =>
        DecideAsync(user, id, comment, approve: true, ct);

    public Task<ExceptionCommandResult> RejectAsync(ClaimsPrincipal user, Guid id, string? comment, CancellationToken ct = default) =>
        DecideAsync(user, id, comment, approve: false, ct);

    /// <summary>Ends a pending or approved exception: an Admin any, an Engineer their own. The findings reopen at the next scan.</summary>
    public async Task<ExceptionCommandResult> RevokeAsync(ClaimsPrincipal user, Guid id, string? comment, CancellationToken ct = default)
    {
        var actor = await CurrentAsync(user, AuthPolicies.CanOperate, ct);
        if (actor is null)
        {
            return ExceptionCommandResult.Refused(AccessGuard.NotAllowed);
        }

        if (ExceptionValidation.CommentError(comment, required: false) is { } error)
        {
            return ExceptionCommandResult.Fail(error);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.PolicyExceptions.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (row is null)
        {
            return ExceptionCommandResult.Missing();
        }

        if (actor.Role != Roles.Admin && (actor.UserId is null || actor.UserId != row.RequestedByUserId))
        {
            return ExceptionCommandResult.Refused("Only an Admin or the requester may revoke an exception.");
        }

        var now = time.GetUtcNow();
        var status = ExceptionStatuses.Of(row.Status, row.ExpiresAt, now);
        if (status is not (ExceptionStatuses.Pending or ExceptionStatuses.Approved))
        {
            return ExceptionCommandResult.Conflicting($"The exception is {status}; only a pending or approved one can be revoked.");
        }

        row.Status = ExceptionStatus.Revoked;
        row.RevokedBy = actor.Name;
        row.RevokedAt = now;
        row.RevokeComment = comment?.Trim();
        audit.Add(db, actor.Name, AuditActions.ExceptionRevoked, Target(row, await ClusterNameAsync(db, row, ct)), comment?.Trim());
        return await SaveAsync(db, row, ct);
    }

    private async Task<ExceptionCommandResult> DecideAsync(ClaimsPrincipal user, Guid id, string? comment, bool approve, CancellationToken ct)
    {
        var actor = await CurrentAsync(user, AuthPolicies.CanAdminister, ct);
        if (actor is null)
        {
            return ExceptionCommandResult.Refused(AccessGuard.NotAllowed);
        }

        if (ExceptionValidation.CommentError(comment, required: !approve) is { } error)
        {
            return ExceptionCommandResult.Fail(error);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.PolicyExceptions.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (row is null)
        {
            return ExceptionCommandResult.Missing();
        }

        var now = time.GetUtcNow();
        var status = ExceptionStatuses.Of(row.Status, row.ExpiresAt, now);
        if (status != ExceptionStatuses.Pending)
        {
            return ExceptionCommandResult.Conflicting($"The exception is {status}; only a pending one can be {(approve ? "approved" : "rejected")}.");
        }

        row.Status = approve ? ExceptionStatus.Approved : ExceptionStatus.Rejected;
        row.DecidedBy = actor.Name;
        row.DecidedAt = now;
        row.DecisionComment = comment?.Trim();
        var details = (comment?.Trim() ?? "") + (row.RequestedByUserId == actor.UserId ? " (own request)" : "");
        audit.Add(db, actor.Name, approve ? AuditActions.ExceptionApproved : AuditActions.ExceptionRejected,
            Target(row, await ClusterNameAsync(db, row, ct)), details.Trim());
        return await SaveAsync(db, row, ct);
    }

    private async Task<ExceptionCommandResult> SaveAsync(KubeAdvisorDbContext db, PolicyException row, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ExceptionCommandResult.Conflicting("Someone else changed this exception at the same moment; reload and try again.");
        }

        return ExceptionCommandResult.Ok(row.Id, ExceptionStatuses.Of(row.Status, row.ExpiresAt, time.GetUtcNow()));
    }

    private async Task<Actor?> CurrentAsync(ClaimsPrincipal user, string policy, CancellationToken ct)
    {
        try
        {
            return await guard.EnsureAsync(user, policy, ct);
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static async Task<string> ClusterNameAsync(KubeAdvisorDbContext db, PolicyException row, CancellationToken ct) =>
        row.ClusterId is { } id ? await db.Clusters.Where(c => c.Id == id).Select(c => c.Name).SingleOrDefaultAsync(ct) ?? "(deleted)" : "all clusters";

    /// <summary>
    /// The row a validated request becomes (<see cref="ExceptionValidation.Check"/> has passed and gave
    /// <paramref name="expiresAt"/>): globs cleaned, policies trimmed and distinct, requested by <paramref name="actor"/>;
    /// approved by them at once when <paramref name="approvalComment"/> is given, else pending.
    /// </summary>
    internal static PolicyException NewRow(ExceptionRequest request, DateTimeOffset expiresAt, Actor actor, DateTimeOffset now, string? approvalComment)
    {
        var scope = ExceptionValidation.ScopeOf(request);
        var approved = approvalComment is not null;
        return new PolicyException
        {
            Id = Guid.NewGuid(),
            ClusterId = request.ClusterId,
            Namespace = scope.Namespace,
            Kind = scope.Kind,
            Name = scope.Name,
            Container = scope.Container,
            Image = scope.Image,
            Policies = request.Policies!.Select(p => p.Trim()).Distinct(StringComparer.Ordinal).ToList(),
            Reason = request.Reason!.Trim(),
            TicketUrl = string.IsNullOrWhiteSpace(request.TicketUrl) ? null : request.TicketUrl.Trim(),
            ExpiresAt = expiresAt,
            Status = approved ? ExceptionStatus.Approved : ExceptionStatus.Pending,
            RequestedBy = actor.Name,
            RequestedByUserId = actor.UserId,
            RequestedAt = now,
            DecidedBy = approved ? actor.Name : null,
            DecidedAt = approved ? now : null,
            DecisionComment = approvalComment,
        };
    }

    /// <summary>The audit target: the exception's id and where it applies.</summary>
    internal static string Target(PolicyException row, string clusterName) => $"exception {row.Id} on {clusterName}";

    /// <summary>What was asked, for the audit entry.</summary>
    internal static string Describe(PolicyException row) =>
        $"{string.Join(", ", row.Policies)} for {ExceptionValidation.ScopeOf(new ExceptionRequest(null, row.Namespace, row.Kind, row.Name, row.Container, row.Image))} "
        + $"until {row.ExpiresAt:yyyy-MM-dd HH:mm} UTC; reason: {row.Reason}" + (row.TicketUrl is null ? "" : $"; ticket {row.TicketUrl}");
}
