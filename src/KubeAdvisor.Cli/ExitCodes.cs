namespace KubeAdvisor.Cli;

/// <summary>The process exit codes CI reads.</summary>
internal static class ExitCodes
{
    /// <summary>No finding at or above the --fail-on threshold.</summary>
    public const int Clean = 0;

    /// <summary>At least one finding at or above the threshold.</summary>
    public const int Findings = 1;

    /// <summary>A usage error, an unreadable manifest or settings, or an unreachable server.</summary>
    public const int Error = 2;
}
