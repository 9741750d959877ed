using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using netDumbster.smtp;

namespace KubeAdvisor.Web.Tests.Support;

/// <summary>One database and one running app, shared by the tests of a collection.</summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public PostgresDatabase Database { get; private set; } = null!;

    public KubeAdvisorAppFactory App { get; private set; } = null!;

    /// <summary>An in-process SMTP server (loopback, free port) that the app's e-mail notifications go to.</summary>
    public SimpleSmtpServer Smtp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await PostgresDatabase.CreateAsync();
        Smtp = netDumbster.smtp.Configuration.Configure().WithAddress(System.Net.IPAddress.Loopback).WithRandomPort().Build();
        App = new KubeAdvisorAppFactory(Database.ConnectionString, new Dictionary<string, string?>
        {
            ["SMTP_HOST"] = "127.0.0.1",
            ["SMTP_PORT"] = Smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SMTP_SECURITY"] = "none", // a local test server without TLS
            ["SMTP_FROM"] = "KubeAdvisor <kubeadvisor@test.local>",
        });
        _ = App.Server; // starts the host: migrations and first-run accounts
        await App.SeedRoleUsersAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Smtp.Dispose();
        await Database.DisposeAsync();
    }
}

/// <summary>Hangfire keeps its storage in a static: web-app tests run one collection at a time.</summary>
[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web app";
}
