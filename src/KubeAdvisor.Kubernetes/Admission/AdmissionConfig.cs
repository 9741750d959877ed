using KubeAdvisor.Core.Admission;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Kubernetes.Admission;

/// <summary>
/// What an agent needs to judge admission requests for its cluster, as the server sends it from
/// <c>GET /api/v1/agent/admission</c> (<see cref="AdmissionJson"/>): the cluster's mode, the severity from which a
/// failure refuses the request, the cluster's policy settings (the fields of the settings document) and its approved,
/// unexpired exceptions.
/// </summary>
/// <param name="Mode">Off, warn or deny.</param>
/// <param name="MinSeverity">In deny mode, failures at or above this severity refuse the request; the others warn.</param>
/// <param name="Settings">The cluster's policy settings.</param>
/// <param name="Exceptions">Approved exceptions of this cluster and of all clusters, unexpired when sent.</param>
public sealed record AdmissionConfig(
    AdmissionMode Mode,
    Severity MinSeverity,
    ClusterPolicySettings Settings,
    IReadOnlyList<AdmissionException> Exceptions)
{
    /// <summary>What the agent uses before its first successful pull: nothing is judged, everything is allowed.</summary>
    public static AdmissionConfig Off { get; } = new(AdmissionMode.Off, Severity.High, ClusterPolicySettings.Default, []);
}
