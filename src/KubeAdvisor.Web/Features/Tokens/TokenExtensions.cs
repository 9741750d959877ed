namespace KubeAdvisor.Web.Features.Tokens;

/// <summary>API tokens: creation, listing and revocation (the page and /api/v1/tokens).</summary>
public static class TokenExtensions
{
    public static WebApplicationBuilder AddTokens(this WebApplicationBuilder builder)
    {
        builder.Services.AddTransient<ApiTokenAdministration>();
        return builder;
    }
}
