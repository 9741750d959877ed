using Hangfire;
using KubeAdvisor.Web.Configuration;
using KubeAdvisor.Web.Features.Clusters;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>Registers channels, routes, the planners, the delivery job and their recurring jobs (issue #18).</summary>
public static class NotificationsExtensions
{
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton<ChannelSecrets>();
        s.AddSingleton<IReprotectedSecrets>(sp => sp.GetRequiredService<ChannelSecrets>());
        s.AddSingleton<NotificationLinks>();
        s.AddSingleton<NotificationOutbox>();
        s.AddSingleton<NotificationTrigger>();
        s.AddSingleton<NotificationQueries>();
        s.AddSingleton<HttpChannelSender>();
        s.AddSingleton<EmailSender>();
        s.AddScoped<NotificationAdministration>();
        s.AddTransient<ScanNotificationJob>();
        s.AddTransient<ScanHealthJob>();
        s.AddTransient<WeeklyDigestJob>();
        s.AddTransient<NotificationDeliveryJob>();
        s.AddHttpClient(HttpChannelSender.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan) // the sender's own timeout applies
            .ConfigurePrimaryHttpMessageHandler(sp => HttpChannelSender.CreateHandler(sp.GetRequiredService<IOptions<KubeAdvisorOptions>>().Value.ServerAllowListEntries));
        return builder;
    }

    /// <summary>Idempotent: every instance registers the same recurring jobs at start.</summary>
    public static void RegisterRecurringNotificationJobs(this IServiceProvider services)
    {
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<ScanHealthJob>(ScanHealthJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), ScanHealthJob.Cron);
        recurring.AddOrUpdate<WeeklyDigestJob>(WeeklyDigestJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), WeeklyDigestJob.Cron);
    }
}
