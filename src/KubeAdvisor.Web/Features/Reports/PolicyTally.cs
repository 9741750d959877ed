using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Web.Features.Reports;

/// <summary>One namespace × policy of a scan: its passed and exempt checks (scan_summaries; passes are not stored per workload).</summary>
public sealed record PolicyTally(string Namespace, string PolicyId, Severity Severity, int Passed, int Exempt);
