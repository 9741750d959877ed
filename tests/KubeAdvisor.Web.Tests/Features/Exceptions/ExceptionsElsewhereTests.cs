using Bunit;
using KubeAdvisor.Testing.Seeding;
using KubeAdvisor.Web.Features.ClusterDetail;
using KubeAdvisor.Web.Features.Exceptions;
using KubeAdvisor.Web.Features.Violations;
using KubeAdvisor.Web.Features.Workloads;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Exceptions;

/// <summary>Exceptions where findings and clusters are shown: "Request exception" on a finding, the lapse note, the cluster's expiring list.</summary>
[Collection(ExceptionsUiCollection.Name)]
public sealed class ExceptionsElsewhereTests(ExceptionsUiFixture fx)
{
    [Fact]
    public async Task FindingCard_Engineer_LinksToTheFormWithTheFindingsScope_ViewerGetsNoButton()
    {
        await using var engineer = new DashboardTestContext(fx.ConnectionString, Roles.Engineer);
        await using var viewer = new DashboardTestContext(fx.ConnectionString, Roles.Viewer);

        var page = engineer.Render<WorkloadPage>(p => p.Add(x => x.ClusterId, fx.Seed.ProdId).Add(x => x.WorkloadId, fx.Seed.WebWorkloadId));
        var readOnly = viewer.Render<WorkloadPage>(p => p.Add(x => x.ClusterId, fx.Seed.ProdId).Add(x => x.WorkloadId, fx.Seed.WebWorkloadId));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=finding]")));
        var latest = page.FindAll("[data-testid=finding]").Single(f => f.QuerySelector("[data-testid=finding-policy]")!.TextContent == "image-tag-latest");
        Assert.Equal(ExceptionPrefill.Link(fx.Seed.ProdId, "shop", "Deployment", "web", "nginx", "image-tag-latest"),
            latest.QuerySelector("[data-testid=request-exception]")!.GetAttribute("href"));
        var resolved = page.FindAll("[data-testid=finding]").Single(f => f.QuerySelector("[data-testid=finding-policy]")!.TextContent == "image-tag-floating");
        Assert.Null(resolved.QuerySelector("[data-testid=request-exception]")); // nothing to except
        readOnly.WaitForAssertion(() => Assert.NotEmpty(readOnly.FindAll("[data-testid=finding]")));
        Assert.Empty(readOnly.FindAll("[data-testid=request-exception]"));
    }

    [Fact]
    public async Task Note_OfAReopenedFinding_IsAChipOnTheWorkloadPageAndInViolations()
    {
        await using (var db = DashboardSeeder.Context(fx.ConnectionString))
        {
            await db.Findings.Where(f => f.WorkloadId == fx.Seed.ApiWorkloadId && f.PolicyId == "image-tag-missing")
                .ExecuteUpdateAsync(u => u.SetProperty(f => f.Note, ExceptionRules.ExpiredNote));
        }

        await using var ctx = new DashboardTestContext(fx.ConnectionString, Roles.Viewer);
        var workload = ctx.Render<WorkloadPage>(p => p.Add(x => x.ClusterId, fx.Seed.ProdId).Add(x => x.WorkloadId, fx.Seed.ApiWorkloadId));

        workload.WaitForAssertion(() => Assert.NotEmpty(workload.FindAll("[data-testid=finding]")));
        var notes = workload.FindAll("[data-testid=finding]")
            .Select(f => (Policy: f.QuerySelector("[data-testid=finding-policy]")!.TextContent, Note: f.QuerySelector("[data-testid=finding-note]")?.TextContent.Trim()))
            .ToList();
        Assert.Contains(("image-tag-missing", ExceptionRules.ExpiredNote), notes);
        Assert.Contains(("image-pull-policy-mutable", (string?)null), notes);

        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/violations?cluster=" + fx.Seed.ProdId);
        var violations = ctx.Render<ViolationsPage>();
        violations.WaitForAssertion(() => Assert.Equal(ExceptionRules.ExpiredNote,
            Assert.Single(violations.FindAll("[data-testid=violations-table] [data-testid=finding-note]")).TextContent.Trim()));
    }

    [Fact]
    public async Task ClusterPage_ListsItsExceptionsEndingWithin7Days_AndAllClusterOnes()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await fx.AddAsync($"prod-soon-{tag}", e => e.ExpiresAt = DashboardFixture.Now.AddDays(2));
        await fx.AddAsync($"everywhere-soon-{tag}", e => (e.ExpiresAt, e.ClusterId) = (DashboardFixture.Now.AddDays(6), null));
        await fx.AddAsync($"prod-later-{tag}", e => e.ExpiresAt = DashboardFixture.Now.AddDays(9));
        await fx.AddAsync($"staging-soon-{tag}", e => (e.ExpiresAt, e.ClusterId) = (DashboardFixture.Now.AddDays(2), fx.Seed.StagingId));
        await fx.AddAsync($"prod-pending-{tag}", e => (e.ExpiresAt, e.Status) = (DashboardFixture.Now.AddDays(2), KubeAdvisor.Data.Entities.ExceptionStatus.Pending));
        await using var ctx = new DashboardTestContext(fx.ConnectionString, Roles.Viewer);

        var page = ctx.Render<ClusterDetailPage>(p => p.Add(x => x.Id, fx.Seed.ProdId));

        page.WaitForAssertion(() => Assert.Contains($"prod-soon-{tag}", page.Find("[data-testid=expiring-exceptions]").TextContent));
        var listed = page.Find("[data-testid=expiring-exceptions]").TextContent;
        Assert.Contains($"everywhere-soon-{tag}", listed);
        Assert.DoesNotContain($"prod-later-{tag}", listed);
        Assert.DoesNotContain($"staging-soon-{tag}", listed);
        Assert.DoesNotContain($"prod-pending-{tag}", listed);
        Assert.Equal("/exceptions?tab=expiring", page.Find("[data-testid=expiring-exceptions-link]").GetAttribute("href"));
    }
}
