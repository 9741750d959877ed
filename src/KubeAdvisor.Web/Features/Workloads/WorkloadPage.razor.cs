using KubeAdvisor.Web.Features.Dashboard;
using KubeAdvisor.Web.Features.Findings;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KubeAdvisor.Web.Features.Workloads;

/// <summary>/clusters/{id}/workloads/{workloadId}: containers with their images broken down, findings with fixes.</summary>
public sealed partial class WorkloadPage
{
    private WorkloadQueries.Data? _data;
    private IReadOnlyList<DigestQueries.DigestRow> _digests = [];
    private List<BreadcrumbItem> _crumbs = [];
    private bool _notFound;
    private string? _error;

    private bool IsObject => _data is not null && KubeAdvisor.Core.Inventory.ObjectKinds.IsObject(_data.Kind);

    [Parameter] public Guid ClusterId { get; set; }

    [Parameter] public Guid WorkloadId { get; set; }

    [Inject] private ILogger<WorkloadPage> Log { get; set; } = null!;

    [Inject] private DigestQueries Digests { get; set; } = null!;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _data = await Queries.LoadAsync(ClusterId, WorkloadId);
            _digests = _data is null ? [] : await Digests.HistoryAsync(ClusterId, WorkloadId) ?? [];
            _notFound = _data is null;
            _crumbs = _data is null ? [] :
            [
                new("Overview", "/"),
                new(_data.ClusterName, $"/clusters/{ClusterId}"),
                new(ClusterScope.Text(_data.Namespace), ClusterScope.Href(ClusterId, _data.Namespace)),
                new(_data.Name, null, disabled: true),
            ];
            _error = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LogError(e, "Loading workload {WorkloadId} failed", WorkloadId);
            _error = DashboardText.LoadFailed;
        }
    }

    private static string Short(string? digest) => digest is null ? "–" : digest.Length > 19 ? digest[..19] + "…" : digest;
}
