using KubeAdvisor.Web.Features.Dashboard;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KubeAdvisor.Web.Features.Violations;

/// <summary>/violations: every open finding; filters in the query string, paging and sorting in PostgreSQL.</summary>
public sealed partial class ViolationsPage
{
    private static readonly string[] Kinds = ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicaSet", "Pod"];
    private MudTable<ViolationsQueries.Row>? _table;
    private IReadOnlyList<ViolationsQueries.ClusterOption> _clusters = [];
    private ViolationsFilter _filter = new();
    private string? _error;

    [SupplyParameterFromQuery(Name = "cluster")] public string? ClusterParam { get; set; }

    [SupplyParameterFromQuery(Name = "namespace")] public string? NamespaceParam { get; set; }

    [SupplyParameterFromQuery(Name = "policy")] public string? PolicyParam { get; set; }

    [SupplyParameterFromQuery(Name = "severity")] public string? SeverityParam { get; set; }

    [SupplyParameterFromQuery(Name = "kind")] public string? KindParam { get; set; }

    [SupplyParameterFromQuery(Name = "q")] public string? TextParam { get; set; }

    [Inject] private ILogger<ViolationsPage> Log { get; set; } = null!;

    private string? SeverityText => _filter.Severity?.ToString().ToLowerInvariant();

    private string ExportHref => ViolationsExport.Path + (_filter.ToQueryString() is { Length: > 0 } q ? "?" + q : "");

    protected override async Task OnInitializedAsync()
    {
        try
        {
            _clusters = await Queries.ClustersAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LogError(e, "Loading clusters failed");
            _error = DashboardText.LoadFailed;
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        var filter = ViolationsFilter.From(ClusterParam, NamespaceParam, PolicyParam, SeverityParam, KindParam, TextParam);
        if (filter != _filter)
        {
            _filter = filter;
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

    private Task ApplyAsync(ViolationsFilter filter)
    {
        Nav.NavigateTo(Nav.GetUriWithQueryParameters("/violations", filter.ToQuery()));
        return Task.CompletedTask;
    }

    private async Task<TableData<ViolationsQueries.Row>> LoadPageAsync(TableState state, CancellationToken ct)
    {
        try
        {
            var page = await Queries.PageAsync(_filter, state.Page, state.PageSize, state.SortLabel,
                state.SortDirection != SortDirection.Ascending, ct);
            _error = null;
            return new TableData<ViolationsQueries.Row> { Items = page.Rows, TotalItems = page.Total };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LogError(e, "Loading violations failed");
            _error = DashboardText.LoadFailed;
            return new TableData<ViolationsQueries.Row> { Items = [], TotalItems = 0 };
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
