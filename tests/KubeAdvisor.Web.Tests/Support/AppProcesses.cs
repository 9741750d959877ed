using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing;

namespace KubeAdvisor.Web.Tests.Support;

/// <summary>
/// What a process-level test needs: a fake API server serving the basic cluster, a fresh database, and the app processes
/// it starts on that database (killed at the end). A test class owns one per test and forwards its IAsyncLifetime.
/// </summary>
public sealed class AppProcesses : IAsyncLifetime
{
    private readonly List<WebProcess> _processes = [];

    public FakeKubernetesServer Fake { get; private set; } = null!;

    public PostgresDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Fake = await FakeKubernetesServer.StartAsync();
        Fake.Objects.ReplaceFromYaml(FakeClusterManifests.Basic());
        Database = await PostgresDatabase.CreateAsync();
    }

    /// <summary>Starts a process on the database with <see cref="WebProcess.Settings"/> and <paramref name="overrides"/>, without waiting.</summary>
    public WebProcess Start(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var p = WebProcess.Start(WebProcess.Settings(Database.ConnectionString, overrides));
        _processes.Add(p);
        return p;
    }

    /// <summary>As <see cref="Start"/>, returning once the process answers /healthz.</summary>
    public Task<WebProcess> StartAsync(IReadOnlyDictionary<string, string>? overrides = null) => WebProcess.WaitForHealthzAsync(Start(overrides));

    public async Task DisposeAsync()
    {
        foreach (var p in _processes)
        {
            p.Dispose();
        }

        await Fake.DisposeAsync();
        await Database.DisposeAsync();
    }
}
