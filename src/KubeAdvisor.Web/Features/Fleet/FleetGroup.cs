using KubeAdvisor.Core.Scoring;

namespace KubeAdvisor.Web.Features.Fleet;

/// <summary>
/// The clusters sharing one value of a label. <see cref="Score"/> pools the weights of their last succeeded scans
/// (Σ passed ÷ Σ judged, as the Overview's score across all clusters), so a cluster weighs by its checks (decision 0019).
/// </summary>
/// <param name="Value">The label's value; null for clusters without the label.</param>
/// <param name="Worst">The group's clusters, worst first (at most <see cref="FleetView.WorstPerGroup"/>).</param>
public sealed record FleetGroup(string? Value, int Clusters, int? Score, Grade? Grade, int OpenFindings, IReadOnlyList<FleetRow> Worst);
