using System.Security.Claims;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>The /api/v1 group: JSON, authenticated by cookie or API token (Authorization: Bearer).</summary>
public static class ApiEndpoints
{
    public static WebApplicationBuilder AddKubeAdvisorApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi("v1");
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static IEndpointRouteBuilder MapKubeAdvisorApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        var api = app.MapGroup("/api/v1").RequireAuthorization().DisableAntiforgery()
            .AddEndpointFilter<ApiErrorFilter>();
        api.MapGet("/me", (ClaimsPrincipal user) => Results.Ok(new
        {
            name = user.Identity?.Name,
            roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray(),
        }));
        api.MapClusterApi();
        api.MapScanApi();
        api.MapFindingsApi();
        api.MapDigestApi();
        api.MapTokenApi();
        api.MapComplianceApi();
        api.MapAdmissionPolicyExportApi();
        api.MapTeamsApi();
        api.MapExceptionsApi();
        api.MapNotificationsApi();
        api.MapPolicySettingsApi();
        api.MapReportsApi();
        api.MapDemoApi();
        api.MapAdmissionApi();
        return app;
    }

    internal static IResult BadRequest(string message) => Results.BadRequest(new ApiError(message));

    internal static IResult NotFound(string what) => Results.NotFound(new ApiError($"No such {what}."));
}

/// <summary>Error body of every 4xx answer.</summary>
public sealed record ApiError(string Error, IReadOnlyList<string>? Errors = null, IReadOnlyList<string>? Warnings = null);
