using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Infrastructure;

/// <summary>
/// Issue #15 item 7: KUBEADVISOR_ROLE=web serves the UI and API and runs no job; KUBEADVISOR_ROLE=worker runs the jobs and
/// answers only /healthz and /readyz. Real processes of the built app on one database, started at once on an empty one.
/// </summary>
public sealed class WebAndWorkerRolesTests : IAsyncLifetime
{
    private readonly AppProcesses _apps = new();

    public Task InitializeAsync() => _apps.InitializeAsync();

    public Task DisposeAsync() => _apps.DisposeAsync();

    [Fact]
    public async Task TwoWebsAndTwoWorkers_StartTogether_ScanQueuedThroughOneWebRunsOnAWorkerAndShowsInTheOther()
    {
        // All four at once on an empty database: migrations, Hangfire's schema and the first admin must happen once.
        var started = await Task.WhenAll(Start("web"), Start("web"), Start("worker"), Start("worker"));
        var (webA, webB, workers) = (started[0], started[1], started[2..]);
        Assert.Equal(1L, await _apps.Database.ScalarAsync("SELECT count(*) FROM \"AspNetUsers\""));
        Assert.Equal(3L, await _apps.Database.ScalarAsync("SELECT count(*) FROM \"AspNetRoles\""));
        Assert.Equal(1L, await _apps.Database.ScalarAsync("SELECT count(*) FROM api_tokens WHERE \"Name\" = 'bootstrap'"));

        // Only the workers have job servers.
        List<string> servers = [];
        await Eventually.UntilAsync(async () => (servers = await JobServersAsync()).Count == 2, TimeSpan.FromSeconds(60),
            () => $"two job servers; registered: {string.Join(", ", servers)}");
        Assert.All(servers, id => Assert.Contains(workers, w => id.StartsWith(ServerPrefix(w), StringComparison.OrdinalIgnoreCase)));

        var api = ApiClient.WithToken(webA.BaseAddress, KubeAdvisorAppFactory.BootstrapToken);
        var clusterId = await api.AddClusterAsync("split", _apps.Fake.Kubeconfig(), intervalMinutes: 1440);
        var scanId = await api.StartScanAsync(clusterId);

        var other = ApiClient.WithToken(webB.BaseAddress, KubeAdvisorAppFactory.BootstrapToken);
        var scan = await other.WaitForScanAsync(scanId, TimeSpan.FromMinutes(3));
        Assert.Equal("Succeeded", scan["status"]!.GetValue<string>());
        Assert.NotEmpty(await other.FindingsAsync(clusterId));

        // The scan's job was processed once, by a worker: Hangfire records the server in the Processing state.
        var processedBy = await _apps.Database.ScalarAsync(
            $"SELECT string_agg(s.data->>'ServerId', ',') FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid WHERE s.name = 'Processing' AND j.arguments::text LIKE '%{scanId}%'") as string;
        Assert.NotNull(processedBy);
        Assert.Single(processedBy.Split(','));
        Assert.Contains(workers, w => processedBy.StartsWith(ServerPrefix(w), StringComparison.OrdinalIgnoreCase));
        var byWeb = await _apps.Database.ScalarAsync(
            $"SELECT count(*) FROM hangfire.state WHERE name = 'Processing' AND (data->>'ServerId' ILIKE '{ServerPrefix(webA)}%' OR data->>'ServerId' ILIKE '{ServerPrefix(webB)}%')");
        Assert.Equal(0L, byWeb);

        var webReady = JsonNode.Parse(await api.Http.GetStringAsync("/readyz"))!;
        Assert.Equal("web", webReady["role"]!.GetValue<string>());
        Assert.Equal("none", webReady["jobServer"]!.GetValue<string>());
        Assert.Equal(2, webReady["liveJobServers"]!.GetValue<int>());
    }

    [Fact]
    public async Task Worker_AnswersHealthAndReadinessOnly_EveryOtherPathIs404()
    {
        await Start("web"); // creates the bootstrap token, so a 404 below is not a missing token's 401
        var worker = await Start("worker");
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", KubeAdvisorAppFactory.BootstrapToken);

        Assert.Equal("ok", await http.GetStringAsync("/healthz"));
        var ready = await Eventually.ValueAsync(async () =>
        {
            var response = await http.GetAsync("/readyz");
            return response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
        }, TimeSpan.FromSeconds(60), () => $"the worker to be ready. Its log:\n{worker.Log}");
        Assert.Equal("worker", ready["role"]!.GetValue<string>());
        Assert.Equal("running", ready["jobServer"]!.GetValue<string>());

        foreach (var path in new[] { "/", "/clusters", "/account/login", "/api/v1/clusters", "/api/v1/me", "/openapi/v1.json", "/hangfire", "/_framework/blazor.web.js" })
        {
            Assert.True((await http.GetAsync(path)).StatusCode == HttpStatusCode.NotFound, $"GET {path} on the worker");
        }

        var push = await http.PostAsync("/api/v1/agent/snapshots", new ByteArrayContent([1, 2, 3]));
        Assert.Equal(HttpStatusCode.NotFound, push.StatusCode);
        var login = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = KubeAdvisorAppFactory.AdminEmail }));
        Assert.Equal(HttpStatusCode.NotFound, login.StatusCode);
    }

    [Theory]
    [InlineData("bogus", "1", "KUBEADVISOR_ROLE is \"bogus\": it must be web (UI and API), worker (background jobs) or all")]
    [InlineData("worker", "0", "KUBEADVISOR_ROLE is worker but KUBEADVISOR_HANGFIRE_WORKERS is 0")]
    public void Start_RoleRefused_ProcessStopsWithTheReason(string role, string workers, string message)
    {
        var p = _apps.Start(new Dictionary<string, string>
        {
            ["KUBEADVISOR_ROLE"] = role,
            ["KUBEADVISOR_HANGFIRE_WORKERS"] = workers,
        });

        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(90)), $"the process did not stop. Its log:\n{p.Log}");
        Assert.NotEqual(0, p.ExitCode);
        Assert.Contains(message, p.Log, StringComparison.Ordinal);
    }

    private Task<WebProcess> Start(string role) => _apps.StartAsync(new Dictionary<string, string> { ["KUBEADVISOR_ROLE"] = role });

    private async Task<List<string>> JobServersAsync()
    {
        var ids = await _apps.Database.ScalarAsync("SELECT string_agg(id, ',') FROM hangfire.server") as string;
        return ids is null ? [] : [.. ids.Split(',')];
    }

    /// <summary>Hangfire names a server "&lt;ServerName&gt;:&lt;guid&gt;"; ours is "&lt;machine&gt;:&lt;pid&gt;".</summary>
    private static string ServerPrefix(WebProcess p) => $"{Environment.MachineName}:{p.Id}:";
}
