using System.Net.Http.Headers;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Infrastructure.Security;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;

namespace KubeAdvisor.Web.Tests.Infrastructure.Security;

[Collection(WebAppCollection.Name)]
public sealed class SecurityHeadersTests(WebAppFixture fx)
{
    [Theory]
    [InlineData("/", Roles.Viewer)]
    [InlineData("/", null)] // the redirect to the login page too
    [InlineData("/account/login", null)]
    [InlineData("/hangfire", Roles.Admin)]
    [InlineData("/api/v1/clusters", Roles.Viewer)]
    [InlineData("/api/v1/clusters", null)] // a 401 too
    public async Task Response_AnyPath_CarriesTheSecurityHeaders(string path, string? role)
    {
        var client = role is null ? fx.App.CreateBrowserClient() : await AccountClient.SignedInClientAsync(fx.App, KubeAdvisorAppFactory.EmailFor(role));

        var response = await client.GetAsync(path);

        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Single(response, "Referrer-Policy"));
        var csp = Single(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        if (!path.StartsWith("/hangfire", StringComparison.Ordinal))
        {
            Assert.Contains("script-src 'self';", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
        }

        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS is only sent when cookies are Secure");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Hsts_FollowsSecureCookies(bool secure)
    {
        using var host = await new HostBuilder()
            .ConfigureWebHost(web => web.UseTestServer().Configure(app =>
                app.UseSecurityHeaders(secure).Run(ctx => ctx.Response.WriteAsync("ok"))))
            .StartAsync();

        var response = await host.GetTestClient().GetAsync("/");

        Assert.Equal(secure, response.Headers.TryGetValues("Strict-Transport-Security", out var hsts));
        if (secure)
        {
            Assert.StartsWith("max-age=31536000", hsts!.Single());
        }
    }

    private static string Single(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single()
        : response.Content.Headers.TryGetValues(name, out var content) ? content.Single()
        : throw new Xunit.Sdk.XunitException($"{name} is missing on {(int)response.StatusCode} {response.RequestMessage?.RequestUri}");
}
