using KubeAdvisor.Data;
using KubeAdvisor.Web.Configuration;
using KubeAdvisor.Web.Infrastructure.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KubeAdvisor.Web.Infrastructure.Database;

/// <summary>Registers the DbContext factory (one context per operation) and applies migrations.</summary>
public static class DatabaseExtensions
{
    public static WebApplicationBuilder AddKubeAdvisorDatabase(this WebApplicationBuilder builder)
    {
        var cs = builder.Configuration.GetKubeAdvisorOptions().Database;
        builder.Services.AddDbContextFactory<KubeAdvisorDbContext>(o => o.UseKubeAdvisorDatabase(cs));
        // Identity's stores need a scoped context; it comes from the same factory.
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>().CreateDbContext());

        return builder.AddKubeAdvisorDataProtection();
    }

    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        // Creating the history table first spares a new user EF's logged "failed" probe of a table that is not there yet.
        await db.Database.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        await db.Database.MigrateAsync(ct);
    }
}
