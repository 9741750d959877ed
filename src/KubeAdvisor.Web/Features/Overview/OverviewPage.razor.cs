using KubeAdvisor.Web.Features.Dashboard;
using Microsoft.AspNetCore.Components;

namespace KubeAdvisor.Web.Features.Overview;

public sealed partial class OverviewPage
{
    private static readonly int[] DayChoices = [7, 30, 90];
    private OverviewQueries.Data? _data;
    private IReadOnlyList<TrendPoint> _trend = [];
    private string? _error;

    /// <summary>Trend window in days (7, 30 or 90) from ?days=.</summary>
    [SupplyParameterFromQuery(Name = "days")] public int? Days { get; set; }

    [Inject] private ILogger<OverviewPage> Log { get; set; } = null!;

    private int EffectiveDays => Days is { } d && DayChoices.Contains(d) ? d : 30;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _data = await Queries.LoadAsync();
            _trend = _data.Clusters.Count == 0 ? [] : await Trends.ScoreTrendAsync(null, "", EffectiveDays);
            _error = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LogError(e, "Loading the overview failed");
            _error = DashboardText.LoadFailed;
        }
    }
}
