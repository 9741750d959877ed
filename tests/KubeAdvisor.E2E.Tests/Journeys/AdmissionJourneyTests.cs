using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using KubeAdvisor.Agent;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.E2E.Tests.Support;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Admission;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.Playwright;

namespace KubeAdvisor.E2E.Tests.Journeys;

/// <summary>
/// The admission webhook end to end (issue #19): an Admin sets an agent cluster to "deny high" on the cluster page in
/// Chromium; the agent (in process, its webhook on real HTTPS) pulls the mode from the server, and a review of a
/// Deployment running <c>nginx:latest</c> is then denied with the policy's fix text, while a pinned image is allowed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AdmissionJourneyTests(BrowserAppFixture fx) : IAsyncLifetime
{
    private FakeKubernetesServer _fake = null!;
    private ApiClient _api = null!;
    private string _serviceAccountDir = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeKubernetesServer.StartAsync();
        _api = ApiClient.WithToken(new Uri(fx.BaseUrl), KubeAdvisorAppFactory.BootstrapToken);

        // The agent's own collection is refused (wrong token), so it pushes nothing: only its webhook matters here.
        _serviceAccountDir = Directory.CreateTempSubdirectory("ka-e2e-sa-").FullName;
        await File.WriteAllTextAsync(Path.Combine(_serviceAccountDir, "ca.crt"), _fake.CaCertificatePem);
        await File.WriteAllTextAsync(Path.Combine(_serviceAccountDir, "token"), "not-the-token");
    }

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        Directory.Delete(_serviceAccountDir, recursive: true);
    }

    [Fact]
    public async Task Admin_SetsDenyHighInTheUi_TheAgentPullsIt_AndALatestDeploymentIsDeniedWithTheFix()
    {
        var connected = await _api.Http.PostAsJsonAsync("/api/v1/agent/connections", new { name = "door-" + Guid.NewGuid().ToString("N")[..6] });
        Assert.Equal(HttpStatusCode.Created, connected.StatusCode);
        var body = JsonNode.Parse(await connected.Content.ReadAsStringAsync())!;
        var cluster = body["clusterId"]!.GetValue<Guid>();
        using var certificate = WebhookCertificate.Create();
        var port = FreePort();
        await using var agent = AgentHost.Build([], new Dictionary<string, string?>
        {
            ["SERVER_URL"] = fx.BaseUrl, ["TOKEN"] = body["token"]!.GetValue<string>(), ["KUBERNETES_URL"] = _fake.BaseAddress.ToString(),
            ["SERVICE_ACCOUNT_DIR"] = _serviceAccountDir, ["HEALTH_PORT"] = "0", ["INTERVAL_MINUTES"] = "60", ["REQUEST_TIMEOUT_SECONDS"] = "20",
            ["ADMISSION"] = "true", ["ADMISSION_PORT"] = port.ToString(CultureInfo.InvariantCulture), ["ADMISSION_REFRESH_SECONDS"] = "1",
            ["ADMISSION_TLS_CERT_FILE"] = certificate.CertFile, ["ADMISSION_TLS_KEY_FILE"] = certificate.KeyFile,
        });
        await agent.StartAsync();
        using var webhook = certificate.Client($"https://127.0.0.1:{port}");
        var latest = AdmissionReviews.Review(AdmissionReviews.Deployment("shop", "api", "nginx:latest"));
        Assert.True((await AdmissionReviews.SendAsync(webhook, latest))["allowed"]!.GetValue<bool>()); // mode off until the Admin acts

        var page = await fx.NewPageAsync();
        await page.SignInAsync(KubeAdvisorAppFactory.EmailFor(Roles.Admin));
        await page.GotoAsync($"/clusters/{cluster}");
        await page.WaitForBlazorAsync();
        await page.ChooseAsync("admission-mode-select", "deny");
        await page.ChooseAsync("admission-severity-select", "high");
        await page.GetByTestId("admission-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("admission-mode")).ToContainTextAsync("deny");
        await page.ScreenshotToResultsAsync("40-admission-deny-high");

        // The agent refreshes every second; the review is denied once it has the new mode.
        var denied = await Eventually.ValueAsync(async () =>
        {
            var review = await AdmissionReviews.SendAsync(webhook, latest);
            return review["allowed"]!.GetValue<bool>() ? null : review;
        }, TimeSpan.FromSeconds(60), () => "the agent to deny the :latest Deployment");
        var message = denied["status"]!["message"]!.GetValue<string>();
        var pinned = await AdmissionReviews.SendAsync(webhook, AdmissionReviews.Review(AdmissionReviews.Deployment("shop", "web", "nginx:1.27.3")));

        Assert.Equal(403, denied["status"]!["code"]!.GetValue<int>());
        Assert.Contains("image-tag-latest (high), container api", message, StringComparison.Ordinal);
        Assert.Contains("Fix: ", message, StringComparison.Ordinal);
        Assert.True(pinned["allowed"]!.GetValue<bool>());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
