namespace KubeAdvisor.Web.Features.Agents;

/// <summary>Outcome of creating or rotating an agent connection: the token (shown once) or why nothing was stored.</summary>
public sealed record AgentConnectionResult(Guid? ClusterId, string? Token, IReadOnlyList<string> Errors, bool NotFound = false)
{
    public bool Succeeded => Errors.Count == 0 && !NotFound;

    public static AgentConnectionResult Ok(Guid clusterId, string? token) => new(clusterId, token, []);

    public static AgentConnectionResult Fail(string error) => new(null, null, [error]);

    public static AgentConnectionResult Missing() => new(null, null, ["No such agent-connected cluster."], NotFound: true);
}
