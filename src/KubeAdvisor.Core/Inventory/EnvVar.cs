namespace KubeAdvisor.Core.Inventory;

/// <summary>An environment variable; <see cref="Value"/> is the literal value, null when it comes from valueFrom.</summary>
public sealed record EnvVar(string Name, string? Value);
