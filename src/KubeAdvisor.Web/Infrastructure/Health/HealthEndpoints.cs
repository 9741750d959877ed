using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Infrastructure.Health;

/// <summary>/healthz: the process answers. /readyz: the database is reachable and fully migrated. No login.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/readyz", ReadyAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ReadyAsync(IDbContextFactory<KubeAdvisorDbContext> factory, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await using var db = await factory.CreateDbContextAsync(timeout.Token);
            if (!await db.Database.CanConnectAsync(timeout.Token))
            {
                return Unreachable();
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(timeout.Token)).ToList();
            return pending.Count == 0
                ? Results.Json(new { status = "ready" })
                : Results.Json(new { status = "not ready", reason = $"{pending.Count} pending database migration(s)" }, statusCode: 503);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return Unreachable();
        }
    }

    private static IResult Unreachable() =>
        Results.Json(new { status = "not ready", reason = "database unreachable" }, statusCode: 503);
}
