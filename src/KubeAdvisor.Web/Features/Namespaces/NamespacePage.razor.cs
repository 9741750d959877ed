using KubeAdvisor.Web.Features.Dashboard;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KubeAdvisor.Web.Features.Namespaces;

/// <summary>
/// /clusters/{id}/namespaces/{ns}: workloads and other objects with finding counts by severity, and the namespace's trend;
/// /clusters/{id}/cluster-scoped: the same for cluster-scoped objects (namespace "", decision 0033), without a trend.
/// </summary>
public sealed partial class NamespacePage
{
    private NamespaceQueries.Data? _data;
    private IReadOnlyList<TrendPoint> _trend = [];
    private List<BreadcrumbItem> _crumbs = [];
    private bool _notFound;
    private string? _error;

    [Parameter] public Guid ClusterId { get; set; }

    [Parameter] public string Namespace { get; set; } = "";

    private bool IsClusterScoped => Namespace.Length == 0;

    [Inject] private ILogger<NamespacePage> Log { get; set; } = null!;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _data = await Queries.LoadAsync(ClusterId, Namespace);
            _notFound = _data is null;
            // The "" trend is the cluster's: the cluster-scoped entry has none of its own.
            _trend = _data is null || IsClusterScoped ? [] : await Trends.ScoreTrendAsync(ClusterId, Namespace, 30);
            _crumbs = [new("Overview", "/"), new(_data?.ClusterName ?? "cluster", $"/clusters/{ClusterId}"), new(ClusterScope.Text(Namespace), null, disabled: true)];
            _error = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LogError(e, "Loading namespace {Namespace} of {ClusterId} failed", Namespace, ClusterId);
            _error = DashboardText.LoadFailed;
        }
    }
}
