namespace KubeAdvisor.Data.Entities;

/// <summary>
/// A governed exception (decision 0023): a scope, the policies it exempts, a reason, an end date, who asked and who
/// decided. It exempts only while <see cref="Status"/> is <see cref="ExceptionStatus.Approved"/> and
/// <see cref="ExpiresAt"/> is in the future; "expired" is not stored, it is read from the clock.
/// </summary>
public sealed class PolicyException
{
    public Guid Id { get; set; }

    /// <summary>The cluster it applies to; null = all clusters.</summary>
    public Guid? ClusterId { get; set; }

    /// <summary>Globs; null = any (see ExceptionScope in Core).</summary>
    public string? Namespace { get; set; }
    public string? Kind { get; set; }
    public string? Name { get; set; }
    public string? Container { get; set; }
    public string? Image { get; set; }

    /// <summary>The policy ids it exempts (text[]).</summary>
    public List<string> Policies { get; set; } = [];

    public required string Reason { get; set; }
    public string? TicketUrl { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Stored as its name (text).</summary>
    public ExceptionStatus Status { get; set; }

    public required string RequestedBy { get; set; }
    /// <summary>The requester's user id (null for a system token), so they may revoke their own.</summary>
    public string? RequestedByUserId { get; set; }
    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>Who approved or rejected it, when, and their comment.</summary>
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionComment { get; set; }

    public string? RevokedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokeComment { get; set; }

    /// <summary>When its expiry was written to the audit log (once).</summary>
    public DateTimeOffset? ExpiryAuditedAt { get; set; }

    /// <summary>Checks it made exempt in the last scan of each cluster it applies to (summed when it spans clusters), and when.</summary>
    public int? MatchedChecks { get; set; }
    public DateTimeOffset? MatchedAt { get; set; }

    /// <summary>Optimistic concurrency (PostgreSQL xmin): two Admins deciding at once cannot both win.</summary>
    public uint Version { get; set; }
}

/// <summary>Where an exception is in its workflow. Expiry is read from <see cref="PolicyException.ExpiresAt"/>.</summary>
public enum ExceptionStatus
{
    Pending,
    Approved,
    Rejected,
    Revoked,
}
