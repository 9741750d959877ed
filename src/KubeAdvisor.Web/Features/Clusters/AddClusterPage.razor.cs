using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Kubernetes.Kubeconfig;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;

namespace KubeAdvisor.Web.Features.Clusters;

/// <summary>The add-cluster wizard: paste or upload, check (contexts, refusals), test, connect.</summary>
public sealed partial class AddClusterPage
{
    private static readonly long MaxKubeconfigBytes = KubeconfigValidator.Limits.MaxBytes;

    private string _name = "";
    private int _interval = ClusterNames.DefaultIntervalMinutes;
    private string _kubeconfig = "";
    private string? _context;
    private bool _allowInsecure;
    private bool _busy;
    private List<string> _contexts = [];
    private IReadOnlyList<string> _errors = [];
    private IReadOnlyList<string> _warnings = [];
    private ConnectionTestResult? _test;

    [Inject] private ClusterAdministration Admin { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        try
        {
            using var reader = new StreamReader(e.File.OpenReadStream(MaxKubeconfigBytes));
            _kubeconfig = await reader.ReadToEndAsync();
            await CheckAsync();
        }
        catch (IOException)
        {
            _errors = [$"The file is larger than {MaxKubeconfigBytes / 1024} KiB; a kubeconfig may be at most that."];
        }
    }

    private async Task CheckAsync() => await RunAsync(async user =>
    {
        var result = await Admin.InspectAsync(user, _kubeconfig, _context, _allowInsecure);
        _contexts = result.Contexts.ToList();
        _context ??= result.Context;
        _errors = result.Errors;
        _warnings = result.Warnings;
        _test = null;
    });

    private async Task TestAsync() => await RunAsync(async user =>
    {
        var (validation, test) = await Admin.TestAsync(user, _kubeconfig, _context, _allowInsecure, CancellationToken.None);
        _contexts = validation.Contexts.ToList();
        _errors = validation.Errors;
        _warnings = validation.Warnings;
        _test = test;
    });

    private async Task ConnectAsync() => await RunAsync(async user =>
    {
        var result = await Admin.AddAsync(user, new AddClusterRequest(_name, _kubeconfig, _context, _interval, _allowInsecure), CancellationToken.None);
        _errors = result.Errors;
        _warnings = result.Warnings;
        if (result.Succeeded)
        {
            Navigation.NavigateTo($"/clusters/{result.Id}?added=1");
        }
    });

    private async Task RunAsync(Func<System.Security.Claims.ClaimsPrincipal, Task> action)
    {
        _busy = true;
        try
        {
            await action((await AuthState).User);
        }
        catch (UnauthorizedAccessException e)
        {
            _errors = [e.Message];
        }
        finally
        {
            _busy = false;
        }
    }
}
