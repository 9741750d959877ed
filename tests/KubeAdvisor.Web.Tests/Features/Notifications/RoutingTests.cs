using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Notifications;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Notifications;

/// <summary>
/// Routes through real scans: a route filtered by team hears only of that team's findings; scan-health speaks once per
/// change (healthy → failed → failed → healthy gives two messages), here as an Adaptive Card to a Teams workflow URL; an
/// agent that stopped reporting is announced once by the sweep.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class RoutingTests(WebAppFixture fx) : IAsyncLifetime
{
    private FakeKubernetesServer _fake = null!;
    private FakeReceiver _receiver = null!;
    private NotificationClient _client = null!;
    private readonly List<Guid> _channels = [];
    private readonly List<Guid> _teams = [];

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

        foreach (var team in _teams)
        {
            await _client.Api.Http.DeleteAsync($"/api/v1/teams/{team}");
        }

        await _receiver.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task RouteOfOneTeam_ListsOnlyThatTeamsFindings()
    {
        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Join(FakeClusterManifests.Namespace("shop"), FakeClusterManifests.Namespace("payments"),
            FakeClusterManifests.Deployment("shop", "web", "nginx:latest"), FakeClusterManifests.Deployment("payments", "ledger", "nginx:latest")));
        var cluster = await _client.Api.AddClusterAsync("team-" + Guid.NewGuid().ToString("N")[..8], _fake.Kubeconfig());
        var (shop, payments) = (await TeamAsync("shop"), await TeamAsync("payments"));
        await RuleAsync(new { teamId = shop, clusterId = cluster, namespaces = new[] { "shop" } });
        await RuleAsync(new { teamId = payments, clusterId = cluster, namespaces = new[] { "pay*" } });
        var channel = await Track(_client.WebhookAsync(_receiver, "/team"));
        await _client.RouteAsync(new { channelId = channel, @event = "findings-introduced", clusterIds = new[] { cluster }, teamIds = new[] { payments } });

        await _client.Api.ScanAndWaitAsync(cluster);
        var message = await Eventually.ValueAsync(() => Task.FromResult(_receiver.Requests.FirstOrDefault(r => r.Path == "/team")),
            TimeSpan.FromSeconds(60), () => "the message of the payments team");

        var findings = JsonNode.Parse(message.Text)!["findings"]!;
        var items = findings["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal("payments", i["namespace"]!.GetValue<string>()));
        Assert.All(items, i => Assert.StartsWith("payments-", i["team"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(items.Count, findings["total"]!.GetValue<int>());
        Assert.Contains((await _client.Api.FindingsAsync(cluster)).Select(f => f!["namespace"]!.GetValue<string>()), ns => ns == "shop"); // there was more to hear
    }

    [Fact]
    public async Task ScanHealth_NotifiesOnChangesOnly_FailedThenHealthyAgain_AsAnAdaptiveCard()
    {
        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Basic());
        var cluster = await _client.Api.AddClusterAsync("health-" + Guid.NewGuid().ToString("N")[..8], _fake.Kubeconfig());
        var channel = await Track(_client.ChannelAsync(new { type = "teams", name = "teams-" + Guid.NewGuid().ToString("N")[..8], url = _receiver.Url("/teams") }));
        await _client.RouteAsync(new { channelId = channel, @event = "scan-health", clusterIds = new[] { cluster } });

        var healthy = await _client.Api.ScanAndWaitAsync(cluster); // the first state seen, healthy: nothing to say
        await _client.PlannedAsync(healthy["id"]!.GetValue<Guid>());
        _fake.Faults.Unauthorized = true;
        var failed = await _client.Api.ScanAndWaitAsync(cluster);
        Assert.Equal("Failed", failed["status"]!.GetValue<string>());
        await _client.PlannedAsync(failed["id"]!.GetValue<Guid>());
        var again = await _client.Api.ScanAndWaitAsync(cluster); // still failed: no second message
        await _client.PlannedAsync(again["id"]!.GetValue<Guid>());
        _fake.Faults.Unauthorized = false;
        var recovered = await _client.Api.ScanAndWaitAsync(cluster);
        await _client.PlannedAsync(recovered["id"]!.GetValue<Guid>());

        var messages = await Eventually.ValueAsync(() => Task.FromResult(_receiver.Requests.Count(r => r.Path == "/teams") >= 2
            ? _receiver.Requests.Where(r => r.Path == "/teams").ToList() : null), TimeSpan.FromSeconds(60), () => "two health messages");
        Assert.Equal(2, (await _client.DeliveriesAsync(channel)).Count);
        var cards = messages.Select(m => JsonNode.Parse(m.Text)!.AsObject()).ToList();
        Assert.All(cards, card =>
        {
            Assert.Equal("message", card["type"]!.GetValue<string>());
            var attachment = card["attachments"]!.AsArray().Single()!;
            Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
            Assert.Equal("AdaptiveCard", attachment["content"]!["type"]!.GetValue<string>());
            Assert.Equal("1.4", attachment["content"]!["version"]!.GetValue<string>());
            Assert.Equal("Action.OpenUrl", attachment["content"]!["actions"]![0]!["type"]!.GetValue<string>());
        });
        string Facts(JsonObject card) => string.Join(";", card["attachments"]![0]!["content"]!["body"]!.AsArray()
            .Where(b => b!["type"]!.GetValue<string>() == "FactSet").SelectMany(b => b!["facts"]!.AsArray())
            .Select(f => $"{f!["title"]}={f["value"]}"));
        Assert.StartsWith("State=scan failed;Before=healthy;Detail=", Facts(cards[0]), StringComparison.Ordinal);
        Assert.Equal("State=healthy;Before=scan failed", Facts(cards[1]));
    }

    [Fact]
    public async Task ScanHealth_AgentMissingThreeIntervals_IsAnnouncedOnceAsAgentOffline()
    {
        var cluster = Guid.NewGuid();
        await using (var db = new DbFactory(fx.Database.ConnectionString).CreateDbContext())
        {
            db.Clusters.Add(new KubeAdvisor.Data.Entities.Cluster
            {
                Id = cluster, Name = "agent-" + Guid.NewGuid().ToString("N")[..8], ConnectionType = KubeAdvisor.Data.Entities.ConnectionType.Agent,
                AgentTokenHash = "hash-" + Guid.NewGuid().ToString("N"), AgentIntervalMinutes = 10, AgentLastContactAt = DateTimeOffset.UtcNow.AddHours(-2),
                CreatedAt = DateTimeOffset.UtcNow.AddDays(-1),
            });
            await db.SaveChangesAsync();
        }

        var channel = await Track(_client.WebhookAsync(_receiver, "/agent"));
        await _client.RouteAsync(new { channelId = channel, @event = "scan-health", clusterIds = new[] { cluster } });

        await SweepAsync();
        await SweepAsync(); // still offline: nothing more
        var message = await Eventually.ValueAsync(() => Task.FromResult(_receiver.Requests.FirstOrDefault(r => r.Path == "/agent")),
            TimeSpan.FromSeconds(60), () => "the agent-offline message");

        Assert.Single(await _client.DeliveriesAsync(channel));
        var health = JsonNode.Parse(message.Text)!["health"]!;
        Assert.Equal("agent-offline", health["state"]!.GetValue<string>());
        Assert.Null(health["previousState"]);
        Assert.StartsWith("The agent has not reported since ", health["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await using (var db = new DbFactory(fx.Database.ConnectionString).CreateDbContext())
        {
            db.Clusters.Remove(db.Clusters.Single(c => c.Id == cluster));
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task ScanHealth_SeededDemoHistory_IsNeverAnnounced_WhileARealClusterInTheSameStateIs()
    {
        // Both clusters' last scan failed; only the one that is really connected has a health to announce.
        var (demo, real) = (await FailedClusterAsync("demo-", KubeAdvisor.Data.Entities.ConnectionType.DemoHistory),
            await FailedClusterAsync("real-", KubeAdvisor.Data.Entities.ConnectionType.Kubeconfig));
        var channel = await Track(_client.WebhookAsync(_receiver, "/demo-health"));
        await _client.RouteAsync(new { channelId = channel, @event = "scan-health", clusterIds = new[] { demo.Id, real.Id } });

        await SweepAsync();
        var message = await Eventually.ValueAsync(() => Task.FromResult(_receiver.Requests.FirstOrDefault(r => r.Path == "/demo-health")),
            TimeSpan.FromSeconds(60), () => "the real cluster's scan-failed message");

        Assert.Single(await _client.DeliveriesAsync(channel));
        Assert.Equal(real.Name, JsonNode.Parse(message.Text)!["cluster"]!["name"]!.GetValue<string>());
        await using var db = new DbFactory(fx.Database.ConnectionString).CreateDbContext();
        Assert.False(db.NotificationHealthStates.Any(h => h.ClusterId == demo.Id));
        db.Clusters.RemoveRange(db.Clusters.Where(c => c.Id == demo.Id || c.Id == real.Id));
        await db.SaveChangesAsync();
    }

    private async Task<KubeAdvisor.Data.Entities.Cluster> FailedClusterAsync(string prefix, KubeAdvisor.Data.Entities.ConnectionType type)
    {
        var now = DateTimeOffset.UtcNow;
        var cluster = new KubeAdvisor.Data.Entities.Cluster
        {
            Id = Guid.NewGuid(), Name = prefix + Guid.NewGuid().ToString("N")[..8], ConnectionType = type, CreatedAt = now.AddDays(-1),
        };
        await using var db = new DbFactory(fx.Database.ConnectionString).CreateDbContext();
        db.Clusters.Add(cluster);
        db.Scans.Add(new KubeAdvisor.Data.Entities.Scan
        {
            Id = Guid.NewGuid(), ClusterId = cluster.Id, Status = KubeAdvisor.Data.Entities.ScanStatus.Failed, QueuedAt = now.AddMinutes(-2),
            StartedAt = now.AddMinutes(-2), FinishedAt = now.AddMinutes(-1), Error = "401 Unauthorized",
        });
        await db.SaveChangesAsync();
        return cluster;
    }

    private async Task SweepAsync()
    {
        using var scope = fx.App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ScanHealthJob>().RunAsync(CancellationToken.None);
    }

    private async Task<Guid> TeamAsync(string name)
    {
        var response = await _client.Api.Http.PostAsJsonAsync("/api/v1/teams", new { name = $"{name}-{Guid.NewGuid():N}"[..20] });
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        _teams.Add(id);
        return id;
    }

    private async Task RuleAsync(object rule)
    {
        var response = await _client.Api.Http.PostAsJsonAsync("/api/v1/ownership-rules", rule);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<Guid> Track(Task<Guid> channel)
    {
        var id = await channel;
        _channels.Add(id);
        return id;
    }
}
