using System.Security.Claims;
using KubeAdvisor.Core.Admission;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Admission;

/// <summary>
/// Sets what a cluster's admission webhook does (off, warn, deny at a minimum severity). Admin only, checked here from
/// the database whatever the page or the API showed (an open tab of a demoted Admin is refused), and audited
/// (<c>cluster.admission-changed</c>, "warn -> deny high"). Only agent-connected clusters have a webhook. The agent
/// picks the change up at its next pull (at most a minute).
/// </summary>
public sealed class AdmissionModes(IDbContextFactory<KubeAdvisorDbContext> dbFactory, AccessGuard guard, AuditLog audit)
{
    /// <exception cref="UnauthorizedAccessException">The user is not an Admin (now).</exception>
    public async Task<AdmissionChange> SetAsync(ClaimsPrincipal user, Guid clusterId, AdmissionMode mode, Severity minSeverity, CancellationToken ct)
    {
        var actor = await guard.EnsureAsync(user, AuthPolicies.CanAdminister, ct);
        if (!Enum.IsDefined(mode) || !Enum.IsDefined(minSeverity))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), "Unknown admission mode or severity.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cluster = await db.Clusters.SingleOrDefaultAsync(c => c.Id == clusterId, ct);
        if (cluster is null)
        {
            return AdmissionChange.NotFound;
        }

        if (cluster.ConnectionType != ConnectionType.Agent)
        {
            return AdmissionChange.NotAnAgentCluster;
        }

        if (cluster.AdmissionMode == mode && cluster.AdmissionMinSeverity == minSeverity)
        {
            return AdmissionChange.Unchanged;
        }

        var before = Describe(cluster.AdmissionMode, cluster.AdmissionMinSeverity);
        var after = Describe(mode, minSeverity);
        cluster.AdmissionMode = mode;
        cluster.AdmissionMinSeverity = minSeverity;
        audit.Add(db, actor.Name, AuditActions.ClusterAdmissionChanged, cluster.Name, $"{before} -> {after}");
        await db.SaveChangesAsync(ct);
        return AdmissionChange.Saved;
    }

    /// <summary>"off", "warn" or "deny high" (the severity matters only when denying).</summary>
    public static string Describe(AdmissionMode mode, Severity minSeverity) => mode switch
    {
        AdmissionMode.Deny => $"deny {Name(minSeverity)}",
        _ => Name(mode),
    };

    public static string Name(AdmissionMode mode) => mode.ToString().ToLowerInvariant();

    public static string Name(Severity severity) => severity.ToString().ToLowerInvariant();
}
