namespace KubeAdvisor.Web.Features.Teams;

/// <summary>POST /api/v1/teams: a new team.</summary>
public sealed record TeamRequest(string? Name);

/// <summary>PUT /api/v1/teams/{id}/members: the team's members, all of them, by e-mail.</summary>
public sealed record TeamMembersRequest(IReadOnlyList<string>? Members);

/// <summary>
/// POST /api/v1/ownership-rules (and PUT …/{id}): a rule mapping workloads to a team. Every condition it sets must hold;
/// none set = every workload. <paramref name="Position"/>: where in the order (lower first; default last).
/// </summary>
public sealed record OwnershipRuleRequest(
    Guid? TeamId,
    Guid? ClusterId = null,
    IReadOnlyList<string>? Namespaces = null,
    string? NamespaceLabel = null,
    string? WorkloadKey = null,
    string? WorkloadValue = null,
    int? Position = null);

/// <summary>Outcome of a team or rule change: the id on success, else every reason (nothing changed).</summary>
public sealed record TeamCommandResult(Guid? Id, IReadOnlyList<string> Errors, bool NotFound = false)
{
    public bool Succeeded => Errors.Count == 0 && !NotFound;

    public static TeamCommandResult Ok(Guid id) => new(id, []);

    public static TeamCommandResult Fail(params string[] errors) => new(null, errors);

    public static TeamCommandResult Missing(string what) => new(null, [$"No such {what}."], NotFound: true);
}
