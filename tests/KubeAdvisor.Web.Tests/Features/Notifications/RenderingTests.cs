using System.Text;
using System.Text.Json.Nodes;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Configuration;
using KubeAdvisor.Web.Features.Notifications;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Tests.Features.Notifications;

/// <summary>
/// The pieces without a database: quiet hours, the signature, the three renderings of one message (Slack Block Kit,
/// Teams Adaptive Card, webhook v1), route filters, and the connect-time guard of the HTTP sender.
/// </summary>
public sealed class RenderingTests
{
    private static readonly NotificationMessage Introduced = new(
        NotificationEvents.FindingsIntroduced, new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), "12 findings introduced in prod",
        "The scan of prod introduced 12 findings <& more>.", "https://ka.example/clusters/c", new NotificationMessage.ClusterRef(Guid.Empty, "prod", "https://ka.example/clusters/c"),
        Guid.Empty, new NotificationMessage.FindingList(12, Enumerable.Range(0, 10).Select(i => new NotificationMessage.FindingItem(
            i, "shop", "Deployment", $"api-{i}", "api", "nginx:latest", "image-tag-latest", "high", "uses :latest", i % 2 == 0 ? "payments" : null,
            $"https://ka.example/clusters/c/workloads/{i}")).ToList()));

    [Theory]
    [InlineData(22, 7, "2026-12-01T23:30:00Z", "2026-12-02T07:00:00Z")] // across midnight, before it
    [InlineData(22, 7, "2026-12-02T03:00:00Z", "2026-12-02T07:00:00Z")] // across midnight, after it
    [InlineData(22, 7, "2026-12-02T07:00:00Z", "2026-12-02T07:00:00Z")] // the end hour is not quiet
    [InlineData(9, 17, "2026-12-02T12:15:00Z", "2026-12-02T17:00:00Z")]
    [InlineData(9, 17, "2026-12-02T08:59:00Z", "2026-12-02T08:59:00Z")]
    public void QuietHours_DelayToTheirEnd_NeverDrop(int start, int end, string at, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            new QuietHours(start, end).SendAt(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("image-tag-latest", "image-tag-latest (high): 4 open in 3 workload(s)")]
    [InlineData("rbac-cluster-admin-binding", "rbac-cluster-admin-binding (high): 4 open in 3 object(s)")]
    public void Risk_CountsObjectsAsObjects(string policy, string expected) =>
        Assert.Equal(expected, MessageText.Risk(new NotificationMessage.Risk(policy, "high", 4, 3)));

    [Theory]
    [InlineData("shop", "Deployment", "api", "shop/Deployment/api")]
    [InlineData("", "ClusterRoleBinding", "ci-deployer", "ClusterRoleBinding/ci-deployer")]
    public void Workload_OfAClusterScopedSubject_HasNoEmptyNamespace(string ns, string kind, string name, string expected) =>
        Assert.Equal(expected, MessageText.Workload(new NotificationMessage.FindingItem(1, ns, kind, name, null, null, "p", "high", "m", null, "https://ka.example/w")));

    [Fact]
    public void QuietHours_Validation_NeedsBothDistinctHours()
    {
        Assert.Null(QuietHours.Error(null, null));
        Assert.Null(QuietHours.Error(22, 6));
        Assert.NotNull(QuietHours.Error(22, null));
        Assert.NotNull(QuietHours.Error(5, 5));
        Assert.NotNull(QuietHours.Error(24, 6));
    }

    [Fact]
    public void Sign_IsHmacSha256OfTimestampDotBody_InLowerHex()
    {
        var expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("secret"u8, "1700000000.{\"a\":1}"u8));
        Assert.Equal(expected, WebhookPayload.Sign("secret", 1_700_000_000, "{\"a\":1}"u8));
        Assert.NotEqual(expected, WebhookPayload.Sign("secret", 1_700_000_001, "{\"a\":1}"u8)); // the timestamp is signed too
    }

    [Fact]
    public void Webhook_V1_CarriesSchemaIdEventAndSectionsOfItsEvent()
    {
        var id = Guid.NewGuid();
        var payload = JsonNode.Parse(WebhookPayload.Render(id, Introduced))!.AsObject();

        Assert.Equal(["schema", "id", "event", "occurredAt", "title", "summary", "url", "cluster", "scanId", "findings", "health", "digest"],
            payload.Select(p => p.Key));
        Assert.Equal("kubeadvisor.notification/v1", payload["schema"]!.GetValue<string>());
        Assert.Equal(id, payload["id"]!.GetValue<Guid>());
        Assert.Equal(12, payload["findings"]!["total"]!.GetValue<int>());
        Assert.Equal(2, payload["findings"]!["more"]!.GetValue<int>());
        Assert.Equal(["id", "namespace", "kind", "workload", "container", "image", "policyId", "severity", "message", "team", "workloadUrl"],
            payload["findings"]!["items"]![0]!.AsObject().Select(p => p.Key));
        Assert.Null(payload["health"]);
    }

    [Fact]
    public void Slack_BlockKit_HeaderSectionsPerFindingAndMore_Escaped()
    {
        var body = JsonNode.Parse(SlackPayload.Render(Introduced))!.AsObject();
        var blocks = body["blocks"]!.AsArray().Select(b => b!.AsObject()).ToList();

        Assert.Equal("12 findings introduced in prod", body["text"]!.GetValue<string>());
        Assert.Equal("header", blocks[0]["type"]!.GetValue<string>());
        Assert.Equal("The scan of prod introduced 12 findings &lt;&amp; more&gt;.", blocks[1]["text"]!["text"]!.GetValue<string>());
        var findings = blocks.Where(b => b["text"]?["text"]?.GetValue<string>().StartsWith("*high*", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(10, findings.Count);
        Assert.Equal("*high* <https://ka.example/clusters/c/workloads/0|shop/Deployment/api-0>\n`image-tag-latest` · image nginx:latest · container api · team payments",
            findings[0]["text"]!["text"]!.GetValue<string>());
        Assert.Equal("and 2 more", blocks.Single(b => b["type"]!.GetValue<string>() == "context")["elements"]![0]!["text"]!.GetValue<string>());
        Assert.True(blocks.Count <= 50);
    }

    [Fact]
    public void Teams_AdaptiveCardInAttachmentsEnvelope_WithLinksFactsAndAction()
    {
        var health = new NotificationMessage(NotificationEvents.ScanHealth, DateTimeOffset.UtcNow, "prod: scan failed", "Cluster prod went from healthy to scan failed.",
            "https://ka.example/clusters/c", Health: new NotificationMessage.HealthChange(HealthStates.ScanFailed, HealthStates.Healthy, "401 Unauthorized"));
        var envelope = JsonNode.Parse(TeamsCard.Render(health))!.AsObject();
        var card = envelope["attachments"]![0]!["content"]!.AsObject();

        Assert.Equal("message", envelope["type"]!.GetValue<string>());
        Assert.Equal(TeamsCard.ContentType, envelope["attachments"]![0]!["contentType"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("prod: scan failed", card["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(["State=scan failed", "Before=healthy", "Detail=401 Unauthorized"],
            card["body"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "FactSet")!["facts"]!.AsArray().Select(f => $"{f!["title"]}={f["value"]}"));
        Assert.Equal("https://ka.example/clusters/c", card["actions"]![0]!["url"]!.GetValue<string>());

        var findings = JsonNode.Parse(TeamsCard.Render(Introduced))!["attachments"]![0]!["content"]!["body"]!.AsArray();
        Assert.Contains("[shop/Deployment/api-0](https://ka.example/clusters/c/workloads/0)", findings.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("and 2 more", findings.Last()!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Email_TextAndHtml_AreTheSameContent_HtmlEncoded()
    {
        var mail = EmailContent.Render(Introduced);

        Assert.Equal("12 findings introduced in prod", mail.Subject);
        Assert.Contains("- [high] shop/Deployment/api-0", mail.Text, StringComparison.Ordinal);
        Assert.Contains("https://ka.example/clusters/c/workloads/0", mail.Text, StringComparison.Ordinal);
        Assert.Contains("and 2 more", mail.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://ka.example/clusters/c/workloads/0\">shop/Deployment/api-0</a>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("12 findings &lt;&amp; more&gt;.", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void RouteFilters_ClusterIdsAndLabel_AndGlobsAsLike()
    {
        var cluster = Guid.NewGuid();
        var route = new NotificationRoute { Event = NotificationEvents.ScanHealth, CreatedBy = "t", ClusterLabel = "env=prod" };
        Assert.True(RouteFilters.CoversCluster(route, cluster, new Dictionary<string, string> { ["env"] = "prod" }));
        Assert.False(RouteFilters.CoversCluster(route, cluster, new Dictionary<string, string> { ["env"] = "production" }));
        route.ClusterIds = [Guid.NewGuid()];
        Assert.False(RouteFilters.CoversCluster(route, cluster, new Dictionary<string, string> { ["env"] = "prod" }));
        Assert.Equal("team-%-\\_x_", RouteFilters.LikePattern("team-*-_x?"));
    }

    [Fact]
    public async Task HttpSender_NameResolvingToLoopback_IsRefusedAtConnectTime_WithoutRetry()
    {
        var options = Options.Create(new KubeAdvisorOptions { ServerAllowList = "" }); // public destinations only
        var sender = new HttpChannelSender(new Clients(options.Value), options, TimeProvider.System);

        var outcome = await sender.SendAsync(ChannelTypes.Slack, "https://localhost:9/hook", null, Guid.NewGuid(), Introduced, CancellationToken.None);

        Assert.False(outcome.Delivered);
        Assert.False(outcome.Transient);
        Assert.Null(outcome.Code);
        Assert.StartsWith(DeliveryOutcome.RefusedPrefix + "The destination localhost is refused at connect time", outcome.Error, StringComparison.Ordinal);
        Assert.True(DeliveryOutcome.IsRefusal(outcome.Error));
        Assert.DoesNotContain("/hook", outcome.Error, StringComparison.Ordinal);
    }

    private sealed class Clients(KubeAdvisorOptions options) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(HttpChannelSender.CreateHandler(options.ServerAllowListEntries));
    }

    [Fact]
    public void Webhook_Body_IsUtf8Json()
    {
        var text = Encoding.UTF8.GetString(WebhookPayload.Render(Guid.NewGuid(), Introduced));
        Assert.StartsWith("{\"schema\":\"kubeadvisor.notification/v1\"", text, StringComparison.Ordinal);
    }
}
