using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KubeAdvisor.Data;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Features.Clusters;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Agents;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Clusters;

/// <summary>PUT /api/v1/clusters/{id}/labels: validated like Kubernetes labels, Admin only (also for a stale tab), audited.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ClusterLabelsApiTests(WebAppFixture fx)
{
    private HttpClient Admin => ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken).Http;

    [Fact]
    public async Task Put_ValidLabels_StoredShownInGetAndAudited()
    {
        var (cluster, _) = await new AgentPushClient(fx.App).ConnectAsync();

        var put = await PutAsync(Admin, cluster, """{"labels": {"region": "eu", "env": "prod", "example.com/team": "payments_1"}}""");
        var got = JsonNode.Parse(await Admin.GetStringAsync($"/api/v1/clusters/{cluster}"))!;
        var listed = JsonNode.Parse(await Admin.GetStringAsync("/api/v1/clusters"))!.AsArray().Single(c => c!["id"]!.GetValue<Guid>() == cluster)!;

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("prod", JsonNode.Parse(await put.Content.ReadAsStringAsync())!["labels"]!["env"]!.GetValue<string>());
        Assert.Equal("eu", got["labels"]!["region"]!.GetValue<string>());
        Assert.Equal("payments_1", got["labels"]!["example.com/team"]!.GetValue<string>());
        Assert.Equal("prod", listed["labels"]!["env"]!.GetValue<string>());
        var audit = await LastAuditAsync(cluster);
        Assert.Equal(AuditActions.ClusterLabelsChanged, audit.Action);
        Assert.Equal("(none) -> env=prod, example.com/team=payments_1, region=eu", audit.Details);
    }

    [Fact]
    public async Task Put_EmptyObject_RemovesEveryLabel()
    {
        var (cluster, _) = await new AgentPushClient(fx.App).ConnectAsync();
        await PutAsync(Admin, cluster, """{"labels": {"env": "prod"}}""");

        var put = await PutAsync(Admin, cluster, """{"labels": {}}""");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Empty(JsonNode.Parse(await Admin.GetStringAsync($"/api/v1/clusters/{cluster}"))!["labels"]!.AsObject());
    }

    public static TheoryData<string, string> BadBodies() => new()
    {
        { """{"labels": {"-env": "prod"}}""", "the name must be 1-63 characters" },
        { """{"labels": {"env": "prod!"}}""", "the value must be at most 63 characters" },
        { "{\"labels\": {\"env\": \"" + new string('a', 64) + "\"}}", "the value must be at most 63 characters" },
        { "{\"labels\": {\"" + new string('k', 64) + "\": \"x\"}}", "the name must be 1-63 characters" },
        { """{"labels": {"Example.com/env": "x"}}""", "the prefix before '/' must be a DNS subdomain" },
        { """{"labels": {"": "x"}}""", "must not be empty" },
        { """{"labels": {"env": null}}""", "the value must be a string" },
        { """{"labels": {"env": "prod\n"}}""", "the value must be at most 63 characters" },
        { """{"labels": {"env": 5}}""", "not valid JSON" },
        { """{"env": "prod"}""", "Send labels as a JSON object" },
        { "not json", "not valid JSON" },
        { "{\"labels\": {" + string.Join(",", Enumerable.Range(0, 17).Select(i => $"\"k{i}\": \"v\"")) + "}}", "at most 16 labels" },
        { "{\"labels\": {\"env\": \"" + new string('a', 40_000) + "\"}}", "larger than 32 KiB" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Put_BadLabels_400WithReasonAndNothingChanges(string body, string reason)
    {
        var (cluster, _) = await new AgentPushClient(fx.App).ConnectAsync();
        await PutAsync(Admin, cluster, """{"labels": {"env": "staging"}}""");
        var audits = await AuditCountAsync(cluster);

        var put = await PutAsync(Admin, cluster, body);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains(reason, JsonNode.Parse(await put.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var labels = JsonNode.Parse(await Admin.GetStringAsync($"/api/v1/clusters/{cluster}"))!["labels"]!.AsObject();
        Assert.Equal("staging", Assert.Single(labels).Value!.GetValue<string>());
        Assert.Equal(audits, await AuditCountAsync(cluster));
    }

    [Fact]
    public async Task Put_UnknownCluster_404()
    {
        var put = await PutAsync(Admin, Guid.NewGuid(), """{"labels": {"env": "prod"}}""");

        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Engineer)]
    public async Task Put_AsNonAdmin_403AndNothingChanges(string role)
    {
        var (cluster, _) = await new AgentPushClient(fx.App).ConnectAsync();
        var client = await AccountClient.SignedInClientAsync(fx.App, KubeAdvisorAppFactory.EmailFor(role));

        var put = await PutAsync(client, cluster, """{"labels": {"env": "prod"}}""");

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Empty(JsonNode.Parse(await Admin.GetStringAsync($"/api/v1/clusters/{cluster}"))!["labels"]!.AsObject());
    }

    [Fact]
    public async Task SetLabels_AdminDemotedWhileTheirTabIsOpen_RefusedAndNothingChanges()
    {
        var (cluster, _) = await new AgentPushClient(fx.App).ConnectAsync();
        var admin = await TestUsers.CreateAsync(fx.App, Roles.Admin);
        await TestUsers.SetRoleQuietlyAsync(fx.App, admin.Id, Roles.Viewer); // the tab still holds the Admin principal
        using var scope = fx.App.Services.CreateScope();
        var administration = scope.ServiceProvider.GetRequiredService<ClusterAdministration>();

        var refused = await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            administration.SetLabelsAsync(admin.Principal, cluster, new Dictionary<string, string?> { ["env"] = "prod" }, CancellationToken.None));

        Assert.Equal(AccessGuard.NotAllowed, refused.Message);
        Assert.Empty(JsonNode.Parse(await Admin.GetStringAsync($"/api/v1/clusters/{cluster}"))!["labels"]!.AsObject());
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, Guid cluster, string body) =>
        client.PutAsync($"/api/v1/clusters/{cluster}/labels", new StringContent(body, Encoding.UTF8, "application/json"));

    private async Task<(string Action, string? Details)> LastAuditAsync(Guid cluster)
    {
        await using var db = await Db();
        var name = await db.Clusters.Where(c => c.Id == cluster).Select(c => c.Name).SingleAsync();
        var entry = await db.AuditEntries.Where(a => a.Target == name).OrderByDescending(a => a.Id).FirstAsync();
        return (entry.Action, entry.Details);
    }

    private async Task<int> AuditCountAsync(Guid cluster)
    {
        await using var db = await Db();
        var name = await db.Clusters.Where(c => c.Id == cluster).Select(c => c.Name).SingleAsync();
        return await db.AuditEntries.CountAsync(a => a.Target == name && a.Action == AuditActions.ClusterLabelsChanged);
    }

    private Task<KubeAdvisorDbContext> Db() =>
        fx.App.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>().CreateDbContextAsync();
}
