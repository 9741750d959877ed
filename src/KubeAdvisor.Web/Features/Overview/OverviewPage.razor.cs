using KubeAdvisor.Web.Features.Dashboard;
using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Features.Fleet;
using KubeAdvisor.Web.Features.Teams;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace KubeAdvisor.Web.Features.Overview;

/// <summary>
/// / (every role): the fleet's score and trend, the fleet table and the top offenders. For Admins the count of unowned
/// open findings; for members of teams a "My teams" switch (?team=mine) with their teams' open findings.
/// </summary>
public sealed partial class OverviewPage
{
    private static readonly int[] DayChoices = [7, 30, 90];
    private OverviewQueries.Data? _data;
    private IReadOnlyList<TrendPoint> _trend = [];
    private IReadOnlyList<FleetRow> _all = [];
    private IReadOnlyList<FleetRow> _rows = [];
    private IReadOnlyList<FleetGroup> _groups = [];
    private IReadOnlyList<string> _labelKeys = [];
    private FleetView _view = FleetView.Default;
    private string? _error;
    private IReadOnlyList<Guid> _myTeamIds = [];
    private IReadOnlyList<TeamView> _mine = [];
    private int? _unowned;

    /// <summary>Trend window in days (7, 30 or 90) from ?days=.</summary>
    [SupplyParameterFromQuery(Name = "days")] public int? Days { get; set; }

    [SupplyParameterFromQuery(Name = "sort")] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = "dir")] public string? Dir { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? Text { get; set; }
    [SupplyParameterFromQuery(Name = "label")] public string? Label { get; set; }
    [SupplyParameterFromQuery(Name = "grade")] public string? Grade { get; set; }
    [SupplyParameterFromQuery(Name = "group")] public string? Group { get; set; }
    [SupplyParameterFromQuery(Name = "all")] public string? All { get; set; }
    [SupplyParameterFromQuery(Name = "team")] public string? Team { get; set; }

    [Inject] private ILogger<OverviewPage> Log { get; set; } = null!;

    [Inject] private FleetQueries Fleet { get; set; } = null!;

    [Inject] private TeamQueries Teams { get; set; } = null!;

    [Inject] private MyTeams MyTeams { get; set; } = null!;

    [Inject] private AccessGuard Guard { get; set; } = null!;

    [Inject] private AuthenticationStateProvider Auth { get; set; } = null!;

    private bool MineOn => Team == FindingsFilter.Mine && _myTeamIds.Count > 0;

    // The trend window keeps the table's filter, sort and grouping.
    private string DaysHref(int days) => _view.Query() is { Length: > 0 } q ? $"/{q}&days={days}" : $"/?days={days}";

    private int EffectiveDays => Days is { } d && DayChoices.Contains(d) ? d : 30;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _view = FleetView.Parse(Sort, Dir, Text, Label, Grade, Group);
            _data = await Queries.LoadAsync();
            _trend = _data.Clusters == 0 ? [] : await Trends.ScoreTrendAsync(null, "", EffectiveDays);
            _all = _data.Clusters == 0 ? [] : await Fleet.LoadAsync();
            _rows = _view.Apply(_all);
            _groups = _view.Groups(_all);
            _labelKeys = _all.SelectMany(r => r.Labels.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
            await LoadTeamsAsync();
            _error = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LogError(e, "Loading the overview failed");
            _error = DashboardText.LoadFailed;
        }
    }

    // Unowned findings are the Admins' list to fix; "My teams" lists the user's teams with their open findings.
    private async Task LoadTeamsAsync()
    {
        _myTeamIds = await MyTeams.OfAsync((await Auth.GetAuthenticationStateAsync()).User);
        _unowned = await Guard.IsAllowedAsync(AuthPolicies.CanAdminister) ? await Teams.UnownedOpenFindingsAsync() : null;
        _mine = MineOn ? (await Teams.ListAsync()).Where(t => _myTeamIds.Contains(t.Id)).ToList() : [];
    }

    private Task SetMineAsync(bool on)
    {
        Nav.NavigateTo(Nav.GetUriWithQueryParameter("team", on ? FindingsFilter.Mine : null));
        return Task.CompletedTask;
    }
}
