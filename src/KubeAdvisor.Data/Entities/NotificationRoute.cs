namespace KubeAdvisor.Data.Entities;

/// <summary>
/// Sends one event to one channel, filtered (issue #18). Empty lists and null filters mean "all". Quiet hours (UTC,
/// both set or both null) delay messages to their end; they never drop them.
/// </summary>
public sealed class NotificationRoute
{
    public Guid Id { get; set; }
    public Guid ChannelId { get; set; }

    /// <summary><c>findings-introduced</c>, <c>findings-fixed</c>, <c>scan-health</c> or <c>weekly-digest</c>.</summary>
    public required string Event { get; set; }

    /// <summary>The least severity a finding needs to be listed (stored as its number, like findings.Severity).</summary>
    public int MinSeverity { get; set; }

    /// <summary>Clusters (uuid[]); empty = all.</summary>
    public List<Guid> ClusterIds { get; set; } = [];

    /// <summary>Owning teams of the findings (uuid[]); empty = any owner, unowned included.</summary>
    public List<Guid> TeamIds { get; set; } = [];

    /// <summary>A cluster label the cluster must carry, <c>key=value</c>; null = any cluster.</summary>
    public string? ClusterLabel { get; set; }

    /// <summary>A namespace glob ('*' any run, '?' one character); null = any namespace.</summary>
    public string? Namespace { get; set; }

    /// <summary>Policy ids (text[]); empty = every policy.</summary>
    public List<string> PolicyIds { get; set; } = [];

    /// <summary>How many findings one message lists (the rest are counted).</summary>
    public int Limit { get; set; } = 10;

    /// <summary>Quiet hours, UTC hours 0-23: from the start hour up to (not including) the end hour.</summary>
    public int? QuietStartHour { get; set; }
    public int? QuietEndHour { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}
