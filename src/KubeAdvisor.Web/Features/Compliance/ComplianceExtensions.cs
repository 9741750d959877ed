namespace KubeAdvisor.Web.Features.Compliance;

/// <summary>Registers the compliance pages' and API's queries.</summary>
public static class ComplianceExtensions
{
    public static WebApplicationBuilder AddCompliance(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ComplianceQueries>();
        return builder;
    }
}
