using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Features.Agents;

/// <summary>The "Connect with agent" wizard: name the cluster, get the token once with the install commands filled in.</summary>
public sealed partial class AgentConnectPage
{
    private string _name = "";
    private int _interval = AgentConnections.DefaultIntervalMinutes;
    private bool _busy;
    private IReadOnlyList<string> _errors = [];
    private AgentConnectionResult? _created;
    private string _commands = "";
    private string _serverUrl = "";

    [Inject] private AgentConnections Agents { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [Inject] private IOptions<AgentIngestionOptions> Options { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    private async Task CreateAsync()
    {
        _busy = true;
        try
        {
            var result = await Agents.CreateAsync((await AuthState).User, _name, _interval, CancellationToken.None);
            _errors = result.Errors;
            if (result.Succeeded)
            {
                _created = result;
                _serverUrl = ServerUrl(Options.Value, Navigation);
                _commands = AgentInstallCommands.Install(_serverUrl, result.Token!);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    internal static string ServerUrl(AgentIngestionOptions options, NavigationManager navigation) =>
        (string.IsNullOrWhiteSpace(options.PublicUrl) ? navigation.BaseUri : options.PublicUrl).TrimEnd('/');
}
