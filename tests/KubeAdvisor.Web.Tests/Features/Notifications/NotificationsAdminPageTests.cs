using AngleSharp.Dom;
using Bunit;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Testing.Seeding;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Features.Notifications;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PolicySeverity = KubeAdvisor.Core.Policies.Severity;

namespace KubeAdvisor.Web.Tests.Features.Notifications;

/// <summary>
/// /settings/notifications from stored rows: empty, with channels and routes, refused input shown beside its form with
/// nothing saved, "Send test" reporting delivered / failed with its status code / refused by the destination guard, and
/// non-Admins (or an Admin demoted after the tab opened) refused with nothing changed.
/// </summary>
[Collection(NotificationsUiCollection.Name)]
public sealed class NotificationsAdminPageTests(NotificationsUiFixture fx)
{
    private const string Secret = "ui-secret-0123456789abcdef";

    [Fact]
    public async Task Empty_SaysSo_AndARouteNeedsAChannelFirst()
    {
        await using (var db = DashboardSeeder.Context(fx.ConnectionString))
        {
            await db.NotificationDeliveries.ExecuteDeleteAsync();
            await db.NotificationRoutes.ExecuteDeleteAsync();
            await db.NotificationChannels.ExecuteDeleteAsync();
        }

        await using var ctx = fx.Context(Roles.Admin);
        var page = ctx.Render<NotificationsAdminPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=channels-empty]"));
        page.Find("[data-testid=routes-empty]");
        Assert.True(page.Find("button[data-testid=route-new]").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=delivery-log], [data-testid=test-outcome]"));
    }

    [Fact]
    public async Task Admin_CreatesWebhookChannel_SecretNeverShown_AddsChangesAndDeletesARoute_ThenDeletesTheChannel()
    {
        var name = "ops-" + Guid.NewGuid().ToString("N")[..6];
        var path = "/hooks/" + Guid.NewGuid().ToString("N");
        await using var ctx = fx.Context(Roles.Admin);
        var page = ctx.Render<NotificationsAdminPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=channel-new]"));

        await page.Find("[data-testid=channel-new]").ClickAsync(new MouseEventArgs());
        Input(page, "channel-name").Change(name);
        Input(page, "channel-url").Change(fx.Receiver.Url(path));
        Input(page, "channel-secret").Change(Secret);
        Assert.Equal("password", Input(page, "channel-secret").GetAttribute("type"));
        await page.Find("[data-testid=channel-save]").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains($"Channel {name} created", Message(page)));
        Assert.Empty(page.FindAll("[data-testid=channel-form]"));
        var channel = await ChannelAsync(name);
        Assert.NotNull(channel);
        Assert.Equal(fx.Receiver.BaseAddress.Authority, Row(page, name).QuerySelector("[data-testid=channel-destination]")!.TextContent);
        Assert.DoesNotContain(Secret, page.Markup, StringComparison.Ordinal); // write-only: never shown again
        Assert.DoesNotContain(path, page.Markup, StringComparison.Ordinal);
        var secrets = ctx.Services.GetRequiredService<ChannelSecrets>();
        Assert.Equal((fx.Receiver.Url(path), Secret), secrets.Read(channel!));
        Assert.Equal(1, await AuditCountAsync(AuditActions.NotificationChannelCreated, name));

        // A route of the introduced findings of team payments, high and above, in pay* namespaces, quiet at night.
        await page.Find("[data-testid=route-new]").ClickAsync(new MouseEventArgs());
        var form = page.FindComponent<RouteForm>();
        var channelSelect = form.FindComponent<MudSelect<Guid?>>();
        await channelSelect.InvokeAsync(() => channelSelect.Instance.ValueChanged.InvokeAsync(channel!.Id));
        var severity = form.FindComponent<MudSelect<PolicySeverity>>();
        await severity.InvokeAsync(() => severity.Instance.ValueChanged.InvokeAsync(PolicySeverity.High));
        var teams = form.FindComponents<MudSelect<Guid>>()[0];
        await teams.InvokeAsync(() => teams.Instance.SelectedValuesChanged.InvokeAsync(new HashSet<Guid> { fx.Payments }));
        Input(page, "route-namespace").Change("pay*");
        var quiet = form.FindComponents<MudNumericField<int?>>();
        await quiet[0].InvokeAsync(() => quiet[0].Instance.ValueChanged.InvokeAsync(22));
        await quiet[1].InvokeAsync(() => quiet[1].Instance.ValueChanged.InvokeAsync(7));
        await page.Find("[data-testid=route-save]").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains("Route added", Message(page)));
        var route = Assert.Single(await RoutesAsync(channel!.Id));
        Assert.Equal((NotificationEvents.FindingsIntroduced, (int)PolicySeverity.High, "pay*", 22, 7),
            (route.Event, route.MinSeverity, route.Namespace, route.QuietStartHour, route.QuietEndHour));
        Assert.Equal([fx.Payments], route.TeamIds);
        Assert.Empty(route.ClusterIds);
        var row = RouteRow(page, name);
        Assert.Contains("teams payments", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("namespace pay*", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("22:00–07:00", row.TextContent, StringComparison.Ordinal);

        // Changed: the form starts from the stored route.
        await RouteRow(page, name).QuerySelector("[data-testid=route-edit]")!.ClickAsync(new MouseEventArgs());
        Assert.Equal("pay*", Input(page, "route-namespace").GetAttribute("value"));
        Input(page, "route-namespace").Change("ledger-*");
        await page.Find("[data-testid=route-save]").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Contains("Route changed.", Message(page)));
        route = Assert.Single(await RoutesAsync(channel.Id));
        Assert.Equal(("ledger-*", 22), (route.Namespace, route.QuietStartHour));
        Assert.Equal([fx.Payments], route.TeamIds);
        Assert.Equal(1, await AuditCountAsync(AuditActions.NotificationRouteChanged, route.Id.ToString()));

        // Deleting asks once more.
        await RouteRow(page, name).QuerySelector("[data-testid=route-delete]")!.ClickAsync(new MouseEventArgs());
        Assert.Single(await RoutesAsync(channel.Id));
        await RouteRow(page, name).QuerySelector("[data-testid=route-delete-confirm]")!.ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Contains("deleted", Message(page)));
        Assert.Empty(await RoutesAsync(channel.Id));

        await Row(page, name).QuerySelector("[data-testid=channel-delete]")!.ClickAsync(new MouseEventArgs());
        await Row(page, name).QuerySelector("[data-testid=channel-delete-confirm]")!.ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Contains($"Channel {name} deleted", Message(page)));
        Assert.Null(await ChannelAsync(name));
        Assert.DoesNotContain(page.FindAll("[data-testid=channel-actions]"), e => e.GetAttribute("data-channel") == name);
    }

    [Fact]
    public async Task RefusedInput_IsShownBesideItsForm_AndNothingIsSaved()
    {
        var name = "bad-" + Guid.NewGuid().ToString("N")[..6];
        var existing = await fx.StoreWebhookAsync("kept-" + Guid.NewGuid().ToString("N")[..6], fx.Receiver.Url("/kept"), Secret);
        await using var ctx = fx.Context(Roles.Admin);
        var page = ctx.Render<NotificationsAdminPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=channel-new]"));

        // A short secret and a private address the guard does not allow: both reasons, beside the form, which stays open.
        await page.Find("[data-testid=channel-new]").ClickAsync(new MouseEventArgs());
        Input(page, "channel-name").Change(name);
        Input(page, "channel-url").Change("https://10.1.2.3/hook");
        Input(page, "channel-secret").Change("short");
        await page.Find("[data-testid=channel-save]").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains("needs a secret of 16", page.Find("[data-testid=channel-form-errors]").TextContent));
        var errors = page.Find("[data-testid=channel-form-errors]").TextContent;
        Assert.Contains("10.1.2.3", errors, StringComparison.Ordinal);
        Assert.Contains("private", errors, StringComparison.Ordinal);
        Assert.Equal(name, Input(page, "channel-name").GetAttribute("value"));
        Assert.Null(await ChannelAsync(name));
        Assert.Equal(0, await AuditCountAsync(AuditActions.NotificationChannelCreated, name));

        // A route with half its quiet hours and a cluster label without a value.
        await page.Find("[data-testid=route-new]").ClickAsync(new MouseEventArgs());
        var form = page.FindComponent<RouteForm>();
        var channelSelect = form.FindComponent<MudSelect<Guid?>>();
        await channelSelect.InvokeAsync(() => channelSelect.Instance.ValueChanged.InvokeAsync(existing));
        Input(page, "route-cluster-label").Change("env");
        var quiet = form.FindComponents<MudNumericField<int?>>();
        await quiet[0].InvokeAsync(() => quiet[0].Instance.ValueChanged.InvokeAsync(3));
        await page.Find("[data-testid=route-save]").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains("Quiet hours need both", page.Find("[data-testid=route-form-errors]").TextContent));
        Assert.Contains("clusterLabel must be key=value", page.Find("[data-testid=route-form-errors]").TextContent, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-testid=route-form]"));
        Assert.Empty(await RoutesAsync(existing));
    }

    [Theory]
    [InlineData(200, DeliverySummary.Delivered, "accepted it with status code 200")]
    [InlineData(400, DeliverySummary.Failed, "status code 400")]
    public async Task SendTest_ShowsTheOutcome_AndTheLogHasTheDelivery(int status, string kind, string text)
    {
        var path = $"/test-{status}-{Guid.NewGuid():N}";
        var channel = await fx.StoreWebhookAsync("test-" + Guid.NewGuid().ToString("N")[..6], fx.Receiver.Url(path), Secret);
        fx.Receiver.Answer(new FakeReceiver.Reply(status, Body: status == 200 ? "ok" : "invalid_payload"));

        await using var ctx = fx.Context(Roles.Admin);
        var page = await SendTestAsync(ctx, channel);

        page.WaitForAssertion(() => Assert.Equal(kind, page.Find("[data-testid=test-outcome]").GetAttribute("data-status")));
        Assert.Contains(text, page.Find("[data-testid=test-outcome]").TextContent, StringComparison.Ordinal);
        Assert.Single(fx.Receiver.Requests, r => r.Path == path);
        page.WaitForAssertion(() => Assert.Equal(status == 200 ? "delivered" : "failed", page.Find("[data-testid=delivery-row]").GetAttribute("data-status")));
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Find("[data-testid=delivery-code]").TextContent);
        Assert.Equal("1", page.Find("[data-testid=delivery-attempts]").TextContent);
    }

    [Fact]
    public async Task SendTest_ToADestinationTheGuardNowRefuses_SaysRefusedAndSendsNothing()
    {
        var channel = await fx.StoreWebhookAsync("private-" + Guid.NewGuid().ToString("N")[..6], "http://10.1.2.3/hook", Secret);
        var before = fx.Receiver.Requests.Count;

        await using var ctx = fx.Context(Roles.Admin);
        var page = await SendTestAsync(ctx, channel);

        page.WaitForAssertion(() => Assert.Equal(DeliverySummary.Refused, page.Find("[data-testid=test-outcome]").GetAttribute("data-status")));
        var outcome = page.Find("[data-testid=test-outcome]").TextContent;
        Assert.Contains("Refused by the destination guard, nothing was sent", outcome, StringComparison.Ordinal);
        Assert.Contains("10.1.2.3", outcome, StringComparison.Ordinal);
        Assert.DoesNotContain("/hook", outcome, StringComparison.Ordinal);
        Assert.Equal(before, fx.Receiver.Requests.Count);
        page.WaitForAssertion(() => Assert.Equal("failed", page.Find("[data-testid=delivery-row]").GetAttribute("data-status")));
        Assert.Equal("–", page.Find("[data-testid=delivery-code]").TextContent);
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Engineer)]
    public async Task NonAdmin_IsRefused_AndSeesNoChannelNorLog(string role)
    {
        var channel = await fx.StoreWebhookAsync("hidden-" + Guid.NewGuid().ToString("N")[..6], fx.Receiver.Url("/hidden"), Secret);
        await using var ctx = fx.Context(role);

        var page = ctx.Render<NotificationsAdminPage>();
        var log = ctx.Render<DeliveryLog>(p => p.Add(x => x.ChannelId, channel).Add(x => x.ChannelName, "hidden"));

        page.WaitForAssertion(() => page.Find("[data-testid=notifications-refused]"));
        Assert.Empty(page.FindAll("[data-testid=channels-table], [data-testid=channel-new], [data-testid=route-new], [data-testid=channel-test]"));
        Assert.DoesNotContain("hidden-", page.Markup, StringComparison.Ordinal);
        log.WaitForAssertion(() => Assert.Contains(AccessGuard.NotAllowed, log.Find("[data-testid=delivery-log-error]").TextContent));
        Assert.Empty(log.FindAll("[data-testid=delivery-table]"));
    }

    [Fact]
    public async Task Admin_DemotedAfterTheTabOpened_IsRefusedAndNothingChanges()
    {
        var kept = "kept-" + Guid.NewGuid().ToString("N")[..6];
        var name = "stale-" + Guid.NewGuid().ToString("N")[..6];
        var channel = await fx.StoreWebhookAsync(kept, fx.Receiver.Url("/stale"), Secret);
        await using var ctx = fx.Context(Roles.Admin);
        var page = ctx.Render<NotificationsAdminPage>();
        page.WaitForAssertion(() => Assert.NotNull(Row(page, kept)));
        await fx.SetRoleAsync(DashboardTestContext.UserId(Roles.Admin), Roles.Viewer);
        try
        {
            await page.Find("[data-testid=channel-new]").ClickAsync(new MouseEventArgs());
            Input(page, "channel-name").Change(name);
            Input(page, "channel-url").Change(fx.Receiver.Url("/stale-new"));
            Input(page, "channel-secret").Change(Secret);
            await page.Find("[data-testid=channel-save]").ClickAsync(new MouseEventArgs());
            page.WaitForAssertion(() => Assert.Contains(AccessGuard.NotAllowed, Message(page)));

            await Row(page, kept).QuerySelector("[data-testid=channel-test]")!.ClickAsync(new MouseEventArgs());
            await Row(page, kept).QuerySelector("[data-testid=channel-delete]")!.ClickAsync(new MouseEventArgs());
            await Row(page, kept).QuerySelector("[data-testid=channel-delete-confirm]")!.ClickAsync(new MouseEventArgs());
            page.WaitForAssertion(() => Assert.Contains(AccessGuard.NotAllowed, Message(page)));
            await Row(page, kept).QuerySelector("[data-testid=channel-log]")!.ClickAsync(new MouseEventArgs());
            page.WaitForAssertion(() => Assert.Contains(AccessGuard.NotAllowed, page.Find("[data-testid=delivery-log-error]").TextContent));

            Assert.Null(await ChannelAsync(name));
            Assert.NotNull(await ChannelAsync(kept));
            Assert.Empty(page.FindAll("[data-testid=test-outcome]"));
            Assert.Empty(ctx.Jobs.Created);
            await using var db = DashboardSeeder.Context(fx.ConnectionString);
            Assert.False(await db.NotificationDeliveries.AnyAsync(d => d.ChannelId == channel));
            Assert.Equal(0, await AuditCountAsync(AuditActions.NotificationChannelCreated, name));
            Assert.Equal(0, await AuditCountAsync(AuditActions.NotificationChannelDeleted, kept));
        }
        finally
        {
            await fx.SetRoleAsync(DashboardTestContext.UserId(Roles.Admin), Roles.Admin);
        }
    }

    // Clicks "Send test" as an Admin, runs the delivery job the page queued (Hangfire's part), and returns the page.
    private async Task<IRenderedComponent<NotificationsAdminPage>> SendTestAsync(DashboardTestContext ctx, Guid channel)
    {
        var page = ctx.Render<NotificationsAdminPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=channel-actions]")));
        var row = page.FindAll("[data-testid=channel-actions]").Single(e => e.GetAttribute("data-channel") == Name(channel));
        await row.QuerySelector("[data-testid=channel-test]")!.ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Equal(DeliverySummary.Pending, page.Find("[data-testid=test-outcome]").GetAttribute("data-status")));
        var job = Assert.Single(ctx.Jobs.Created, j => j.Type == typeof(NotificationDeliveryJob));
        await ctx.Services.GetRequiredService<NotificationDeliveryJob>().RunAsync((long)job.Args[0], CancellationToken.None);
        return page;

        string Name(Guid id)
        {
            using var db = DashboardSeeder.Context(fx.ConnectionString);
            return db.NotificationChannels.Single(c => c.Id == id).Name;
        }
    }

    private static IElement Input(IRenderedComponent<NotificationsAdminPage> page, string testId) =>
        page.Find($"[data-testid={testId}] input, input[data-testid={testId}]");

    private static string Message(IRenderedComponent<NotificationsAdminPage> page) =>
        page.FindAll("[data-testid=notifications-message]").SingleOrDefault()?.TextContent ?? "";

    private static IElement Row(IRenderedComponent<NotificationsAdminPage> page, string channel) =>
        page.FindAll("[data-testid=channel-actions]").Single(e => e.GetAttribute("data-channel") == channel).ParentElement!;

    private static IElement RouteRow(IRenderedComponent<NotificationsAdminPage> page, string channel) =>
        page.FindAll("[data-testid=routes-table] tbody tr").Single(r => r.QuerySelector("[data-testid=route-channel-name]")?.TextContent == channel);

    private async Task<Data.Entities.NotificationChannel?> ChannelAsync(string name)
    {
        await using var db = DashboardSeeder.Context(fx.ConnectionString);
        return await db.NotificationChannels.AsNoTracking().SingleOrDefaultAsync(c => c.Name == name);
    }

    private async Task<List<Data.Entities.NotificationRoute>> RoutesAsync(Guid channel)
    {
        await using var db = DashboardSeeder.Context(fx.ConnectionString);
        return await db.NotificationRoutes.AsNoTracking().Where(r => r.ChannelId == channel).ToListAsync();
    }

    private async Task<int> AuditCountAsync(string action, string target)
    {
        await using var db = DashboardSeeder.Context(fx.ConnectionString);
        return await db.AuditEntries.CountAsync(a => a.Action == action && a.Target == target);
    }
}
