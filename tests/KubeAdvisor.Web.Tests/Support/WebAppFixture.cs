using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;

namespace KubeAdvisor.Web.Tests.Support;

/// <summary>One database and one running app, shared by the tests of a collection.</summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public PostgresDatabase Database { get; private set; } = null!;

    public KubeAdvisorAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await PostgresDatabase.CreateAsync();
        App = new KubeAdvisorAppFactory(Database.ConnectionString);
        _ = App.Server; // starts the host: migrations and first-run accounts
        await App.SeedRoleUsersAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>Hangfire keeps its storage in a static: web-app tests run one collection at a time.</summary>
[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web app";
}
