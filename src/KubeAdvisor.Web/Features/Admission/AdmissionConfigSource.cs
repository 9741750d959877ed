using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data;
using KubeAdvisor.Kubernetes.Admission;
using KubeAdvisor.Web.Features.Exceptions;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Admission;

/// <summary>
/// What a cluster's agent pulls to judge admission requests (<see cref="AdmissionConfig"/>): the mode, the policy
/// settings as stored, and the approved exceptions that have not expired. Serialized once per pull; its entity tag is
/// the hash of those bytes, so an unchanged configuration costs the agent a 304 and no parsing.
/// </summary>
public sealed class AdmissionConfigSource(IDbContextFactory<KubeAdvisorDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The serialized configuration and its entity tag; null when the cluster does not exist.</summary>
    public async Task<(byte[] Json, string ETag)?> BuildAsync(Guid clusterId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cluster = await db.Clusters.AsNoTracking().Where(c => c.Id == clusterId)
            .Select(c => new { c.AdmissionMode, c.AdmissionMinSeverity, c.PolicySettingsJson })
            .SingleOrDefaultAsync(ct);
        if (cluster is null)
        {
            return null;
        }

        var exceptions = await ExceptionRules.ActiveAsync(db, clusterId, time.GetUtcNow(), ct);
        var config = new AdmissionConfig(cluster.AdmissionMode, cluster.AdmissionMinSeverity, PolicySettingsJson.Deserialize(cluster.PolicySettingsJson),
            exceptions.Select(e => AdmissionException.From(e.Rule, e.ExpiresAt)).ToList());
        var json = AdmissionJson.Serialize(config);
        return (json, AdmissionJson.ETagOf(json));
    }
}
