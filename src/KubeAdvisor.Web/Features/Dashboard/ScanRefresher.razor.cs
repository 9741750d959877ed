using Microsoft.AspNetCore.Components;

namespace KubeAdvisor.Web.Features.Dashboard;

/// <summary>
/// Polls a change stamp every few seconds with a <see cref="PeriodicTimer"/> and raises <see cref="OnChanged"/> when
/// it differs, so pages showing a cluster refresh by themselves when its scan completes. Works across several web
/// processes because the stamp comes from the database. Stops with the component (circuit closed, page left).
/// </summary>
public sealed partial class ScanRefresher : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private PeriodicTimer? _timer;
    private Task? _loop;
    private RefreshStamp? _stamp;

    [Inject] private RefreshQueries Queries { get; set; } = null!;

    /// <summary>The cluster to watch; null watches all clusters.</summary>
    [Parameter] public Guid? ClusterId { get; set; }

    [Parameter] public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    [Parameter] public EventCallback OnChanged { get; set; }

    private bool Active => _stamp is { ActiveScans: > 0 };

    protected override async Task OnInitializedAsync()
    {
        _stamp = await SafeStampAsync(_stop.Token);
        if (!RendererInfo.IsInteractive)
        {
            return; // prerendering: the interactive render starts the timer
        }

        _timer = new PeriodicTimer(Interval);
        _loop = PollAsync(_timer, _stop.Token);
    }

    private async Task PollAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var stamp = await SafeStampAsync(ct);
                if (stamp is null || stamp == _stamp)
                {
                    continue;
                }

                _stamp = stamp;
                await InvokeAsync(async () =>
                {
                    await OnChanged.InvokeAsync();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // disposed
        }
    }

    // A failed poll (database briefly away) is retried at the next tick; the page keeps what it shows.
    private async Task<RefreshStamp?> SafeStampAsync(CancellationToken ct)
    {
        try
        {
            return await Queries.StampAsync(ClusterId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

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
