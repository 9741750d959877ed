using Hangfire;
using Hangfire.PostgreSql;
using KubeAdvisor.Web.Configuration;
using KubeAdvisor.Web.Infrastructure.Auth;

namespace KubeAdvisor.Web.Infrastructure.Jobs;

/// <summary>
/// Hangfire on PostgreSQL (schema "hangfire"): the storage every role enqueues into, a job server in the roles that
/// run jobs (worker, all), and the Admin-only dashboard in the roles that serve the web (web, all).
/// </summary>
public static class HangfireExtensions
{
    /// <summary>This process's job server name; Hangfire adds a unique suffix (hangfire.server.id starts with it).</summary>
    public static string ServerName { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    public static WebApplicationBuilder AddKubeAdvisorJobs(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetKubeAdvisorOptions();
        var role = options.GetProcessRole();
        builder.Services.AddHangfire((sp, c) => c
            .UseLogProvider(new HangfireLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                o => o.UseNpgsqlConnection(options.Database),
                new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    PrepareSchemaIfNecessary = true,
                    // A killed worker's job comes back after this instead of the default 30 min; a live worker's
                    // heartbeat keeps renewing it, so a long scan is never handed out twice (docs/decisions/0016).
                    InvisibilityTimeout = TimeSpan.FromSeconds(Math.Max(5, options.JobInvisibilitySeconds)),
                    UseSlidingInvisibilityTimeout = true,
                    QueuePollInterval = TimeSpan.FromSeconds(Math.Max(1, options.HangfirePollSeconds)),
                }));

        // A web process only enqueues: the jobs run on a worker (or an "all" process) polling the same storage.
        if (role.RunsJobs && options.HangfireWorkers > 0)
        {
            builder.Services.AddHangfireServer(o =>
            {
                o.WorkerCount = options.HangfireWorkers;
                o.SchedulePollingInterval = TimeSpan.FromSeconds(Math.Max(1, options.HangfirePollSeconds));
                o.ServerName = ServerName;
            });
        }

        return builder;
    }

    /// <summary>
    /// The dashboard goes through endpoint authorization (Admin policy) instead of Hangfire's local-only default,
    /// so anonymous users are sent to the login and non-admins get 403.
    /// </summary>
    public static IEndpointRouteBuilder MapKubeAdvisorJobsDashboard(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
            {
                Authorization = [],
                DisplayStorageConnectionString = false,
                DashboardTitle = "KubeAdvisor jobs",
                AppPath = "/",
            })
            .RequireAuthorization(AuthPolicies.CanAdminister);
        return app;
    }
}
