using KubeAdvisor.Web.Features.Dashboard;
using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Features.Teams;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace KubeAdvisor.Web.Features.Violations;

/// <summary>
/// /violations: every open finding; filters and sort order in the query string, paging and sorting in PostgreSQL (next and
/// previous by keyset, see <see cref="KeysetPager"/>). <c>team=</c> is a team id, <c>unowned</c> or <c>mine</c> ("My
/// teams": the signed-in user's teams, resolved here and again by the CSV export for whoever downloads it).
/// </summary>
public sealed partial class ViolationsPage
{
    /// <summary>The explorer pages at most this many rows (the API's limit is higher).</summary>
    public const int MaxPageSize = 200;

    // Workload kinds, then the objects that can be a finding's subject (decision 0033).
    private static readonly string[] Kinds = ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicaSet", "Pod", .. KubeAdvisor.Core.Inventory.ObjectKinds.All];
    private MudTable<FindingRow>? _table;
    private KeysetPager? _pager;
    private IReadOnlyList<FindingsQueries.ClusterOption> _clusters = [];
    private IReadOnlyList<TeamOption> _teams = [];
    private IReadOnlyList<Guid> _myTeams = [];
    private FindingsFilter _filter = new();
    private string? _error;

    [SupplyParameterFromQuery(Name = "cluster")] public string? ClusterParam { get; set; }

    [SupplyParameterFromQuery(Name = "namespace")] public string? NamespaceParam { get; set; }

    [SupplyParameterFromQuery(Name = "policy")] public string? PolicyParam { get; set; }

    [SupplyParameterFromQuery(Name = "severity")] public string? SeverityParam { get; set; }

    [SupplyParameterFromQuery(Name = "kind")] public string? KindParam { get; set; }

    [SupplyParameterFromQuery(Name = "q")] public string? TextParam { get; set; }

    [SupplyParameterFromQuery(Name = "team")] public string? TeamParam { get; set; }

    [SupplyParameterFromQuery(Name = "sort")] public string? SortParam { get; set; }

    [SupplyParameterFromQuery(Name = "dir")] public string? DirParam { get; set; }

    /// <summary>The order in the URL when the page was opened: the sort headers start from it.</summary>
    private ViolationsSort _initialSort = ViolationsSort.Default;

    [Inject] private ILogger<ViolationsPage> Log { get; set; } = null!;

    [Inject] private TeamQueries Teams { get; set; } = null!;

    [Inject] private MyTeams MyTeams { get; set; } = null!;

    [Inject] private AuthenticationStateProvider Auth { get; set; } = null!;

    private string? SeverityText => _filter.Severity?.ToString().ToLowerInvariant();

    /// <summary>The team select shows one team or "unowned"; "My teams" is the switch.</summary>
    private string? TeamChoice => _filter.Team is FindingsFilter.Mine ? null : _filter.Team;

    private string TeamText(string? team) => team is null ? "" : _teams.FirstOrDefault(t => t.Id.ToString() == team)?.Name ?? team;

    private string ExportHref => ViolationsExport.Path + (_filter.ToQueryString() is { Length: > 0 } q ? "?" + q : "");

    protected override async Task OnInitializedAsync()
    {
        try
        {
            _clusters = await Queries.ClustersAsync();
            _teams = await Teams.OptionsAsync();
            _myTeams = await MyTeams.OfAsync((await Auth.GetAuthenticationStateAsync()).User);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LogError(e, "Loading clusters failed");
            _error = DashboardText.LoadFailed;
        }
    }

    protected override void OnInitialized() => _initialSort = ViolationsSort.From(SortParam, DirParam);

    protected override async Task OnParametersSetAsync()
    {
        var filter = FindingsFilter.From(ClusterParam, NamespaceParam, PolicyParam, SeverityParam, KindParam, TextParam, TeamParam);
        if (filter != _filter)
        {
            _filter = filter;
            StateHasChanged(); // the filter chips and the export link follow at once, not only after the rows have loaded
            await ReloadAsync();
        }
    }

    private async Task ReloadAsync()
    {
        if (_table is not null)
        {
            await _table.ReloadServerData();
        }
    }

    private Task ApplyAsync(FindingsFilter filter)
    {
        var query = filter.ToQuery().Concat(ViolationsSort.From(SortParam, DirParam).ToQuery()).ToDictionary();
        Nav.NavigateTo(Nav.GetUriWithQueryParameters("/violations", query));
        return Task.CompletedTask;
    }

    private SortDirection InitialDirection(string label) =>
        label != _initialSort.Label ? SortDirection.None : _initialSort.Descending ? SortDirection.Descending : SortDirection.Ascending;

    /// <summary>Puts the table's current order into the URL (replacing the history entry: a sort click is not a page).</summary>
    private void RememberSort(TableState state)
    {
        var sort = state.SortDirection == SortDirection.None
            ? ViolationsSort.Default
            : ViolationsSort.From(state.SortLabel, state.SortDirection == SortDirection.Ascending ? "asc" : "desc");
        if (sort != ViolationsSort.From(SortParam, DirParam))
        {
            Nav.NavigateTo(Nav.GetUriWithQueryParameters(sort.ToQuery()), replace: true);
        }
    }

    private async Task<TableData<FindingRow>> LoadPageAsync(TableState state, CancellationToken ct)
    {
        try
        {
            _pager ??= new KeysetPager(Queries);
            FindingsQueries.Page page;
            FindingsFilter filter;
            IReadOnlyList<Guid> myTeams;
            do
            {
                // The table's first load starts before the URL's filter and the user's teams are read, and may end after the
                // reload they start: rows read for a filter replaced meanwhile are read again, so they never overwrite the
                // rows of the filter the page shows (a full run once showed all five findings under team=unowned).
                (filter, myTeams) = (_filter, _myTeams);
                // "mine" becomes the user's teams in one canonical form: the same filter each time, so next/previous stay keyset reads.
                page = await _pager.LoadAsync(filter.WithTeams(myTeams), state.SortLabel, state.SortDirection != SortDirection.Ascending, state.Page,
                    Math.Min(state.PageSize, MaxPageSize), ct);
            }
            while (filter != _filter || myTeams != _myTeams);

            _error = null;
            RememberSort(state);
            return new TableData<FindingRow> { Items = page.Rows, TotalItems = page.Total };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LogError(e, "Loading violations failed");
            _error = DashboardText.LoadFailed;
            return new TableData<FindingRow> { Items = [], TotalItems = 0 };
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
