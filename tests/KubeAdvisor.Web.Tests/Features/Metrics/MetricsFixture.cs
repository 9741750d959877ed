using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;

namespace KubeAdvisor.Web.Tests.Features.Metrics;

/// <summary>An app of its own with /metrics behind a token, two named namespaces per cluster and a one-second refresh.</summary>
public sealed class MetricsFixture : IAsyncLifetime
{
    public const string Token = "metrics-token-for-tests-0123456789";
    public const int Namespaces = 2;

    public PostgresDatabase Database { get; private set; } = null!;

    public KubeAdvisorAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await PostgresDatabase.CreateAsync();
        App = new KubeAdvisorAppFactory(Database.ConnectionString, new Dictionary<string, string?>
        {
            ["METRICS_TOKEN"] = Token,
            ["METRICS_NAMESPACES"] = Namespaces.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["METRICS_REFRESH_SECONDS"] = "1",
        });
        _ = App.Server;
        await App.SeedRoleUsersAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
