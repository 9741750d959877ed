using System.Security.Claims;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Kubernetes.Kubeconfig;
using KubeAdvisor.Web.Configuration;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Features.Clusters;

/// <summary>
/// Connecting, editing and deleting clusters. Every method checks the Admin policy against the caller's principal
/// (API and Blazor handlers alike), validates the kubeconfig before anything is stored, and audits the change.
/// </summary>
public sealed class ClusterAdministration(
    IDbContextFactory<KubeAdvisorDbContext> dbFactory,
    AccessGuard guard,
    KubeconfigProtector protector,
    StoredKubeconfigs stored,
    ConnectionProbe probe,
    AuditLog audit,
    IOptions<KubeAdvisorOptions> options,
    TimeProvider time)
{

    // A kubeconfig an Admin submits now (a stored one is read through StoredKubeconfigs).
    private KubeconfigValidationResult Validate(string kubeconfig, string? context, bool allowInsecure) =>
        new KubeconfigValidator().Validate(kubeconfig, context, ClusterKubeconfigPolicy.ForUpload(options.Value, allowInsecure));

    /// <summary>Parses and checks a kubeconfig (contexts, refusals, warnings) without storing anything.</summary>
    public async Task<KubeconfigValidationResult> InspectAsync(ClaimsPrincipal user, string kubeconfig, string? context, bool allowInsecure)
    {
        await EnsureAdminAsync(user);
        return Validate(kubeconfig, context, allowInsecure);
    }

    /// <summary>Validates, then GET /version and a limit=1 list of every scanned kind.</summary>
    public async Task<(KubeconfigValidationResult Validation, ConnectionTestResult? Test)> TestAsync(
        ClaimsPrincipal user, string kubeconfig, string? context, bool allowInsecure, CancellationToken ct)
    {
        var actor = await EnsureAdminAsync(user);
        var validation = Validate(kubeconfig, context, allowInsecure);
        var test = validation.IsValid ? await probe.TestAsync(validation.Config!, ct) : null;
        await audit.WriteAsync(actor, AuditActions.ConnectionTested, validation.Config?.Server.Host ?? "(invalid kubeconfig)", Outcome(test), ct: ct);
        return (validation, test);
    }

    public async Task<ConnectionTestResult?> TestStoredAsync(ClaimsPrincipal user, Guid clusterId, CancellationToken ct)
    {
        var actor = await EnsureAdminAsync(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cluster = await db.Clusters.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clusterId, ct);
        if (cluster?.EncryptedKubeconfig is null)
        {
            return null;
        }

        var validation = stored.Read(cluster);
        var test = validation.IsValid
            ? await probe.TestAsync(validation.Config!, ct)
            : new ConnectionTestResult(null, [], string.Join(" ", validation.Errors), false);
        await audit.WriteAsync(actor, AuditActions.ConnectionTested, cluster.Name, Outcome(test), ct: ct);
        return test;
    }

    public async Task<ClusterCommandResult> AddAsync(ClaimsPrincipal user, AddClusterRequest request, CancellationToken ct)
    {
        var actor = await EnsureAdminAsync(user);
        var interval = request.IntervalMinutes ?? ClusterNames.DefaultIntervalMinutes;
        var errors = new List<string>();
        AddIf(errors, ClusterNames.NameError(request.Name));
        AddIf(errors, ClusterNames.IntervalError(interval));
        var validation = Validate(request.Kubeconfig ?? "", request.Context, request.AllowInsecureSkipTlsVerify);
        errors.AddRange(validation.Errors);
        if (errors.Count > 0)
        {
            return new ClusterCommandResult(null, errors, validation.Warnings);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = request.Name.Trim();
        if (await db.Clusters.AnyAsync(c => c.Name == name, ct))
        {
            return ClusterCommandResult.Fail($"A cluster named \"{name}\" already exists.");
        }

        var cluster = new Cluster
        {
            Id = Guid.NewGuid(),
            Name = name,
            ConnectionType = ConnectionType.Kubeconfig,
            EncryptedKubeconfig = protector.Protect(request.Kubeconfig!),
            Context = validation.Context,
            ServerUrl = validation.Config!.Server.ToString(),
            InsecureSkipTlsVerify = request.AllowInsecureSkipTlsVerify && validation.Config.SkipTlsVerify,
            ScanIntervalMinutes = interval,
            CreatedAt = time.GetUtcNow(),
        };
        db.Clusters.Add(cluster);
        audit.Add(db, actor, AuditActions.ClusterAdded, name, $"kubeconfig, context {validation.Context}, server {cluster.ServerUrl}, every {interval} min"
            + (cluster.InsecureSkipTlsVerify ? ", TLS verification DISABLED by admin opt-in" : ""));
        await db.SaveChangesAsync(ct);
        return ClusterCommandResult.Ok(cluster.Id, validation.Warnings);
    }

    public async Task<ClusterCommandResult> UpdateAsync(ClaimsPrincipal user, Guid id, string name, int intervalMinutes, string? context, CancellationToken ct)
    {
        var actor = await EnsureAdminAsync(user);
        var errors = new List<string>();
        AddIf(errors, ClusterNames.NameError(name));
        AddIf(errors, ClusterNames.IntervalError(intervalMinutes));
        if (errors.Count > 0)
        {
            return new ClusterCommandResult(null, errors, []);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cluster = await db.Clusters.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (cluster is null)
        {
            return ClusterCommandResult.Missing();
        }

        name = name.Trim();
        if (name != cluster.Name && await db.Clusters.AnyAsync(c => c.Name == name, ct))
        {
            return ClusterCommandResult.Fail($"A cluster named \"{name}\" already exists.");
        }

        if (context is not null && context != cluster.Context && cluster.EncryptedKubeconfig is not null)
        {
            var validation = stored.Read(cluster, context);
            if (!validation.IsValid)
            {
                return new ClusterCommandResult(null, validation.Errors, validation.Warnings);
            }

            cluster.ServerUrl = validation.Config!.Server.ToString();
        }

        var before = $"{cluster.Name}, every {cluster.ScanIntervalMinutes} min, context {cluster.Context}";
        cluster.Name = name;
        cluster.ScanIntervalMinutes = intervalMinutes;
        cluster.Context = context ?? cluster.Context;
        audit.Add(db, actor, AuditActions.ClusterUpdated, name, $"{before} -> {cluster.Name}, every {cluster.ScanIntervalMinutes} min, context {cluster.Context}");
        await db.SaveChangesAsync(ct);
        return ClusterCommandResult.Ok(id);
    }

    public async Task<ClusterCommandResult> ReplaceCredentialsAsync(ClaimsPrincipal user, Guid id, string kubeconfig, string? context, bool allowInsecure, CancellationToken ct)
    {
        var actor = await EnsureAdminAsync(user);
        var validation = Validate(kubeconfig, context, allowInsecure);
        if (!validation.IsValid)
        {
            return new ClusterCommandResult(null, validation.Errors, validation.Warnings);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cluster = await db.Clusters.SingleOrDefaultAsync(c => c.Id == id && c.ConnectionType == ConnectionType.Kubeconfig, ct);
        if (cluster is null)
        {
            return ClusterCommandResult.Missing();
        }

        cluster.EncryptedKubeconfig = protector.Protect(kubeconfig);
        cluster.Context = validation.Context;
        cluster.ServerUrl = validation.Config!.Server.ToString();
        cluster.InsecureSkipTlsVerify = allowInsecure && validation.Config.SkipTlsVerify;
        audit.Add(db, actor, AuditActions.ClusterCredentialsReplaced, cluster.Name, $"context {cluster.Context}, server {cluster.ServerUrl}");
        await db.SaveChangesAsync(ct);
        return ClusterCommandResult.Ok(id, validation.Warnings);
    }

    /// <summary>Replaces the cluster's labels (every label at once); refused whole, with every reason, when one is invalid.</summary>
    public async Task<ClusterCommandResult> SetLabelsAsync(ClaimsPrincipal user, Guid id, IReadOnlyDictionary<string, string?>? labels, CancellationToken ct)
    {
        var actor = await EnsureAdminAsync(user);
        var errors = ClusterLabels.Errors(labels);
        if (errors.Count > 0)
        {
            return new ClusterCommandResult(null, errors, []);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cluster = await db.Clusters.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (cluster is null)
        {
            return ClusterCommandResult.Missing();
        }

        var before = ClusterLabels.FromJson(cluster.LabelsJson);
        var after = labels!.ToDictionary(l => l.Key, l => l.Value!, StringComparer.Ordinal);
        cluster.LabelsJson = ClusterLabels.ToJson(after);
        audit.Add(db, actor, AuditActions.ClusterLabelsChanged, cluster.Name, $"{ClusterLabels.Describe(before)} -> {ClusterLabels.Describe(after)}");
        await db.SaveChangesAsync(ct);
        return ClusterCommandResult.Ok(id);
    }

    /// <summary>Deletes the cluster and, by cascade, its scans, workloads, findings and rollups.</summary>
    public async Task<ClusterCommandResult> DeleteAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var actor = await EnsureAdminAsync(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cluster = await db.Clusters.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (cluster is null)
        {
            return ClusterCommandResult.Missing();
        }

        db.Clusters.Remove(cluster);
        audit.Add(db, actor, AuditActions.ClusterDeleted, cluster.Name, "cluster and all its scans, findings and trends deleted");
        await db.SaveChangesAsync(ct);
        return ClusterCommandResult.Ok(id);
    }

    private async Task<string> EnsureAdminAsync(ClaimsPrincipal user) =>
        (await guard.EnsureAsync(user, AuthPolicies.CanAdminister)).Name;

    private static string Outcome(ConnectionTestResult? test) =>
        test is null ? "not tested: the kubeconfig was refused" : test.Error is null ? $"reached, Kubernetes {test.KubernetesVersion}" : "failed: " + test.Error;

    private static void AddIf(List<string> errors, string? error)
    {
        if (error is not null)
        {
            errors.Add(error);
        }
    }
}
