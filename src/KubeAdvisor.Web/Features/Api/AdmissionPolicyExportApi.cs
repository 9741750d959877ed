using KubeAdvisor.Core.Admission;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Web.Features.Clusters;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>
/// GET /api/v1/clusters/{id}/admission/validating-admission-policy.yaml: the cluster's expressible policies as a
/// ValidatingAdmissionPolicy and binding (any signed-in role). <c>?action=Deny|Warn|Audit</c> (default Deny) sets the
/// binding's validationActions; <c>?minSeverity=info|low|medium|high|critical</c> leaves out lower severities.
/// </summary>
public static class AdmissionPolicyExportApi
{
    public static RouteGroupBuilder MapAdmissionPolicyExportApi(this RouteGroupBuilder api)
    {
        api.MapGet("/clusters/{id:guid}/admission/validating-admission-policy.yaml",
            async (Guid id, string? action, string? minSeverity, AdmissionPolicyExport export, CancellationToken ct) =>
            {
                if (!Enum.TryParse<AdmissionAction>(action ?? nameof(AdmissionAction.Deny), ignoreCase: true, out var chosen)
                    || !Enum.IsDefined(chosen) || int.TryParse(action, out _))
                {
                    return ApiEndpoints.BadRequest("action must be Deny, Warn or Audit.");
                }

                Severity? severity = null;
                if (minSeverity is not null)
                {
                    if (!Enum.TryParse<Severity>(minSeverity, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(minSeverity, out _))
                    {
                        return ApiEndpoints.BadRequest("minSeverity must be info, low, medium, high or critical.");
                    }

                    severity = parsed;
                }

                return await export.WriteAsync(id, chosen, severity, ct) is { } yaml
                    ? Results.Text(yaml, "application/yaml")
                    : ApiEndpoints.NotFound("cluster");
            })
            .Produces<string>(StatusCodes.Status200OK, "application/yaml");
        return api;
    }
}
