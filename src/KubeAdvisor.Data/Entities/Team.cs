namespace KubeAdvisor.Data.Entities;

/// <summary>A team that owns workloads (through ownership rules) and whose members see "My teams".</summary>
public sealed class Team
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A user's membership of a team; a user may be in several teams.</summary>
public sealed class TeamMember
{
    public Guid TeamId { get; set; }
    public required string UserId { get; set; }
}
