using System.Net;
using System.Net.Http.Json;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Features.Agents;

/// <summary>Agent connections are Admin business on the server, whatever the UI shows; status is readable by all roles.</summary>
[Collection(WebAppCollection.Name)]
public sealed class AgentRoleTests(WebAppFixture fx)
{
    [Fact]
    public async Task AgentManagement_EngineerAndViewerAreRefused_StatusIsReadable()
    {
        var (clusterId, _) = await new AgentPushClient(fx.App).ConnectAsync();
        var engineer = await AccountClient.SignedInClientAsync(fx.App, KubeAdvisorAppFactory.EmailFor(Roles.Engineer));
        var viewer = await AccountClient.SignedInClientAsync(fx.App, KubeAdvisorAppFactory.EmailFor(Roles.Viewer));

        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync("/api/v1/agent/connections", new { name = "nope" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsync($"/api/v1/clusters/{clusterId}/agent/token", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync($"/api/v1/clusters/{clusterId}/agent/token")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/v1/clusters/{clusterId}/agent")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/clusters/{clusterId}/agent")).StatusCode);
    }
}
