using KubeAdvisor.Core.Admission;
using KubeAdvisor.Core.Policies;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace KubeAdvisor.Web.Features.Admission;

/// <summary>
/// The admission webhook's panel of the cluster page (agent clusters only). Saving goes through
/// <see cref="AdmissionModes"/>, which checks the Admin role in the database again: a tab opened before a demotion is refused.
/// </summary>
public sealed partial class AdmissionPanel
{
    private AdmissionWeek? _week;
    private AdmissionMode _mode;
    private Severity _severity = Severity.High;
    private bool _busy;
    private bool _ok;
    private string? _message;

    [Inject] private AdmissionQueries Queries { get; set; } = null!;

    [Inject] private AdmissionModes Modes { get; set; } = null!;

    [Inject] private AuthenticationStateProvider Auth { get; set; } = null!;

    [Parameter, EditorRequired] public Guid ClusterId { get; set; }

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        _week = await Queries.WeekAsync(ClusterId);
        if (_week is not null)
        {
            (_mode, _severity) = (_week.Mode, _week.MinSeverity);
        }
    }

    /// <summary>Saves the chosen mode; refused for anyone who is not an Admin now.</summary>
    public async Task SaveAsync()
    {
        _busy = true;
        try
        {
            var user = (await Auth.GetAuthenticationStateAsync()).User;
            var result = await Modes.SetAsync(user, ClusterId, _mode, _severity, CancellationToken.None);
            (_ok, _message) = result switch
            {
                AdmissionChange.Saved => (true, $"Admission mode set to {AdmissionModes.Describe(_mode, _severity)}; the agent applies it within a minute."),
                AdmissionChange.Unchanged => (true, "Nothing changed."),
                AdmissionChange.NotAnAgentCluster => (false, "Only agent-connected clusters run the admission webhook."),
                _ => (false, "The cluster no longer exists."),
            };
            await LoadAsync();
        }
        catch (UnauthorizedAccessException)
        {
            (_ok, _message) = (false, Dashboard.DashboardText.NotAllowed);
        }
        finally
        {
            _busy = false;
            StateHasChanged();
        }
    }
}
