using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace KubeAdvisor.Web.Features.Agents;

/// <summary>An agent connection: online/offline (3 missed intervals), last contact, versions; rotate and revoke the token.</summary>
public sealed partial class AgentPage
{
    private AgentStatus? _status;
    private bool _loaded;
    private bool _confirmRevoke;
    private string? _newToken;
    private DateTimeOffset _now;

    [Parameter] public Guid ClusterId { get; set; }

    [Inject] private AgentConnections Agents { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [Inject] private IOptions<AgentIngestionOptions> Options { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    private Color StateColor => _status?.State switch
    {
        AgentState.Online => Color.Success,
        AgentState.Offline or AgentState.Revoked => Color.Error,
        _ => Color.Default,
    };

    private string StateText => _status?.State switch
    {
        AgentState.Online => "online",
        AgentState.Offline => "offline",
        AgentState.Revoked => "token revoked",
        _ => "never connected",
    };

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _now = Time.GetUtcNow();
        _status = await Agents.StatusAsync(ClusterId, CancellationToken.None);
        _loaded = true;
    }

    private async Task RotateAsync()
    {
        var result = await Agents.RotateAsync((await AuthState).User, ClusterId, CancellationToken.None);
        if (result.Succeeded)
        {
            _newToken = AgentInstallCommands.Rotate(AgentConnectPage.ServerUrl(Options.Value, Navigation), result.Token!);
        }

        await LoadAsync();
    }

    private async Task RevokeAsync()
    {
        if (!_confirmRevoke)
        {
            _confirmRevoke = true;
            return;
        }

        await Agents.RevokeAsync((await AuthState).User, ClusterId, CancellationToken.None);
        _confirmRevoke = false;
        _newToken = null;
        await LoadAsync();
    }
}
