using Bunit;
using KubeAdvisor.Web.Features.Clusters;
using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Testing.Seeding;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Features.Exceptions;
using KubeAdvisor.Web.Features.Policies;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Policies;

/// <summary>The policies page and its editor; changes go to "staging" so the other dashboard tests keep their data.</summary>
[Collection(DashboardCollection.Name)]
public sealed class PoliciesPageTests(DashboardFixture fx)
{
    [Fact]
    public async Task Render_Viewer_SeesCatalogAndStatesButNoToggles()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);

        var page = ctx.Render<PoliciesPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=policy-catalog]"));
        Assert.Contains("image-tag-latest", page.Find("[data-testid=policy-catalog]").TextContent);
    }

    [Fact]
    public async Task Matrix_ViewerAndAdmin_ShowStatesOrSwitches()
    {
        await using var viewer = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);
        await using var admin = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Admin);
        var clusters = await viewer.Services.GetRequiredService<PolicyQueries>().LoadAsync();

        var readOnly = viewer.Render<PolicyMatrix>(p => p.Add(x => x.Clusters, clusters).Add(x => x.CanEdit, false));
        var editable = admin.Render<PolicyMatrix>(p => p.Add(x => x.Clusters, clusters).Add(x => x.CanEdit, true));

        Assert.Empty(readOnly.FindAll("[data-testid^=toggle-]"));
        Assert.Equal("on", readOnly.Find("[data-testid=state-prod-image-tag-latest]").TextContent);
        Assert.NotEmpty(editable.FindAll("[data-testid=toggle-prod-image-tag-latest]"));
    }

    [Fact]
    public async Task CopyAsync_Admin_GivesTheTargetTheSourcesSettings_ViewerIsRefused()
    {
        await using var admin = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Admin);
        await using var viewer = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);
        var editor = admin.Services.GetRequiredService<PolicySettingsEditor>();
        Assert.True((await editor.SetPackAsync(fx.Seed.StagingId, "efficiency", true)).Succeeded);
        var changed = await SettingsJsonAsync();

        var refused = await viewer.Services.GetRequiredService<PolicySettingsEditor>().CopyAsync(fx.Seed.ProdId, fx.Seed.StagingId);
        var unchangedByViewer = await SettingsJsonAsync();
        var copied = await editor.CopyAsync(fx.Seed.ProdId, fx.Seed.StagingId);
        var nav = admin.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo(nav.GetUriWithQueryParameters(new Dictionary<string, object?> { ["tab"] = "settings", ["cluster"] = fx.Seed.StagingId.ToString() }));
        var page = admin.Render<PoliciesPage>();

        Assert.False(refused.Succeeded);
        Assert.Equal(changed, unchangedByViewer);
        Assert.True(copied.Succeeded);
        await using var db = DashboardSeeder.Context(fx.Seeded.ConnectionString);
        var prod = await db.Clusters.Where(c => c.Id == fx.Seed.ProdId).Select(c => c.PolicySettingsJson).SingleAsync();
        Assert.Equal(PolicySettingsJson.Serialize(PolicySettingsJson.Deserialize(prod)), PolicySettingsJson.Serialize(PolicySettingsJson.Deserialize(await SettingsJsonAsync())));
        var audit = await db.AuditEntries.Where(a => a.Action == AuditActions.PolicyChanged && a.Target == "staging").OrderBy(a => a.Id).LastAsync();
        Assert.StartsWith("settings copied from prod: ", audit.Details, StringComparison.Ordinal);
        Assert.Contains("packs.efficiency: true -> unset", audit.Details, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=copy-settings]")));
        Assert.Contains($"/api/v1/clusters/{fx.Seed.StagingId}/policy-settings?format=yaml", page.Find("[data-testid=settings-yaml]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetEnabledAsync_Viewer_IsRefusedAndChangesNothing()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);
        var editor = ctx.Services.GetRequiredService<PolicySettingsEditor>();
        var before = await SettingsJsonAsync();

        var result = await editor.SetEnabledAsync(fx.Seed.StagingId, "image-tag-latest", false);

        Assert.False(result.Succeeded);
        Assert.Contains("does not allow", Assert.Single(result.Errors));
        Assert.Equal(before, await SettingsJsonAsync());
    }

    [Fact]
    public async Task Editor_Admin_SavesValidatesAndAudits()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Admin);
        var editor = ctx.Services.GetRequiredService<PolicySettingsEditor>();

        var off = await editor.SetEnabledAsync(fx.Seed.StagingId, "image-tag-latest", false);
        var invalid = await editor.SetListAsync(fx.Seed.StagingId, PolicyParameter.ExcludedNamespaces.Name, ["Not A Namespace"]);
        var pack = await editor.SetPackAsync(fx.Seed.StagingId, "image", true);

        Assert.True(off.Succeeded);
        Assert.False(invalid.Succeeded);
        Assert.Contains(invalid.Errors, e => e.Contains("Not A Namespace", StringComparison.Ordinal));
        Assert.True(pack.Succeeded);
        var settings = PolicySettingsJson.Deserialize(await SettingsJsonAsync());
        Assert.True(settings.IsEnabled(PolicyCatalog.Find("image-tag-latest")!.Descriptor)); // the pack click re-enabled it
        Assert.False(settings.IsEnabled(PolicyCatalog.Find("image-registry-allowed")!.Descriptor)); // no allow-list yet
        Assert.DoesNotContain("Not A Namespace", settings.ExcludedNamespaces);
        await using var db = DashboardSeeder.Context(fx.Seeded.ConnectionString);
        var audit = await db.AuditEntries.Where(a => a.Action == AuditActions.PolicyChanged && a.Target == "staging").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal("image-tag-latest enabled: on -> off", audit[^2].Details);
        Assert.Equal("admin@test.local", audit[^2].Actor);
        Assert.StartsWith("pack image:", audit[^1].Details);
    }

    [Fact]
    public async Task Editor_AutomountAllowList_IsEditableAndValidated()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Admin);
        var editor = ctx.Services.GetRequiredService<PolicySettingsEditor>();

        var invalid = await editor.SetListAsync(fx.Seed.ProdId, "automountAllowedWorkloads", ["no slash here"]);
        var valid = await editor.SetListAsync(fx.Seed.ProdId, "automountAllowedWorkloads", ["monitoring/prometheus-*"]);

        Assert.False(invalid.Succeeded);
        Assert.True(valid.Succeeded);
        var json = (string)(await fx.Seeded.ScalarAsync($"SELECT \"PolicySettingsJson\"::text FROM clusters WHERE \"Id\" = '{fx.Seed.ProdId}'"))!;
        Assert.Equal(["monitoring/prometheus-*"], PolicySettingsJson.Deserialize(json).AutomountAllowedWorkloads);
    }

    [Fact]
    public async Task AnnotationModeSelect_Admin_SavesAndAudits_ViewerSeesItReadOnlyAndIsRefused()
    {
        await using var admin = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Admin);
        admin.Services.GetRequiredService<NavigationManager>().NavigateTo($"/policies?tab=settings&cluster={fx.Seed.StagingId}");
        var page = admin.Render<PoliciesPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=exempt-annotation]"));
        var before = PolicySettingsJson.Deserialize(await SettingsJsonAsync()).ExemptAnnotations;
        var next = before == ExemptAnnotationMode.Ignore ? ExemptAnnotationMode.RequireReason : ExemptAnnotationMode.Ignore;

        var select = page.FindComponent<MudBlazor.MudSelect<ExemptAnnotationMode>>();
        await select.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(next));

        page.WaitForAssertion(() => Assert.Contains("Saved", page.Find("[data-testid=policy-message]").TextContent));
        Assert.Equal(next, PolicySettingsJson.Deserialize(await SettingsJsonAsync()).ExemptAnnotations);
        await using (var db = DashboardSeeder.Context(fx.Seeded.ConnectionString))
        {
            var audit = await db.AuditEntries.Where(a => a.Action == AuditActions.PolicyChanged && a.Target == "staging").OrderBy(a => a.Id).LastAsync();
            Assert.Equal($"kubeadvisor.io/exempt annotation: {ExceptionQueries.ModeName(before)} -> {ExceptionQueries.ModeName(next)}", audit.Details);
            Assert.Equal("admin@test.local", audit.Actor);
        }

        await using var viewer = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);
        viewer.Services.GetRequiredService<NavigationManager>().NavigateTo($"/policies?tab=settings&cluster={fx.Seed.StagingId}");
        var readOnly = viewer.Render<PoliciesPage>();
        readOnly.WaitForAssertion(() => Assert.Contains(ExceptionQueries.ModeName(next), readOnly.Find("[data-testid=exempt-annotation-mode-readonly]").TextContent));
        Assert.Empty(readOnly.FindComponents<MudBlazor.MudSelect<ExemptAnnotationMode>>());
        var refused = await viewer.Services.GetRequiredService<PolicySettingsEditor>().SetExemptAnnotationModeAsync(fx.Seed.StagingId, ExemptAnnotationMode.Allow);
        Assert.False(refused.Succeeded);
        Assert.Equal(next, PolicySettingsJson.Deserialize(await SettingsJsonAsync()).ExemptAnnotations);
    }

    private async Task<string> SettingsJsonAsync() =>
        (string)(await fx.Seeded.ScalarAsync($"SELECT \"PolicySettingsJson\"::text FROM clusters WHERE \"Id\" = '{fx.Seed.StagingId}'"))!;
}
