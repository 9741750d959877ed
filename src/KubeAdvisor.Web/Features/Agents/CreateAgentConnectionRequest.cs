namespace KubeAdvisor.Web.Features.Agents;

/// <summary>Body of <c>POST /api/v1/agent/connections</c>.</summary>
public sealed record CreateAgentConnectionRequest(string Name, int? IntervalMinutes);
