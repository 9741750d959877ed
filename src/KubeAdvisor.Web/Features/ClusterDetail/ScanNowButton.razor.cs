using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Dashboard;
using KubeAdvisor.Web.Features.Scans;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Components;

namespace KubeAdvisor.Web.Features.ClusterDetail;

public sealed partial class ScanNowButton
{
    private bool _busy;
    private bool _ok;
    private string? _message;

    [Inject] private AccessGuard Guard { get; set; } = null!;

    [Inject] private ScanScheduler Scheduler { get; set; } = null!;

    [Parameter, EditorRequired] public Guid ClusterId { get; set; }

    [Parameter] public ConnectionType Connection { get; set; }

    [Parameter] public EventCallback OnQueued { get; set; }

    /// <summary>Queues a manual scan; refused (and nothing queued) for a role below Engineer, whatever the UI showed.</summary>
    public async Task ScanNowAsync()
    {
        _busy = true;
        try
        {
            var user = await Guard.EnsureAsync(AuthPolicies.CanOperate);
            var request = await Scheduler.RequestAsync(ClusterId, ScanTrigger.Manual, user, CancellationToken.None);
            (_ok, _message) = request switch
            {
                null => (false, "This cluster cannot be scanned from here (it was deleted or connects through an agent)."),
                { AlreadyActive: true } => (true, "A scan is already queued or running; this page updates when it completes."),
                _ => (true, "Scan queued; this page updates when it completes."),
            };
            await OnQueued.InvokeAsync();
        }
        catch (UnauthorizedAccessException)
        {
            (_ok, _message) = (false, DashboardText.NotAllowed);
        }
        finally
        {
            _busy = false;
            StateHasChanged();
        }
    }
}
