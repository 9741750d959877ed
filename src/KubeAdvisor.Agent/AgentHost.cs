using System.Text.Json;
using System.Text.Json.Serialization;
using KubeAdvisor.Agent.Admission;
using KubeAdvisor.Agent.Reports;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Admission;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KubeAdvisor.Agent;

/// <summary>
/// Builds the agent process: settings from KUBEADVISOR_AGENT_* variables, the worker, and a tiny HTTP endpoint for
/// the kubelet's probes (httpGet needs no shell or binary in the image, unlike an exec probe).
/// </summary>
public static class AgentHost
{
    public const string EnvironmentPrefix = "KUBEADVISOR_AGENT_";

    /// <param name="args">Command line (unused beyond the host's own switches).</param>
    /// <param name="overrides">Settings that win over the environment (tests, benchmarks).</param>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        var options = new AgentOptions();
        builder.Configuration.Bind(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The agent is not configured: " + string.Join(" ", errors));
        }

        // The webhook's certificate is read now, so missing or unreadable TLS files stop the start with their reason.
        var certificates = options.Admission ? new CertificateReloader(options.AdmissionTlsCertFile, options.AdmissionTlsKeyFile, TimeProvider.System) : null;
        builder.WebHost.UseKestrel(k =>
        {
            k.ListenAnyIP(options.HealthPort);
            if (certificates is not null)
            {
                k.Limits.MaxRequestBodySize = AdmissionWebhook.MaxBodyBytes;
                k.ListenAnyIP(options.AdmissionPort, l => l.UseHttps(h => h.ServerCertificateSelector = (_, _) => certificates.Current));
            }
        });
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        // One line per probe or admission review (hundreds a second) would drown the agent's own lines and cost CPU.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var s = builder.Services;
        s.AddSingleton(options);
        s.AddSingleton(TimeProvider.System);
        s.AddSingleton<AgentHealth>();
        s.AddSingleton(_ => new Backoff(TimeSpan.FromSeconds(options.FirstBackoffSeconds), TimeSpan.FromSeconds(options.MaxBackoffSeconds), Random.Shared));
        s.AddSingleton(ServiceAccountConnection.Create(options)); // now, so a missing CA or address stops the start with its reason
        s.AddSingleton<SnapshotSource>();
        s.AddSingleton<AdmissionDecisionLog>();
        s.AddSingleton<AdmissionState>();
        if (certificates is not null)
        {
            s.AddSingleton(certificates);
            s.AddSingleton<AdmissionWebhook>();
            s.AddHostedService(sp => new AdmissionConfigPuller(sp.GetRequiredService<HttpClient>(), options, sp.GetRequiredService<AdmissionState>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AdmissionConfigPuller>>()));
        }

        s.AddSingleton(_ => new HttpClient { Timeout = options.RequestTimeout });
        s.AddSingleton<SnapshotUploader>();
        s.AddSingleton<ReportsState>();
        s.AddSingleton<ClusterReportStore>();
        s.AddSingleton<ServerReportSource>();
        s.AddSingleton<ReportSync>();
        s.AddHostedService<AgentWorker>();

        var app = builder.Build();
        // What garbage collection cost over the process's life, for footprint and latency work (bench/admission/run.sh reads it).
        app.Lifetime.ApplicationStopping.Register(() => app.Logger.LogInformation(
            "Agent stopping: {Gen0} gen0, {Gen1} gen1 and {Gen2} gen2 garbage collections, {PauseMs:0.0} ms paused in all, {AllocatedMb:0.0} MB allocated",
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalMilliseconds,
            GC.GetTotalAllocatedBytes() / (1024.0 * 1024.0)));
        // Stalled = no heartbeat for one request timeout plus a minute (waits beat every 30 s).
        var stallAfter = options.RequestTimeout + TimeSpan.FromMinutes(1);
        app.MapGet("/healthz", (AgentHealth h) => h.IsAlive(stallAfter) ? Results.Text("ok") : Results.Text("stalled", statusCode: 503));
        app.Services.GetRequiredService<ReportsState>().Enabled(options.WriteReports);
        app.MapGet("/readyz", (AgentHealth h, AdmissionState a, ReportsState r) => Results.Json(
            new Readiness(h.Started, h.LastCollectedAt, h.LastDeliveredAt, h.LastProblem, AdmissionReadiness.Of(options.Admission, a), r.Status), AgentJsonContext.Default.Readiness,
            statusCode: h.Started ? 200 : 503));
        if (certificates is not null)
        {
            certificates.Logger = app.Services.GetRequiredService<ILogger<CertificateReloader>>();
            app.MapPost(AdmissionWebhook.Path, (HttpContext http, AdmissionWebhook webhook) => webhook.HandleAsync(http));
            app.Logger.LogInformation("Admission webhook on https port {Port} ({Subject}); {Judged} of {Policies} policies can be judged at admission",
                options.AdmissionPort, certificates.Subject, AdmissionJudge.Policies.Count, PolicyCatalog.All.Count);
        }

        return app;
    }
}

/// <summary>What /readyz answers.</summary>
internal sealed record Readiness(
    bool Started, DateTimeOffset? LastCollectedAt, DateTimeOffset? LastDeliveredAt, string? LastProblem, AdmissionReadiness Admission, ReportsStatus Reports);

/// <summary>
/// The webhook's part of /readyz: whether it runs, whether it has pulled its settings (until then it allows everything),
/// the mode it applies, and how many policies the catalog has and how many it judges (the native test compares them
/// with the JIT build, which proves the trimmed catalog is complete).
/// </summary>
internal sealed record AdmissionReadiness(bool Enabled, bool SettingsLoaded, string Mode, DateTimeOffset? LastPulledAt, string? Problem, int CatalogPolicies, int JudgedPolicies)
{
    public static AdmissionReadiness Of(bool enabled, AdmissionState state) => new(
        enabled, state.Loaded, state.Loaded ? state.Judge.Config.Mode.ToString().ToLowerInvariant() : "off (settings not pulled yet: allowing everything)",
        state.LastPulledAt, state.Problem, PolicyCatalog.All.Count, AdmissionJudge.Policies.Count);
}

/// <summary>Source-generated JSON metadata: the agent is compiled ahead of time (no reflection-based serialization).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Readiness))]
[JsonSerializable(typeof(AdmissionReadiness))]
[JsonSerializable(typeof(ReportsStatus))]
internal sealed partial class AgentJsonContext : JsonSerializerContext;
