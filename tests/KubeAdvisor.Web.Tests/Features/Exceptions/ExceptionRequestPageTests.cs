using Bunit;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Testing.Seeding;
using KubeAdvisor.Web.Features.Exceptions;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Exceptions;

/// <summary>The request form: pre-filled from a finding's link, garbage in the query ignored, and what a submit stores.</summary>
[Collection(ExceptionsUiCollection.Name)]
public sealed class ExceptionRequestPageTests(ExceptionsUiFixture fx)
{
    [Fact]
    public async Task Render_FindingLink_PrefillsEveryField()
    {
        await using var ctx = new DashboardTestContext(fx.ConnectionString, Roles.Engineer);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(
            ExceptionPrefill.Link(fx.Seed.ProdId, "shop", "Deployment", "web", "nginx", "image-tag-latest") + "&image=nginx%3A*");

        var page = ctx.Render<ExceptionRequestPage>();

        page.WaitForAssertion(() => Assert.Equal("prod", Value(page, "request-cluster")));
        Assert.Equal("shop", Value(page, "request-namespace"));
        Assert.Equal("Deployment", Value(page, "request-kind"));
        Assert.Equal("web", Value(page, "request-name"));
        Assert.Equal("nginx", Value(page, "request-container"));
        Assert.Equal("nginx:*", Value(page, "request-image"));
        Assert.Equal("image-tag-latest", Value(page, "request-policies"));
        Assert.Equal(DashboardFixture.Now.AddDays(30).ToString("yyyy-MM-dd"), Value(page, "request-end"));
        Assert.Empty(page.FindAll("[data-testid=request-approve-now]")); // Engineers only request
    }

    [Fact]
    public async Task Render_GarbageInTheQuery_IsLeftOut()
    {
        await using var ctx = new DashboardTestContext(fx.ConnectionString, Roles.Engineer);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(
            $"/exceptions/new?cluster={Guid.NewGuid()}&namespace=two%20words&kind={new string('k', 600)}&name=%00&container=*&image=ok:1"
            + "&policy=no-such-policy,image-tag-missing&policy=image-tag-missing&policy=" + new string(',', 5000));

        var page = ctx.Render<ExceptionRequestPage>();

        page.WaitForAssertion(() => Assert.Equal("ok:1", Value(page, "request-image")));
        Assert.Equal("", Value(page, "request-cluster")); // a cluster that does not exist
        Assert.Equal("", Value(page, "request-namespace"));
        Assert.Equal("", Value(page, "request-kind"));
        Assert.Equal("", Value(page, "request-name"));
        Assert.Equal("", Value(page, "request-container"));
        Assert.Equal("image-tag-missing", Value(page, "request-policies"));
    }

    [Theory]
    [InlineData("not-a-guid", null)]
    [InlineData("00000000-0000-0000-0000-000000000000", null)]
    [InlineData("5d3c86f2-6a4e-4f0e-9d55-0c8f3c1e2a11", "5d3c86f2-6a4e-4f0e-9d55-0c8f3c1e2a11")]
    public void Parse_Cluster_OnlyAWellFormedId(string value, string? expected)
    {
        Assert.Equal(expected is null ? null : Guid.Parse(expected), ExceptionPrefill.Parse(value, null, null, null, null, null, null).ClusterId);
    }

    [Fact]
    public void Link_ThenParse_GivesTheFindingsScopeBack()
    {
        var cluster = Guid.NewGuid();
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(
            new Uri("http://x" + ExceptionPrefill.Link(cluster, "team-a", "CronJob", "nightly-report", "app", "image-tag-latest")).Query);

        string? Get(string key) => query.TryGetValue(key, out var value) ? value.ToString() : null;

        var parsed = ExceptionPrefill.Parse(Get("cluster"), Get("namespace"), Get("kind"), Get("name"), Get("container"), Get("image"), query["policy"]);

        Assert.Equal(new ExceptionPrefill(cluster, "team-a", "CronJob", "nightly-report", "app", null, parsed.Policies), parsed);
        Assert.Equal(["image-tag-latest"], parsed.Policies);
    }

