using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KubeAdvisor.Data;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace KubeAdvisor.Web.Tests.Features.Notifications;

/// <summary>
/// Delivery through "Send test" (the path every message takes): retries on 500 and on 429 after its Retry-After, none on
/// 400; e-mail through a real SMTP server, parsed as MIME; destinations the guard refuses; secrets never shown or audited.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class DeliveryTests(WebAppFixture fx) : IAsyncLifetime
{
    private FakeReceiver _receiver = null!;
    private NotificationClient _client = null!;
    private readonly List<Guid> _channels = [];

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

        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task SendTest_500ThenOk_IsRetriedAndDeliveredWithTheSameMessageId()
    {
        var channel = await WebhookAsync("/retry500");
        _receiver.Answer(new FakeReceiver.Reply(500, Body: "busy"));

        var delivery = await _client.FinishedDeliveryAsync(channel, await SendTestAsync(channel));

        Assert.Equal("delivered", delivery["status"]!.GetValue<string>());
        Assert.Equal(2, delivery["attempts"]!.GetValue<int>());
        Assert.Equal(200, delivery["responseCode"]!.GetValue<int>());
        var requests = _receiver.Requests.Where(r => r.Path == "/retry500").ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Headers["X-KubeAdvisor-Delivery"], requests[1].Headers["X-KubeAdvisor-Delivery"]);
        Assert.Equal(requests[0].Body, requests[1].Body); // the same message, signed again
        Assert.All(requests, r => Assert.True(NotificationClient.SignatureIsValid(r)));
        Assert.Equal("test", JsonNode.Parse(requests[1].Text)!["event"]!.GetValue<string>());
    }

    [Fact]
    public async Task SendTest_429WithRetryAfter_WaitsWhatItAskedThenDelivers()
    {
        var channel = await WebhookAsync("/retry429");
        _receiver.Answer(new FakeReceiver.Reply(429, RetryAfterSeconds: 3));

        var delivery = await _client.FinishedDeliveryAsync(channel, await SendTestAsync(channel));

        Assert.Equal("delivered", delivery["status"]!.GetValue<string>());
        Assert.Equal(2, delivery["attempts"]!.GetValue<int>());
        var requests = _receiver.Requests.Where(r => r.Path == "/retry429").ToList();
        Assert.Equal(2, requests.Count);
        // NOTIFY_RETRY_SECONDS is 1 in tests: a gap near 3 s is the Retry-After being honoured.
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(2.5), $"retried after {(requests[1].At - requests[0].At).TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task SendTest_400_FailsAtOnceWithoutRetry_AndTheLogSaysWhy()
    {
        var channel = await WebhookAsync("/bad");
        _receiver.Answer(new FakeReceiver.Reply(400, Body: "invalid_payload"));

        var delivery = await _client.FinishedDeliveryAsync(channel, await SendTestAsync(channel));

        Assert.Equal("failed", delivery["status"]!.GetValue<string>());
        Assert.Equal(1, delivery["attempts"]!.GetValue<int>());
        Assert.Equal(400, delivery["responseCode"]!.GetValue<int>());
        Assert.Equal("127.0.0.1 answered HTTP 400: invalid_payload", delivery["error"]!.GetValue<string>());
        Assert.Single(_receiver.Requests, r => r.Path == "/bad");
    }

    [Fact]
    public async Task Email_ThroughARealSmtpServer_IsMimeWithTextAndHtml()
    {
        var to = $"ops-{Guid.NewGuid():N}@example.com";
        var channel = await Track(_client.ChannelAsync(new { type = "email", name = "mail-" + Guid.NewGuid().ToString("N")[..8], to = $"{to}, second@example.com" }));

        var delivery = await _client.FinishedDeliveryAsync(channel, await SendTestAsync(channel));

        Assert.Equal("delivered", delivery["status"]!.GetValue<string>());
        Assert.Equal(250, delivery["responseCode"]!.GetValue<int>());
        var raw = fx.Smtp.ReceivedEmail.Select(m => m.Data).Single(d => d.Contains(to, StringComparison.Ordinal));
        using var mime = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw)));
        Assert.Equal("KubeAdvisor test message", mime.Subject);
        Assert.Equal("kubeadvisor@test.local", mime.From.Mailboxes.Single().Address);
        Assert.Equal([to, "second@example.com"], mime.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("test", mime.Headers["X-KubeAdvisor-Event"]);
        var alternative = Assert.IsType<MultipartAlternative>(mime.Body);
        Assert.Contains("If you read it, the channel works.", mime.TextBody, StringComparison.Ordinal);
        Assert.Contains("<h2>KubeAdvisor test message</h2>", mime.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Equal($"{delivery["id"]!.GetValue<Guid>()}@kubeadvisor", mime.MessageId);
    }

    [Theory]
    [InlineData("http://10.1.2.3/hook", "a private address")] // private, not allow-listed (the test app lists 127.0.0.0/8 and ::1)
    [InlineData("https://192.168.0.10/hook", "a private address")]
    [InlineData("http://169.254.169.254/latest/meta-data", "link-local")] // metadata: always
    [InlineData("https://[::ffff:169.254.169.254]/", "link-local")]
    [InlineData("https://metadata.google.internal/computeMetadata", "metadata")]
    [InlineData("http://hooks.example.com/x", "must use https")] // public, but plain http
    [InlineData("ftp://127.0.0.1/x", "absolute https")]
    [InlineData("https://user:pw@hooks.example.com/x", "user name or password")]
    public async Task CreateChannel_RefusedDestination_Is400AndStoresNothing(string url, string reason)
    {
        var name = "refused-" + Guid.NewGuid().ToString("N")[..8];
        var response = await _client.Api.Http.PostAsJsonAsync("/api/v1/notifications/channels", new { type = "webhook", name, url, secret = NotificationClient.Secret });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain((await _client.Api.Http.GetFromJsonAsync<JsonObject>("/api/v1/notifications/channels"))!["items"]!.AsArray(),
            c => c!["name"]!.GetValue<string>() == name);
    }

    [Fact]
    public async Task Channels_NeverShowOrAuditTheUrlPathOrSecret_AndRefuseBadInput()
    {
        var secretPath = "/services/T000/B000/" + Guid.NewGuid().ToString("N");
        var slack = await Track(_client.ChannelAsync(new { type = "slack", name = "s-" + Guid.NewGuid().ToString("N")[..8], url = _receiver.Url(secretPath) }));
        var webhook = await WebhookAsync("/x");

        var listed = await _client.Api.Http.GetStringAsync("/api/v1/notifications/channels");
        Assert.DoesNotContain(secretPath, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(NotificationClient.Secret, listed, StringComparison.Ordinal);
        var slackView = JsonNode.Parse(listed)!["items"]!.AsArray().Single(c => c!["id"]!.GetValue<Guid>() == slack)!;
        Assert.Equal(_receiver.BaseAddress.Authority, slackView["destination"]!.GetValue<string>());
        await using (var db = new DbFactory(fx.Database.ConnectionString).CreateDbContext())
        {
            var stored = await db.NotificationChannels.AsNoTracking().SingleAsync(c => c.Id == webhook);
            Assert.DoesNotContain("/x", stored.EncryptedUrl, StringComparison.Ordinal); // encrypted at rest
            Assert.DoesNotContain(NotificationClient.Secret, stored.EncryptedSecret, StringComparison.Ordinal);
            var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Action.StartsWith("notification.")).Select(a => a.Details ?? "").ToListAsync();
            Assert.NotEmpty(audit);
            Assert.DoesNotContain(audit, d => d.Contains(secretPath, StringComparison.Ordinal) || d.Contains(NotificationClient.Secret, StringComparison.Ordinal));
        }

        async Task<HttpStatusCode> PostAsync(string path, object body) => (await _client.Api.Http.PostAsJsonAsync(path, body)).StatusCode;
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync("/api/v1/notifications/channels", new { type = "webhook", name = "short", url = _receiver.Url("/y"), secret = "short" }));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync("/api/v1/notifications/channels", new { type = "email", name = "nomail", to = "not an address" }));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync("/api/v1/notifications/channels", new { type = "pager", name = "p", url = _receiver.Url("/y") }));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync("/api/v1/notifications/channels", new { type = "slack", name = "typo", url = _receiver.Url("/y"), urll = "x" }));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync("/api/v1/notifications/routes", new { channelId = webhook, @event = "findings-eaten" }));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync("/api/v1/notifications/routes", new { channelId = webhook, @event = "scan-health", quietHours = new { startHour = 3 } }));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync("/api/v1/notifications/routes", new { channelId = webhook, @event = "weekly-digest", policyIds = new[] { "no-such-policy" } }));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync("/api/v1/notifications/routes", new { channelId = webhook, @event = "weekly-digest", clusterLabel = "env" }));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.Api.Http.GetAsync($"/api/v1/notifications/channels/{Guid.NewGuid()}/deliveries")).StatusCode);
    }

    private Task<Guid> WebhookAsync(string path) => Track(_client.WebhookAsync(_receiver, path));

    private async Task<Guid> SendTestAsync(Guid channel)
    {
        var response = await _client.Api.Http.PostAsync($"/api/v1/notifications/channels/{channel}/test", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["messageId"]!.GetValue<Guid>();
    }

    private async Task<Guid> Track(Task<Guid> channel)
    {
        var id = await channel;
        _channels.Add(id);
        return id;
    }
}
