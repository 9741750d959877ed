using Bunit;
using KubeAdvisor.Web.Features.Compliance;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;

namespace KubeAdvisor.Web.Tests.Features.Compliance;

/// <summary>The compliance pages on the seeded dashboard: prod's last scan judged only image policies.</summary>
[Collection(DashboardCollection.Name)]
public sealed class CompliancePagesTests(DashboardFixture fx)
{
    [Fact]
    public async Task ClusterPage_FailingControl_LinksToItsFindingsAndUnjudgedFrameworksAreNotAssessed()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);

        var page = ctx.Render<ClusterCompliancePage>(p => p.Add(x => x.ClusterId, fx.Seed.ProdId));

        // image-digest-required failed a check in the last scan: CIS 5.5.1 (image provenance) fails, with the drill-down.
        page.WaitForAssertion(() => Assert.Contains("fail", page.Find("[data-testid='control-cis-1.9:5.5.1']").TextContent, StringComparison.Ordinal));
        page.Find($"[data-testid='control-cis-1.9:5.5.1'] a[href='/violations?cluster={fx.Seed.ProdId}&policy=image-digest-required']");
        // No pod-security policy judged anything: the framework has no share, and its controls are not assessed.
        Assert.Equal("not assessed", page.Find("[data-testid=framework-pss-baseline-share]").TextContent.Trim());
        Assert.Contains("not assessed", page.Find("[data-testid='control-pss-baseline:privileged']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FleetPage_EveryCluster_HasARowAndAClusterWithoutScansIsNotAssessed()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);

        var page = ctx.Render<CompliancePage>();

        page.WaitForAssertion(() => page.Find("[data-testid=compliance-fleet]"));
        Assert.Equal("0%", page.Find("[data-testid='compliance-prod-cis-1.9']").TextContent.Trim()); // 5.5.1 assessed and failing
        Assert.Equal("—", page.Find("[data-testid='compliance-staging-cis-1.9']").TextContent.Trim()); // never scanned
        page.Find($"a[href='/clusters/{fx.Seed.ProdId}/compliance']");
    }
}
