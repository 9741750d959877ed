using System.Net;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Infrastructure.Auth;

/// <summary>A still-valid cookie does not keep rights the database no longer gives (no stamp change, no waiting).</summary>
[Collection(WebAppCollection.Name)]
public sealed class CurrentRoleAuthorizationHandlerTests(WebAppFixture fx)
{
    [Fact]
    public async Task Cookie_AdminDemotedToViewer_AdminPagesAndApiForbiddenAtOnce_ViewStillAllowed()
    {
        var admin = await TestUsers.CreateAsync(fx.App, Roles.Admin);
        var client = await AccountClient.SignedInClientAsync(fx.App, admin.Email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/settings/users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/tokens")).StatusCode);

        await TestUsers.SetRoleQuietlyAsync(fx.App, admin.Id, Roles.Viewer);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/settings/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/clusters")).StatusCode);
    }

    [Fact]
    public async Task Cookie_UserDisabled_EvenViewingIsRefused()
    {
        var engineer = await TestUsers.CreateAsync(fx.App, Roles.Engineer);
        var client = await AccountClient.SignedInClientAsync(fx.App, engineer.Email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/clusters")).StatusCode);

        await TestUsers.DisableQuietlyAsync(fx.App, engineer.Id);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/clusters")).StatusCode);
    }
}
