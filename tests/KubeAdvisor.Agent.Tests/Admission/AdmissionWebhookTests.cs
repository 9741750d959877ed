using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using KubeAdvisor.Agent.Admission;
using KubeAdvisor.Agent.Tests.Support;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Admission;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Admission;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Agent.Tests.Admission;

/// <summary>
/// The admission webhook over real TLS, with its settings pulled from the real server and its decisions pushed back:
/// the mode an Admin sets through the API is what the webhook applies within its refresh.
/// </summary>
[Collection(AgentServerCollection.Name)]
public sealed class AdmissionWebhookTests(AgentServerFixture fx)
{
    private static readonly string LatestFix = AdmissionText.Cut(AdmissionText.Clean(PolicyCatalog.Find("image-tag-latest")!.Descriptor.Remediation), 60)
        .TrimEnd('…');

    [Fact]
    public async Task Webhook_FollowsTheClustersMode_HonoursAnException_AndItsDecisionsReachTheServer()
    {
        await using var fake = await FakeCluster.StartAsync([]);
        var (cluster, token) = await fx.ConnectAgentAsync("webhook");
        await SetModeAsync(cluster, "warn");
        await using var agent = await WebhookAgent.StartAsync(fake, fx.BaseUrl, token);
        await WaitForModeAsync(agent, "Warn");

        var warned = await AdmissionReviews.SendAsync(agent.Webhook, AdmissionReviews.Review(AdmissionReviews.Deployment("shop", "api", "nginx:latest")));
        Assert.True(warned["allowed"]!.GetValue<bool>());
        Assert.Contains(warned["warnings"]!.AsArray(), w => w!.GetValue<string>().StartsWith("KubeAdvisor image-tag-latest (high), container api", StringComparison.Ordinal));
        Assert.All(warned["warnings"]!.AsArray(), w => Assert.True(w!.GetValue<string>().Length <= AdmissionText.MaxWarningLength));

        await SetModeAsync(cluster, "deny", "high");
        await WaitForModeAsync(agent, "Deny");
        var denied = await AdmissionReviews.SendAsync(agent.Webhook, AdmissionReviews.Review(AdmissionReviews.Deployment("shop", "api", "nginx:latest"), uid: "u-1"));
        Assert.Equal("u-1", denied["uid"]!.GetValue<string>());
        Assert.False(denied["allowed"]!.GetValue<bool>());
        Assert.Equal(403, denied["status"]!["code"]!.GetValue<int>());
        var message = denied["status"]!["message"]!.GetValue<string>();
        Assert.Contains("image-tag-latest (high), container api", message, StringComparison.Ordinal);
        Assert.Contains("Fix: " + LatestFix, message, StringComparison.Ordinal);
        var pinned = await AdmissionReviews.SendAsync(agent.Webhook, AdmissionReviews.Review(AdmissionReviews.Deployment("shop", "web", "nginx:1.27.3")));
        Assert.True(pinned["allowed"]!.GetValue<bool>());
        Assert.Null(pinned["warnings"]);

        // Judged but not counted.
        var dryRun = await AdmissionReviews.SendAsync(agent.Webhook, AdmissionReviews.Review(AdmissionReviews.Deployment("shop", "api", "nginx:latest"), dryRun: true));
        Assert.False(dryRun["allowed"]!.GetValue<bool>());

        // An approved exception for shop/Deployment/api, pulled with the next refresh.
        var before = agent.State.ETag;
        var exception = await fx.Admin.Http.PostAsJsonAsync("/api/v1/exceptions", new
        {
            clusterId = cluster, @namespace = "shop", kind = "Deployment", name = "api", policies = new[] { "image-tag-latest" },
            reason = "vendor image, pinned next sprint", expiresAt = DateTimeOffset.UtcNow.AddDays(7), approve = true,
        });
        Assert.Equal(HttpStatusCode.Created, exception.StatusCode);
        await Eventually.UntilAsync(() => Task.FromResult(agent.State.ETag != before), TimeSpan.FromSeconds(30), () => "the agent to pull the exception");
        var excepted = await AdmissionReviews.SendAsync(agent.Webhook, AdmissionReviews.Review(AdmissionReviews.Deployment("shop", "api", "nginx:latest")));
        Assert.True(excepted["allowed"]!.GetValue<bool>());
        var other = await AdmissionReviews.SendAsync(agent.Webhook, AdmissionReviews.Review(AdmissionReviews.Deployment("shop", "cart", "nginx:latest")));
        Assert.False(other["allowed"]!.GetValue<bool>());

        // The next snapshot carries the counts: 2 refused (the dry run is not counted), 1 warned, 2 allowed.
        var pending = await new SnapshotSource(fake.Connection(), agent.Decisions, TimeProvider.System).CollectAsync(CancellationToken.None);
        Assert.Equal(PushOutcomeKind.Delivered, (await new SnapshotUploader(new HttpClient(), fake.Options(fx.BaseUrl, token)).PushAsync(pending, CancellationToken.None)).Kind);
        var week = JsonNode.Parse(await fx.Admin.Http.GetStringAsync($"/api/v1/clusters/{cluster}/admission"))!;
        Assert.Equal("deny", week["mode"]!.GetValue<string>());
        Assert.Equal(2, week["lastSevenDays"]!["blocked"]!.GetValue<long>());
        Assert.Equal(1, week["lastSevenDays"]!["warned"]!.GetValue<long>());
        Assert.Equal(2, week["lastSevenDays"]!["allowed"]!.GetValue<long>());
        var top = Assert.Single(week["lastSevenDays"]!["topBlocking"]!.AsArray())!;
        Assert.Equal(("image-tag-latest", 2L), (top["policy"]!.GetValue<string>(), top["count"]!.GetValue<long>()));
        Assert.Empty(agent.Decisions.Drain());
    }

