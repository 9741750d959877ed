using KubeAdvisor.Testing;
using System.Text.Json.Nodes;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.E2E.Tests.Support;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.Playwright;

namespace KubeAdvisor.E2E.Tests.Journeys;

/// <summary>The dashboard journeys of the dashboard issue, in real Chromium against the running app and a fake cluster.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardJourneyTests(BrowserAppFixture fx) : IAsyncLifetime
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

    private async Task<(Guid Id, string Name)> ScannedClusterAsync()
    {
        var name = "e2e-" + Guid.NewGuid().ToString("N")[..6];
        var id = await _api.AddClusterAsync(name, _fake.Kubeconfig());
        await _api.ScanAndWaitAsync(id);
        return (id, name);
    }

    [Fact]
    public async Task A_AdminConnectsACluster_AScanRuns_OverviewShowsScoreAndViolations()
    {
        var page = await fx.NewPageAsync();
        await page.SignInAsync(KubeAdvisorAppFactory.AdminEmail);
        var name = "journey-a-" + Guid.NewGuid().ToString("N")[..4];

        await page.GotoAsync("/clusters/new");
        await page.WaitForBlazorAsync();
        await page.InputOf("cluster-name").FillAsync(name);
        await page.InputOf("kubeconfig-text").FillAsync(_fake.Kubeconfig());
        await page.GetByTestId("test-connection").ClickAsync();
        await Assertions.Expect(page.GetByTestId("connection-result")).ToContainTextAsync("Connected to Kubernetes");
        await page.ScreenshotToResultsAsync("02-add-cluster");
        await page.GetByTestId("connect-cluster").ClickAsync();
        await Assertions.Expect(page.GetByTestId("scan-now")).ToBeVisibleAsync();
        Assert.Matches("/clusters/[0-9a-f-]{36}", page.Url);

        await page.GetByTestId("scan-now").ClickAsync();
        await Assertions.Expect(page.GetByTestId("scan-now-message")).ToContainTextAsync("queued");
        try
        {
            // No reload: the page refreshes by itself when the scan completes.
            await Assertions.Expect(page.GetByTestId("score").First).ToBeVisibleAsync(new() { Timeout = (float)ScanWait.TotalMilliseconds });
        }
        finally
        {
            await page.ScreenshotToResultsAsync("03-cluster");
        }


        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("overview-score")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"[data-testid=fleet-row][data-cluster='{name}']")).ToBeVisibleAsync();
        await page.ScreenshotToResultsAsync("04-overview");

        await page.GotoAsync("/violations");
        var table = page.GetByTestId("violations-table");
        await Assertions.Expect(table).ToContainTextAsync("image-tag-missing");
        await Assertions.Expect(table).ToContainTextAsync("image-tag-latest");
        await page.ScreenshotToResultsAsync("05-violations");
    }

    [Fact]
    public async Task B_EngineerDrillsFromOverviewToTheOffendingContainer()
    {
        var (id, name) = await ScannedClusterAsync();
        var page = await fx.NewPageAsync();
        await page.SignInAsync(KubeAdvisorAppFactory.EmailFor(Roles.Engineer));

        await page.GotoAsync($"/?q={name}");
        await page.WaitForBlazorAsync();
        await page.GetByTestId("fleet-link").Filter(new() { HasText = name }).ClickAsync();
        await page.WaitForURLAsync($"**/clusters/{id}**");
        await Assertions.Expect(page.GetByTestId("namespaces-table")).ToContainTextAsync("shop");
        await page.GetByTestId("namespaces-table").GetByRole(AriaRole.Link, new() { Name = "shop", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/namespaces/shop");
        await page.ScreenshotToResultsAsync("06-namespace");
        await page.GetByTestId("workloads-table").GetByRole(AriaRole.Link, new() { Name = "web", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/workloads/**");

        await Assertions.Expect(page.GetByTestId("workload-name")).ToContainTextAsync("web");
        await Assertions.Expect(page.GetByTestId("containers")).ToContainTextAsync("nginx");
        var finding = page.GetByTestId("finding").Filter(new() { HasText = "image-tag-missing" });
        await Assertions.Expect(finding).ToBeVisibleAsync();
        await Assertions.Expect(finding.GetByTestId("finding-remediation")).ToBeVisibleAsync();
        await Assertions.Expect(finding.GetByTestId("finding-fix")).ToContainTextAsync("image:");
        await page.ScreenshotToResultsAsync("07-workload");
    }

    [Fact]
    public async Task C_AdminDisablesImageTagLatest_Rescans_ScoreChangesAndTheAuditLogHasIt()
    {
        var (id, name) = await ScannedClusterAsync();
        var before = await ScoreAsync(id);
        var page = await fx.NewPageAsync();
        var cspViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                cspViolations.Add(message.Text);
            }
        };
        await page.SignInAsync(KubeAdvisorAppFactory.AdminEmail);

        await page.GotoAsync("/policies?tab=matrix");
        await page.WaitForBlazorAsync();
        var toggle = page.InputOf($"toggle-{name}-image-tag-latest");
        await Assertions.Expect(toggle).ToBeCheckedAsync();
        await toggle.ClickAsync();
        await Assertions.Expect(page.GetByTestId("policy-message")).ToContainTextAsync("Saved");
        await page.ScreenshotToResultsAsync("08-policies");
        var scansBefore = await ScanCountAsync(id);
        await page.GetByTestId("rescan-now").ClickAsync();

        var scan = await WaitForNewScanAsync(id, scansBefore);
        Assert.Equal("Succeeded", scan["status"]!.GetValue<string>());
        // the scan request from the Blazor circuit is audited with the browser's address and user agent
        var audited = $"FROM audit_entries WHERE \"Action\" = 'scan.requested' AND \"Target\" = '{id}' ORDER BY \"Id\" DESC LIMIT 1";
        Assert.Contains("Chrome", (string)(await fx.Database.ScalarAsync($"SELECT \"UserAgent\" {audited}"))!);
        Assert.Equal("127.0.0.1", await fx.Database.ScalarAsync($"SELECT \"RemoteAddress\" {audited}"));
        Assert.NotEqual(before, scan["score"]!.GetValue<double>());
        Assert.DoesNotContain(await _api.FindingsAsync(id), f => f!["policy"]!.GetValue<string>() == "image-tag-latest");

        await page.GotoAsync("/settings/audit?action=policy");
        await Assertions.Expect(page.GetByTestId("audit-table")).ToContainTextAsync("image-tag-latest");
        await Assertions.Expect(page.GetByTestId("audit-table")).ToContainTextAsync(name);
        await page.ScreenshotToResultsAsync("09-audit");
        Assert.Empty(cspViolations); // the pages work under their Content-Security-Policy

        // The remaining main pages, for the record of what a user sees.
        await page.GotoAsync("/clusters");
        await page.WaitForBlazorAsync();
        await Assertions.Expect(page.GetByTestId("clusters-table")).ToContainTextAsync(name);
        await page.ScreenshotToResultsAsync("11-clusters");
        await page.GotoAsync("/settings/users");
        await page.WaitForBlazorAsync();
        await Assertions.Expect(page.GetByText(KubeAdvisorAppFactory.AdminEmail).First).ToBeVisibleAsync();
        await page.ScreenshotToResultsAsync("12-users");
        await page.GotoAsync("/settings/tokens");
        await page.WaitForBlazorAsync();
        await Assertions.Expect(page.GetByText("bootstrap").First).ToBeVisibleAsync();
        await page.ScreenshotToResultsAsync("13-tokens");
    }

    [Fact]
    public async Task E_AdminLabelsACluster_OverviewGroupsByIt()
    {
        var (id, name) = await ScannedClusterAsync();
        var env = "e2e-" + Guid.NewGuid().ToString("N")[..6];
        var page = await fx.NewPageAsync();
        await page.SignInAsync(KubeAdvisorAppFactory.AdminEmail);

        await page.GotoAsync($"/clusters/{id}/settings");
        await page.WaitForBlazorAsync();
        await page.InputOf("labels-input").FillAsync($"env={env}, region=eu");
        await page.GetByTestId("labels-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("settings-message")).ToContainTextAsync("Labels saved");
        await page.ScreenshotToResultsAsync("14-cluster-labels");

        await page.GotoAsync("/?group=env");
        var group = page.Locator($"[data-testid=fleet-group][data-group='{env}']");
        await Assertions.Expect(group).ToBeVisibleAsync();
        await Assertions.Expect(group.GetByTestId("fleet-group-worst")).ToContainTextAsync(name);
        await Assertions.Expect(page.Locator($"[data-testid=fleet-row][data-cluster='{name}'] [data-testid=fleet-label]").First).ToContainTextAsync($"env={env}");
        await page.ScreenshotToResultsAsync("15-overview-grouped");

        // The group's link filters the table to it; the filter is in the query string.
        await group.GetByRole(AriaRole.Link, new() { Name = $"env={env}" }).ClickAsync();
        await page.WaitForURLAsync($"**/?label=env%3D{env}");
        await Assertions.Expect(page.GetByTestId("fleet-row")).ToHaveCountAsync(1);
        Assert.Equal("cluster.labels-changed", await fx.Database.ScalarAsync(
            $"SELECT \"Action\" FROM audit_entries WHERE \"Target\" = '{name}' ORDER BY \"Id\" DESC LIMIT 1"));
    }

    [Fact]
    public async Task D_ViewerCannotTogglePoliciesOrScan_InTheUiOrAgainstTheServer()
    {
        var (id, name) = await ScannedClusterAsync();
        var page = await fx.NewPageAsync();
        await page.SignInAsync(KubeAdvisorAppFactory.EmailFor(Roles.Viewer));

        await page.GotoAsync($"/clusters/{id}");
        await page.WaitForBlazorAsync();
        await Assertions.Expect(page.GetByTestId("connection-panel")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("scan-now")).ToHaveCountAsync(0);

        await page.GotoAsync("/policies?tab=matrix");
        await Assertions.Expect(page.GetByTestId("policies-readonly")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId($"state-{name}-image-tag-latest")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId($"toggle-{name}-image-tag-latest")).ToHaveCountAsync(0);
        await page.ScreenshotToResultsAsync("10-viewer-policies");

        var scan = await page.Context.APIRequest.PostAsync($"/api/v1/clusters/{id}/scans");
        Assert.Equal(403, scan.Status);
        var export = await page.Context.APIRequest.GetAsync("/violations/export.csv");
        Assert.Equal(403, export.Status);
        var settings = await page.Context.APIRequest.GetAsync($"/clusters/{id}/settings");
        Assert.Equal(403, settings.Status);
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
        }, ScanWait, () => "the scan that \"Re-scan now\" queues");
        return await _api.WaitForScanAsync(newest["id"]!.GetValue<Guid>());
    }
}
