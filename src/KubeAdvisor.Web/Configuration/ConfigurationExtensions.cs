namespace KubeAdvisor.Web.Configuration;

/// <summary>Binds <see cref="KubeAdvisorOptions"/> from KUBEADVISOR_* variables and validates them on start.</summary>
public static class ConfigurationExtensions
{
    public const string EnvironmentPrefix = "KUBEADVISOR_";

    public static WebApplicationBuilder AddKubeAdvisorConfiguration(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        builder.Services.AddOptions<KubeAdvisorOptions>()
            .Bind(builder.Configuration)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Database), "KUBEADVISOR_DB (PostgreSQL connection string) is not set.")
            .Validate(o => o.HangfireWorkers is >= 0 and <= 64, "KUBEADVISOR_HANGFIRE_WORKERS must be between 0 and 64.")
            .ValidateOnStart();
        return builder;
    }

    public static KubeAdvisorOptions GetKubeAdvisorOptions(this IConfiguration configuration)
    {
        var options = new KubeAdvisorOptions();
        configuration.Bind(options);
        return options;
    }
}
