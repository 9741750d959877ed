using System.Text.Json.Nodes;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Notifications;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Notifications;

/// <summary>
/// The weekly digest from seeded rollups, findings and exceptions: score and grade now and a week ago, introduced and
/// fixed over the week, top risks, exceptions expiring; once per route and week; quiet hours delay it to their end.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class WeeklyDigestTests(WebAppFixture fx) : IAsyncLifetime
{
    private FakeReceiver _receiver = null!;
    private NotificationClient _client = null!;
    private readonly List<Guid> _channels = [];
    private readonly List<Guid> _clusters = [];

    public async Task InitializeAsync()
    {
        _receiver = await FakeReceiver.StartAsync();
        _client = new NotificationClient(fx.App);
    }

    public async Task DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            await _client.DeleteChannelAsync(channel);
        }

        await using (var db = new DbFactory(fx.Database.ConnectionString).CreateDbContext())
        {
            db.Clusters.RemoveRange(db.Clusters.Where(c => _clusters.Contains(c.Id)));
            await db.SaveChangesAsync();
        }

        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Digest_FromSeededRollups_ReportsScoresWeekRisksAndExpiringExceptions_OncePerWeek()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (inScope, outOfScope) = (await SeedClusterAsync("digest-in"), await SeedClusterAsync("digest-out"));
        var expiring = await SeedAsync(inScope, outOfScope, today);
        var channel = await Track(_client.WebhookAsync(_receiver, "/digest"));
        await _client.RouteAsync(new { channelId = channel, @event = "weekly-digest", clusterIds = new[] { inScope } });
        var quietChannel = await Track(_client.WebhookAsync(_receiver, "/quiet"));
        var hour = DateTime.UtcNow.Hour;
        await _client.RouteAsync(new { channelId = quietChannel, @event = "weekly-digest", clusterIds = new[] { inScope },
            quietHours = new { startHour = hour, endHour = (hour + 2) % 24 } });

        await RunDigestAsync();
        await RunDigestAsync(); // the same week: nothing more
        var message = await Eventually.ValueAsync(() => Task.FromResult(_receiver.Requests.FirstOrDefault(r => r.Path == "/digest")),
            TimeSpan.FromSeconds(60), () => "the weekly digest");
        await _client.FinishedDeliveryAsync(channel);

        Assert.Single(await _client.DeliveriesAsync(channel));
        Assert.True(NotificationClient.SignatureIsValid(message));
        var digest = JsonNode.Parse(message.Text)!["digest"]!.AsObject();
        Assert.Equal(today.AddDays(-6).ToString("yyyy-MM-dd"), digest["from"]!.GetValue<string>());
        Assert.Equal(today.ToString("yyyy-MM-dd"), digest["to"]!.GetValue<string>());
        Assert.Equal([inScope], digest["clusters"]!.AsArray().Select(c => c!["id"]!.GetValue<Guid>()));
        Assert.Equal(90.0, digest["now"]!["score"]!.GetValue<double>());
        Assert.Equal("A", digest["now"]!["grade"]!.GetValue<string>());
        Assert.Equal(60.0, digest["weekAgo"]!["score"]!.GetValue<double>());
        Assert.Equal("D", digest["weekAgo"]!["grade"]!.GetValue<string>());
        Assert.Equal(6, digest["introduced"]!.GetValue<int>()); // days -3 and -1; day -7 is last week
        Assert.Equal(4, digest["fixed"]!.GetValue<int>());
        Assert.Equal(4, digest["openFindings"]!.GetValue<int>()); // the resolved one and the other cluster's do not count
        var risks = digest["topRisks"]!.AsArray().Select(r => $"{r!["policyId"]}:{r["severity"]}:{r["openFindings"]}:{r["workloads"]}").ToList();
        Assert.Equal(["image-tag-latest:high:3:2", "image-tag-missing:medium:1:1"], risks);
        Assert.Equal([expiring], digest["expiringExceptions"]!.AsArray().Select(e => e!["id"]!.GetValue<Guid>()));

        var quiet = (await _client.DeliveriesAsync(quietChannel)).Single()!;
        Assert.Equal("queued", quiet["status"]!.GetValue<string>()); // held back, not dropped
        var created = quiet["createdAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(new QuietHours(hour, (hour + 2) % 24).SendAt(created), quiet["notBefore"]!.GetValue<DateTimeOffset>());
        Assert.True(quiet["notBefore"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow);
        Assert.DoesNotContain(_receiver.Requests, r => r.Path == "/quiet");
    }

    private async Task RunDigestAsync()
    {
        using var scope = fx.App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<WeeklyDigestJob>().RunAsync(CancellationToken.None);
    }

    private async Task<Guid> SeedClusterAsync(string name)
    {
        await using var db = new DbFactory(fx.Database.ConnectionString).CreateDbContext();
        var cluster = new Cluster { Id = Guid.NewGuid(), Name = $"{name}-{Guid.NewGuid():N}"[..20], ConnectionType = ConnectionType.Agent, CreatedAt = DateTimeOffset.UtcNow };
        db.Clusters.Add(cluster);
        await db.SaveChangesAsync();
        _clusters.Add(cluster.Id);
        return cluster.Id;
    }

    /// <returns>The exception of the cluster in scope that ends within the week.</returns>
    private async Task<Guid> SeedAsync(Guid cluster, Guid other, DateOnly today)
    {
        await using var db = new DbFactory(fx.Database.ConnectionString).CreateDbContext();
        DailyRollup Rollup(Guid c, int daysAgo, double passed, double failed, int introduced, int fixedCount) => new()
        {
            ClusterId = c, Day = today.AddDays(-daysAgo), PassedWeight = passed, FailedWeight = failed, Score = 100 * passed / (passed + failed),
            Scans = 1, Introduced = introduced, Fixed = fixedCount,
        };
        db.DailyRollups.AddRange(
            Rollup(cluster, 0, 90, 10, 0, 0), Rollup(cluster, 1, 80, 20, 2, 3), Rollup(cluster, 3, 70, 30, 4, 1), Rollup(cluster, 7, 60, 40, 100, 100),
            Rollup(other, 0, 10, 90, 50, 50));
        var (w1, w2, w3) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        FindingRecord Finding(Guid c, Guid workload, string policy, Severity severity, bool open = true) => new()
        {
            ClusterId = c, WorkloadId = workload, Fingerprint = Guid.NewGuid().ToString("N"), Namespace = "shop", Kind = "Deployment",
            WorkloadName = workload.ToString("N")[..8], Container = "app", PolicyId = policy, Severity = severity, Message = "m", Remediation = "r",
            IsOpen = open, FirstSeen = DateTimeOffset.UtcNow, LastSeen = DateTimeOffset.UtcNow, ResolvedAt = open ? null : DateTimeOffset.UtcNow,
        };
        db.Findings.AddRange(
            Finding(cluster, w1, "image-tag-latest", Severity.High), Finding(cluster, w1, "image-tag-latest", Severity.High),
            Finding(cluster, w2, "image-tag-latest", Severity.High), Finding(cluster, w3, "image-tag-missing", Severity.Medium),
            Finding(cluster, w3, "pod-host-pid", Severity.High, open: false), Finding(other, w1, "pod-host-pid", Severity.Critical));
        PolicyException Exception(Guid c, int days) => new()
        {
            Id = Guid.NewGuid(), ClusterId = c, Policies = ["image-tag-latest"], Reason = "migration", RequestedBy = "test", RequestedAt = DateTimeOffset.UtcNow,
            Status = ExceptionStatus.Approved, ExpiresAt = DateTimeOffset.UtcNow.AddDays(days),
        };
        var expiring = Exception(cluster, 3);
        db.PolicyExceptions.AddRange(expiring, Exception(cluster, 30), Exception(other, 2));
        await db.SaveChangesAsync();
        return expiring.Id;
    }

    private async Task<Guid> Track(Task<Guid> channel)
    {
        var id = await channel;
        _channels.Add(id);
        return id;
    }
}
