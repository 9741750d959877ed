using System.Net;
using System.Net.Http.Headers;
using System.Text;
using KubeAdvisor.Data;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KubeAdvisor.Web.Tests.Infrastructure.Security;

/// <summary>Request bodies are bounded by the real server (Kestrel); the audit log cannot be changed through the app.</summary>
[Collection(WebAppCollection.Name)]
public sealed class InputBoundsTests(WebAppFixture fx)
{
    [Fact]
    public async Task Kestrel_BodyOverOneMiB_Is413AndNothingIsCreated()
    {
        await using var app = new KubeAdvisorAppFactory(fx.Database.ConnectionString, new Dictionary<string, string?> { ["HANGFIRE_WORKERS"] = "0" });
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", KubeAdvisorAppFactory.BootstrapToken);
        var name = "huge-" + Guid.NewGuid().ToString("N")[..8];
        var body = $"{{\"name\":\"{name}\",\"role\":\"Viewer\",\"padding\":\"{new string('x', 2 * 1024 * 1024)}\"}}";

        var response = await http.PostAsync("/api/v1/tokens", new StringContent(body, Encoding.UTF8, "application/json"));
        var small = await http.PostAsync("/api/v1/tokens", new StringContent($"{{\"name\":\"{name}-ok\",\"role\":\"Viewer\"}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(HttpStatusCode.Created, small.StatusCode);
        Assert.Equal(0L, await fx.Database.ScalarAsync($"SELECT count(*) FROM api_tokens WHERE \"Name\" = '{name}'"));
    }

    [Fact]
    public async Task AuditLog_UpdateDeleteOrTruncateThroughTheApp_IsRefusedByTheDatabase()
    {
        var factory = fx.App.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var before = await db.AuditEntries.CountAsync();
        Assert.True(before > 0);

        var update = await Assert.ThrowsAsync<PostgresException>(() => db.AuditEntries.ExecuteUpdateAsync(u => u.SetProperty(a => a.Actor, "someone-else")));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => db.AuditEntries.ExecuteDeleteAsync());
        var truncate = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_entries"));

        Assert.All(new[] { update, delete, truncate }, e => Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState));
        Assert.Equal(before, await db.AuditEntries.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Actor == "someone-else"));
    }
}
