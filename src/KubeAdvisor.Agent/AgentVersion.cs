using System.Reflection;

namespace KubeAdvisor.Agent;

/// <summary>The agent's own version (the project's Version, without the source revision suffix).</summary>
public static class AgentVersion
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        var informational = typeof(AgentVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
