namespace KubeAdvisor.Data.Entities;

/// <summary>
/// What a cluster's admission webhook decided on one day in one namespace, summed over the agent's pushes
/// (<c>Core.Admission.AdmissionDecisionCount</c>). <see cref="Policy"/> "" holds the per-review totals.
/// </summary>
public sealed class AdmissionDecision
{
    public long Id { get; set; }
    public Guid ClusterId { get; set; }
    public DateOnly Day { get; set; }
    public string Namespace { get; set; } = "";
    public string Policy { get; set; } = "";
    public long Allowed { get; set; }
    public long Warned { get; set; }
    public long Denied { get; set; }
}
