using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Agents;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Infrastructure.Security;

/// <summary>Cookie-authenticated unsafe requests need our own Origin (or Referer); bearer tokens are exempt.</summary>
[Collection(WebAppCollection.Name)]
public sealed class SameOriginGuardTests(WebAppFixture fx)
{
    private readonly AgentPushClient _agent = new(fx.App);

    [Theory]
    [InlineData("https://evil.example", null)]
    [InlineData("null", null)]
    [InlineData(null, "https://evil.example/page")]
    [InlineData(null, null)] // neither header: the API validates no antiforgery token, so refused
    public async Task CookiePost_NotFromOurOrigin_Is403AndStartsNoScan(string? origin, string? referer)
    {
        var (cluster, _) = await _agent.ConnectAsync();
        var engineer = await CookieClientAsync(Roles.Engineer);

        var response = await engineer.SendAsync(Post($"/api/v1/clusters/{cluster}/scans", origin, referer));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Cross-site request refused", await response.Content.ReadAsStringAsync());
        Assert.Equal(0L, await fx.Database.ScalarAsync($"SELECT count(*) FROM scans WHERE \"ClusterId\" = '{cluster}'"));
    }

    [Fact]
    public async Task CookiePost_AgentTokenRotationFromAnotherOrigin_Is403AndTheTokenStillWorks()
    {
        var (cluster, token) = await _agent.ConnectAsync();
        var admin = await CookieClientAsync(Roles.Admin);

        var response = await admin.SendAsync(Post($"/api/v1/clusters/{cluster}/agent/token", "https://evil.example", null));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _agent.PushAsync(token, await AgentPushClient.GzipAsync(AgentPushClient.Snapshot()))).StatusCode);
    }

    [Theory]
    [InlineData("http://localhost", null)]
    [InlineData(null, "http://localhost/clusters")]
    public async Task CookiePost_FromOurOrigin_Passes(string? origin, string? referer)
    {
        var (cluster, _) = await _agent.ConnectAsync();
        var admin = await CookieClientAsync(Roles.Admin);

        var response = await admin.SendAsync(Post($"/api/v1/clusters/{cluster}/agent/token", origin, referer));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("ka_", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!.GetValue<string>());
    }

    [Fact]
    public async Task BearerPost_FromAnyOrigin_IsNotAForgeryCase()
    {
        var (cluster, _) = await _agent.ConnectAsync();
        var client = fx.App.CreateBrowserClient();
        client.DefaultRequestHeaders.Remove("Origin");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", KubeAdvisorAppFactory.BootstrapToken);

        var response = await client.SendAsync(Post($"/api/v1/clusters/{cluster}/agent/token", "https://evil.example", null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task LoginForm_WithoutOriginButWithAntiforgeryToken_StillWorks()
    {
        var client = fx.App.CreateBrowserClient();
        client.DefaultRequestHeaders.Remove("Origin");

        var response = await AccountClient.PostLoginAsync(client, KubeAdvisorAppFactory.EmailFor(Roles.Viewer), KubeAdvisorAppFactory.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    private async Task<HttpClient> CookieClientAsync(string role)
    {
        var client = await AccountClient.SignedInClientAsync(fx.App, KubeAdvisorAppFactory.EmailFor(role));
        client.DefaultRequestHeaders.Remove("Origin");
        return client;
    }

    private static HttpRequestMessage Post(string path, string? origin, string? referer)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (referer is not null)
        {
            request.Headers.Referrer = new Uri(referer);
        }

        return request;
    }
}
