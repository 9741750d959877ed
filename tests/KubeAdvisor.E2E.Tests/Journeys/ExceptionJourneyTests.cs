using System.Globalization;
using System.Text.Json.Nodes;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.E2E.Tests.Support;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.Playwright;

namespace KubeAdvisor.E2E.Tests.Journeys;

/// <summary>
/// The governed-exception journey of issue #17 in real Chromium: an Engineer requests an exception from a finding, an
/// Admin in another browser sees the pending count and approves it, a re-scan shows the check as exempt and the score
/// moves, and the audit log has all three steps.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ExceptionJourneyTests(BrowserAppFixture fx) : IAsyncLifetime
{
    private static readonly TimeSpan ScanWait = TimeSpan.FromSeconds(60);
    private FakeKubernetesServer _fake = null!;
    private ApiClient _api = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeClusters.StartShopAsync();
        _api = ApiClient.WithToken(new Uri(fx.BaseUrl), KubeAdvisorAppFactory.BootstrapToken);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task EngineerRequestsFromAFinding_AdminApproves_RescanExemptsTheCheck_AndTheAuditLogHasEveryStep()
    {
        var name = "exc-" + Guid.NewGuid().ToString("N")[..6];
        var clusterId = await _api.AddClusterAsync(name, _fake.Kubeconfig());
        var first = await _api.ScanAndWaitAsync(clusterId);
        var latest = (await _api.FindingsAsync(clusterId)).Single(f => f!["policy"]!.GetValue<string>() == "image-tag-latest")!;
        var workloadId = latest["workloadId"]!.GetValue<Guid>();
        Assert.Equal(("shop", "api"), (latest["namespace"]!.GetValue<string>(), latest["name"]!.GetValue<string>()));
        var scoreBefore = await ScoreAsync(clusterId);

        // The Engineer, on the workload's page: "Request exception" on the :latest finding opens the form with its scope.
        var engineer = await fx.NewPageAsync();
        await engineer.SignInAsync(KubeAdvisorAppFactory.EmailFor(Roles.Engineer));
        await engineer.GotoAsync($"/clusters/{clusterId}/workloads/{workloadId}");
        await engineer.WaitForBlazorAsync();
        await engineer.GetByTestId("finding").Filter(new() { HasText = "image-tag-latest" }).GetByTestId("request-exception").ClickAsync();
        await engineer.WaitForURLAsync("**/exceptions/new?**");
        await Assertions.Expect(engineer.GetByTestId("request-cluster")).ToHaveTextAsync(name);
        await Assertions.Expect(engineer.InputOf("request-namespace")).ToHaveValueAsync("shop");
        await Assertions.Expect(engineer.InputOf("request-kind")).ToHaveValueAsync("Deployment");
        await Assertions.Expect(engineer.InputOf("request-name")).ToHaveValueAsync("api");
        await Assertions.Expect(engineer.InputOf("request-container")).ToHaveValueAsync("api");
        await Assertions.Expect(engineer.InputOf("request-policies")).ToHaveValueAsync("image-tag-latest");
        await Assertions.Expect(engineer.GetByTestId("request-approve-now")).ToHaveCountAsync(0);
        var reason = "The vendor ships only :latest; pinned once OPS-" + Guid.NewGuid().ToString("N")[..4] + " lands";
        await engineer.InputOf("request-reason").FillAsync(reason);
        await engineer.ScreenshotToResultsAsync("16-exception-request");
        await engineer.GetByTestId("request-submit").ClickAsync();
        await engineer.WaitForURLAsync("**/exceptions?created=**");
        await Assertions.Expect(engineer.GetByTestId("exceptions-message")).ToContainTextAsync("pending until an Admin decides");
        var exceptionId = Guid.Parse(engineer.Url[(engineer.Url.IndexOf("created=", StringComparison.Ordinal) + 8)..]);
        var requested = engineer.GetByTestId("pending-table").GetByTestId("exception-row").Filter(new() { HasText = reason });
        await Assertions.Expect(requested).ToContainTextAsync($"shop/Deployment/api container api");
        await Assertions.Expect(requested.GetByTestId("exception-approve")).ToHaveCountAsync(0); // Engineers request, Admins decide
        await engineer.ScreenshotToResultsAsync("17-exception-requested");

        // The Admin, in another browser: the navigation counts the pending request; Approve on the Exceptions page.
        var admin = await fx.NewPageAsync();
        await admin.SignInAsync(KubeAdvisorAppFactory.AdminEmail);
        var pending = Convert.ToInt64(await fx.Database.ScalarAsync(
            "SELECT count(*) FROM policy_exceptions WHERE \"Status\" = 'Pending' AND \"ExpiresAt\" > now()"), CultureInfo.InvariantCulture);
        Assert.True(pending >= 1);
        await Assertions.Expect(admin.GetByTestId("exceptions-pending-count")).ToHaveTextAsync(pending.ToString(CultureInfo.InvariantCulture));
        await admin.GetByTestId("nav-exceptions").ClickAsync();
        await admin.WaitForURLAsync("**/exceptions");
        var row = admin.GetByTestId("pending-table").GetByTestId("exception-row").Filter(new() { HasText = reason });
        await admin.ScreenshotToResultsAsync("18-exceptions-pending-admin");
        await row.GetByTestId("exception-approve").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("exceptions-message")).ToContainTextAsync("Exception approved.");
        await Assertions.Expect(admin.GetByTestId("active-table").GetByTestId("exception-row").Filter(new() { HasText = reason })).ToContainTextAsync(KubeAdvisorAppFactory.AdminEmail);

        // "Scan now" on the cluster page; the page refreshes by itself when the scan completes.
        await admin.GotoAsync($"/clusters/{clusterId}?tab=scans");
        await admin.WaitForBlazorAsync();
        var scansBefore = await ScanCountAsync(clusterId);
        await admin.GetByTestId("scan-now").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("scan-now-message")).ToContainTextAsync("queued");
        var rescan = await WaitForNewScanAsync(clusterId, scansBefore);
        Assert.Equal("Succeeded", rescan["status"]!.GetValue<string>());
        var exemptBefore = first["exempt"]!.GetValue<int>();
        var exemptAfter = rescan["exempt"]!.GetValue<int>();
        Assert.Equal(exemptBefore + 1, exemptAfter); // the one :latest container check
        await Assertions.Expect(admin.GetByTestId("scan-exempt").First).ToHaveTextAsync(exemptAfter.ToString(CultureInfo.InvariantCulture), new() { Timeout = (float)ScanWait.TotalMilliseconds });
        await admin.ScreenshotToResultsAsync("19-cluster-exempt");
        var scoreAfter = await ScoreAsync(clusterId);
        Assert.True(scoreAfter > scoreBefore, $"the score should rise from {scoreBefore}, it is {scoreAfter}");
        Assert.DoesNotContain(await _api.FindingsAsync(clusterId), f => f!["policy"]!.GetValue<string>() == "image-tag-latest");

        // The workload page: the finding is no longer open, and the exception says what it matched.
        await admin.GotoAsync($"/clusters/{clusterId}/workloads/{workloadId}");
        var card = admin.GetByTestId("finding").Filter(new() { HasText = "image-tag-latest" });
        await Assertions.Expect(card).ToContainTextAsync("resolved");
        await Assertions.Expect(card.GetByTestId("request-exception")).ToHaveCountAsync(0);
        await admin.ScreenshotToResultsAsync("20-workload-exempt");
        await admin.GotoAsync("/exceptions?tab=active");
        await Assertions.Expect(admin.GetByTestId("active-table").GetByTestId("exception-row").Filter(new() { HasText = reason })
            .GetByTestId("exception-matched")).ToContainTextAsync("1 check(s)");

        // The audit log: the request, the approval and the scan, each by whom it was done.
        await admin.GotoAsync("/settings/audit?action=exception.");
        var audit = admin.GetByTestId("audit-table");
        await Assertions.Expect(audit.Locator("tr", new() { HasText = "exception.requested" }).Filter(new() { HasText = exceptionId.ToString() }))
            .ToContainTextAsync(KubeAdvisorAppFactory.EmailFor(Roles.Engineer));
        await Assertions.Expect(audit.Locator("tr", new() { HasText = "exception.approved" }).Filter(new() { HasText = exceptionId.ToString() }))
            .ToContainTextAsync(KubeAdvisorAppFactory.AdminEmail);
        await admin.ScreenshotToResultsAsync("21-audit-exceptions");
        await admin.GotoAsync("/settings/audit?action=scan.requested");
        await Assertions.Expect(admin.GetByTestId("audit-table").Locator("tr", new() { HasText = clusterId.ToString() }).Filter(new() { HasText = "Manual scan" }).First)
            .ToContainTextAsync(KubeAdvisorAppFactory.AdminEmail);
        Assert.Equal(new object[] { "exception.requested", "exception.approved" }, await ActionsAsync($"\"Target\" = 'exception {exceptionId} on {name}'"));
    }

    private async Task<object[]> ActionsAsync(string where)
    {
        var rows = await fx.Database.ScalarAsync($"SELECT array_agg(\"Action\" ORDER BY \"Id\") FROM audit_entries WHERE {where}");
        return ((string[])rows!).Cast<object>().ToArray();
    }

    private async Task<double> ScoreAsync(Guid id) =>
        JsonNode.Parse(await _api.Http.GetStringAsync($"/api/v1/clusters/{id}"))!["score"]!.GetValue<double>();

    private async Task<int> ScanCountAsync(Guid id) =>
        JsonNode.Parse(await _api.Http.GetStringAsync($"/api/v1/clusters/{id}/scans"))!.AsArray().Count;

    private async Task<JsonObject> WaitForNewScanAsync(Guid id, int countBefore)
    {
        var newest = await Eventually.ValueAsync(async () =>
        {
            var scans = JsonNode.Parse(await _api.Http.GetStringAsync($"/api/v1/clusters/{id}/scans"))!.AsArray();
            return scans.Count > countBefore ? scans[0] : null;
        }, ScanWait, () => "the scan that \"Scan now\" queues");
        return await _api.WaitForScanAsync(newest["id"]!.GetValue<Guid>());
    }
}
