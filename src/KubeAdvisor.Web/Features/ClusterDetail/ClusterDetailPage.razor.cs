using KubeAdvisor.Web.Features.Dashboard;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KubeAdvisor.Web.Features.ClusterDetail;

/// <summary>/clusters/{id}: ?tab=namespaces|policies|scans, ?q= namespace search, ?days=7|30|90.</summary>
public sealed partial class ClusterDetailPage
{
    private static readonly int[] DayChoices = [7, 30, 90];
    private static readonly string[] Tabs = ["namespaces", "policies", "scans"];
    private ClusterDetailQueries.Data? _data;
    private IReadOnlyList<TrendPoint> _trend = [];
    private List<BreadcrumbItem> _crumbs = [];
    private bool _notFound;
    private string? _error;

    [Parameter] public Guid Id { get; set; }

    [SupplyParameterFromQuery(Name = "tab")] public string? Tab { get; set; }

    [SupplyParameterFromQuery(Name = "q")] public string? Search { get; set; }

    [SupplyParameterFromQuery(Name = "days")] public int? Days { get; set; }

    [Inject] private ILogger<ClusterDetailPage> Log { get; set; } = null!;

    private int EffectiveDays => Days is { } d && DayChoices.Contains(d) ? d : 30;

    private int TabIndex => Math.Max(0, Array.IndexOf(Tabs, Tab ?? ""));

    private (Guid, int)? _loaded;

    // Tab and search changes only update the URL; the data depends on the cluster and the trend window.
    protected override async Task OnParametersSetAsync()
    {
        if (_loaded != (Id, EffectiveDays))
        {
            _loaded = (Id, EffectiveDays);
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            _data = await Queries.LoadAsync(Id);
            _notFound = _data is null;
            _trend = _data is null ? [] : await Trends.ScoreTrendAsync(Id, "", EffectiveDays);
            _crumbs = [new("Overview", "/"), new("Clusters", "/clusters"), new(_data?.Cluster.Name ?? "", null, disabled: true)];
            _error = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LogError(e, "Loading cluster {ClusterId} failed", Id);
            _error = DashboardText.LoadFailed;
        }
    }

    private Task TabChangedAsync(int index)
    {
        SetQuery("tab", index == 0 ? null : Tabs[index]);
        return Task.CompletedTask;
    }

    private void SetQuery(string name, string? value) =>
        Nav.NavigateTo(Nav.GetUriWithQueryParameter(name, string.IsNullOrEmpty(value) ? null : value), replace: true);
}
