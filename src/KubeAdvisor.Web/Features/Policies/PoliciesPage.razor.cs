using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Dashboard;
using KubeAdvisor.Web.Features.Scans;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Components;

namespace KubeAdvisor.Web.Features.Policies;

/// <summary>/policies: ?tab=catalog|matrix|settings, ?cluster= for the per-cluster settings.</summary>
public sealed partial class PoliciesPage
{
    private static readonly string[] Tabs = ["catalog", "matrix", "settings"];
    private IReadOnlyList<PolicyQueries.ClusterSettings>? _clusters;
    private bool _isAdmin;
    private bool _ok;
    private string? _message;
    private string? _error;
    private Guid? _changedCluster;
    private Guid? _copyFrom;

    [Inject] private PolicyQueries Queries { get; set; } = null!;

    [Inject] internal PolicySettingsEditor Editor { get; set; } = null!;

    [Inject] private AccessGuard Guard { get; set; } = null!;

    [Inject] private ScanScheduler Scheduler { get; set; } = null!;

    [Inject] private NavigationManager Nav { get; set; } = null!;

    [Inject] private ILogger<PoliciesPage> Log { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "tab")] public string? Tab { get; set; }

    [SupplyParameterFromQuery(Name = "cluster")] public Guid? ClusterId { get; set; }

    private int TabIndex => Math.Max(0, Array.IndexOf(Tabs, Tab ?? ""));

    private Guid? SelectedId => Selected?.Id;

    private PolicyQueries.ClusterSettings? Selected => _clusters?.FirstOrDefault(c => c.Id == ClusterId) ?? _clusters?.FirstOrDefault();

    protected override async Task OnInitializedAsync()
    {
        _isAdmin = await Guard.IsAllowedAsync(AuthPolicies.CanAdminister);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _clusters = await Queries.LoadAsync();
            _error = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LogError(e, "Loading policy settings failed");
            _error = DashboardText.LoadFailed;
        }
    }

    /// <summary>The matrix switch: the editor refuses anyone but an Admin.</summary>
    internal async Task ToggleAsync((Guid ClusterId, string PolicyId, bool Enabled) change) =>
        await ShowAsync((change.ClusterId, await Editor.SetEnabledAsync(change.ClusterId, change.PolicyId, change.Enabled)));

    // Replaces every setting of the target with the source's; the editor checks the role again and audits the diff.
    private async Task CopyAsync(PolicyQueries.ClusterSettings target)
    {
        if (_copyFrom is not { } source)
        {
            return;
        }

        var result = await Editor.CopyAsync(source, target.Id);
        _copyFrom = null;
        await ShowAsync((target.Id, result));
    }

    private async Task ShowAsync((Guid ClusterId, PolicyChangeResult Result) change)
    {
        _ok = change.Result.Succeeded;
        _changedCluster = _ok ? change.ClusterId : null;
        _message = _ok ? "Saved. It takes effect at the cluster's next scan." : string.Join("\n", change.Result.Errors);
        await LoadAsync();
    }

    private async Task RescanAsync(Guid clusterId)
    {
        try
        {
            var user = await Guard.EnsureAsync(AuthPolicies.CanOperate);
            var request = await Scheduler.RequestAsync(clusterId, ScanTrigger.Manual, user, CancellationToken.None);
            (_ok, _message) = request is null
                ? (false, "This cluster is scanned by its agent: the change applies at its next push.")
                : (true, "Scan queued: the cluster page shows the new score when it completes.");
        }
        catch (UnauthorizedAccessException)
        {
            (_ok, _message) = (false, DashboardText.NotAllowed);
        }

        _changedCluster = null;
    }

    private Task TabChangedAsync(int index)
    {
        SetQuery("tab", index == 0 ? null : Tabs[index]);
        return Task.CompletedTask;
    }

    private void SetQuery(string name, string? value) =>
        Nav.NavigateTo(Nav.GetUriWithQueryParameter(name, value), replace: true);
}
