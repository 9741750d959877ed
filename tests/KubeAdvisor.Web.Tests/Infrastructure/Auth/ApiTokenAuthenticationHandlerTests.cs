using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Features.Violations;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Infrastructure.Auth;

/// <summary>API tokens follow their owner: the lower role applies, disabled/deleted owners and expiry end them.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ApiTokenAuthenticationHandlerTests(WebAppFixture fx)
{
    private HttpClient Client(string token) => ApiClient.WithToken(fx.App, token).Http;

    [Fact]
    public async Task Token_AdminTokenOfOwnerNowEngineer_ActsAsEngineer()
    {
        var owner = await TestUsers.CreateAsync(fx.App, Roles.Admin);
        var token = await TestUsers.CreateTokenAsync(fx.App, owner.Principal, Roles.Admin);
        var client = Client(token.Token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/tokens")).StatusCode);

        await TestUsers.SetRoleQuietlyAsync(fx.App, owner.Id, Roles.Engineer);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ViolationsExport.Path)).StatusCode);
        var me = JsonNode.Parse(await client.GetStringAsync("/api/v1/me"))!;
        Assert.Equal([Roles.Engineer], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task Token_ViewerTokenOfAdminOwner_StaysViewer()
    {
        var owner = await TestUsers.CreateAsync(fx.App, Roles.Admin);
        var token = await TestUsers.CreateTokenAsync(fx.App, owner.Principal, Roles.Viewer);
        var client = Client(token.Token);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/clusters")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(ViolationsExport.Path)).StatusCode);
    }

    [Fact]
    public async Task Token_OwnerDisabled_EveryTokenOfTheOwnerIs401()
    {
        var owner = await TestUsers.CreateAsync(fx.App, Roles.Admin);
        var tokens = new[]
        {
            await TestUsers.CreateTokenAsync(fx.App, owner.Principal, Roles.Admin),
            await TestUsers.CreateTokenAsync(fx.App, owner.Principal, Roles.Viewer, neverExpires: true),
        };
        foreach (var t in tokens)
        {
            Assert.Equal(HttpStatusCode.OK, (await Client(t.Token).GetAsync("/api/v1/me")).StatusCode);
        }

        await TestUsers.DisableQuietlyAsync(fx.App, owner.Id);

        foreach (var t in tokens)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Client(t.Token).GetAsync("/api/v1/me")).StatusCode);
        }
    }

    [Fact]
    public async Task Token_OwnerDeleted_Is401()
    {
        var owner = await TestUsers.CreateAsync(fx.App, Roles.Admin);
        var token = await TestUsers.CreateTokenAsync(fx.App, owner.Principal, Roles.Engineer);
        Assert.Equal(HttpStatusCode.OK, (await Client(token.Token).GetAsync("/api/v1/me")).StatusCode);

        await TestUsers.DeleteAsync(fx.App, owner.Id);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(token.Token).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Token_Expired_Is401AndTheExpiryIsAuditedOnce()
    {
        var owner = await TestUsers.CreateAsync(fx.App, Roles.Admin);
        var token = await TestUsers.CreateTokenAsync(fx.App, owner.Principal, Roles.Viewer, expiresInDays: 30);
        Assert.Equal(HttpStatusCode.OK, (await Client(token.Token).GetAsync("/api/v1/me")).StatusCode);
        await fx.Database.ScalarAsync($"UPDATE api_tokens SET \"ExpiresAt\" = now() - interval '1 minute' WHERE \"Id\" = '{token.Id}'");

        var first = await Client(token.Token).GetAsync("/api/v1/me");
        var second = await Client(token.Token).GetAsync("/api/v1/clusters");

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(1L, await fx.Database.ScalarAsync(
            $"SELECT count(*) FROM audit_entries WHERE \"Action\" = '{AuditActions.TokenExpired}' AND \"Target\" = '{token.Name}'"));
        Assert.NotNull(await fx.Database.ScalarAsync($"SELECT \"ExpiryAuditedAt\" FROM api_tokens WHERE \"Id\" = '{token.Id}'"));
    }

    [Fact]
    public async Task Token_Bootstrap_IsASystemTokenAndUnaffectedByUsers()
    {
        var client = Client(KubeAdvisorAppFactory.BootstrapToken);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/tokens")).StatusCode);
        Assert.Equal(true, await fx.Database.ScalarAsync("SELECT \"IsSystem\" FROM api_tokens WHERE \"Name\" = 'bootstrap'"));
        Assert.Equal(DBNull.Value, await fx.Database.ScalarAsync("SELECT \"OwnerUserId\" FROM api_tokens WHERE \"Name\" = 'bootstrap'"));
    }

    [Fact]
    public async Task Token_CreatedThroughTheApiByAUsersToken_BelongsToThatUserAndIsCappedByThem()
    {
        var owner = await TestUsers.CreateAsync(fx.App, Roles.Admin);
        var parent = await TestUsers.CreateTokenAsync(fx.App, owner.Principal, Roles.Admin);
        var client = Client(parent.Token);

        var response = await client.PostAsJsonAsync("/api/v1/tokens", new { name = "child-" + owner.Id, role = Roles.Engineer, expiresInDays = 30 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var child = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var id = child["id"]!.GetValue<Guid>();
        Assert.Equal(owner.Id, await fx.Database.ScalarAsync($"SELECT \"OwnerUserId\" FROM api_tokens WHERE \"Id\" = '{id}'"));
        Assert.Equal(true, await fx.Database.ScalarAsync($"SELECT \"ExpiresAt\" - \"CreatedAt\" = interval '30 days' FROM api_tokens WHERE \"Id\" = '{id}'"));
        await TestUsers.DisableQuietlyAsync(fx.App, owner.Id);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(child["token"]!.GetValue<string>()).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Token_CreatedByTheBootstrapToken_IsASystemToken()
    {
        var client = Client(KubeAdvisorAppFactory.BootstrapToken);

        var response = await client.PostAsJsonAsync("/api/v1/tokens", new { name = "ci-" + Guid.NewGuid().ToString("N")[..8], role = Roles.Viewer });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<Guid>();
        Assert.Equal(true, await fx.Database.ScalarAsync($"SELECT \"IsSystem\" AND \"OwnerUserId\" IS NULL AND \"ExpiresAt\" IS NOT NULL FROM api_tokens WHERE \"Id\" = '{id}'"));
    }

    [Fact]
    public async Task Token_Used_LastUsedIsListedAndTheUseIsAuditedOncePerHourWithTheEndpoint()
    {
        var owner = await TestUsers.CreateAsync(fx.App, Roles.Admin);
        var token = await TestUsers.CreateTokenAsync(fx.App, owner.Principal, Roles.Viewer);
        Assert.Null(await LastUsedAsync(token.Id));

        Assert.Equal(HttpStatusCode.OK, (await Client(token.Token).GetAsync("/api/v1/me")).StatusCode);
        // Pretend the minute passed, so the next request writes "last used" again (and looks for a recent audit entry).
        await fx.Database.ScalarAsync($"UPDATE api_tokens SET \"LastUsedAt\" = now() - interval '5 minutes' WHERE \"Id\" = '{token.Id}'");
        Assert.Equal(HttpStatusCode.OK, (await Client(token.Token).GetAsync("/api/v1/clusters")).StatusCode);

        Assert.NotNull(await LastUsedAsync(token.Id));
        Assert.Equal(1L, await fx.Database.ScalarAsync(
            $"SELECT count(*) FROM audit_entries WHERE \"Action\" = '{AuditActions.TokenUsed}' AND \"Target\" = '{token.Name}'"));
        Assert.Equal(1L, await fx.Database.ScalarAsync(
            $"SELECT count(*) FROM audit_entries WHERE \"Action\" = '{AuditActions.TokenUsed}' AND \"Target\" = '{token.Name}' AND \"Details\" LIKE '%GET /api/v1/me'"));
    }

    private async Task<DateTimeOffset?> LastUsedAsync(Guid id)
    {
        var list = JsonNode.Parse(await Client(KubeAdvisorAppFactory.BootstrapToken).GetStringAsync("/api/v1/tokens"))!.AsArray();
        var row = list.Single(t => t!["id"]!.GetValue<Guid>() == id)!;
        return row["lastUsedAt"]?.GetValue<DateTimeOffset?>();
    }
}
