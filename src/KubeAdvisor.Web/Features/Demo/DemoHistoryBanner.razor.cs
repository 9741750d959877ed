using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace KubeAdvisor.Web.Features.Demo;

/// <summary>Shown above every page while seeded demo history exists, until dismissed in this browser.</summary>
public sealed partial class DemoHistoryBanner
{
    private const string DismissedKey = "kubeadvisor.demo-history-banner";
    private IReadOnlyList<string> _clusters = [];
    private bool _dismissed = true;
    private bool _admin;

    [Inject]
    private DemoHistory History { get; set; } = null!;

    [Inject]
    private AccessGuard Guard { get; set; } = null!;

    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Read once the circuit runs (localStorage is the browser's); the prerendered page shows no banner.
        if (!firstRender || !RendererInfo.IsInteractive)
        {
            return;
        }

        _clusters = await History.ClustersAsync();
        if (_clusters.Count == 0)
        {
            return;
        }

        _dismissed = await JS.InvokeAsync<string?>("localStorage.getItem", DismissedKey) == "dismissed";
        _admin = await Guard.IsAllowedAsync(AuthPolicies.CanAdminister);
        StateHasChanged();
    }

    private async Task DismissAsync()
    {
        _dismissed = true;
        await JS.InvokeVoidAsync("localStorage.setItem", DismissedKey, "dismissed");
    }

    private async Task RemoveAsync()
    {
        if (AuthenticationState is null)
        {
            return;
        }

        try
        {
            // The service checks the role again from the database: a demoted Admin's open tab is refused.
            var removed = await History.RemoveAsync((await AuthenticationState).User);
            Snackbar.Add($"Demo history removed: {string.Join(", ", removed)}.", Severity.Success);
            Navigation.Refresh(forceReload: true);
        }
        catch (UnauthorizedAccessException)
        {
            Snackbar.Add(AccessGuard.NotAllowed, Severity.Error);
        }
    }
}
