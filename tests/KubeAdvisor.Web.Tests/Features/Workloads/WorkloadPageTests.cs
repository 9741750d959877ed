using Bunit;
using KubeAdvisor.Web.Features.Workloads;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;

namespace KubeAdvisor.Web.Tests.Features.Workloads;

[Collection(DashboardCollection.Name)]
public sealed class WorkloadPageTests(DashboardFixture fx)
{
    [Fact]
    public async Task Render_Web_BreaksDownImagesAndShowsFixAndExemption()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);

        var page = ctx.Render<WorkloadPage>(p => p.Add(x => x.ClusterId, fx.Seed.ProdId).Add(x => x.WorkloadId, fx.Seed.WebWorkloadId));

        page.WaitForAssertion(() => Assert.Equal("Deployment web", page.Find("[data-testid=workload-name]").TextContent));
        var containers = page.Find("[data-testid=containers]").TextContent;
        Assert.Contains("docker.io", containers);
        Assert.Contains("ghcr.io", containers);
        Assert.Contains("acme/migrate", containers);
        Assert.Contains("sha256:0123456789ab", containers);
        Assert.Contains("kubeadvisor.io/exempt: \"image-digest-required\"", page.Find("[data-testid=annotations]").TextContent);

        var latest = page.FindAll("[data-testid=finding]").Single(f => f.QuerySelector("[data-testid=finding-policy]")!.TextContent == "image-tag-latest");
        Assert.Contains("Fix image-tag-latest.", latest.QuerySelector("[data-testid=finding-remediation]")!.TextContent);
        var fix = latest.QuerySelector("[data-testid=finding-fix]")!.TextContent;
        Assert.Contains("containers:", fix);
        Assert.Contains("- name: nginx", fix);
        Assert.Contains("image: nginx:<version>", fix);
        Assert.Contains("kubeadvisor.io/exempt: \"image-tag-latest\"", latest.QuerySelector("[data-testid=finding-exempt]")!.TextContent);
    }

    [Fact]
    public async Task Render_OtherClustersWorkload_IsNotFound()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);

        var page = ctx.Render<WorkloadPage>(p => p.Add(x => x.ClusterId, fx.Seed.StagingId).Add(x => x.WorkloadId, fx.Seed.WebWorkloadId));

        page.WaitForAssertion(() => page.Find("[data-testid=workload-not-found]"));
    }

    [Theory]
    [InlineData("CronJob", "jobTemplate:")]
    [InlineData("Pod", "spec:\n  containers:")]
    public void Fix_ByKind_PutsTheContainerWhereTheKindKeepsIt(string kind, string expected)
    {
        var yaml = FixSnippets.Fix(kind, "image-tag-latest", "app", "Regular", "nginx", null);

        Assert.Contains(expected, yaml);
    }
}
