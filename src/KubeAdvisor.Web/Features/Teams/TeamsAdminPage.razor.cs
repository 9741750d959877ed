using System.Security.Claims;
using KubeAdvisor.Web.Features.Dashboard;
using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Features.Users;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace KubeAdvisor.Web.Features.Teams;

/// <summary>
/// /settings/teams (Admin): teams, their members and the ownership rules in order, and the count of unowned open
/// findings. Every button calls <see cref="TeamAdministration"/> with the circuit's user, which checks the current role
/// again: a tab opened before a demotion gets the refusal in words, and nothing changes.
/// </summary>
public sealed partial class TeamsAdminPage
{
    /// <summary>Where the page lives (linked from Settings and the Teams page).</summary>
    public const string Path = "/settings/teams";

    private IReadOnlyList<TeamView>? _teams;
    private IReadOnlyList<OwnershipRuleView>? _rules;
    private IReadOnlyList<FindingsQueries.ClusterOption> _clusters = [];
    private IReadOnlyList<string> _users = [];
    private int _unowned;
    private bool _isAdmin;
    private string? _newTeam;
    private Guid? _membersOf;
    private Guid? _confirmDelete;
    private Guid? _lastCreated;
    private bool _form;
    private OwnershipRuleView? _editing;
    private bool _ok;
    private string? _message;
    private string? _error;

    [Inject] private TeamQueries Queries { get; set; } = null!;

    [Inject] private TeamAdministration Admin { get; set; } = null!;

    [Inject] private UserAdministration Users { get; set; } = null!;

    [Inject] private FindingsQueries Findings { get; set; } = null!;

    [Inject] private AccessGuard Guard { get; set; } = null!;

    [Inject] private AuthenticationStateProvider Auth { get; set; } = null!;

    [Inject] private ILogger<TeamsAdminPage> Log { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        // The route already requires an Admin; the page asks again so that nothing is offered to anyone else.
        _isAdmin = await Guard.IsAllowedAsync(AuthPolicies.CanAdminister);
        if (_isAdmin)
        {
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            var teams = await Queries.ListAsync();
            var rules = await Queries.RulesAsync();
            _unowned = await Queries.UnownedOpenFindingsAsync();
            _clusters = await Findings.ClustersAsync();
            _users = (await Users.ListAsync()).Select(u => u.Email).ToList();
            (_teams, _rules, _error) = (teams, rules, null);
        }
        catch (UnauthorizedAccessException e)
        {
            (_isAdmin, _ok, _message) = (false, false, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LogError(e, "Loading teams and ownership rules failed");
            _error = DashboardText.LoadFailed;
        }
    }

    private Task CreateTeamAsync() => ActAsync(
        (user, ct) => Admin.CreateTeamAsync(user, new TeamRequest(_newTeam), ct),
        result =>
        {
            _lastCreated = result.Id;
            var name = _newTeam?.Trim();
            _newTeam = null;
            return $"Team {name} created. Add its members and a rule that gives it its workloads.";
        });

    private Task DeleteTeamAsync(TeamView team) => ActAsync(
        (user, ct) => Admin.DeleteTeamAsync(user, team.Id, ct),
        _ =>
        {
            _confirmDelete = null;
            return $"Team {team.Name} deleted with its rules; its findings are unowned until another rule matches them.";
        });

    private Task SetMembersAsync(TeamView team, IReadOnlyList<string> members) => ActAsync(
        (user, ct) => Admin.SetMembersAsync(user, team.Id, members, ct),
        _ => $"{team.Name} has {members.Count} member(s).");

    private void NewRule() => (_form, _editing) = (true, null);

    private void EditRule(OwnershipRuleView rule) => (_form, _editing) = (true, rule);

    private Task SaveRuleAsync(OwnershipRuleRequest request) => _editing is { } rule
        ? ActAsync((user, ct) => Admin.UpdateRuleAsync(user, rule.Id, request with { Position = rule.Position }, ct), _ => CloseForm("Rule changed."))
        : ActAsync((user, ct) => Admin.CreateRuleAsync(user, request, ct), _ => CloseForm("Rule added at the end of the order."));

    private Task MoveRuleAsync((Guid Id, int Offset) move) => ActAsync(
        (user, ct) => Admin.MoveRuleAsync(user, move.Id, move.Offset, ct),
        _ => move.Offset < 0 ? "Rule moved up." : "Rule moved down.");

    private Task DeleteRuleAsync(Guid id) => ActAsync((user, ct) => Admin.DeleteRuleAsync(user, id, ct), _ => "Rule deleted.");

    private string CloseForm(string message)
    {
        (_form, _editing) = (false, null);
        return message + " Stored findings follow within moments.";
    }

    /// <summary>
    /// Runs one change as the circuit's user and says what became of it; a refusal (the role is gone) is shown, not thrown.
    /// </summary>
    private async Task ActAsync(Func<ClaimsPrincipal, CancellationToken, Task<TeamCommandResult>> change, Func<TeamCommandResult, string> success)
    {
        try
        {
            var user = (await Auth.GetAuthenticationStateAsync()).User;
            var result = await change(user, CancellationToken.None);
            (_ok, _message) = result.Succeeded ? (true, success(result)) : (false, string.Join("\n", result.Errors));
        }
        catch (UnauthorizedAccessException e)
        {
            (_ok, _message) = (false, e.Message);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LogError(e, "Changing teams or ownership rules failed");
            (_ok, _message) = (false, "The change could not be saved (the database may be unreachable). Try again in a moment.");
            return;
        }

        await LoadAsync();
    }
}
