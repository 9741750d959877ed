namespace KubeAdvisor.Web.Features.Teams;

/// <summary>Registers teams, ownership rules and the re-resolution job.</summary>
public static class TeamsExtensions
{
    public static WebApplicationBuilder AddTeams(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TeamQueries>();
        builder.Services.AddScoped<TeamAdministration>();
        builder.Services.AddScoped<MyTeams>();
        builder.Services.AddSingleton<TeamPageQueries>();
        builder.Services.AddTransient<OwnershipResolutionJob>();
        return builder;
    }
}
