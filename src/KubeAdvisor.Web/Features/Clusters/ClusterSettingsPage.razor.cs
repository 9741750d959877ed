using KubeAdvisor.Kubernetes.Collection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace KubeAdvisor.Web.Features.Clusters;

/// <summary>Edit name, interval and context; replace credentials; test; delete (confirmed by typing the name).</summary>
public sealed partial class ClusterSettingsPage
{
    private ClusterQueries.ClusterSummary? _cluster;
    private bool _loaded;
    private string _name = "";
    private int _interval;
    private string? _context;
    private string _kubeconfig = "";
    private bool _allowInsecure;
    private string _confirm = "";
    private string? _labels;
    private string? _message;
    private bool _ok;
    private ConnectionTestResult? _test;

    [Parameter] public Guid Id { get; set; }

    [Inject] private ClusterAdministration Admin { get; set; } = null!;

    [Inject] private ClusterQueries Queries { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        _cluster = await Queries.FindAsync(Id, CancellationToken.None);
        _loaded = true;
        if (_cluster is not null)
        {
            (_name, _interval, _context) = (_cluster.Name, _cluster.ScanIntervalMinutes, _cluster.Context);
            _labels = string.Join(", ", _cluster.Labels.Select(l => $"{l.Key}={l.Value}"));
        }
    }

    private async Task SaveAsync() =>
        Show(await Admin.UpdateAsync(await UserAsync(), Id, _name, _interval, _context, CancellationToken.None), "Saved.");

    private async Task SaveLabelsAsync()
    {
        var (labels, error) = ClusterLabels.ParseText(_labels);
        try
        {
            Show(error is not null ? ClusterCommandResult.Fail(error) : await Admin.SetLabelsAsync(await UserAsync(), Id, labels, CancellationToken.None), "Labels saved.");
        }
        catch (UnauthorizedAccessException e)
        {
            // A tab opened while the user was an Admin: the role is read again for every change (AccessGuard).
            Show(ClusterCommandResult.Fail(e.Message), "");
        }
    }

    private async Task ReplaceAsync()
    {
        var result = await Admin.ReplaceCredentialsAsync(await UserAsync(), Id, _kubeconfig, null, _allowInsecure, CancellationToken.None);
        if (result.Succeeded)
        {
            _kubeconfig = "";
        }

        Show(result, "Credentials replaced; the next scan uses them.");
    }

    private async Task TestAsync() => _test = await Admin.TestStoredAsync(await UserAsync(), Id, CancellationToken.None);

    private async Task DeleteAsync()
    {
        var result = await Admin.DeleteAsync(await UserAsync(), Id, CancellationToken.None);
        if (result.Succeeded)
        {
            Navigation.NavigateTo("/clusters");
            return;
        }

        Show(result, "");
    }

    private void Show(ClusterCommandResult result, string success)
    {
        _ok = result.Succeeded;
        _message = result.Succeeded ? string.Join(" ", new[] { success }.Concat(result.Warnings)) : string.Join(" ", result.Errors);
        if (result.Succeeded)
        {
            _ = LoadAsync();
        }
    }

    private async Task<System.Security.Claims.ClaimsPrincipal> UserAsync() => (await AuthState).User;
}
