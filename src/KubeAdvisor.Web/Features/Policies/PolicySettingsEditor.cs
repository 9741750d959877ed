using System.Security.Claims;
using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data;
using KubeAdvisor.Kubernetes.Manifests;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Features.Exceptions;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Policies;

/// <summary>
/// Changes a cluster's policy settings. Admin only, checked here (whatever the page showed); every change is
/// validated with <see cref="ClusterPolicySettings.Validate"/>, saved with its audit entry in one transaction
/// ("policy.changed", cluster, "what: old -> new") and takes effect at the cluster's next scan.
/// </summary>
public sealed class PolicySettingsEditor(IDbContextFactory<KubeAdvisorDbContext> dbFactory, AccessGuard guard, AuditLog audit)
{
    private const string RegistryAllowed = "image-registry-allowed";
    private const int MaxAuditDetails = 8000;

    public Task<PolicyChangeResult> SetEnabledAsync(Guid clusterId, string policyId, bool enabled, CancellationToken ct = default) =>
        ChangeAsync(clusterId, s =>
        {
            var d = Descriptor(policyId);
            var current = s.Policies.GetValueOrDefault(policyId) ?? new PolicyOverride();
            return (s.WithPolicy(policyId, current with { Enabled = enabled }), $"{policyId} enabled: {Word(s.IsEnabled(d))} -> {Word(enabled)}");
        }, ct);

    /// <param name="severity">null: back to the policy's default severity.</param>
    public Task<PolicyChangeResult> SetSeverityAsync(Guid clusterId, string policyId, Severity? severity, CancellationToken ct = default) =>
        ChangeAsync(clusterId, s =>
        {
            var d = Descriptor(policyId);
            var current = s.Policies.GetValueOrDefault(policyId) ?? new PolicyOverride();
            var next = s.WithPolicy(policyId, current with { Severity = severity });
            return (next, $"{policyId} severity: {Name(s.SeverityOf(d))} -> {Name(next.SeverityOf(d))}");
        }, ct);

    /// <summary>One click for a pack: switches it on or off and drops the pack's per-policy on/off overrides.</summary>
    public Task<PolicyChangeResult> SetPackAsync(Guid clusterId, string pack, bool enabled, CancellationToken ct = default) =>
        ChangeAsync(clusterId, s =>
        {
            var packs = new Dictionary<string, bool>(s.Packs, StringComparer.Ordinal) { [pack] = enabled };
            var ids = PolicyCatalog.Descriptors.Where(d => d.Pack == pack).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            var policies = s.Policies.ToDictionary(p => p.Key, p => ids.Contains(p.Key) ? p.Value with { Enabled = null } : p.Value, StringComparer.Ordinal);
            var before = PolicyCatalog.Descriptors.Count(d => d.Pack == pack && s.IsEnabled(d));
            var next = s with { Packs = packs, Policies = policies };
            // The allow-list policy would fail every image without a list: the pack leaves it off until one is set.
            var allowList = PolicyCatalog.Find(RegistryAllowed)?.Descriptor;
            if (enabled && allowList?.Pack == pack && next.AllowedRegistries.Count == 0 && next.IsEnabled(allowList))
            {
                next = next.WithPolicy(RegistryAllowed, (next.Policies.GetValueOrDefault(RegistryAllowed) ?? new PolicyOverride()) with { Enabled = false });
            }

            var after = PolicyCatalog.Descriptors.Count(d => d.Pack == pack && next.IsEnabled(d));
            return (next, $"pack {pack}: {before} of {ids.Count} enabled -> {after} of {ids.Count} enabled");
        }, ct);

    /// <summary>Replaces one of the cluster-wide lists, by its <see cref="PolicyParameter.Name"/>.</summary>
    public Task<PolicyChangeResult> SetListAsync(Guid clusterId, string list, IReadOnlyList<string> values, CancellationToken ct = default) =>
        ChangeAsync(clusterId, s =>
        {
            var parameter = PolicyParameter.Find(list) ?? throw new ArgumentException($"Unknown list '{list}'.");
            var clean = values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            return (parameter.With(s, clean), $"{list}: [{string.Join(", ", parameter.Get(s))}] -> [{string.Join(", ", clean)}]");
        }, ct);

