using AngleSharp.Dom;
using Bunit;
using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Testing.Seeding;
using KubeAdvisor.Web.Components.Layout;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Features.Exceptions;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Tests.Features.Exceptions;

/// <summary>
/// The Exceptions page from stored rows: every section, the buttons each role gets, and what a click does. Every click
/// goes through the workflow with the circuit's user, so a tab whose user lost the role gets a refusal, not a change.
/// </summary>
[Collection(ExceptionsUiCollection.Name)]
public sealed class ExceptionsPageTests(ExceptionsUiFixture fx)
{
    private static readonly DateTimeOffset Now = DashboardFixture.Now;

    [Fact]
    public async Task Render_StoredRows_ListsEachSectionWithWhoAndWhy()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await fx.AddAsync($"pending-{tag}", e => (e.Status, e.DecidedBy, e.DecidedAt) = (ExceptionStatus.Pending, null, null));
        await fx.AddAsync($"far-{tag}", e => (e.MatchedChecks, e.MatchedAt, e.TicketUrl) = (3, Now.AddHours(-1), "https://tickets.example/SEC-1"));
        await fx.AddAsync($"soon-{tag}", e => (e.ExpiresAt, e.ClusterId) = (Now.AddDays(3), null));
        await fx.AddAsync($"rejected-{tag}", e => (e.Status, e.DecisionComment) = (ExceptionStatus.Rejected, "no migration plan"));
        await fx.AddAsync($"revoked-{tag}", e => (e.Status, e.RevokedBy, e.RevokedAt, e.RevokeComment) = (ExceptionStatus.Revoked, "sec@test.local", Now.AddHours(-3), "fixed upstream"));
        await fx.AddAsync($"expired-{tag}", e => e.ExpiresAt = Now.AddDays(-1));
        await fx.SetAnnotationModeAsync(fx.Seed.StagingId, ExemptAnnotationMode.RequireReason);
        await fx.AddWorkloadAsync(fx.Seed.StagingId, "legacy", $"batch-{tag}", """{"kubeadvisor.io/exempt":"true"}""");
        await using var ctx = new DashboardTestContext(fx.ConnectionString, Roles.Viewer);

        var page = ctx.Render<ExceptionsPage>();

