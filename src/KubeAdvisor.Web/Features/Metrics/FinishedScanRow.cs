using KubeAdvisor.Data.Entities;

namespace KubeAdvisor.Web.Features.Metrics;

/// <summary>A finished scan as the scan counters and the duration histogram take it in (one row, no findings).</summary>
public sealed record FinishedScanRow(Guid Id, ScanStatus Status, DateTimeOffset? StartedAt, DateTimeOffset FinishedAt, string? FailureReason, bool Partial);