    [Fact]
    public async Task Webhook_ServerUnreachable_KeepsJudgingWithTheLastGoodSettings()
    {
        await using var fake = await FakeCluster.StartAsync([]);
        var (cluster, token) = await fx.ConnectAgentAsync("webhook");
        await SetModeAsync(cluster, "deny", "high");
        var proxy = new LossyProxy(LossyProxy.FreePort(), fx.BaseUrl);
        await proxy.StartAsync();
        await using var agent = await WebhookAgent.StartAsync(fake, proxy.Url, token);
        await WaitForModeAsync(agent, "Deny");

        await proxy.DisposeAsync(); // KubeAdvisor is gone
        await Eventually.UntilAsync(() => Task.FromResult(agent.State.Problem?.Contains("cannot reach", StringComparison.Ordinal) == true),
            TimeSpan.FromSeconds(30), () => "the agent to notice the server is unreachable");
        var denied = await AdmissionReviews.SendAsync(agent.Webhook, AdmissionReviews.Review(AdmissionReviews.Deployment("shop", "api", "nginx:latest")));

        Assert.False(denied["allowed"]!.GetValue<bool>());
        Assert.True(agent.State.Loaded);
        var ready = JsonNode.Parse(await HealthClient(agent).GetStringAsync("/readyz"))!["admission"]!;
        Assert.Equal("deny", ready["mode"]!.GetValue<string>());
        Assert.Contains("cannot reach", ready["problem"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_BadInput_Is400_BeforeItsFirstPullItAllowsEverything_AndItKeepsServing()
    {
        await using var fake = await FakeCluster.StartAsync([]);
        await using var agent = await WebhookAgent.StartAsync(fake, "http://127.0.0.1:1", "unused-token");

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(agent, "{\"apiVersion\": ")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(agent, "{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(agent, new string('[', 100_000))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, await OversizedAsync(agent));
        var notAnObject = AdmissionReviews.Review(AdmissionReviews.Deployment("shop", "api", "nginx:latest")).Replace("\"replicas\":2", "\"replicas\":\"two\"", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(agent, notAnObject)).StatusCode); // mode off: not even read

        var allowed = await AdmissionReviews.SendAsync(agent.Webhook, AdmissionReviews.Review(AdmissionReviews.Deployment("shop", "api", "nginx:latest")));
        Assert.True(allowed["allowed"]!.GetValue<bool>());
        Assert.Null(allowed["warnings"]);
        var ready = JsonNode.Parse(await HealthClient(agent).GetStringAsync("/readyz"))!["admission"]!;
        Assert.False(ready["settingsLoaded"]!.GetValue<bool>());
        Assert.Contains("allowing everything", ready["mode"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(PolicyCatalog.All.Count, ready["catalogPolicies"]!.GetValue<int>());
        Assert.Empty(agent.Decisions.Drain());
    }

    [Fact]
    public async Task Webhook_CertificateRenewed_NewConnectionsGetTheNewCertificate()
    {
        await using var fake = await FakeCluster.StartAsync([]);
        await using var agent = await WebhookAgent.StartAsync(fake, "http://127.0.0.1:1", "unused-token");
        var review = AdmissionReviews.Review(AdmissionReviews.Deployment("shop", "api", "nginx:1.27.3"));
        await AdmissionReviews.SendAsync(agent.Webhook, review);

        agent.Certificate.Write("renewed-by-cert-manager");
        Assert.True(agent.App.Services.GetRequiredService<CertificateReloader>().Refresh());
        string? subject = null;
        using var client = agent.Certificate.Client($"https://127.0.0.1:{agent.Port}", c => subject = c.Subject);
        var answer = await AdmissionReviews.SendAsync(client, review);

        Assert.True(answer["allowed"]!.GetValue<bool>());
        Assert.Equal("CN=renewed-by-cert-manager", subject);
    }

    private static async Task<HttpResponseMessage> PostAsync(WebhookAgent agent, string body) =>
        await agent.Webhook.PostAsync("/validate", new StringContent(body, Encoding.UTF8, "application/json"));

    // The webhook answers 400 from the Content-Length, before reading the body, and closes the connection: the client may
    // see the answer or, still uploading, a reset. Either way nothing was parsed, and the next reviews are served.
    private static async Task<HttpStatusCode> OversizedAsync(WebhookAgent agent)
    {
        try
        {
            return (await PostAsync(agent, "\"" + new string('x', AdmissionWebhook.MaxBodyBytes + 10) + "\"")).StatusCode;
        }
        catch (HttpRequestException e) when (e.InnerException is IOException)
        {
            return HttpStatusCode.BadRequest;
        }
    }

    private static HttpClient HealthClient(WebhookAgent agent) => new()
    {
        BaseAddress = new Uri(agent.App.Urls.First(u => u.StartsWith("http://", StringComparison.Ordinal))
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)),
    };

    private async Task SetModeAsync(Guid cluster, string mode, string? minSeverity = null)
    {
        var response = await fx.Admin.Http.PutAsJsonAsync($"/api/v1/clusters/{cluster}/admission", new { mode, minSeverity });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task WaitForModeAsync(WebhookAgent agent, string mode) =>
        Eventually.UntilAsync(() => Task.FromResult(agent.State.Loaded && agent.State.Judge.Config.Mode.ToString() == mode),
            TimeSpan.FromSeconds(30), () => $"the agent to pull mode {mode} (problem: {agent.State.Problem})");

}
