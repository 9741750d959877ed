using KubeAdvisor.Web.Features.Dashboard;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace KubeAdvisor.Web.Features.Exceptions;

/// <summary>
/// /exceptions (every role): pending, active, expiring within 7 days, closed, and the annotation exemptions.
/// ?tab=pending|active|expiring|closed|annotations; ?created={id} after the request form says what became of it.
/// Every button calls <see cref="ExceptionWorkflow"/> with the circuit's user, which checks the current role again:
/// a tab opened before a demotion gets the refusal in words, and nothing changes.
/// </summary>
public sealed partial class ExceptionsPage
{
    private static readonly string[] Tabs = ["pending", "active", "expiring", "closed", "annotations"];
    private static readonly string[] ClosedStatuses = [ExceptionStatuses.Expired, ExceptionStatuses.Rejected, ExceptionStatuses.Revoked];

    private IReadOnlyList<ExceptionView>? _pending;
    private IReadOnlyList<ExceptionView>? _active;
    private IReadOnlyList<ExceptionView>? _expiring;
    private IReadOnlyList<ExceptionView>? _closed;
    private IReadOnlyList<AnnotationExemptionView>? _annotations;
    private DateTimeOffset _now;
    private bool _isAdmin;
    private string? _me;
    private bool _ok;
    private string? _message;
    private string? _error;

    [Inject] private ExceptionQueries Queries { get; set; } = null!;

    [Inject] private ExceptionWorkflow Workflow { get; set; } = null!;

    [Inject] private AccessGuard Guard { get; set; } = null!;

    [Inject] private AuthenticationStateProvider Auth { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    [Inject] private NavigationManager Nav { get; set; } = null!;

    [Inject] private ILogger<ExceptionsPage> Log { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "tab")] public string? Tab { get; set; }

    [SupplyParameterFromQuery(Name = "created")] public string? Created { get; set; }

    private int TabIndex => Math.Max(0, Array.IndexOf(Tabs, Tab ?? ""));

    protected override async Task OnInitializedAsync()
    {
        var actor = await Guard.CurrentAsync((await Auth.GetAuthenticationStateAsync()).User);
        _me = actor?.Name;
        _isAdmin = actor?.Role == Roles.Admin;
        await LoadAsync();
        if (Guid.TryParse(Created, out var id) && _error is null && await Queries.FindAsync(id) is { } created)
        {
            (_ok, _message) = (true, created.Status == ExceptionStatuses.Approved
                ? $"Exception approved for {created.ScopeText} on {created.ClusterName}: it applies from the next scan."
                : $"Exception requested for {created.ScopeText} on {created.ClusterName}: it is {created.Status} until an Admin decides.");
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            // Read everything first, then show it at once: MudTabs re-renders its panels whenever it likes.
            var now = Time.GetUtcNow();
            var pending = await Queries.ListAsync(ExceptionStatuses.Pending);
            var active = await Queries.ListAsync(ExceptionStatuses.Approved);
            var expiring = await Queries.ExpiringAsync();
            var closed = (await Queries.ListAsync()).Where(e => ClosedStatuses.Contains(e.Status)).ToList();
            var annotations = await Queries.AnnotationExemptionsAsync();
            (_now, _pending, _active, _expiring, _closed, _annotations, _error) = (now, pending, active, expiring, closed, annotations, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LogError(e, "Loading exceptions failed");
            _error = DashboardText.LoadFailed;
        }
    }

    /// <summary>Approve, reject or revoke as the circuit's user; the workflow decides whether they may.</summary>
    internal async Task ActAsync(ExceptionAction action)
    {
        var user = (await Auth.GetAuthenticationStateAsync()).User;
        var result = action.Verb switch
        {
            ExceptionAction.Approve => await Workflow.ApproveAsync(user, action.Id, action.Comment, CancellationToken.None),
            ExceptionAction.Reject => await Workflow.RejectAsync(user, action.Id, action.Comment, CancellationToken.None),
            ExceptionAction.Revoke => await Workflow.RevokeAsync(user, action.Id, action.Comment, CancellationToken.None),
            _ => ExceptionCommandResult.Fail($"Unknown action '{action.Verb}'."),
        };
        (_ok, _message) = result.Succeeded
            ? (true, $"Exception {result.Status}. " + (result.Status == ExceptionStatuses.Pending ? "" : "It takes effect at the cluster's next scan."))
            : (false, string.Join("\n", result.Errors));
        await LoadAsync();
    }

    private Task TabChangedAsync(int index)
    {
        Nav.NavigateTo(Nav.GetUriWithQueryParameters(new Dictionary<string, object?> { ["tab"] = index == 0 ? null : Tabs[index], ["created"] = null }), replace: true);
        return Task.CompletedTask;
    }
}
