using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Agents;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Features.Exceptions;

/// <summary>
/// /api/v1/exceptions through HTTP with each role: request, approve, reject, revoke, list and the YAML export and
/// import. The database is shared by the collection, so every exception here belongs to a cluster the test made
/// (an all-cluster one would change every other test's scans).
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ExceptionApiTests(WebAppFixture fx)
{
    private HttpClient Admin => ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken).Http;

    [Fact]
    public async Task Post_EngineerGetsPending_AdminApproved_ViewerForbidden()
    {
        var cluster = await ClusterAsync();
        var engineer = await SessionAsync(Roles.Engineer);
        var viewer = await AccountClient.SignedInClientAsync(fx.App, KubeAdvisorAppFactory.EmailFor(Roles.Viewer));

        var (requested, requestedBody) = await PostAsync(engineer.Client, "/api/v1/exceptions", Request(cluster));
        var inFiveDays = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(5).AddHours(10), TimeSpan.Zero).ToOffset(TimeSpan.FromHours(2));
        var (approved, approvedBody) = await PostAsync(Admin, "/api/v1/exceptions", Request(cluster, expiresAt: inFiveDays.ToString("O"), days: null));
        var (ownPending, ownPendingBody) = await PostAsync(Admin, "/api/v1/exceptions", Request(cluster, approve: false));
        var (selfApproval, selfApprovalBody) = await PostAsync(engineer.Client, "/api/v1/exceptions", Request(cluster, approve: true));
        var (byViewer, _) = await PostAsync(viewer, "/api/v1/exceptions", Request(cluster));

        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        var id = requestedBody["id"]!.GetValue<Guid>();
        Assert.Equal("pending", requestedBody["status"]!.GetValue<string>());
        Assert.Equal($"/api/v1/exceptions/{id}", requested.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Created, approved.StatusCode);
        Assert.Equal("approved", approvedBody["status"]!.GetValue<string>());
        Assert.Equal("pending", ownPendingBody["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, selfApproval.StatusCode);
        Assert.Contains("Only an Admin may approve", selfApprovalBody["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);

        var view = await GetAsync(Admin, $"/api/v1/exceptions/{id}");
        Assert.Equal(("pending", "exception", cluster, engineer.Email), (Text(view, "status"), Text(view, "source"), view["clusterId"]!.GetValue<Guid>(), Text(view, "requestedBy")));
        Assert.Equal(["image-tag-latest"], view["policies"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(("shop", "api-*"), (Text(view, "namespace"), Text(view, "name")));
        var offset = await GetAsync(Admin, $"/api/v1/exceptions/{approvedBody["id"]}");
        Assert.Equal(inFiveDays.ToString("O"), offset["expiresAt"]!.GetValue<DateTimeOffset>().ToOffset(TimeSpan.FromHours(2)).ToString("O"));
        Assert.Equal(TimeSpan.Zero, offset["expiresAt"]!.GetValue<DateTimeOffset>().Offset); // stored in UTC (Npgsql writes no other offset)
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync($"/api/v1/exceptions/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Approve_OnlyAnAdmin_ApprovesAPendingOne_AndTheAuditLogHasBothSteps()
    {
        var cluster = await ClusterAsync();
        var engineer = await SessionAsync(Roles.Engineer);
        var id = await CreateAsync(engineer.Client, cluster);

        var byEngineer = await engineer.Client.PostAsJsonAsync($"/api/v1/exceptions/{id}/approve", new { comment = "mine" });
        var rejectByEngineer = await engineer.Client.PostAsJsonAsync($"/api/v1/exceptions/{id}/reject", new { comment = "no" });
        var (approved, approvedBody) = await PostAsync(Admin, $"/api/v1/exceptions/{id}/approve", new { comment = "fine until the migration" });
        var (again, _) = await PostAsync(Admin, $"/api/v1/exceptions/{id}/approve", null);

        Assert.Equal(HttpStatusCode.Forbidden, byEngineer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, rejectByEngineer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(("approved", "fine until the migration"), (Text(approvedBody, "status"), Text(approvedBody, "decisionComment")));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode); // no longer pending
        Assert.Equal($"{AuditActions.ExceptionApproved},{AuditActions.ExceptionRequested}", await AuditActionsAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostAsync($"/api/v1/exceptions/{Guid.NewGuid()}/approve", null)).StatusCode);
    }

    [Fact]
    public async Task Reject_NeedsAComment()
    {
        var cluster = await ClusterAsync();
        var id = await CreateAsync((await SessionAsync(Roles.Engineer)).Client, cluster);

        var (bare, bareBody) = await PostAsync(Admin, $"/api/v1/exceptions/{id}/reject", null);
        var (blank, _) = await PostAsync(Admin, $"/api/v1/exceptions/{id}/reject", new { comment = "  " });
        var (rejected, rejectedBody) = await PostAsync(Admin, $"/api/v1/exceptions/{id}/reject", new { comment = "fix the tag instead" });

        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Equal("A comment is required.", Text(bareBody, "error"));
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal("rejected", Text(rejectedBody, "status"));
        Assert.Equal($"{AuditActions.ExceptionRejected},{AuditActions.ExceptionRequested}", await AuditActionsAsync(id));
    }

    [Fact]
    public async Task Revoke_AnEngineerTheirOwnOnly_AnAdminAny()
    {
        var cluster = await ClusterAsync();
        var alice = await SessionAsync(Roles.Engineer);
        var bob = await SessionAsync(Roles.Engineer);
        var hers = await CreateAsync(alice.Client, cluster);
        var his = await CreateAsync(bob.Client, cluster);
        var admins = await CreateAsync(Admin, cluster);

        var (byOther, _) = await PostAsync(bob.Client, $"/api/v1/exceptions/{hers}/revoke", null);
        var (adminsByEngineer, _) = await PostAsync(alice.Client, $"/api/v1/exceptions/{admins}/revoke", null);
        var (own, ownBody) = await PostAsync(alice.Client, $"/api/v1/exceptions/{hers}/revoke", new { comment = "fixed the image" });
        var (twice, _) = await PostAsync(alice.Client, $"/api/v1/exceptions/{hers}/revoke", null);
        var (byAdmin, _) = await PostAsync(Admin, $"/api/v1/exceptions/{his}/revoke", null);
        var (missing, _) = await PostAsync(alice.Client, $"/api/v1/exceptions/{Guid.NewGuid()}/revoke", null);

        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, adminsByEngineer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(("revoked", "fixed the image", alice.Email), (Text(ownBody, "status"), Text(ownBody, "revokeComment"), Text(ownBody, "revokedBy")));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("approved", Text(await GetAsync(Admin, $"/api/v1/exceptions/{admins}"), "status"));
        Assert.Equal($"{AuditActions.ExceptionRequested},{AuditActions.ExceptionRevoked}", await AuditActionsAsync(hers));
    }

    public static TheoryData<string, string[]> BadRequests() => new()
    {
        { """{"clusterId":"{cluster}","policies":["no-such-policy"],"reason":"r","expiresAt":"{in10days}"}""", ["Unknown policy id 'no-such-policy'."] },
        { """{"clusterId":"{cluster}","policies":["image-tag-latest"],"expiresAt":"{in10days}"}""", ["A reason is required."] },
        { """{"clusterId":"{cluster}","policies":["image-tag-latest"],"reason":"r","expiresAt":"2020-01-01T00:00:00Z"}""", ["must be in the future"] },
        { """{"clusterId":"{cluster}","policies":["image-tag-latest"],"reason":"r","expiresAt":"{in400days}"}""", ["may be at most 365 days away"] },
        { """{"clusterId":"{cluster}","policies":["image-tag-latest"],"reason":"r","ticketUrl":"ftp://tickets/1"}""", ["absolute http(s) link"] },
        { """{"clusterId":"{cluster}","namespce":"shop","policies":["image-tag-latest"],"reason":"r"}""", ["'namespce' could not be mapped"] },
        { """{"clusterId":"00000000-0000-0000-0000-000000000001","policies":["image-tag-latest"],"reason":"r"}""", ["No such cluster (clusterId)."] },
        { """{"clusterId":"{cluster}","name":"a b","ticketUrl":"javascript:alert(1)"}""", ["Name at least one policy", "A reason is required.", "absolute http(s) link", "must not contain spaces"] },
        { "not json", ["not valid JSON"] },
        { "{\"clusterId\":\"{cluster}\",\"policies\":[\"image-tag-latest\"],\"reason\":\"" + new string('r', 70_000) + "\"}", ["larger than 64 KiB"] },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Post_BadRequest_400WithEveryError_AndNothingCreated(string json, string[] errors)
    {
        var cluster = await ClusterAsync();
        json = json.Replace("{cluster}", cluster.ToString(), StringComparison.Ordinal)
            .Replace("{in10days}", DateTimeOffset.UtcNow.AddDays(10).ToString("O"), StringComparison.Ordinal)
            .Replace("{in400days}", DateTimeOffset.UtcNow.AddDays(400).ToString("O"), StringComparison.Ordinal);

        var response = await Admin.PostAsync("/api/v1/exceptions", new StringContent(json, Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        foreach (var error in errors)
        {
            Assert.Contains(error, Text(body, "error"), StringComparison.Ordinal);
        }

        Assert.Empty(await MineAsync(cluster));
    }

    [Fact]
    public async Task List_FiltersByStatusAndCluster()
    {
        var cluster = await ClusterAsync();
        var other = await ClusterAsync();
        var pending = await CreateAsync((await SessionAsync(Roles.Engineer)).Client, cluster);
        var approved = await CreateAsync(Admin, cluster);
        var elsewhere = await CreateAsync(Admin, other);

        var all = await IdsAsync($"/api/v1/exceptions?clusterId={cluster}");
        var onlyPending = await IdsAsync($"/api/v1/exceptions?clusterId={cluster}&status=pending");
        var onlyApproved = await IdsAsync($"/api/v1/exceptions?clusterId={cluster}&status=approved");
        var everywhere = await IdsAsync("/api/v1/exceptions?status=&clusterId=");

        Assert.Contains(pending, all);
        Assert.Contains(approved, all);
        Assert.DoesNotContain(elsewhere, all);
        Assert.Equal((true, false), (onlyPending.Contains(pending), onlyPending.Contains(approved)));
        Assert.Equal((false, true), (onlyApproved.Contains(pending), onlyApproved.Contains(approved)));
        Assert.Empty(await IdsAsync($"/api/v1/exceptions?clusterId={cluster}&status=revoked"));
        Assert.Contains(elsewhere, everywhere);
    }

    [Theory]
    [InlineData("status=bogus", HttpStatusCode.BadRequest, "status must be one of pending, approved, rejected, revoked, expired.")]
    [InlineData("status=Pending", HttpStatusCode.BadRequest, "status must be one of")]
    [InlineData("clusterId=xyz", HttpStatusCode.BadRequest, "clusterId must be a cluster's id (a GUID).")]
    [InlineData("clusterId=00000000-0000-0000-0000-000000000001", HttpStatusCode.NotFound, "No such cluster.")]
    public async Task List_BadQuery_IsRefusedWithTheReason(string query, HttpStatusCode expected, string error)
    {
        var viewer = await AccountClient.SignedInClientAsync(fx.App, KubeAdvisorAppFactory.EmailFor(Roles.Viewer));

        var response = await viewer.GetAsync($"/api/v1/exceptions?{query}");

        Assert.Equal(expected, response.StatusCode);
        Assert.StartsWith(error, Text(JsonNode.Parse(await response.Content.ReadAsStringAsync())!, "error"), StringComparison.Ordinal);
    }

    private async Task<Guid> ClusterAsync() => (await new AgentPushClient(fx.App).ConnectAsync()).ClusterId;

    private async Task<(HttpClient Client, string Email)> SessionAsync(string role)
    {
        var user = await TestUsers.CreateAsync(fx.App, role);
        return (await AccountClient.SignedInClientAsync(fx.App, user.Email), user.Email);
    }

    internal static object Request(Guid? cluster, string policy = "image-tag-latest", int? days = 10, string? expiresAt = null, bool? approve = null,
        string reason = "vendor image, tag pinned upstream") => new
        {
            clusterId = cluster,
            @namespace = "shop",
            kind = "Deployment",
            name = "api-*",
            container = (string?)null,
            image = (string?)null,
            policies = new[] { policy },
            reason,
            ticketUrl = "https://tickets.example.com/OPS-17",
            expiresAt = expiresAt ?? (days is { } d ? DateTimeOffset.UtcNow.AddDays(d).ToString("O") : null),
            approve,
        };

    private static async Task<Guid> CreateAsync(HttpClient client, Guid cluster)
    {
        var (response, body) = await PostAsync(client, "/api/v1/exceptions", Request(cluster));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return body["id"]!.GetValue<Guid>();
    }

    private static async Task<(HttpResponseMessage Response, JsonNode Body)> PostAsync(HttpClient client, string url, object? body)
    {
        var response = body is null ? await client.PostAsync(url, null) : await client.PostAsJsonAsync(url, body);
        var json = response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true;
        return (response, json ? JsonNode.Parse(await response.Content.ReadAsStringAsync())! : new JsonObject());
    }

    private static async Task<JsonNode> GetAsync(HttpClient client, string url) => JsonNode.Parse(await client.GetStringAsync(url))!;

    private async Task<List<Guid>> IdsAsync(string url) =>
        (await GetAsync(Admin, url))["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToList();

    /// <summary>The exceptions of exactly this cluster (the list also holds the all-cluster ones of other tests).</summary>
    private async Task<List<JsonNode>> MineAsync(Guid cluster) =>
        (await GetAsync(Admin, $"/api/v1/exceptions?clusterId={cluster}"))["items"]!.AsArray()
            .Where(i => i!["clusterId"] is { } c && c.GetValue<Guid>() == cluster).Select(i => i!).ToList();

    private static string? Text(JsonNode node, string field) => node[field]?.GetValue<string>();

    private async Task<string?> AuditActionsAsync(Guid exception) => (string?)await fx.Database.ScalarAsync(
        $"SELECT string_agg(\"Action\", ',' ORDER BY \"Action\") FROM audit_entries WHERE \"Target\" LIKE 'exception {exception} on %'");
}