        page.WaitForAssertion(() => Assert.Contains($"pending-{tag}", Table(page, "pending")));
        Assert.DoesNotContain($"far-{tag}", Table(page, "pending"));
        var active = Row(page, "active", $"far-{tag}");
        Assert.Contains("shop/Deployment/web", active.TextContent);
        Assert.Contains("image-tag-latest", active.TextContent);
        Assert.Contains("3 check(s)", active.QuerySelector("[data-testid=exception-matched]")!.TextContent);
        Assert.Equal("https://tickets.example/SEC-1", active.QuerySelector("[data-testid=exception-ticket]")!.GetAttribute("href"));
        Assert.Contains("by admin@test.local", active.QuerySelector("[data-testid=exception-decision]")!.TextContent);
        Assert.Contains("all clusters", Row(page, "active", $"soon-{tag}").TextContent);
        Assert.Contains($"soon-{tag}", Table(page, "expiring"));
        Assert.DoesNotContain($"far-{tag}", Table(page, "expiring"));
        Assert.Contains("rejected by admin@test.local: \"no migration plan\"", Row(page, "closed", $"rejected-{tag}").TextContent);
        Assert.Contains("revoked by sec@test.local: \"fixed upstream\"", Row(page, "closed", $"revoked-{tag}").TextContent);
        Assert.Equal("expired", Row(page, "closed", $"expired-{tag}").GetAttribute("data-status"));
        Assert.DoesNotContain($"expired-{tag}", Table(page, "active"));
        // The seeded "web" carries kubeadvisor.io/exempt: image-digest-required; prod allows the annotation.
        var annotation = page.FindAll("[data-testid=annotation-row]").Single(r => r.TextContent.Contains("shop/Deployment/web", StringComparison.Ordinal));
        Assert.Contains("annotation", annotation.TextContent);
        Assert.Contains("image-digest-required", annotation.TextContent);
        Assert.Equal("true", annotation.GetAttribute("data-effective"));
        var unreasoned = page.FindAll("[data-testid=annotation-row]").Single(r => r.TextContent.Contains($"legacy/Deployment/batch-{tag}", StringComparison.Ordinal));
        Assert.Equal("false", unreasoned.GetAttribute("data-effective"));
        Assert.Contains("require-reason", unreasoned.TextContent);
        Assert.Contains("all policies", unreasoned.TextContent);
        Assert.Contains("no kubeadvisor.io/exempt-reason", unreasoned.QuerySelector("[data-testid=annotation-effective]")!.TextContent);
        Assert.Empty(page.FindAll("[data-testid=exception-approve], [data-testid=exception-reject], [data-testid=exception-revoke]"));
        Assert.Equal("/api/v1/exceptions/export", page.Find("[data-testid=exceptions-export]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=exceptions-new]")); // a Viewer cannot request
    }

    [Fact]
    public async Task Render_Engineer_HasNoApproveOrReject_AndRevokeOnlyOnOwnRequests()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await fx.AddAsync($"pending-{tag}", e => e.Status = ExceptionStatus.Pending);
        await fx.AddAsync($"mine-{tag}", Mine);
        await fx.AddAsync($"theirs-{tag}");
        await using var ctx = new DashboardTestContext(fx.ConnectionString, Roles.Engineer);

        var page = ctx.Render<ExceptionsPage>();

        page.WaitForAssertion(() => Assert.Contains($"pending-{tag}", Table(page, "pending")));
        Assert.Empty(page.FindAll("[data-testid=exception-approve], [data-testid=exception-reject]"));
        Assert.NotNull(Row(page, "active", $"mine-{tag}").QuerySelector("[data-testid=exception-revoke]"));
        Assert.Null(Row(page, "active", $"theirs-{tag}").QuerySelector("[data-testid=exception-revoke]"));
        Assert.NotEmpty(page.FindAll("[data-testid=exceptions-new]"));
    }

    [Fact]
    public async Task Revoke_EngineerDemotedToViewerAfterTheTabOpened_GetsAnErrorAndNothingChanges()
    {
        var reason = "stale-" + Guid.NewGuid().ToString("N")[..6];
        var id = await fx.AddAsync(reason, Mine);
        await using var ctx = new DashboardTestContext(fx.ConnectionString, Roles.Engineer);
        var page = ctx.Render<ExceptionsPage>();
        page.WaitForAssertion(() => Assert.NotNull(Row(page, "active", reason).QuerySelector("[data-testid=exception-revoke]")));
        await fx.SetRoleAsync(DashboardTestContext.UserId(Roles.Engineer), Roles.Viewer);
        try
        {
            await Row(page, "active", reason).QuerySelector("[data-testid=exception-revoke]")!.ClickAsync(new MouseEventArgs());
            await page.Find("[data-testid=confirm-revoke]").ClickAsync(new MouseEventArgs());

            page.WaitForAssertion(() => Assert.Contains(AccessGuard.NotAllowed, page.Find("[data-testid=exceptions-message]").TextContent));
            var row = await fx.FindAsync(id);
            Assert.Equal((ExceptionStatus.Approved, null), (row.Status, row.RevokedBy));
            Assert.Equal(0, await AuditCountAsync(AuditActions.ExceptionRevoked, id));
        }
        finally
        {
            await fx.SetRoleAsync(DashboardTestContext.UserId(Roles.Engineer), Roles.Engineer);
        }
    }

    [Fact]
    public async Task Reject_Admin_AsksForAComment_ThenRejectsWithItAndAudits()
    {
        var reason = "reject-" + Guid.NewGuid().ToString("N")[..6];
        var id = await fx.AddAsync(reason, e => (e.Status, e.DecidedBy, e.DecidedAt) = (ExceptionStatus.Pending, null, null));
        await using var ctx = new DashboardTestContext(fx.ConnectionString, Roles.Admin);
        var page = ctx.Render<ExceptionsPage>();
        page.WaitForAssertion(() => Assert.NotNull(Row(page, "pending", reason).QuerySelector("[data-testid=exception-reject]")));

        await Row(page, "pending", reason).QuerySelector("[data-testid=exception-reject]")!.ClickAsync(new MouseEventArgs());
        await page.Find("[data-testid=confirm-reject]").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Contains("A comment is required.", page.Find("[data-testid=exceptions-message]").TextContent));
        Assert.Equal(ExceptionStatus.Pending, (await fx.FindAsync(id)).Status);

        await Row(page, "pending", reason).QuerySelector("[data-testid=exception-reject]")!.ClickAsync(new MouseEventArgs());
        page.Find("[data-testid=exception-comment] input, input[data-testid=exception-comment]").Change("needs a ticket");
        await page.Find("[data-testid=confirm-reject]").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains("Exception rejected.", page.Find("[data-testid=exceptions-message]").TextContent));
        var row = await fx.FindAsync(id);
        Assert.Equal((ExceptionStatus.Rejected, "admin@test.local", "needs a ticket"), (row.Status, row.DecidedBy, row.DecisionComment));
        Assert.Equal(1, await AuditCountAsync(AuditActions.ExceptionRejected, id));
        page.WaitForAssertion(() => Assert.Contains(reason, Table(page, "closed")));
    }

    [Fact]
    public async Task Approve_Admin_ApprovesAndAudits_TheNavigationCountsPendingForAdminsOnly()
    {
        var reason = "approve-" + Guid.NewGuid().ToString("N")[..6];
        var id = await fx.AddAsync(reason, e => (e.Status, e.DecidedBy, e.DecidedAt) = (ExceptionStatus.Pending, null, null));
        await using var admin = new DashboardTestContext(fx.ConnectionString, Roles.Admin);
        await using var engineer = new DashboardTestContext(fx.ConnectionString, Roles.Engineer);

        var nav = admin.Render<NavMenu>();
        var engineerNav = engineer.Render<NavMenu>();

        var pending = await PendingCountAsync();
        Assert.True(pending >= 1);
        nav.WaitForAssertion(() => Assert.Equal(pending.ToString(System.Globalization.CultureInfo.InvariantCulture), nav.Find("[data-testid=exceptions-pending-count]").TextContent.Trim()));
        Assert.Empty(engineerNav.FindAll("[data-testid=exceptions-pending-count]"));

        var page = admin.Render<ExceptionsPage>();
        page.WaitForAssertion(() => Assert.NotNull(Row(page, "pending", reason).QuerySelector("[data-testid=exception-approve]")));
        await Row(page, "pending", reason).QuerySelector("[data-testid=exception-approve]")!.ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains("Exception approved.", page.Find("[data-testid=exceptions-message]").TextContent));
        Assert.Equal((ExceptionStatus.Approved, "admin@test.local"), ((await fx.FindAsync(id)).Status, (await fx.FindAsync(id)).DecidedBy));
        Assert.Equal(1, await AuditCountAsync(AuditActions.ExceptionApproved, id));
        page.WaitForAssertion(() => Assert.Contains(reason, Table(page, "active")));
    }

    private static void Mine(PolicyException e) =>
        (e.RequestedBy, e.RequestedByUserId) = (DashboardTestContext.Email(Roles.Engineer), DashboardTestContext.UserId(Roles.Engineer));

    private static string Table(IRenderedComponent<ExceptionsPage> page, string section) =>
        page.FindAll($"[data-testid={section}-table]").SingleOrDefault()?.TextContent ?? "";

    private static IElement Row(IRenderedComponent<ExceptionsPage> page, string section, string reason) =>
        page.Find($"[data-testid={section}-table]").QuerySelectorAll("[data-testid=exception-row]")
            .Single(r => r.QuerySelector("[data-testid=exception-reason]")!.TextContent == reason);

    private async Task<int> AuditCountAsync(string action, Guid id)
    {
        await using var db = DashboardSeeder.Context(fx.ConnectionString);
        var target = $"exception {id} on ";
        return await db.AuditEntries.CountAsync(a => a.Action == action && a.Target!.StartsWith(target));
    }

    private async Task<int> PendingCountAsync()
    {
        await using var db = DashboardSeeder.Context(fx.ConnectionString);
        return await db.PolicyExceptions.CountAsync(e => e.Status == ExceptionStatus.Pending && e.ExpiresAt > Now);
    }
}
