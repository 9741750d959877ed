using KubeAdvisor.Web.Features.Dashboard;
using KubeAdvisor.Web.Features.Fleet;
using Microsoft.AspNetCore.Components;

namespace KubeAdvisor.Web.Features.Overview;

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

    /// <summary>Trend window in days (7, 30 or 90) from ?days=.</summary>
    [SupplyParameterFromQuery(Name = "days")] public int? Days { get; set; }

    [SupplyParameterFromQuery(Name = "sort")] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = "dir")] public string? Dir { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? Text { get; set; }
    [SupplyParameterFromQuery(Name = "label")] public string? Label { get; set; }
    [SupplyParameterFromQuery(Name = "grade")] public string? Grade { get; set; }
    [SupplyParameterFromQuery(Name = "group")] public string? Group { get; set; }
    [SupplyParameterFromQuery(Name = "all")] public string? All { get; set; }

    [Inject] private ILogger<OverviewPage> Log { get; set; } = null!;

    [Inject] private FleetQueries Fleet { get; set; } = null!;

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
            _error = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LogError(e, "Loading the overview failed");
            _error = DashboardText.LoadFailed;
        }
    }
}
