using KubeAdvisor.Web.Features.Dashboard;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KubeAdvisor.Web.Features.Teams;

/// <summary>
/// /teams/{id} (every role): the team's score over the namespaces it owns wholly (see <see cref="TeamScore"/> for why not
/// more), its trend, open findings by policy, worst workloads, introduced and fixed this week, and its members.
/// </summary>
public sealed partial class TeamPage
{
    private TeamDetail? _data;
    private bool _notFound;
    private string? _error;
    private List<BreadcrumbItem> _crumbs = [];

    [Parameter] public Guid Id { get; set; }

    [Inject] private TeamPageQueries Queries { get; set; } = null!;

    [Inject] private ILogger<TeamPage> Log { get; set; } = null!;

    private string ScoreScope => _data!.Score switch
    {
        { Namespaces: 0, SharedNamespaces: 0 } => "No workload is the team's yet: no score.",
        { Namespaces: 0 } s => $"No score: the team shares each of its {s.SharedNamespaces} namespace(s) with other owners, and scans weigh "
            + "checks per namespace, not per workload.",
        var s => $"Pooled over the {s.Namespaces} namespace(s) the team owns wholly ({s.CoveredWorkloads} of its {_data.Workloads} workload(s))"
            + (s.SharedNamespaces > 0 ? $"; {s.SharedNamespaces} namespace(s) shared with other owners are not scored." : "."),
    };

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _data = await Queries.LoadAsync(Id);
            _notFound = _data is null;
            _crumbs = [new("Teams", "/teams"), new(_data?.Name ?? "", null, disabled: true)];
            _error = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LogError(e, "Loading team {Team} failed", Id);
            _error = DashboardText.LoadFailed;
        }
    }
}
