using KubeAdvisor.Web.Configuration;
using Prometheus;

namespace KubeAdvisor.Web.Features.Metrics;

/// <summary>Registers /metrics (docs/metrics.md, decision 0027): the registry, its refresher and the HTTP metrics.</summary>
public static class MetricsExtensions
{
    public static WebApplicationBuilder AddMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>()
            .Bind(builder.Configuration)
            .Validate(o => string.IsNullOrEmpty(o.Token) || o.Token.Trim().Length >= MetricsOptions.MinTokenLength,
                $"KUBEADVISOR_METRICS_TOKEN must be empty (open) or at least {MetricsOptions.MinTokenLength} characters, e.g. from `openssl rand -hex 32`.")
            .Validate(o => o.Namespaces is >= 0 and <= 1000, "KUBEADVISOR_METRICS_NAMESPACES must be between 0 and 1000.")
            .Validate(o => o.RefreshSeconds is >= 1 and <= 3600, "KUBEADVISOR_METRICS_REFRESH_SECONDS must be between 1 and 3600.")
            .ValidateOnStart();
        builder.Services.AddSingleton<KubeAdvisorMetrics>();
        builder.Services.AddSingleton<MetricsQueries>();
        // Only the processes that serve /metrics keep it fresh; a worker's scans reach them through the database.
        if (builder.Configuration.GetKubeAdvisorOptions().GetProcessRole().ServesWeb)
        {
            builder.Services.AddSingleton<MetricsRefresher>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<MetricsRefresher>());
        }

        return builder;
    }

    /// <summary>HTTP request counts, durations and requests in progress (prometheus-net's http_* metrics), first in the pipeline.</summary>
    public static WebApplication UseKubeAdvisorHttpMetrics(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<KubeAdvisorMetrics>();
        app.UseHttpMetrics(o => o.SetMetricFactory(metrics.Factory));
        return app;
    }
}
