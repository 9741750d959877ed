namespace KubeAdvisor.Data.Entities;

/// <summary>An API token: only its SHA-256 hash is stored; the value is shown once at creation.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Role { get; set; }
    public required string TokenHash { get; set; }
    /// <summary>First characters of the token, to recognise it in lists without revealing it.</summary>
    public required string Prefix { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The user whose rights bound the token's (the lower of the two roles applies); null only for system tokens.</summary>
    public string? OwnerUserId { get; set; }

    /// <summary>A token of the system itself (the bootstrap token): no owner, not affected by users.</summary>
    public bool IsSystem { get; set; }

    /// <summary>When the token stops working; null = never expires, an explicit (audited) choice.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>When the token's expiry was written to the audit log (once per token).</summary>
    public DateTimeOffset? ExpiryAuditedAt { get; set; }
}
