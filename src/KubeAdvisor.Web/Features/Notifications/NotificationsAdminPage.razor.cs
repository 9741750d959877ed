using System.Security.Claims;
using KubeAdvisor.Web.Features.Dashboard;
using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Features.Teams;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>
/// /settings/notifications (Admin): channels (with "Send test" and their delivery logs) and routes. Every change goes
/// through <see cref="NotificationAdministration"/> with the circuit's user, which checks the current role again; the
/// lists and logs are read only after <see cref="AccessGuard"/> has done the same. A tab opened before a demotion gets
/// the refusal in words, and nothing changes. Refused input comes back beside its form, and nothing is saved.
/// </summary>
public sealed partial class NotificationsAdminPage
{
    /// <summary>Where the page lives (linked from Settings).</summary>
    public const string Path = "/settings/notifications";

    private IReadOnlyList<ChannelView>? _channels;
    private IReadOnlyList<RouteView>? _routes;
    private IReadOnlyList<TeamOption> _teams = [];
    private IReadOnlyList<FindingsQueries.ClusterOption> _clusters = [];
    private bool _isAdmin;
    private bool _channelForm;
    private IReadOnlyList<string> _channelErrors = [];
    private bool _routeForm;
    private RouteView? _editing;
    private IReadOnlyList<string> _routeErrors = [];
    private Guid? _logOf;
    private TestWatch? _test;
    private bool _ok;
    private string? _message;
    private string? _error;

    [Inject] private NotificationQueries Queries { get; set; } = null!;

    [Inject] private NotificationAdministration Admin { get; set; } = null!;

    [Inject] private TeamQueries Teams { get; set; } = null!;

    [Inject] private FindingsQueries Findings { get; set; } = null!;

    [Inject] private AccessGuard Guard { get; set; } = null!;

    [Inject] private AuthenticationStateProvider Auth { get; set; } = null!;

    [Inject] private ILogger<NotificationsAdminPage> Log { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        // The route already requires an Admin; the page asks again so that nothing is shown to anyone else.
        _isAdmin = await Guard.IsAllowedAsync(AuthPolicies.CanAdminister);
        if (_isAdmin)
        {
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            // Destinations and routes are an Admin's business: the role is read again before every load.
            await Guard.EnsureAsync(AuthPolicies.CanAdminister);
            var channels = await Queries.ChannelsAsync();
            var routes = await Queries.RoutesAsync();
            _teams = await Teams.OptionsAsync();
            _clusters = await Findings.ClustersAsync();
            (_channels, _routes, _error) = (channels, routes, null);
        }
        catch (UnauthorizedAccessException e)
        {
            (_isAdmin, _channels, _routes, _ok, _message) = (false, null, null, false, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LogError(e, "Loading notification channels and routes failed");
            _error = DashboardText.LoadFailed;
        }
    }

    private async Task CreateChannelAsync(ChannelRequest request)
    {
        if (await RunAsync((user, ct) => Admin.CreateChannelAsync(user, request, ct)) is not { } result)
        {
            return;
        }

        if (!result.Succeeded)
        {
            _channelErrors = result.Errors;
            return;
        }

        (_channelForm, _channelErrors) = (false, []);
        await DoneAsync($"Channel {request.Name?.Trim()} created. \"Send test\" tries it; add a route to send it events.");
    }

    private async Task DeleteChannelAsync(ChannelView channel)
    {
        if (await RunAsync((user, ct) => Admin.DeleteChannelAsync(user, channel.Id, ct)) is { } result)
        {
            if (_logOf == channel.Id)
            {
                _logOf = null;
            }

            await DoneAsync(result, $"Channel {channel.Name} deleted with its routes and delivery log.");
        }
    }

    private async Task SendTestAsync(ChannelView channel)
    {
        if (await RunAsync((user, ct) => Admin.SendTestAsync(user, channel.Id, ct)) is not { } result)
        {
            return;
        }

        if (!result.Succeeded)
        {
            await DoneAsync(result, "");
            return;
        }

        // The message goes through the outbox like any event; the channel's log follows it and reports how it ended.
        _test = new TestWatch(channel.Id, channel.Name, result.Id!.Value, DeliverySummary.Pending, "Queued; waiting for the delivery job.");
        _logOf = channel.Id;
    }

    private void TestSettled(DeliveryView delivery)
    {
        if (_test is { } test && test.MessageId == delivery.Id)
        {
            var summary = DeliverySummary.Of(delivery);
            _test = test with { Kind = summary.Kind, Text = summary.Text };
        }
    }

    private void OpenLog(Guid channelId) => _logOf = channelId;

    private Guid? WatchOf(Guid channelId) => _test is { } test && test.ChannelId == channelId ? test.MessageId : null;

    private void NewRoute() => (_routeForm, _editing, _routeErrors) = (true, null, []);

    private void EditRoute(RouteView route) => (_routeForm, _editing, _routeErrors) = (true, route, []);

    private async Task SaveRouteAsync(RouteRequest request)
    {
        var editing = _editing;
        var result = await RunAsync((user, ct) => editing is null ? Admin.CreateRouteAsync(user, request, ct) : Admin.UpdateRouteAsync(user, editing.Id, request, ct));
        if (result is null)
        {
            return;
        }

        if (!result.Succeeded && !result.NotFound)
        {
            _routeErrors = result.Errors;
            return;
        }

        (_routeForm, _editing, _routeErrors) = (false, null, []);
        await DoneAsync(result, editing is null ? "Route added: matching events go to its channel from now on." : "Route changed.");
    }

    private async Task DeleteRouteAsync(RouteView route)
    {
        if (await RunAsync((user, ct) => Admin.DeleteRouteAsync(user, route.Id, ct)) is { } result)
        {
            await DoneAsync(result, $"Route of {route.Event} to {route.ChannelName} deleted.");
        }
    }

    private Task DoneAsync(NotificationCommandResult result, string success) =>
        result.Succeeded ? DoneAsync(success) : FailedAsync(result.Errors);

    private async Task DoneAsync(string message)
    {
        (_ok, _message) = (true, message);
        await LoadAsync();
    }

    private async Task FailedAsync(IReadOnlyList<string> errors)
    {
        (_ok, _message) = (false, string.Join("\n", errors));
        await LoadAsync();
    }

    /// <summary>
    /// Runs one change as the circuit's user; null when it did not run (the role is gone, or the database failed), and
    /// the page already says so.
    /// </summary>
    private async Task<NotificationCommandResult?> RunAsync(Func<ClaimsPrincipal, CancellationToken, Task<NotificationCommandResult>> change)
    {
        try
        {
            var user = (await Auth.GetAuthenticationStateAsync()).User;
            return await change(user, CancellationToken.None);
        }
        catch (UnauthorizedAccessException e)
        {
            (_ok, _message) = (false, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LogError(e, "Changing notification channels or routes failed");
            (_ok, _message) = (false, "The change could not be saved (the database may be unreachable). Try again in a moment.");
        }

        return null;
    }

    private static Severity TestSeverity(TestWatch test) => test.Kind switch
    {
        DeliverySummary.Delivered => Severity.Success,
        DeliverySummary.Pending => Severity.Info,
        _ => Severity.Error,
    };

    /// <summary>The last "Send test": its message, and what became of it so far.</summary>
    private sealed record TestWatch(Guid ChannelId, string ChannelName, Guid MessageId, string Kind, string Text);
}
