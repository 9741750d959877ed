using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hangfire;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Notifications;

/// <summary>The notifications API as the tests use it, and the waits they need (event-based: the log, the receiver, Hangfire's job states).</summary>
internal sealed class NotificationClient(KubeAdvisorAppFactory app)
{
    public const string Secret = "test-secret-0123456789abcdef";

    public ApiClient Api { get; } = ApiClient.WithToken(app, KubeAdvisorAppFactory.BootstrapToken);

    public async Task<Guid> ChannelAsync(object body)
    {
        var response = await Api.Http.PostAsJsonAsync("/api/v1/notifications/channels", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    public Task<Guid> WebhookAsync(FakeReceiver receiver, string path = "/hook") =>
        ChannelAsync(new { type = "webhook", name = "hook-" + Guid.NewGuid().ToString("N")[..10], url = receiver.Url(path), secret = Secret });

    public async Task<Guid> RouteAsync(object body)
    {
        var response = await Api.Http.PostAsJsonAsync("/api/v1/notifications/routes", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    public async Task DeleteChannelAsync(Guid id) =>
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Http.DeleteAsync($"/api/v1/notifications/channels/{id}")).StatusCode);

    public async Task<JsonArray> DeliveriesAsync(Guid channel) =>
        (await Api.Http.GetFromJsonAsync<JsonObject>($"/api/v1/notifications/channels/{channel}/deliveries"))!["items"]!.AsArray();

    /// <summary>Waits until the channel's log has a delivery in a final state (delivered or failed), and returns it.</summary>
    public Task<JsonObject> FinishedDeliveryAsync(Guid channel, Guid? messageId = null) =>
        Eventually.ValueAsync(async () => (await DeliveriesAsync(channel)).Select(d => d!.AsObject())
                .FirstOrDefault(d => (messageId is null || d["id"]!.GetValue<Guid>() == messageId)
                    && d["status"]!.GetValue<string>() is "delivered" or "failed"),
            TimeSpan.FromSeconds(60), () => $"a finished delivery on channel {channel}");

    /// <summary>Waits until Hangfire ran the scan's notification job (succeeded): what it would plan is planned.</summary>
    public Task PlannedAsync(Guid scanId) =>
        Eventually.UntilAsync(() =>
        {
            var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
            var done = monitoring.SucceededJobs(0, 1000).Any(j => j.Value.Job?.Type.Name == "ScanNotificationJob" && Equals(j.Value.Job.Args[0], scanId));
            return Task.FromResult(done);
        }, TimeSpan.FromSeconds(60), () => $"the notification job of scan {scanId}");

    /// <summary>Recomputes the signature a receiver checks: HMAC-SHA256 of "{timestamp}.{body}" with the secret.</summary>
    public static bool SignatureIsValid(FakeReceiver.Received request, string secret = Secret) => request.IsSignedWith(secret);
}
