using System.Net;
using System.Text.Json.Nodes;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Exceptions;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Agents;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Features.Exceptions;

/// <summary>
/// GET /api/v1/clusters/{id}/exceptions/active: what a scan of the cluster skips, uncapped, for the CLI's --server mode.
/// The list API stops at <see cref="ExceptionQueries.MaxListed"/>, newest first, so a CI run reading it could judge a
/// workload the dashboard shows as excepted.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ActiveExceptionsApiTests(WebAppFixture fx)
{
    [Fact]
    public async Task Active_HoldsEveryApprovedUnexpiredException_PastTheListCap_AndNoOther()
    {
        var cluster = (await new AgentPushClient(fx.App).ConnectAsync()).ClusterId;
        var other = (await new AgentPushClient(fx.App).ConnectAsync()).ClusterId;
        var now = DateTimeOffset.UtcNow;
        var longAgo = now.AddDays(-400); // the oldest requests of the shared database: no other test's newest 1,000 change
        var approved = Enumerable.Range(0, ExceptionQueries.MaxListed + 5)
            .Select(i => Row(cluster, $"api-{i}", ExceptionStatus.Approved, now.AddDays(10), longAgo.AddMinutes(-i))).ToList();
        var notApplied = new[]
        {
            Row(cluster, "expired", ExceptionStatus.Approved, now.AddMinutes(-1), longAgo),
            Row(cluster, "pending", ExceptionStatus.Pending, now.AddDays(10), longAgo),
            Row(cluster, "revoked", ExceptionStatus.Revoked, now.AddDays(10), longAgo),
            Row(other, "elsewhere", ExceptionStatus.Approved, now.AddDays(10), longAgo),
        };
        await using (var db = new DbFactory(fx.Database.ConnectionString).CreateDbContext())
        {
            db.PolicyExceptions.AddRange(approved);
            db.PolicyExceptions.AddRange(notApplied);
            await db.SaveChangesAsync();
        }

        var viewer = await AccountClient.SignedInClientAsync(fx.App, KubeAdvisorAppFactory.EmailFor(Roles.Viewer));
        var body = JsonNode.Parse(await viewer.GetStringAsync($"/api/v1/clusters/{cluster}/exceptions/active"))!;
        var mine = body["items"]!.AsArray().Where(i => i!["clusterId"] is { } c && c.GetValue<Guid>() == cluster)
            .Select(i => i!["id"]!.GetValue<Guid>()).ToHashSet();
        var listed = JsonNode.Parse(await viewer.GetStringAsync($"/api/v1/exceptions?clusterId={cluster}&status=approved"))!["items"]!.AsArray().Count;

        Assert.Equal(approved.Select(e => e.Id).ToHashSet(), mine);
        Assert.DoesNotContain(body["items"]!.AsArray(), i => i!["clusterId"] is { } c && c.GetValue<Guid>() == other);
        Assert.Equal(ExceptionQueries.MaxListed, listed); // the capped list the CLI read before
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/api/v1/clusters/{Guid.NewGuid()}/exceptions/active")).StatusCode);
    }

    private static PolicyException Row(Guid cluster, string name, ExceptionStatus status, DateTimeOffset expiresAt, DateTimeOffset requestedAt) => new()
    {
        Id = Guid.NewGuid(),
        ClusterId = cluster,
        Namespace = "shop",
        Kind = "Deployment",
        Name = name,
        Policies = ["image-tag-latest"],
        Reason = "vendor image, tag pinned upstream",
        ExpiresAt = expiresAt,
        Status = status,
        RequestedBy = "admin@kubeadvisor.local",
        RequestedAt = requestedAt,
        DecidedBy = status == ExceptionStatus.Pending ? null : "admin@kubeadvisor.local",
        DecidedAt = status == ExceptionStatus.Pending ? null : requestedAt,
        RevokedBy = status == ExceptionStatus.Revoked ? "admin@kubeadvisor.local" : null,
        RevokedAt = status == ExceptionStatus.Revoked ? requestedAt : null,
    };
}
