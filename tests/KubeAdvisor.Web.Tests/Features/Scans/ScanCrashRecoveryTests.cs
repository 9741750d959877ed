using System.Diagnostics;
using System.Text.Json.Nodes;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Tests.Support;
using Xunit.Abstractions;

namespace KubeAdvisor.Web.Tests.Features.Scans;

/// <summary>
/// Issue #15 item 0: a scan whose process is killed (SIGKILL) mid-scan is re-run by the restarted process within
/// 2 minutes, the scan record shows the interrupted attempt, and the last good results stay as they were meanwhile.
/// The web app runs as its own process (the built KubeAdvisor.Web.dll), so the kill is a real one: its database
/// sessions, its advisory lock and its Hangfire worker die with it.
/// </summary>
public sealed class ScanCrashRecoveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromMinutes(2);
    private readonly AppProcesses _apps = new();

    public Task InitializeAsync() => _apps.InitializeAsync();

    public Task DisposeAsync() => _apps.DisposeAsync();

    [Fact]
    public async Task ScanRunning_ProcessKilled_RestartedProcessRerunsItWithin2Minutes_AndStoredResultsStayMeanwhile()
    {
        var first = await StartWebAsync();
        var api = ApiClient.WithToken(first.BaseAddress, KubeAdvisorAppFactory.BootstrapToken);
        var clusterId = await api.AddClusterAsync("crash", _apps.Fake.Kubeconfig(), intervalMinutes: 1440);
        var good = await api.ScanAndWaitAsync(clusterId);
        Assert.Equal("Succeeded", good["status"]!.GetValue<string>());
        var findingsBefore = await FindingsJsonAsync(api, clusterId);
        var lastGoodBefore = await LastSucceededScanAsync(clusterId);
        Assert.NotEqual("[]", findingsBefore);

        // Every API answer now waits, so the scan is still collecting when the process is killed.
        _apps.Fake.Faults.Delay = TimeSpan.FromSeconds(3);
        var scanId = await api.StartScanAsync(clusterId);
        await Eventually.UntilAsync(async () => (await ScanAsync(api, scanId))["status"]!.GetValue<string>() == "Running",
            TimeSpan.FromSeconds(60), () => $"scan {scanId} to run. Log:\n{first.Log}", giveUp: () => first.HasExited, interval: TimeSpan.FromMilliseconds(50));
        first.Kill();
        var killedAt = Stopwatch.StartNew();

        // The delay only kept the scan in flight for the kill. Left on, the re-run would wait 3 s per list of 18 kinds and
        // hit the 60 s scan timeout (it did once Ingresses and the RBAC kinds were listed): the bound is on noticing and
        // re-running, not on a slow API server.
        _apps.Fake.Faults.Delay = TimeSpan.Zero;

        var second = await StartWebAsync();
        api = ApiClient.WithToken(second.BaseAddress, KubeAdvisorAppFactory.BootstrapToken);
        Assert.Equal(findingsBefore, await FindingsJsonAsync(api, clusterId));
        Assert.Equal(lastGoodBefore, await LastSucceededScanAsync(clusterId));

        // While the recovery is pending, every look at the stored results must find the last good ones. The results are
        // read before the status: the re-run commits its results and its status together, so a status still pending
        // after the read means the read saw the stored results from before the re-run (the other order races the commit).
        JsonObject? done = null;
        await Eventually.UntilAsync(async () =>
        {
            var findings = await FindingsJsonAsync(api, clusterId);
            var lastGood = await LastSucceededScanAsync(clusterId);
            var scan = await ScanAsync(api, scanId);
            if (scan["status"]!.GetValue<string>() is "Succeeded" or "Failed")
            {
                done = scan;
                return true;
            }

            Assert.Equal(findingsBefore, findings);
            Assert.Equal(lastGoodBefore, lastGood);
            return false;
        }, RecoveryBound, () => $"the killed scan {scanId} to be re-run. Restarted process's log:\n{second.Log}",
            giveUp: () => second.HasExited, interval: TimeSpan.FromMilliseconds(500));
        output.WriteLine($"killed scan finished {killedAt.Elapsed.TotalSeconds:0.0} s after the kill: {done}");

        Assert.Equal("Succeeded", done!["status"]!.GetValue<string>());
        Assert.Equal(2, done["attempts"]!.GetValue<int>());
        Assert.Equal(1, done["interruptedAttempts"]!.GetValue<int>());
        Assert.Equal(scanId, await LastSucceededScanAsync(clusterId));
        Assert.Equal(good["score"]!.GetValue<double>(), done["score"]!.GetValue<double>());
        Assert.Equal(Without(findingsBefore, "lastSeen"), Without(await FindingsJsonAsync(api, clusterId), "lastSeen")); // same cluster, same findings
        var scans = JsonNode.Parse(await api.Http.GetStringAsync($"/api/v1/clusters/{clusterId}/scans"))!.AsArray();
        Assert.Equal(2, scans.Count); // the re-run is the killed scan itself, not a second one beside it
    }

    private Task<WebProcess> StartWebAsync() => _apps.StartAsync(new Dictionary<string, string>
    {
        ["KUBEADVISOR_JOB_INVISIBILITY_SECONDS"] = "10",
        ["KUBEADVISOR_SCAN_TIMEOUT_SECONDS"] = "60",
    });

    private static async Task<JsonObject> ScanAsync(ApiClient api, Guid scanId) =>
        JsonNode.Parse(await api.Http.GetStringAsync($"/api/v1/scans/{scanId}"))!.AsObject();

    private static async Task<string> FindingsJsonAsync(ApiClient api, Guid clusterId) =>
        new JsonArray((await api.FindingsAsync(clusterId)).Select(f => f!.DeepClone()).OrderBy(f => f!.ToJsonString(), StringComparer.Ordinal).ToArray()).ToJsonString();

    private static string Without(string findingsJson, string property)
    {
        var findings = JsonNode.Parse(findingsJson)!.AsArray();
        foreach (var f in findings)
        {
            f!.AsObject().Remove(property);
        }

        return findings.ToJsonString();
    }

    private async Task<Guid?> LastSucceededScanAsync(Guid clusterId) =>
        await _apps.Database.ScalarAsync($"SELECT \"LastSucceededScanId\" FROM clusters WHERE \"Id\" = '{clusterId}'") as Guid?;
}
