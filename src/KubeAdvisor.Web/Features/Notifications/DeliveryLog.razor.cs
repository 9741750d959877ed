using KubeAdvisor.Web.Features.Dashboard;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>
/// The delivery log of one channel (the newest <see cref="MaxShown"/>). While a delivery is queued, sending or retrying
/// it reads the log again every <see cref="Interval"/>, and tells the page when the message it watches (a "Send test")
/// has settled. Every read checks the Admin role again: a demoted user's open tab gets the refusal, not the log.
/// </summary>
public sealed partial class DeliveryLog : ComponentBase, IAsyncDisposable
{
    public const int MaxShown = 50;

    private readonly CancellationTokenSource _stop = new();
    private PeriodicTimer? _timer;
    private Task? _loop;
    private IReadOnlyList<DeliveryView>? _items;
    private string? _error;
    private Guid? _reported;

    [Inject] private NotificationQueries Queries { get; set; } = null!;

    [Inject] private AccessGuard Guard { get; set; } = null!;

    [Inject] private ILogger<DeliveryLog> Log { get; set; } = null!;

    [Parameter, EditorRequired] public Guid ChannelId { get; set; }

    [Parameter, EditorRequired] public string ChannelName { get; set; } = "";

    /// <summary>A message whose outcome the page waits for (the last "Send test").</summary>
    [Parameter] public Guid? Watch { get; set; }

    /// <summary>Raised once when the watched message is delivered or has failed for good.</summary>
    [Parameter] public EventCallback<DeliveryView> OnSettled { get; set; }

    [Parameter] public EventCallback OnClose { get; set; }

    [Parameter] public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    private bool Pending => _error is null && (_items is null || _items.Any(d => !DeliverySummary.IsFinal(d))
        || (Watch is { } watched && _reported != watched));

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        if (RendererInfo.IsInteractive && _timer is null)
        {
            _timer = new PeriodicTimer(Interval);
            _loop = PollAsync(_timer, _stop.Token);
        }
    }

    private async Task LoadAsync()
    {
        IReadOnlyList<DeliveryView> items;
        try
        {
            await Guard.EnsureAsync(AuthPolicies.CanAdminister, _stop.Token);
            var read = await Queries.DeliveriesAsync(ChannelId, MaxShown, _stop.Token);
            items = read ?? [];
            (_items, _error) = (items, read is null ? "This channel no longer exists." : null);
        }
        catch (UnauthorizedAccessException e)
        {
            (_items, _error) = (null, e.Message);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LogWarning(e, "Reading the delivery log of channel {ChannelId} failed", ChannelId);
            _error = DashboardText.LoadFailed;
            return;
        }

        if (Watch is { } watched && _reported != watched && items.FirstOrDefault(d => d.Id == watched) is { } settled && DeliverySummary.IsFinal(settled))
        {
            _reported = watched;
            await OnSettled.InvokeAsync(settled);
        }
    }

    // Reads again only while something is on its way; a settled log costs a timer tick and nothing else.
    private async Task PollAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (Pending)
                {
                    await InvokeAsync(async () =>
                    {
                        await LoadAsync();
                        StateHasChanged();
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
            // disposed
        }
    }

    private static Color StatusColor(DeliveryView d) => DeliverySummary.Of(d).Kind switch
    {
        DeliverySummary.Delivered => Color.Success,
        DeliverySummary.Pending => Color.Info,
        _ => Color.Error,
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _timer?.Dispose();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
    }
}