    [Fact]
    public async Task Submit_Engineer_StoresAPendingRequestAndTheExceptionsPageSaysSo()
    {
        var reason = "submit-" + Guid.NewGuid().ToString("N")[..6];
        await using var ctx = new DashboardTestContext(fx.ConnectionString, Roles.Engineer);
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo(ExceptionPrefill.Link(fx.Seed.ProdId, "shop", "Deployment", "web", "nginx", "image-tag-latest"));
        var page = ctx.Render<ExceptionRequestPage>();
        page.WaitForAssertion(() => Assert.Equal("prod", Value(page, "request-cluster")));

        Input(page, "request-reason").Change(reason);
        Input(page, "request-ticket").Change("https://tickets.example/OPS-7");
        await page.Find("[data-testid=request-submit]").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains("/exceptions?created=", nav.Uri, StringComparison.Ordinal));
        var id = Guid.Parse(nav.Uri[(nav.Uri.IndexOf("created=", StringComparison.Ordinal) + 8)..]);
        var row = await fx.FindAsync(id);
        Assert.Equal((ExceptionStatus.Pending, fx.Seed.ProdId, "shop", "Deployment", "web", "nginx", null), (row.Status, row.ClusterId, row.Namespace, row.Kind, row.Name, row.Container, row.Image));
        Assert.Equal(["image-tag-latest"], row.Policies);
        Assert.Equal((reason, "https://tickets.example/OPS-7"), (row.Reason, row.TicketUrl));
        Assert.Equal(DashboardFixture.Now.AddDays(30), row.ExpiresAt);
        Assert.Equal((DashboardTestContext.Email(Roles.Engineer), DashboardTestContext.UserId(Roles.Engineer)), (row.RequestedBy, row.RequestedByUserId));

        var list = ctx.Render<ExceptionsPage>();
        list.WaitForAssertion(() => Assert.Contains("is pending until an Admin decides", list.Find("[data-testid=exceptions-message]").TextContent));
    }

    [Fact]
    public async Task Submit_Admin_ApprovesAtOnceByDefault_AndLeavesItPendingWithTheSwitchOff()
    {
        await using var ctx = new DashboardTestContext(fx.ConnectionString, Roles.Admin);
        var nav = ctx.Services.GetRequiredService<NavigationManager>();

        var approved = await SubmitAsync(ctx, nav, "admin-now-" + Guid.NewGuid().ToString("N")[..6], switchOff: false);
        var pending = await SubmitAsync(ctx, nav, "admin-later-" + Guid.NewGuid().ToString("N")[..6], switchOff: true);

        Assert.Equal((ExceptionStatus.Approved, "admin@test.local"), (approved.Status, approved.DecidedBy));
        Assert.Equal((ExceptionStatus.Pending, null), (pending.Status, pending.DecidedBy));
    }

    [Fact]
    public async Task Submit_WithoutClusterOrReason_ShowsWhyAndStoresNothing()
    {
        await using var ctx = new DashboardTestContext(fx.ConnectionString, Roles.Engineer);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/exceptions/new?policy=image-tag-latest&namespace=nowhere-" + Guid.NewGuid().ToString("N")[..6]);
        var page = ctx.Render<ExceptionRequestPage>();
        page.WaitForAssertion(() => Assert.Equal("image-tag-latest", Value(page, "request-policies")));
        var ns = Value(page, "request-namespace");

        await page.Find("[data-testid=request-submit]").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Contains("Choose a cluster", page.Find("[data-testid=request-error]").TextContent));

        var cluster = page.FindComponents<MudBlazor.MudSelect<string>>()[0]; // the first select: the cluster
        await cluster.InvokeAsync(() => cluster.Instance.ValueChanged.InvokeAsync(ExceptionRequestPage.AllClusters));
        await page.Find("[data-testid=request-submit]").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains("A reason is required.", page.FindAll("[data-testid=request-error]").Select(e => e.TextContent)));
        await using var db = DashboardSeeder.Context(fx.ConnectionString);
        Assert.False(await db.PolicyExceptions.AnyAsync(e => e.Namespace == ns));
    }

    private async Task<PolicyException> SubmitAsync(DashboardTestContext ctx, NavigationManager nav, string reason, bool switchOff)
    {
        nav.NavigateTo(ExceptionPrefill.Link(fx.Seed.ProdId, "billing", "StatefulSet", "api", "api", "image-tag-missing"));
        var page = ctx.Render<ExceptionRequestPage>();
        page.WaitForAssertion(() => Assert.Equal("prod", Value(page, "request-cluster")));
        if (switchOff)
        {
            Input(page, "request-approve-now").Change(false);
        }

        Input(page, "request-reason").Change(reason);
        await page.Find("[data-testid=request-submit]").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Contains("/exceptions?created=", nav.Uri, StringComparison.Ordinal));
        await using var db = DashboardSeeder.Context(fx.ConnectionString);
        return await db.PolicyExceptions.AsNoTracking().SingleAsync(e => e.Reason == reason);
    }

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<ExceptionRequestPage> page, string testId) =>
        page.Find($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea");

    // A text field's input carries its value; a single select shows its choice as the text of the element with the id.
    private static string Value(IRenderedComponent<ExceptionRequestPage> page, string testId)
    {
        var element = page.Find($"[data-testid={testId}]");
        return element.GetAttribute("value") ?? element.QuerySelector("input")?.GetAttribute("value") ?? element.TextContent.Trim();
    }
}
