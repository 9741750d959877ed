using Hangfire;

namespace KubeAdvisor.Web.Features.Exceptions;

/// <summary>Registers the exception workflow, its queries, the YAML importer and the expiry job.</summary>
public static class ExceptionsExtensions
{
    public static WebApplicationBuilder AddExceptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ExceptionQueries>();
        builder.Services.AddScoped<ExceptionWorkflow>();
        builder.Services.AddScoped<ExceptionImporter>();
        builder.Services.AddTransient<ExceptionExpiryJob>();
        return builder;
    }

    /// <summary>Idempotent: every instance registers the same recurring job at start.</summary>
    public static void RegisterRecurringExceptionJobs(this IServiceProvider services) =>
        services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<ExceptionExpiryJob>(ExceptionExpiryJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), "*/15 * * * *");
}
