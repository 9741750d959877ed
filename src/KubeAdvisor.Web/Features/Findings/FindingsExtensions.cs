namespace KubeAdvisor.Web.Features.Findings;

/// <summary>Registers the findings model: queries, CSV, running digests.</summary>
public static class FindingsExtensions
{
    public static WebApplicationBuilder AddFindings(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FindingsQueries>();
        builder.Services.AddSingleton<DigestQueries>();
        return builder;
    }
}
