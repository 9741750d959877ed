namespace KubeAdvisor.Web.Configuration;

/// <summary>
/// What this process does (KUBEADVISOR_ROLE): <c>web</c> serves the UI and the API and only enqueues jobs, <c>worker</c>
/// runs the Hangfire jobs and serves only /healthz and /readyz, <c>all</c> (the default) does both. One image, one
/// binary; docs/decisions/0020-web-and-worker-roles.md.
/// </summary>
public sealed class ProcessRole
{
    public static readonly ProcessRole All = new("all", servesWeb: true, runsJobs: true);
    public static readonly ProcessRole Web = new("web", servesWeb: true, runsJobs: false);
    public static readonly ProcessRole Worker = new("worker", servesWeb: false, runsJobs: true);

    private ProcessRole(string name, bool servesWeb, bool runsJobs)
    {
        Name = name;
        ServesWeb = servesWeb;
        RunsJobs = runsJobs;
    }

    public string Name { get; }

    /// <summary>Pages, the API, sign-in, the agent intake and /hangfire; also creates the first admin and the bootstrap token.</summary>
    public bool ServesWeb { get; }

    /// <summary>A Hangfire server (scans, agent snapshots, the dispatcher, retention), the recurring jobs, the demo cluster.</summary>
    public bool RunsJobs { get; }

    /// <summary>The role named by <paramref name="value"/> (case-insensitive; empty means all), or null for anything else.</summary>
    public static ProcessRole? Parse(string? value) =>
        string.IsNullOrWhiteSpace(value) ? All : value.Trim().ToLowerInvariant() switch
        {
            "all" => All,
            "web" => Web,
            "worker" => Worker,
            _ => null,
        };

    public override string ToString() => Name;
}
