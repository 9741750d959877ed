using System.Net;

namespace KubeAdvisor.Agent.Reports;

/// <summary>The API server refused a Reports request; <see cref="Status"/> says how (404: no CRDs, 403: RBAC, …).</summary>
public sealed class ReportWriteException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}