    /// <summary>Replaces a policy's exempt image patterns.</summary>
    public Task<PolicyChangeResult> SetExemptImagesAsync(Guid clusterId, string policyId, IReadOnlyList<string> globs, CancellationToken ct = default) =>
        ChangeAsync(clusterId, s =>
        {
            Descriptor(policyId);
            var clean = globs.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            var current = s.Policies.GetValueOrDefault(policyId) ?? new PolicyOverride();
            return (s.WithPolicy(policyId, current with { ExemptImages = clean.Count == 0 ? null : clean }),
                $"{policyId} exempt images: [{string.Join(", ", s.ExemptImagesOf(policyId))}] -> [{string.Join(", ", clean)}]");
        }, ct);

    /// <summary>What the <c>kubeadvisor.io/exempt</c> annotation does on the cluster: allow, require-reason or ignore.</summary>
    public Task<PolicyChangeResult> SetExemptAnnotationModeAsync(Guid clusterId, ExemptAnnotationMode mode, CancellationToken ct = default) =>
        ChangeAsync(clusterId, s => (s with { ExemptAnnotations = mode },
            $"{ExemptAnnotation.Key} annotation: {ExceptionQueries.ModeName(s.ExemptAnnotations)} -> {ExceptionQueries.ModeName(mode)}"), ct);

    /// <summary>
    /// Replaces the whole settings of a cluster (the settings API). With <paramref name="ifMatch"/>, only when the
    /// settings still have that tag (<see cref="PolicySettingsETag"/>); a document naming another cluster is refused.
    /// The audit entry lists every changed field; saving the same settings again changes and audits nothing.
    /// </summary>
    public async Task<SettingsReplaceResult> ReplaceAsync(
        ClaimsPrincipal user, Guid clusterId, PolicySettingsDocument document, string? ifMatch, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        string actor;
        try
        {
            actor = (await guard.EnsureAsync(user, AuthPolicies.CanAdminister, ct)).Name;
        }
        catch (UnauthorizedAccessException e)
        {
            return new SettingsReplaceResult(SettingsReplaceStatus.Forbidden, null, [e.Message], []);
        }

        return await ReplaceAsync(actor, clusterId, document, ifMatch, "settings replaced", ct);
    }

