using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Scoring;
using KubeAdvisor.Data.Entities;

namespace KubeAdvisor.Web.Features.Fleet;

/// <summary>One cluster in the fleet table (Overview and Clusters).</summary>
/// <param name="Score">Exact score of the last succeeded scan (0-100), null before the first one.</param>
/// <param name="Change">Score now minus the daily score 7 days ago (decision 0019); null without both.</param>
/// <param name="Sparkline">Daily scores of the last <see cref="FleetQueries.SparklineDays"/> days, oldest first.</param>
public sealed record FleetRow(
    Guid Id, string Name, bool IsDemo, ConnectionType ConnectionType, int ScanIntervalMinutes,
    IReadOnlyDictionary<string, string> Labels,
    double? Score, Grade? Grade, double PassedWeight, double FailedWeight, double? Change,
    IReadOnlyDictionary<Severity, int> OpenBySeverity, IReadOnlyList<double> Sparkline,
    DateTimeOffset? LastScanAt, ScanStatus? LastStatus, string? LastError, FleetConnection Connection)
{
    /// <summary>The score as shown (rounded down, as everywhere, so a displayed 90 is an A).</summary>
    public int? WholeScore => Score is null ? null : Dashboard.Scores.Whole(PassedWeight, FailedWeight);

    public int OpenFindings => OpenBySeverity.Values.Sum();
}

/// <summary>How a cluster's connection stands, from its last scan or its agent's last contact.</summary>
public enum FleetConnection
{
    Ok,
    Scanning,
    NeverScanned,
    Failing,
    AgentNeverConnected,
    AgentOffline,
    AgentRevoked,
}
