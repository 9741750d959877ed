using Bunit;
using KubeAdvisor.Web.Features.Namespaces;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;

namespace KubeAdvisor.Web.Tests.Features.Namespaces;

[Collection(DashboardCollection.Name)]
public sealed class NamespacePageTests(DashboardFixture fx)
{
    [Fact]
    public async Task Render_Shop_ListsWorkloadsWithCountsAndLinks()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);

        var page = ctx.Render<NamespacePage>(p => p.Add(x => x.ClusterId, fx.Seed.ProdId).Add(x => x.Namespace, "shop"));

        page.WaitForAssertion(() => page.Find("[data-testid=workloads-table]"));
        var link = page.Find($"a[href='/clusters/{fx.Seed.ProdId}/workloads/{fx.Seed.WebWorkloadId}']");
        Assert.Equal("web", link.TextContent);
        Assert.Contains("75", page.Find("[data-testid=score]").TextContent); // 12 of 16 weight
    }

    [Fact]
    public async Task Render_UnknownNamespace_SaysWhatToCheck()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);

        var page = ctx.Render<NamespacePage>(p => p.Add(x => x.ClusterId, fx.Seed.ProdId).Add(x => x.Namespace, "nope"));

        page.WaitForAssertion(() => Assert.Contains("No workloads", page.Find("[data-testid=namespace-empty]").TextContent));
    }
}
