namespace KubeAdvisor.Web.Features.Scans;

/// <summary>The scan a request produced, or the one already queued or running for that cluster.</summary>
public sealed record ScanRequest(Guid ScanId, bool AlreadyActive);
