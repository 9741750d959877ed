using System.Text.Json.Serialization;
using KubeAdvisor.Web.Features.Api;

namespace KubeAdvisor.Web.Features.Agents;

/// <summary>The in-cluster agent's server side: connections, ingestion, the evaluation job, pages.</summary>
public static class AgentExtensions
{
    public static WebApplicationBuilder AddAgents(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AgentIngestionOptions>()
            .Bind(builder.Configuration)
            .Validate(o => o.MaxSnapshotMegabytes is > 0 and <= 1024, "KUBEADVISOR_AGENT_MAX_SNAPSHOT_MB must be between 0 and 1024.")
            .Validate(o => o.MinPushIntervalSeconds >= 0, "KUBEADVISOR_AGENT_MIN_PUSH_SECONDS must not be negative.")
            .Validate(o => o.AbandonAfterMinutes > 0, "KUBEADVISOR_AGENT_ABANDON_MINUTES must be positive.")
            .ValidateOnStart();
        builder.Services.AddTransient<AgentConnections>();
        builder.Services.AddTransient<AgentSnapshotIntake>();
        builder.Services.AddTransient<AgentSnapshotJob>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter<AgentState>()));
        return builder;
    }

    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(AgentIngestionEndpoint.Route, AgentIngestionEndpoint.HandleAsync).AllowAnonymous().DisableAntiforgery();
        app.MapGet(AgentAdmissionEndpoint.Route, AgentAdmissionEndpoint.HandleAsync).AllowAnonymous();
        app.MapGet(AgentReportsEndpoint.Route, AgentReportsEndpoint.HandleAsync).AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        app.MapGroup("/api/v1").RequireAuthorization().DisableAntiforgery().AddEndpointFilter<ApiErrorFilter>()
            .MapAgentConnectionApi();
        return app;
    }
}
