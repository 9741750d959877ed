using Microsoft.Extensions.Configuration;

namespace KubeAdvisor.Web.Configuration;

/// <summary>
/// Every setting of KubeAdvisor. Each is read from the environment variable KUBEADVISOR_&lt;KEY&gt;
/// (or the same key in appsettings.json); .env.example documents them with their defaults.
/// </summary>
public sealed class KubeAdvisorOptions
{
    /// <summary>PostgreSQL connection string (KUBEADVISOR_DB). Required.</summary>
    [ConfigurationKeyName("DB")]
    public string Database { get; set; } = "";

    /// <summary>Apply pending EF migrations at start (KUBEADVISOR_MIGRATE_ON_START, default true).</summary>
    [ConfigurationKeyName("MIGRATE_ON_START")]
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>First admin's e-mail (KUBEADVISOR_ADMIN_EMAIL, default admin@kubeadvisor.local).</summary>
    [ConfigurationKeyName("ADMIN_EMAIL")]
    public string AdminEmail { get; set; } = "admin@kubeadvisor.local";

    /// <summary>First admin's password (KUBEADVISOR_ADMIN_PASSWORD); when empty a random one is printed once.</summary>
    [ConfigurationKeyName("ADMIN_PASSWORD")]
    public string? AdminPassword { get; set; }

    /// <summary>When set, an Admin API token with this value exists after start (KUBEADVISOR_BOOTSTRAP_TOKEN).</summary>
    [ConfigurationKeyName("BOOTSTRAP_TOKEN")]
    public string? BootstrapToken { get; set; }

    /// <summary>Hangfire worker count in this process (KUBEADVISOR_HANGFIRE_WORKERS, default 2; 0 = no job server).</summary>
    [ConfigurationKeyName("HANGFIRE_WORKERS")]
    public int HangfireWorkers { get; set; } = 2;

    /// <summary>How often Hangfire polls for scheduled jobs, in seconds (KUBEADVISOR_HANGFIRE_POLL_SECONDS, default 15).</summary>
    [ConfigurationKeyName("HANGFIRE_POLL_SECONDS")]
    public int HangfirePollSeconds { get; set; } = 15;

    /// <summary>Whether this process serves the web UI over HTTPS only cookies (KUBEADVISOR_SECURE_COOKIES, default false).</summary>
    [ConfigurationKeyName("SECURE_COOKIES")]
    public bool SecureCookies { get; set; }
}
