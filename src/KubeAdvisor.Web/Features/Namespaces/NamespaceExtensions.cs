namespace KubeAdvisor.Web.Features.Namespaces;

/// <summary>Registers the namespace page.</summary>
public static class NamespaceExtensions
{
    public static WebApplicationBuilder AddNamespaces(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<NamespaceQueries>();
        return builder;
    }
}
