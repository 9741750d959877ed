using Hangfire;
using KubeAdvisor.Data;
using KubeAdvisor.Web.Configuration;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Features.Clusters;
using KubeAdvisor.Web.Features.Exceptions;
using KubeAdvisor.Web.Features.Notifications;
using KubeAdvisor.Web.Features.Scans;
using KubeAdvisor.Web.Features.Users;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Infrastructure.DataProtection;
using KubeAdvisor.Web.Infrastructure.Database;
using KubeAdvisor.Web.Infrastructure.Health;
using KubeAdvisor.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace KubeAdvisor.Web;

/// <summary>Registrations and middleware that are not one feature's own.</summary>
public static class AppExtensions
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddKubeAdvisorFeatures(this WebApplicationBuilder builder)
    {
        // Every request body is bounded before it is read: 1 MiB, unless an endpoint that needs more raises it for its
        // own request (agent snapshots, KUBEADVISOR_AGENT_MAX_SNAPSHOT_MB).
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.AddSingleton(TimeProvider.System);
        // A pasted kubeconfig travels as one circuit message: room for the 256 KiB the intake accepts (default 32 KB).
        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = 320 * 1024);
        builder.Services.AddMudServices();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<FirstRunBootstrapper>();
        builder.Services.AddScoped<UserAdministration>();
        return builder;
    }

    /// <summary>
    /// Before the app accepts requests, under <see cref="StartupLock"/> so that processes starting together take turns:
    /// the key ring check, migrations (unless turned off), Hangfire's schema, then by role the first-run accounts
    /// (web, all) and the recurring jobs (worker, all: the code that registers a job is the code that runs it).
    /// </summary>
    public static async Task StartKubeAdvisorAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<IOptions<KubeAdvisorOptions>>().Value;
        var role = services.GetRequiredService<ProcessRole>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("KubeAdvisor.Startup");
        // The EF model is built outside the lock: it is the costliest step and needs no database.
        await using (var model = await services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>().CreateDbContextAsync(ct))
        {
            _ = model.Model;
        }

        var waiting = System.Diagnostics.Stopwatch.StartNew();
        await using var startup = await StartupLock.AcquireAsync(options.Database, ct);
        log.LogInformation("Role {Role}: start-up lock taken after {Seconds:0.0} s", role, waiting.Elapsed.TotalSeconds);
        // Before migrations write anything: a wrong master key stops the start with nothing changed.
        var keyRing = services.GetRequiredService<KeyRingGuard>();
        await keyRing.CheckStoredKeysAsync(ct);
        if (options.MigrateOnStart)
        {
            await services.MigrateDatabaseAsync(ct);
        }

        // Creates the first Data Protection key if there is none, once, instead of one per process starting.
        keyRing.ProbeKeyRing();
        // Resolving the storage installs or upgrades the hangfire schema (PrepareSchemaIfNecessary), which is not safe
        // to run from two processes at once.
        _ = services.GetRequiredService<JobStorage>();

        if (role.ServesWeb)
        {
            await services.GetRequiredService<FirstRunBootstrapper>().RunAsync(ct);
        }

        if (role.RunsJobs)
        {
            services.RegisterRecurringScanJobs();
            services.RegisterRecurringExceptionJobs();
            services.RegisterRecurringNotificationJobs();
        }
    }

    /// <summary>The `rotate-keys` verb (docs/security.md): checks the key ring, migrates, rotates, prints what it did.</summary>
    public static async Task RotateDataProtectionKeysAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await services.GetRequiredService<KeyRingGuard>().CheckStoredKeysAsync(ct);
        await services.MigrateDatabaseAsync(ct);
        var result = await services.GetRequiredService<KubeconfigKeyRotation>().RotateAsync(ct);
        Console.WriteLine($"New Data Protection key {result.NewKeyId}; {result.Kubeconfigs} kubeconfig(s) and {result.OtherSecrets} notification channel(s) re-encrypted; {result.RevokedKeys} older key(s) revoked. Users sign in again.");
    }

    /// <summary>A worker (KUBEADVISOR_ROLE=worker) answers probes only: no pages, no API, no sign-in, nothing static.</summary>
    public static WebApplication UseKubeAdvisorWorkerPipeline(this WebApplication app)
    {
        app.UseSecurityHeaders(app.Services.GetRequiredService<IOptions<KubeAdvisorOptions>>().Value.SecureCookies);
        // Without this, the authorization middleware the host adds on its own would meet an unmapped path first and
        // send it to a sign-in page the worker does not have (its fallback policy wants a signed-in Viewer).
        app.UseRouting();
        app.Use((context, next) =>
        {
            if (context.GetEndpoint() is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthEndpoints();
        return app;
    }

    public static WebApplication UseKubeAdvisorPipeline(this WebApplication app)
    {
        app.UseSecurityHeaders(app.Services.GetRequiredService<IOptions<KubeAdvisorOptions>>().Value.SecureCookies);
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseStatusCodePages(async ctx =>
        {
            if (ctx.HttpContext.Response.StatusCode == StatusCodes.Status404NotFound && !ctx.HttpContext.Request.Path.StartsWithSegments("/api"))
            {
                ctx.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await ctx.HttpContext.Response.WriteAsync("404 - there is no such page in KubeAdvisor.");
            }
        });
        app.UseSameOriginGuard();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        return app;
    }
}
