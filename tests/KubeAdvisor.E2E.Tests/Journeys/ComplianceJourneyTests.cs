using KubeAdvisor.DemoCluster;
using KubeAdvisor.E2E.Tests.Support;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.Playwright;

namespace KubeAdvisor.E2E.Tests.Journeys;

/// <summary>
/// Compliance in real Chromium (issue #16): a manager opens a scanned cluster's compliance page from the cluster page,
/// sees the Pod Security Standards judged from the scan (baseline passes, restricted fails on non-root), and the fleet
/// compliance page lists the cluster.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ComplianceJourneyTests(BrowserAppFixture fx) : IAsyncLifetime
{
    private FakeKubernetesServer _fake = null!;
    private ApiClient _api = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeClusters.StartShopAsync();
        _api = ApiClient.WithToken(new Uri(fx.BaseUrl), KubeAdvisorAppFactory.BootstrapToken);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Viewer_OpensComplianceFromTheClusterPage_SeesControlsJudgedByTheScan_AndTheFleetPage()
    {
        var name = "comp-" + Guid.NewGuid().ToString("N")[..6];
        var id = await _api.AddClusterAsync(name, _fake.Kubeconfig());
        // Arrange what an Admin's "security pack on" stores (the Policies page is tested elsewhere): with the default
        // image pack alone no control is assessed.
        await fx.Database.ScalarAsync($"UPDATE clusters SET \"PolicySettingsJson\" = '{{\"packs\":{{\"security\":true}}}}'::jsonb WHERE \"Id\" = '{id}'");
        await _api.ScanAndWaitAsync(id);
        var page = await fx.NewPageAsync();
        await page.SignInAsync(KubeAdvisorAppFactory.EmailFor(Roles.Viewer));

        await page.GotoAsync($"/clusters/{id}");
        await page.WaitForBlazorAsync();
        await page.GetByTestId("cluster-compliance-link").ClickAsync();

        await Assertions.Expect(page.GetByTestId("compliance-cluster")).ToContainTextAsync(name);
        await Assertions.Expect(page.GetByTestId("framework-pss-baseline-share")).ToContainTextAsync("100% of");
        await Assertions.Expect(page.GetByTestId("framework-pss-restricted-share")).ToContainTextAsync("assessed controls pass");
        await page.GetByTestId("framework-pss-restricted").ClickAsync(); // expand the panel
        await Assertions.Expect(page.GetByTestId("control-pss-restricted:run-as-non-root")).ToContainTextAsync("fail");
        await page.ScreenshotToResultsAsync("30-cluster-compliance");

        await page.GotoAsync("/compliance");
        await Assertions.Expect(page.GetByTestId($"compliance-{name}-pss-baseline")).ToContainTextAsync("100%");
        await Assertions.Expect(page.GetByTestId($"compliance-{name}-pss-restricted")).ToContainTextAsync("%");
        await page.ScreenshotToResultsAsync("31-fleet-compliance");
    }
}
