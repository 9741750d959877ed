using KubeAdvisor.Web.Features.Dashboard;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KubeAdvisor.Web.Features.Namespaces;

/// <summary>/clusters/{id}/namespaces/{ns}: workloads with finding counts by severity, and the namespace's trend.</summary>
public sealed partial class NamespacePage
{
    private NamespaceQueries.Data? _data;
    private IReadOnlyList<TrendPoint> _trend = [];
    private List<BreadcrumbItem> _crumbs = [];
    private bool _notFound;
    private string? _error;

    [Parameter] public Guid ClusterId { get; set; }

    [Parameter] public string Namespace { get; set; } = "";

    [Inject] private ILogger<NamespacePage> Log { get; set; } = null!;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _data = await Queries.LoadAsync(ClusterId, Namespace);
            _notFound = _data is null;
            _trend = _data is null ? [] : await Trends.ScoreTrendAsync(ClusterId, Namespace, 30);
            _crumbs = [new("Overview", "/"), new(_data?.ClusterName ?? "cluster", $"/clusters/{ClusterId}"), new(Namespace, null, disabled: true)];
            _error = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LogError(e, "Loading namespace {Namespace} of {ClusterId} failed", Namespace, ClusterId);
            _error = DashboardText.LoadFailed;
        }
    }
}
