using Hangfire;
using KubeAdvisor.Data;
using KubeAdvisor.Web.Configuration;
using KubeAdvisor.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Infrastructure.Health;

/// <summary>
/// /healthz: the process answers. /readyz: the database is reachable and fully migrated and, in a worker, its Hangfire
/// server is registered and beating. Both without login, in every role. The answer also counts the live job servers on
/// the database, so a web process shows when no worker is there to run what it enqueues.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>Hangfire servers beat every 30 s by default; one silent for longer than this is not counted as live.</summary>
    private static readonly TimeSpan LiveHeartbeat = TimeSpan.FromMinutes(2);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/readyz", ReadyAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ReadyAsync(
        IDbContextFactory<KubeAdvisorDbContext> factory, ProcessRole role, JobStorage storage, TimeProvider time, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        IReadOnlyList<string> servers;
        try
        {
            await using var db = await factory.CreateDbContextAsync(timeout.Token);
            if (!await db.Database.CanConnectAsync(timeout.Token))
            {
                return Unreachable();
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(timeout.Token)).ToList();
            if (pending.Count > 0)
            {
                return NotReady($"{pending.Count} pending database migration(s)");
            }

            servers = await Task.Run(() => LiveServers(storage, time), timeout.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return Unreachable();
        }

        var own = servers.Any(s => s.StartsWith(HangfireExtensions.ServerName + ":", StringComparison.OrdinalIgnoreCase));
        if (role == ProcessRole.Worker && !own)
        {
            return NotReady("this worker's job server is not running");
        }

        return Results.Json(new { status = "ready", role = role.Name, jobServer = own ? "running" : "none", liveJobServers = servers.Count });
    }

    private static List<string> LiveServers(JobStorage storage, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return storage.GetMonitoringApi().Servers()
            .Where(s => s.Heartbeat is { } beat && now - DateTime.SpecifyKind(beat, DateTimeKind.Utc) < LiveHeartbeat)
            .Select(s => s.Name)
            .ToList();
    }

    private static IResult NotReady(string reason) => Results.Json(new { status = "not ready", reason }, statusCode: 503);

    private static IResult Unreachable() => NotReady("database unreachable");
}
