using KubeAdvisor.Data.Entities;

namespace KubeAdvisor.Web.Features.Demo;

/// <summary>The many small rows of the demo history, written with binary COPY after the tracked ones.</summary>
internal sealed class DemoHistoryRows
{
    public List<ScanSummary> Summaries { get; } = [];

    public List<ScoreSample> Samples { get; } = [];

    public List<DailyRollup> Rollups { get; } = [];
}
