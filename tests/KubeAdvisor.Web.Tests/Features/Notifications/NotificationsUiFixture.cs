using KubeAdvisor.Data.Entities;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Testing.Seeding;
using KubeAdvisor.Web.Configuration;
using KubeAdvisor.Web.Features.Notifications;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Tests.Features.Notifications;

/// <summary>
/// One database for the notifications page's bUnit tests (the dashboard's seed, a team "payments", a user per role)
/// and one webhook receiver on loopback, which the tests' destination guard allow-lists explicitly.
/// </summary>
public sealed class NotificationsUiFixture : IAsyncLifetime
{
    public const string AllowList = "127.0.0.0/8,::1/128";

    private readonly EphemeralDataProtectionProvider _keys = new();

    public PostgresDatabase Database { get; private set; } = null!;

    public DashboardSeed Seed { get; private set; } = null!;

    public Guid Payments { get; private set; }

    public FakeReceiver Receiver { get; private set; } = null!;

    public string ConnectionString => Database.ConnectionString;

    public async Task InitializeAsync()
    {
        Database = await PostgresDatabase.CreateAsync();
        await using (var db = DashboardSeeder.Context(ConnectionString))
        {
            await db.Database.MigrateAsync();
        }

        Seed = await DashboardSeeder.SeedAsync(ConnectionString, DashboardFixture.Now);
        foreach (var role in Roles.All)
        {
            DashboardTestContext.EnsureUser(ConnectionString, role);
        }

        await using var ctx = DashboardSeeder.Context(ConnectionString);
        Payments = Guid.NewGuid();
        ctx.Teams.Add(new Team { Id = Payments, Name = "payments", CreatedAt = DashboardFixture.Now });
        await ctx.SaveChangesAsync();
        Receiver = await FakeReceiver.StartAsync();
    }

    /// <summary>
    /// A page context of <paramref name="role"/> with the notification services (as AddNotifications registers them),
    /// one key ring for the whole fixture, and the delivery job resolvable so a test can run what the page queued.
    /// </summary>
    public DashboardTestContext Context(string role) => new(ConnectionString, role, s =>
    {
        var options = Options.Create(new KubeAdvisorOptions { Database = ConnectionString, ServerAllowList = AllowList });
        s.AddSingleton(options);
        s.AddSingleton<IDataProtectionProvider>(_keys);
        s.AddSingleton<ChannelSecrets>();
        s.AddSingleton<NotificationOutbox>();
        s.AddSingleton<NotificationQueries>();
        s.AddScoped<NotificationAdministration>();
        s.AddSingleton<HttpChannelSender>();
        s.AddSingleton<EmailSender>();
        s.AddTransient<NotificationDeliveryJob>();
        s.AddHttpClient(HttpChannelSender.ClientName).ConfigurePrimaryHttpMessageHandler(() => HttpChannelSender.CreateHandler(options.Value.ServerAllowListEntries));
    });

    /// <summary>Gives a test user another role in the database (what AccessGuard reads), e.g. an Admin demoted to Viewer.</summary>
    public async Task SetRoleAsync(string userId, string role)
    {
        await using var db = DashboardSeeder.Context(ConnectionString);
        var roleRow = await db.Roles.SingleAsync(r => r.Name == role);
        await db.UserRoles.Where(ur => ur.UserId == userId).ExecuteDeleteAsync();
        db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = userId, RoleId = roleRow.Id });
        await db.SaveChangesAsync();
    }

    /// <summary>Stores a webhook channel directly (past the creation checks), as if the allow-list had changed since.</summary>
    public async Task<Guid> StoreWebhookAsync(string name, string url, string secret)
    {
        var secrets = new ChannelSecrets(_keys);
        await using var db = DashboardSeeder.Context(ConnectionString);
        var id = Guid.NewGuid();
        db.NotificationChannels.Add(new NotificationChannel
        {
            Id = id, Name = name, Type = ChannelTypes.Webhook, Destination = new Uri(url).Authority, EncryptedUrl = secrets.Protect(url),
            EncryptedSecret = secrets.Protect(secret), CreatedAt = DashboardFixture.Now, CreatedBy = "fixture",
        });
        await db.SaveChangesAsync();
        return id;
    }

    public async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class NotificationsUiCollection : ICollectionFixture<NotificationsUiFixture>
{
    public const string Name = "notifications ui";
}
