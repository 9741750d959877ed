namespace KubeAdvisor.Agent.Reports;

/// <summary>KubeAdvisor did not give the cluster's Reports (token refused, scan unknown, server error, not judged in time).</summary>
public sealed class ReportFetchException(string message) : Exception(message);
