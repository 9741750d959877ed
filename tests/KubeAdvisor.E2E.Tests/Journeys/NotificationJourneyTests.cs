using System.Text.Json.Nodes;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.E2E.Tests.Support;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using Microsoft.Playwright;

namespace KubeAdvisor.E2E.Tests.Journeys;

/// <summary>
/// The notification journey of issue #18 in real Chromium: an Admin creates a team, an ownership rule (a namespace glob)
/// and a webhook channel with a findings-introduced route for that team, all in the UI. The fake cluster then gains a
/// <c>:latest</c> workload in the team's namespace; after "Scan now" the receiver (Kestrel on loopback, which the test
/// app allow-lists explicitly) gets exactly one message, signed with the channel's secret, naming the workload and
/// linking to its page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationJourneyTests(BrowserAppFixture fx) : IAsyncLifetime
{
    private static readonly TimeSpan DeliveryWait = TimeSpan.FromSeconds(120);
    private readonly string _tag = Guid.NewGuid().ToString("N")[..6];
    private FakeKubernetesServer _fake = null!;
    private FakeReceiver _receiver = null!;
    private ApiClient _api = null!;

    private string Namespace => $"pay-{_tag}-prod";

    private string Baseline => FakeClusterManifests.Join(
        FakeClusterManifests.Namespace(Namespace),
        FakeClusterManifests.Deployment(Namespace, "ledger", "registry.example.com/payments/ledger:2.4.1"));

    public async Task InitializeAsync()
    {
        _fake = await FakeKubernetesServer.StartAsync();
        _fake.Objects.ReplaceFromYaml(Baseline);
        _receiver = await FakeReceiver.StartAsync();
        _api = ApiClient.WithToken(new Uri(fx.BaseUrl), KubeAdvisorAppFactory.BootstrapToken);
    }

    public async Task DisposeAsync()
    {
        // The channel goes with its route, so later journeys' scans plan nothing for a receiver that is gone.
        var channels = (JsonNode.Parse(await _api.Http.GetStringAsync("/api/v1/notifications/channels"))!["items"]!.AsArray())
            .Where(c => c!["name"]!.GetValue<string>().EndsWith(_tag, StringComparison.Ordinal)).Select(c => c!["id"]!.GetValue<Guid>());
        foreach (var id in channels)
        {
            await _api.Http.DeleteAsync($"/api/v1/notifications/channels/{id}");
        }

        await _receiver.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task AdminSetsUpTeamRuleChannelAndRoute_ANewLatestWorkloadIsScanned_TheReceiverGetsOneSignedMessageLinkingToIt()
    {
        var team = "payments-" + _tag;
        var channel = "payments-hook-" + _tag;
        var secret = "journey-secret-" + Guid.NewGuid().ToString("N");
        var clusterName = "notify-" + _tag;
        var clusterId = await _api.AddClusterAsync(clusterName, _fake.Kubeconfig());
        await _api.ScanAndWaitAsync(clusterId); // the baseline, before any route: it announces nothing

        // Settings → Teams and ownership: the team, and a rule giving it every namespace pay-<tag>-* (any cluster).
        var admin = await fx.NewPageAsync();
        await admin.SignInAsync(KubeAdvisorAppFactory.AdminEmail);
        await admin.GotoAsync("/settings");
        await admin.WaitForBlazorAsync();
        await admin.GetByTestId("settings-teams").ClickAsync();
        await admin.WaitForURLAsync("**/settings/teams");
        await admin.InputOf("new-team-name").FillAsync(team);
        await admin.GetByTestId("create-team").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("teams-admin-message")).ToContainTextAsync($"Team {team} created");
        await admin.GetByTestId("rule-new").ClickAsync();
        await Assertions.Expect(admin.InputOf("rule-team")).ToHaveValueAsync(team);
        await admin.InputOf("rule-namespaces").FillAsync($"pay-{_tag}-*");
        await admin.GetByTestId("rule-save").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("teams-admin-message")).ToContainTextAsync("Rule added");

        // Settings → Notifications: a signed webhook channel to the receiver, and a findings-introduced route for the team.
        await admin.GotoAsync("/settings");
        await admin.WaitForBlazorAsync();
        await admin.GetByTestId("settings-notifications").ClickAsync();
        await admin.WaitForURLAsync("**/settings/notifications");
        await admin.GetByTestId("channel-new").ClickAsync();
        await admin.InputOf("channel-name").FillAsync(channel);
        await admin.InputOf("channel-url").FillAsync(_receiver.Url("/kubeadvisor"));
        await admin.InputOf("channel-secret").FillAsync(secret);
        await admin.GetByTestId("channel-save").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("notifications-message")).ToContainTextAsync($"Channel {channel} created");
        var channelRow = admin.GetByTestId("channels-table").Locator("tbody tr", new() { Has = admin.Locator($"[data-channel='{channel}']") });
        await Assertions.Expect(channelRow.GetByTestId("channel-destination")).ToHaveTextAsync(_receiver.BaseAddress.Authority);
        await Assertions.Expect(admin.Locator("body")).Not.ToContainTextAsync(secret); // write-only

        await admin.GetByTestId("route-new").ClickAsync();
        await admin.ChooseAsync("route-channel", channel);
        await Assertions.Expect(admin.InputOf("route-event")).ToHaveValueAsync("Findings introduced by a scan");
        await admin.ChooseAsync("route-teams", team);
        await admin.Keyboard.PressAsync("Escape"); // the multi-select stays open after a choice
        await admin.GetByTestId("route-save").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("notifications-message")).ToContainTextAsync("Route added");
        var route = admin.GetByTestId("routes-table").Locator("tbody tr", new() { HasText = channel });
        await Assertions.Expect(route.GetByTestId("route-event-text")).ToHaveTextAsync("findings-introduced");
        await Assertions.Expect(route.GetByTestId("route-filters")).ToContainTextAsync($"teams {team}");
        await admin.ScreenshotToResultsAsync("notifications-01-channel-and-route");

        // The cluster gains a :latest workload in the team's namespace; "Scan now" on the cluster page.
        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Join(Baseline,
            FakeClusterManifests.Deployment(Namespace, "checkout", "registry.example.com/payments/checkout:latest")));
        await admin.GotoAsync($"/clusters/{clusterId}");
        await admin.WaitForBlazorAsync();
        await admin.GetByTestId("scan-now").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("scan-now-message")).ToContainTextAsync("queued");

        // The delivery settles: the receiver has a request and the channel's log says delivered, once.
        await Eventually.UntilAsync(() => Task.FromResult(_receiver.Requests.Count > 0), DeliveryWait, () => "a message at the receiver");
        await admin.GotoAsync("/settings/notifications");
        await admin.WaitForBlazorAsync();
        await channelRow.GetByTestId("channel-log").ClickAsync();
        await Assertions.Expect(admin.Locator("[data-testid=delivery-row][data-status=delivered]")).ToHaveCountAsync(1);
        await Assertions.Expect(admin.GetByTestId("delivery-row")).ToHaveCountAsync(1);
        await Assertions.Expect(admin.GetByTestId("delivery-code")).ToHaveTextAsync("200");
        await admin.ScreenshotToResultsAsync("notifications-02-delivery-log");

        // Exactly one message, signed with the channel's secret, naming the new workload and linking to its page.
        var request = Assert.Single(_receiver.Requests);
        Assert.True(request.IsSignedWith(secret), "X-KubeAdvisor-Signature does not verify with the channel's secret");
        Assert.False(request.IsSignedWith(secret + "x"));
        Assert.Equal("findings-introduced", request.Headers["X-KubeAdvisor-Event"]);
        var body = JsonNode.Parse(request.Text)!;
        Assert.Equal("kubeadvisor.notification/v1", body["schema"]!.GetValue<string>());
        Assert.Equal(clusterName, body["cluster"]!["name"]!.GetValue<string>());
        var items = body["findings"]!["items"]!.AsArray().Select(i => i!).ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal((Namespace, "checkout", team), (i["namespace"]!.GetValue<string>(), i["workload"]!.GetValue<string>(), i["team"]!.GetValue<string>())));
        Assert.Contains(items, i => i["policyId"]!.GetValue<string>() == "image-tag-latest");
        var workloadId = (await _api.FindingsAsync(clusterId)).Where(f => f!["name"]!.GetValue<string>() == "checkout")
            .Select(f => f!["workloadId"]!.GetValue<Guid>()).Distinct().Single();
        var link = items.Select(i => i["workloadUrl"]!.GetValue<string>()).Distinct().Single();
        Assert.Equal($"{KubeAdvisorAppFactory.PublicUrl}/clusters/{clusterId}/workloads/{workloadId}", link);

        // The link's page is the workload's (PUBLIC_URL is a name nothing listens on: the path is followed on the app).
        await admin.GotoAsync(new Uri(link).PathAndQuery);
        await admin.WaitForBlazorAsync();
        await Assertions.Expect(admin.GetByTestId("workload-name")).ToContainTextAsync("checkout");
        await Assertions.Expect(admin.GetByTestId("finding").Filter(new() { HasText = "image-tag-latest" })).ToHaveCountAsync(1);
    }
}
