namespace KubeAdvisor.Web.Features.Admission;

/// <summary>The outcome of changing a cluster's admission mode.</summary>
public enum AdmissionChange
{
    Saved,
    Unchanged,
    NotFound,
    NotAnAgentCluster,
}
