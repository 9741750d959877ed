using System.Security.Claims;
using KubeAdvisor.Core.Admission;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Web.Features.Admission;
using KubeAdvisor.Web.Infrastructure.Auth;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>
/// A cluster's admission webhook: its mode and last week's decisions (every role), and setting the mode (Admin,
/// checked again by <see cref="AdmissionModes"/>; audited). Body: <c>{"mode": "off|warn|deny", "minSeverity": "high"}</c>.
/// </summary>
public static class AdmissionApi
{
    /// <summary>The body of PUT /clusters/{id}/admission.</summary>
    public sealed record AdmissionModeRequest(string? Mode, string? MinSeverity);

    public static RouteGroupBuilder MapAdmissionApi(this RouteGroupBuilder api)
    {
        api.MapGet("/clusters/{id:guid}/admission", async (Guid id, AdmissionQueries queries, CancellationToken ct) =>
            await queries.WeekAsync(id, ct) is { } week ? Results.Ok(View(week)) : ApiEndpoints.NotFound("cluster"));

        api.MapPut("/clusters/{id:guid}/admission", async (Guid id, AdmissionModeRequest? body, ClaimsPrincipal user, AdmissionModes modes,
            AdmissionQueries queries, CancellationToken ct) =>
        {
            if (body is null || !Enum.TryParse<AdmissionMode>(body.Mode, ignoreCase: true, out var mode) || !Enum.IsDefined(mode) || int.TryParse(body.Mode, out _))
            {
                return ApiEndpoints.BadRequest("Send JSON with mode (off, warn or deny) and, for deny, minSeverity (info, low, medium, high or critical).");
            }

            var severity = Severity.High;
            if (body.MinSeverity is not null && (!Enum.TryParse(body.MinSeverity, ignoreCase: true, out severity) || !Enum.IsDefined(severity) || int.TryParse(body.MinSeverity, out _)))
            {
                return ApiEndpoints.BadRequest("minSeverity must be info, low, medium, high or critical.");
            }

            var result = await modes.SetAsync(user, id, mode, severity, ct);
            return result switch
            {
                AdmissionChange.NotFound => ApiEndpoints.NotFound("cluster"),
                AdmissionChange.NotAnAgentCluster => ApiEndpoints.BadRequest("Only agent-connected clusters run the admission webhook."),
                _ => Results.Ok(View((await queries.WeekAsync(id, ct))!) with { Changed = result == AdmissionChange.Saved }),
            };
        }).RequireAuthorization(AuthPolicies.CanAdminister);
        return api;
    }

    private static AdmissionView View(AdmissionWeek w) => new(
        AdmissionModes.Name(w.Mode), AdmissionModes.Name(w.MinSeverity), w.IsAgent,
        new WeekView(w.Allowed, w.Warned, w.Blocked, w.TopBlocking));

    /// <summary>The API's view of a cluster's admission webhook.</summary>
    public sealed record AdmissionView(string Mode, string MinSeverity, bool AgentConnected, WeekView LastSevenDays)
    {
        public bool? Changed { get; init; }
    }

    /// <summary>Decisions of the last 7 days.</summary>
    public sealed record WeekView(long Allowed, long Warned, long Blocked, IReadOnlyList<PolicyCount> TopBlocking);
}
