using System.Text.Json;
using System.Text.Json.Serialization;
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

        builder.WebHost.UseKestrel(k => k.ListenAnyIP(options.HealthPort));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        var s = builder.Services;
        s.AddSingleton(options);
        s.AddSingleton(TimeProvider.System);
        s.AddSingleton<AgentHealth>();
        s.AddSingleton(_ => new Backoff(TimeSpan.FromSeconds(options.FirstBackoffSeconds), TimeSpan.FromSeconds(options.MaxBackoffSeconds), Random.Shared));
        s.AddSingleton(ServiceAccountConnection.Create(options)); // now, so a missing CA or address stops the start with its reason
        s.AddSingleton<SnapshotSource>();
        s.AddSingleton(_ => new HttpClient { Timeout = options.RequestTimeout });
        s.AddSingleton<SnapshotUploader>();
        s.AddHostedService<AgentWorker>();

        var app = builder.Build();
        // Stalled = no heartbeat for one request timeout plus a minute (waits beat every 30 s).
        var stallAfter = options.RequestTimeout + TimeSpan.FromMinutes(1);
        app.MapGet("/healthz", (AgentHealth h) => h.IsAlive(stallAfter) ? Results.Text("ok") : Results.Text("stalled", statusCode: 503));
        app.MapGet("/readyz", (AgentHealth h) => Results.Json(
            new Readiness(h.Started, h.LastCollectedAt, h.LastDeliveredAt, h.LastProblem), AgentJsonContext.Default.Readiness,
            statusCode: h.Started ? 200 : 503));
        return app;
    }
}

/// <summary>What /readyz answers.</summary>
internal sealed record Readiness(bool Started, DateTimeOffset? LastCollectedAt, DateTimeOffset? LastDeliveredAt, string? LastProblem);

/// <summary>Source-generated JSON metadata: the agent is compiled ahead of time (no reflection-based serialization).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Readiness))]
internal sealed partial class AgentJsonContext : JsonSerializerContext;
