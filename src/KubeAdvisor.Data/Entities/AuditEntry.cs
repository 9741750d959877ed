namespace KubeAdvisor.Data.Entities;

/// <summary>One security-relevant action: who did what to which target, and when.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public string? Target { get; set; }
    public string? Details { get; set; }
    public string? RemoteAddress { get; set; }
    public string? UserAgent { get; set; }
}