    /// <summary>
    /// Gives <paramref name="targetId"/> the settings of <paramref name="sourceId"/> (the Policies page's "Copy
    /// settings from"), audited on the target with the diff and the source's name.
    /// </summary>
    public async Task<PolicyChangeResult> CopyAsync(Guid sourceId, Guid targetId, CancellationToken ct = default)
    {
        string actor;
        try
        {
            actor = await guard.EnsureAsync(AuthPolicies.CanAdminister, ct);
        }
        catch (UnauthorizedAccessException e)
        {
            return PolicyChangeResult.Fail(e.Message);
        }

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var source = await db.Clusters.AsNoTracking().Where(c => c.Id == sourceId).Select(c => new { c.Name, c.PolicySettingsJson }).FirstOrDefaultAsync(ct);
            if (source is null)
            {
                return PolicyChangeResult.Fail("The cluster to copy from no longer exists.");
            }

            var document = new PolicySettingsDocument(PolicySettingsJson.Deserialize(source.PolicySettingsJson));
            var result = await ReplaceAsync(actor, targetId, document, null, $"settings copied from {source.Name}", ct);
            return result.Status switch
            {
                SettingsReplaceStatus.Saved or SettingsReplaceStatus.Unchanged => PolicyChangeResult.Ok,
                _ => new PolicyChangeResult(false, result.Errors),
            };
        }
    }

    private async Task<SettingsReplaceResult> ReplaceAsync(
        string actor, Guid clusterId, PolicySettingsDocument document, string? ifMatch, string what, CancellationToken ct)
    {
        var errors = document.Settings.Validate();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var cluster = await LockAsync(db, clusterId, ct);
        if (cluster is null)
        {
            return new SettingsReplaceResult(SettingsReplaceStatus.NotFound, null, ["No such cluster."], []);
        }

        var current = PolicySettingsJson.Deserialize(cluster.PolicySettingsJson);
        var etag = PolicySettingsETag.Of(current);
        if (ifMatch is not null && !PolicySettingsETag.Matches(ifMatch, etag))
        {
            return new SettingsReplaceResult(SettingsReplaceStatus.PreconditionFailed, etag,
                ["The settings changed since they were read (If-Match does not match); read them again and re-apply."], []);
        }

        if (document.Cluster is { } named && named != cluster.Name)
        {
            errors = [$"cluster: the document is for cluster '{named}', not '{cluster.Name}'; remove the field to apply it here.", .. errors];
        }

        if (errors.Count > 0)
        {
            return new SettingsReplaceResult(SettingsReplaceStatus.Invalid, etag, errors, []);
        }

        var changes = PolicySettingsDiff.Describe(current, document.Settings);
        if (changes.Count == 0)
        {
            return new SettingsReplaceResult(SettingsReplaceStatus.Unchanged, etag, [], []);
        }

        cluster.PolicySettingsJson = PolicySettingsJson.Serialize(document.Settings);
        audit.Add(db, actor, AuditActions.PolicyChanged, cluster.Name, Bounded($"{what}: {string.Join("; ", changes)}"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new SettingsReplaceResult(SettingsReplaceStatus.Saved, PolicySettingsETag.Of(document.Settings), [], changes);
    }

    private async Task<PolicyChangeResult> ChangeAsync(Guid clusterId, Func<ClusterPolicySettings, (ClusterPolicySettings Next, string Details)> change, CancellationToken ct)
    {
        string actor;
        try
        {
            actor = await guard.EnsureAsync(AuthPolicies.CanAdminister);
        }
        catch (UnauthorizedAccessException e)
        {
            return PolicyChangeResult.Fail(e.Message);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var cluster = await LockAsync(db, clusterId, ct);
        if (cluster is null)
        {
            return PolicyChangeResult.Fail("The cluster no longer exists.");
        }

        ClusterPolicySettings next;
        string details;
        try
        {
            (next, details) = change(PolicySettingsJson.Deserialize(cluster.PolicySettingsJson));
        }
        catch (ArgumentException e)
        {
            return PolicyChangeResult.Fail(e.Message);
        }

        var errors = next.Validate();
        if (errors.Count > 0)
        {
            return new PolicyChangeResult(false, errors);
        }

        cluster.PolicySettingsJson = PolicySettingsJson.Serialize(next);
        audit.Add(db, actor, AuditActions.PolicyChanged, cluster.Name, details);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return PolicyChangeResult.Ok;
    }

    // The row stays locked until the transaction ends, so two writers (this page, the settings API) never both read
    // the same settings and the second overwrite the first's change.
    private static Task<Data.Entities.Cluster?> LockAsync(KubeAdvisorDbContext db, Guid clusterId, CancellationToken ct) =>
        db.Clusters.FromSql($"SELECT * FROM clusters WHERE \"Id\" = {clusterId} FOR UPDATE").FirstOrDefaultAsync(ct);

    // The audit details column is bounded; a replace that changes everything says so in its first lines.
    private static string Bounded(string details) => details.Length <= MaxAuditDetails ? details : details[..(MaxAuditDetails - 1)] + "…";

    private static PolicyDescriptor Descriptor(string policyId) =>
        PolicyCatalog.Find(policyId)?.Descriptor ?? throw new ArgumentException($"Unknown policy '{policyId}'.");

    private static string Word(bool enabled) => enabled ? "on" : "off";

    private static string Name(Severity severity) => severity.ToString().ToLowerInvariant();
}
