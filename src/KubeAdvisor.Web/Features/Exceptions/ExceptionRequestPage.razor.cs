using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Web.Configuration;
using KubeAdvisor.Web.Features.Dashboard;
using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Features.Exceptions;

/// <summary>
/// /exceptions/new: the request form, pre-filled from the query string (<see cref="ExceptionPrefill"/>). Engineers and
/// Admins only (the page's policy); the request itself goes through <see cref="ExceptionWorkflow"/>, which checks the
/// role again and validates everything, so this form only adds "choose a cluster, or all clusters" explicitly.
/// </summary>
public sealed partial class ExceptionRequestPage
{
    internal const string AllClusters = "*";
    private const int GlobMax = ExceptionScope.MaxGlobLength;

    private IReadOnlyList<FindingsQueries.ClusterOption> _clusters = [];
    private string? _cluster;
    private string? _namespace;
    private string? _kind;
    private string? _name;
    private string? _container;
    private string? _image;
    private IReadOnlyCollection<string> _policies = [];
    private string? _reason;
    private string? _ticketUrl;
    private DateTime? _endDate;
    private int _maxDays = ExceptionValidation.DefaultDays;
    private bool _isAdmin;
    private bool _approveNow = true;
    private bool _busy;
    private IReadOnlyList<string> _errors = [];

    [Inject] private ExceptionWorkflow Workflow { get; set; } = null!;

    [Inject] private FindingsQueries Findings { get; set; } = null!;

    [Inject] private AccessGuard Guard { get; set; } = null!;

    [Inject] private AuthenticationStateProvider Auth { get; set; } = null!;

    [Inject] private IOptions<KubeAdvisorOptions> Options { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    [Inject] private NavigationManager Nav { get; set; } = null!;

    [Inject] private ILogger<ExceptionRequestPage> Log { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "cluster")] public string? ClusterQuery { get; set; }

    [SupplyParameterFromQuery(Name = "namespace")] public string? NamespaceQuery { get; set; }

    [SupplyParameterFromQuery(Name = "kind")] public string? KindQuery { get; set; }

    [SupplyParameterFromQuery(Name = "name")] public string? NameQuery { get; set; }

    [SupplyParameterFromQuery(Name = "container")] public string? ContainerQuery { get; set; }

    [SupplyParameterFromQuery(Name = "image")] public string? ImageQuery { get; set; }

    [SupplyParameterFromQuery(Name = "policy")] public string[]? PolicyQuery { get; set; }

    private DateTime Today => Time.GetUtcNow().UtcDateTime.Date;

    protected override async Task OnInitializedAsync()
    {
        _isAdmin = await Guard.IsAllowedAsync(AuthPolicies.CanAdminister);
        _maxDays = Math.Max(1, Options.Value.ExceptionMaxDays);
        _endDate = Today.AddDays(Math.Min(ExceptionValidation.DefaultDays, _maxDays));
        try
        {
            _clusters = await Findings.ClustersAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LogError(e, "Loading the clusters for the exception form failed");
            _errors = [DashboardText.LoadFailed];
        }

        var prefill = ExceptionPrefill.Parse(ClusterQuery, NamespaceQuery, KindQuery, NameQuery, ContainerQuery, ImageQuery, PolicyQuery);
        _cluster = prefill.ClusterId is { } id && _clusters.Any(c => c.Id == id) ? id.ToString() : null;
        (_namespace, _kind, _name, _container, _image) = (prefill.Namespace, prefill.Kind, prefill.Name, prefill.Container, prefill.Image);
        _policies = prefill.Policies.ToList();
    }

    /// <summary>Sends the request with the circuit's user; on success the Exceptions page shows what became of it.</summary>
    internal async Task SubmitAsync()
    {
        if (_cluster is null || (_cluster != AllClusters && !Guid.TryParse(_cluster, out _)))
        {
            _errors = ["Choose a cluster, or all clusters."];
            return;
        }

        _busy = true;
        try
        {
            var user = (await Auth.GetAuthenticationStateAsync()).User;
            var request = new ExceptionRequest(
                ClusterId: _cluster == AllClusters ? null : Guid.Parse(_cluster),
                Namespace: _namespace, Kind: _kind, Name: _name, Container: _container, Image: _image,
                Policies: _policies.ToList(), Reason: _reason, TicketUrl: _ticketUrl, ExpiresAt: ExpiresAt(),
                Approve: _isAdmin ? _approveNow : null);
            var result = await Workflow.RequestAsync(user, request, CancellationToken.None);
            if (result.Succeeded)
            {
                Nav.NavigateTo($"/exceptions?created={result.Id}");
                return;
            }

            _errors = result.Errors;
        }
        finally
        {
            _busy = false;
        }
    }

    // The chosen day at the present time of day, so the default (30 days) is exactly the server's default and a
    // maximum of N days stays reachable; null (the server's default) when no day is chosen.
    private DateTimeOffset? ExpiresAt() =>
        _endDate is { } day ? Time.GetUtcNow().AddDays((day.Date - Today).Days) : null;
}
