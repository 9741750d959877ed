using System.Security.Claims;
using Bunit;
using KubeAdvisor.Core.Admission;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Seeding;
using KubeAdvisor.Web.Features.Admission;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Features.ClusterDetail;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Admission;

/// <summary>
/// The cluster page's admission panel from stored decisions ("blocked at admission this week" and the top policies),
/// and the mode change: Admin only, checked in the database at the click (a demoted Admin's open tab is refused), audited.
/// Its own database: decisions are summed per cluster and other tests must not see these.
/// </summary>
public sealed class AdmissionPanelTests : IAsyncLifetime
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DashboardFixture.Now.UtcDateTime);
    private PostgresDatabase _database = null!;
    private readonly Guid _agent = Guid.NewGuid();
    private readonly Guid _kubeconfig = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        await using var db = DashboardSeeder.Context(_database.ConnectionString);
        await db.Database.MigrateAsync();
        db.Clusters.Add(new Cluster
        {
            Id = _agent, Name = "edge", ConnectionType = ConnectionType.Agent, AgentTokenHash = _agent.ToString("N"), CreatedAt = DashboardFixture.Now.AddDays(-30),
            AdmissionMode = AdmissionMode.Deny, AdmissionMinSeverity = Severity.High,
        });
        db.Clusters.Add(new Cluster { Id = _kubeconfig, Name = "kc", ConnectionType = ConnectionType.Kubeconfig, CreatedAt = DashboardFixture.Now.AddDays(-30) });
        db.AdmissionDecisions.AddRange(
            Row(Today, "shop", "", allowed: 5, warned: 1, denied: 3),
            Row(Today.AddDays(-6), "billing", "", denied: 2),
            Row(Today, "shop", "image-tag-latest", denied: 2),
            Row(Today.AddDays(-6), "billing", "image-tag-latest", denied: 2),
            Row(Today, "shop", "pod-host-pid", denied: 1, warned: 1),
            Row(Today.AddDays(-9), "shop", "", denied: 100), // before this week
            Row(Today.AddDays(-9), "shop", "container-privileged", denied: 100));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task ClusterPage_AgentCluster_ShowsBlockedThisWeekAndTopPolicies_ViewerHasNoEditor()
    {
        await using var ctx = new DashboardTestContext(_database.ConnectionString, Roles.Viewer);

        var page = ctx.Render<ClusterDetailPage>(p => p.Add(x => x.Id, _agent));

        page.WaitForAssertion(() => Assert.Equal("5", page.Find("[data-testid=admission-blocked]").TextContent));
        Assert.Equal("deny high", page.Find("[data-testid=admission-mode]").TextContent.Trim());
        Assert.Contains("1 warned, 5 allowed", page.Find("[data-testid=admission-warned]").TextContent);
        Assert.Equal(["image-tag-latest (4)", "pod-host-pid (1)"], page.FindAll("[data-testid=admission-top-policy]").Select(e => e.TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=admission-save]"));
    }

    [Fact]
    public async Task ClusterPage_KubeconfigCluster_HasNoAdmissionPanel()
    {
        await using var ctx = new DashboardTestContext(_database.ConnectionString, Roles.Viewer);

        var page = ctx.Render<ClusterDetailPage>(p => p.Add(x => x.Id, _kubeconfig));

        page.WaitForAssertion(() => Assert.Equal("kc", page.Find("[data-testid=cluster-name]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=admission-panel]"));
    }

    [Fact]
    public async Task Save_AdminDemotedWhileTheTabIsOpen_IsRefusedAndNothingChanges()
    {
        await using var ctx = new DashboardTestContext(_database.ConnectionString, Roles.Admin);
        DashboardTestContext.EnsureUser(_database.ConnectionString, Roles.Viewer);
        var page = ctx.Render<ClusterDetailPage>(p => p.Add(x => x.Id, _agent));
        page.WaitForAssertion(() => page.Find("[data-testid=admission-save]"));

        await SetRoleAsync(DashboardTestContext.UserId(Roles.Admin), Roles.Viewer);
        await page.Find("[data-testid=admission-save]").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains(AccessGuard.NotAllowed, page.Find("[data-testid=admission-message]").TextContent));
        await using var db = DashboardSeeder.Context(_database.ConnectionString);
        Assert.Equal(AdmissionMode.Deny, (await db.Clusters.SingleAsync(c => c.Id == _agent)).AdmissionMode);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.ClusterAdmissionChanged));
    }

    [Fact]
    public async Task SetAsync_Admin_SavesAndAudits_KubeconfigClusterRefused_EngineerForbidden()
    {
        await using var ctx = new DashboardTestContext(_database.ConnectionString, Roles.Admin);
        DashboardTestContext.EnsureUser(_database.ConnectionString, Roles.Engineer);
        var modes = ctx.Services.GetRequiredService<AdmissionModes>();

        var saved = await modes.SetAsync(Principal(Roles.Admin), _agent, AdmissionMode.Warn, Severity.Critical, CancellationToken.None);
        var again = await modes.SetAsync(Principal(Roles.Admin), _agent, AdmissionMode.Warn, Severity.Critical, CancellationToken.None);
        var kubeconfig = await modes.SetAsync(Principal(Roles.Admin), _kubeconfig, AdmissionMode.Deny, Severity.High, CancellationToken.None);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            modes.SetAsync(Principal(Roles.Engineer), _agent, AdmissionMode.Off, Severity.High, CancellationToken.None));

        Assert.Equal((AdmissionChange.Saved, AdmissionChange.Unchanged, AdmissionChange.NotAnAgentCluster), (saved, again, kubeconfig));
        await using var db = DashboardSeeder.Context(_database.ConnectionString);
        Assert.Equal(AdmissionMode.Warn, (await db.Clusters.SingleAsync(c => c.Id == _agent)).AdmissionMode);
        var audit = Assert.Single(await db.AuditEntries.Where(a => a.Action == AuditActions.ClusterAdmissionChanged).ToListAsync());
        Assert.Equal(("edge", "deny high -> warn"), (audit.Target, audit.Details));
    }

    private static ClaimsPrincipal Principal(string role) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, DashboardTestContext.UserId(role)), new Claim(ClaimTypes.Role, role)], "test"));

    private async Task SetRoleAsync(string userId, string role)
    {
        await using var db = DashboardSeeder.Context(_database.ConnectionString);
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync();
        await db.Database.ExecuteSqlAsync($"UPDATE \"AspNetUserRoles\" SET \"RoleId\" = {roleId} WHERE \"UserId\" = {userId}");
    }

    private AdmissionDecision Row(DateOnly day, string ns, string policy, long allowed = 0, long warned = 0, long denied = 0) => new()
    {
        ClusterId = _agent, Day = day, Namespace = ns, Policy = policy, Allowed = allowed, Warned = warned, Denied = denied,
    };
}
