using System.Text.Json.Nodes;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Features.Notifications;

/// <summary>
/// findings-introduced and findings-fixed through real scans of a fake cluster: one signed webhook message per scan
/// and route naming the new findings with links to their workloads; a second scan with the same open findings sends
/// nothing; a finding fixed then back within a day (flapping) is not announced again; Slack gets the fixed one in Block Kit.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class FindingsNotificationTests(WebAppFixture fx) : IAsyncLifetime
{
    private FakeKubernetesServer _fake = null!;
    private FakeReceiver _receiver = null!;
    private NotificationClient _client = null!;
    private readonly List<Guid> _channels = [];

    public async Task InitializeAsync()
    {
        _fake = await FakeKubernetesServer.StartAsync();
        _receiver = await FakeReceiver.StartAsync();
        _client = new NotificationClient(fx.App);
    }

    public async Task DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            await _client.DeleteChannelAsync(channel);
        }

        await _receiver.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task Scans_NotifyNewFindingsOncePerScan_NotAgainForTheSameOrFlapping_FixedGoesToSlack()
    {
        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Basic());
        var cluster = await _client.Api.AddClusterAsync("notify-" + Guid.NewGuid().ToString("N")[..8], _fake.Kubeconfig());
        var webhook = await Track(_client.WebhookAsync(_receiver, "/hook"));
        var slack = await Track(_client.ChannelAsync(new { type = "slack", name = "slack-" + Guid.NewGuid().ToString("N")[..8], url = _receiver.Url("/slack") }));
        await _client.RouteAsync(new { channelId = webhook, @event = "findings-introduced", minSeverity = "info", clusterIds = new[] { cluster }, teamIds = Array.Empty<Guid>() });
        await _client.RouteAsync(new { channelId = slack, @event = "findings-fixed", clusterIds = new[] { cluster } });

        var first = await _client.Api.ScanAndWaitAsync(cluster);
        var message = await Eventually.ValueAsync(() => Task.FromResult(_receiver.Requests.FirstOrDefault(r => r.Path == "/hook")),
            TimeSpan.FromSeconds(60), () => "the webhook message of the first scan");

        Assert.True(NotificationClient.SignatureIsValid(message), "the HMAC of timestamp.body verifies with the channel's secret");
        Assert.False(NotificationClient.SignatureIsValid(message, "another-secret-0123456789"));
        Assert.InRange(long.Parse(message.Headers["X-KubeAdvisor-Timestamp"], System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal("application/json; charset=utf-8", message.Headers["Content-Type"]);
        Assert.Equal("findings-introduced", message.Headers["X-KubeAdvisor-Event"]);
        var payload = JsonNode.Parse(message.Text)!.AsObject();
        Assert.Equal("kubeadvisor.notification/v1", payload["schema"]!.GetValue<string>());
        Assert.Equal(message.Headers["X-KubeAdvisor-Delivery"], payload["id"]!.GetValue<string>());
        Assert.Equal("findings-introduced", payload["event"]!.GetValue<string>());
        Assert.Equal(cluster, payload["cluster"]!["id"]!.GetValue<Guid>());
        Assert.Equal(first["id"]!.GetValue<Guid>(), payload["scanId"]!.GetValue<Guid>());
        Assert.Null(payload["health"]);
        Assert.Equal(2, payload["findings"]!["total"]!.GetValue<int>());
        Assert.Equal(0, payload["findings"]!["more"]!.GetValue<int>());
        var items = payload["findings"]!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal(["shop/api:image-tag-latest", "shop/web:image-tag-missing"],
            items.Select(i => $"{i["namespace"]}/{i["workload"]}:{i["policyId"]}").Order(StringComparer.Ordinal));
        var api = items.Single(i => i["workload"]!.GetValue<string>() == "api");
        Assert.Equal("registry.example.com/shop/api:latest", api["image"]!.GetValue<string>());
        Assert.Contains(api["severity"]!.GetValue<string>(), new[] { "info", "low", "medium", "high", "critical" });
        var workloadId = (await _client.Api.FindingsAsync(cluster, "policy=image-tag-latest")).Single()!["workloadId"]!.GetValue<Guid>();
        Assert.Equal($"{KubeAdvisorAppFactory.PublicUrl}/clusters/{cluster}/workloads/{workloadId}", api["workloadUrl"]!.GetValue<string>());

        // The same open findings again: nothing new, nothing sent.
        var second = await _client.Api.ScanAndWaitAsync(cluster);
        await _client.PlannedAsync(second["id"]!.GetValue<Guid>());

        // shop/api goes: fixed (Slack); it comes back within the day: flapping, not introduced again.
        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Join(FakeClusterManifests.Namespace("shop"), FakeClusterManifests.Namespace("payments"),
            FakeClusterManifests.Deployment("shop", "web", "nginx")));
        var third = await _client.Api.ScanAndWaitAsync(cluster);
        var fixedMessage = await Eventually.ValueAsync(() => Task.FromResult(_receiver.Requests.FirstOrDefault(r => r.Path == "/slack")),
            TimeSpan.FromSeconds(60), () => "the Slack message of the fixed finding");
        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Basic());
        var fourth = await _client.Api.ScanAndWaitAsync(cluster);
        await _client.PlannedAsync(third["id"]!.GetValue<Guid>());
        await _client.PlannedAsync(fourth["id"]!.GetValue<Guid>());
        await _client.FinishedDeliveryAsync(webhook);

        Assert.Single(_receiver.Requests, r => r.Path == "/hook");
        Assert.Single(_receiver.Requests, r => r.Path == "/slack");
        Assert.Single(await _client.DeliveriesAsync(webhook));
        Assert.False(fixedMessage.Headers.ContainsKey("X-KubeAdvisor-Signature")); // Slack URLs are the secret; no HMAC
        var slackBody = JsonNode.Parse(fixedMessage.Text)!.AsObject();
        Assert.Equal("1 finding fixed in " + payload["cluster"]!["name"]!.GetValue<string>(), slackBody["text"]!.GetValue<string>());
        var blocks = slackBody["blocks"]!.AsArray().Select(b => b!.AsObject()).ToList();
        Assert.Equal("header", blocks[0]["type"]!.GetValue<string>());
        Assert.Equal("plain_text", blocks[0]["text"]!["type"]!.GetValue<string>());
        var finding = blocks.Single(b => b["type"]!.GetValue<string>() == "section" && b["text"]!["text"]!.GetValue<string>().Contains("image-tag-latest", StringComparison.Ordinal));
        Assert.Equal("mrkdwn", finding["text"]!["type"]!.GetValue<string>());
        Assert.Contains($"<{KubeAdvisorAppFactory.PublicUrl}/clusters/{cluster}/workloads/{workloadId}|shop/Deployment/api>", finding["text"]!["text"]!.GetValue<string>());
        Assert.Contains(blocks, b => b["type"]!.GetValue<string>() == "section" && b["text"]!["text"]!.GetValue<string>() == $"<{KubeAdvisorAppFactory.PublicUrl}/clusters/{cluster}|Open in KubeAdvisor>");
    }

    private async Task<Guid> Track(Task<Guid> channel)
    {
        var id = await channel;
        _channels.Add(id);
        return id;
    }
}
