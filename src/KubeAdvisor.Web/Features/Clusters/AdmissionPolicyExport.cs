using KubeAdvisor.Core.Admission;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Clusters;

/// <summary>
/// A cluster's ValidatingAdmissionPolicy export (decision 0026), written from the settings stored with the cluster,
/// as a scan reads them (<see cref="PolicySettingsJson"/>). Read-only: any signed-in role may download it.
/// </summary>
public sealed class AdmissionPolicyExport(IDbContextFactory<KubeAdvisorDbContext> dbFactory)
{
    /// <summary>The YAML; null when there is no such cluster.</summary>
    public async Task<string?> WriteAsync(Guid clusterId, AdmissionAction action, Severity? minSeverity, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cluster = await db.Clusters.AsNoTracking().Where(c => c.Id == clusterId)
            .Select(c => new { c.Name, c.PolicySettingsJson }).SingleOrDefaultAsync(ct);
        return cluster is null
            ? null
            : ValidatingAdmissionPolicyWriter.Write(cluster.Name, PolicySettingsJson.Deserialize(cluster.PolicySettingsJson), action, minSeverity);
    }

    /// <summary>The file name offered for download.</summary>
    public static string FileName(string clusterName) => ValidatingAdmissionPolicyWriter.ObjectName(clusterName) + ".yaml";
}
