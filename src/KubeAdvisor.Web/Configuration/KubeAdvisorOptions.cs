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

    /// <summary>
    /// What this process does (KUBEADVISOR_ROLE): <c>web</c> (UI and API, no job server), <c>worker</c> (Hangfire jobs,
    /// only /healthz and /readyz) or <c>all</c> (both, the default). Anything else stops the start. See
    /// docs/deploy.md and docs/decisions/0020-web-and-worker-roles.md.
    /// </summary>
    [ConfigurationKeyName("ROLE")]
    public string Role { get; set; } = "all";

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

    /// <summary>
    /// Master key that encrypts the Data Protection key ring at rest: 32 random bytes in base64, e.g. from
    /// `openssl rand -base64 32` (KUBEADVISOR_DATA_PROTECTION_KEY). Required outside Development.
    /// </summary>
    [ConfigurationKeyName("DATA_PROTECTION_KEY")]
    public string? DataProtectionKey { get; set; }

    /// <summary>The master key being replaced, only while rotating: still decrypts (KUBEADVISOR_DATA_PROTECTION_KEY_PREVIOUS).</summary>
    [ConfigurationKeyName("DATA_PROTECTION_KEY_PREVIOUS")]
    public string? DataProtectionKeyPrevious { get; set; }

    /// <summary>Hangfire worker count in this process (KUBEADVISOR_HANGFIRE_WORKERS, default 2; 0 = no job server).</summary>
    [ConfigurationKeyName("HANGFIRE_WORKERS")]
    public int HangfireWorkers { get; set; } = 2;

    /// <summary>How often Hangfire polls for queued and scheduled jobs, in seconds (KUBEADVISOR_HANGFIRE_POLL_SECONDS, default 15).</summary>
    [ConfigurationKeyName("HANGFIRE_POLL_SECONDS")]
    public int HangfirePollSeconds { get; set; } = 15;

    /// <summary>
    /// How long a job fetched by a worker stays invisible to other workers without a heartbeat, in seconds
    /// (KUBEADVISOR_JOB_INVISIBILITY_SECONDS, default 60). A live worker renews it continually (sliding), so only a job
    /// whose worker died comes back: after this plus one poll (KUBEADVISOR_HANGFIRE_POLL_SECONDS). See
    /// docs/decisions/0016-scan-crash-recovery.md.
    /// </summary>
    [ConfigurationKeyName("JOB_INVISIBILITY_SECONDS")]
    public int JobInvisibilitySeconds { get; set; } = 60;

    /// <summary>Whether this process serves the web UI over HTTPS only cookies (KUBEADVISOR_SECURE_COOKIES, default false).</summary>
    [ConfigurationKeyName("SECURE_COOKIES")]
    public bool SecureCookies { get; set; }

    /// <summary>A scan that takes longer is cancelled (KUBEADVISOR_SCAN_TIMEOUT_SECONDS, default 300).</summary>
    [ConfigurationKeyName("SCAN_TIMEOUT_SECONDS")]
    public int ScanTimeoutSeconds { get; set; } = 300;

    /// <summary>Attempts of one scan when failures are transient (network, 5xx, 429) (KUBEADVISOR_SCAN_MAX_ATTEMPTS, default 4).</summary>
    [ConfigurationKeyName("SCAN_MAX_ATTEMPTS")]
    public int ScanMaxAttempts { get; set; } = 4;

    /// <summary>First retry delay in seconds; doubles each attempt (KUBEADVISOR_SCAN_RETRY_SECONDS, default 30).</summary>
    [ConfigurationKeyName("SCAN_RETRY_SECONDS")]
    public int ScanRetrySeconds { get; set; } = 30;

    /// <summary>Per-scan detail (scans, summaries, score samples, resolved findings) kept this many days (KUBEADVISOR_RETENTION_DAYS, default 90).</summary>
    [ConfigurationKeyName("RETENTION_DAYS")]
    public int RetentionDays { get; set; } = 90;

    /// <summary>Daily rollups kept this many days (KUBEADVISOR_ROLLUP_RETENTION_DAYS, default 730 = 2 years).</summary>
    [ConfigurationKeyName("ROLLUP_RETENTION_DAYS")]
    public int RollupRetentionDays { get; set; } = 730;

    /// <summary>
    /// Private destinations this install may connect to, comma-separated: host names, <c>*.suffix</c>, IPs and CIDRs
    /// (KUBEADVISOR_SERVER_ALLOWLIST, e.g. <c>10.0.0.0/8,*.k8s.internal</c>; default empty = public API servers only).
    /// Loopback, RFC 1918, CGNAT, ULA, NAT64 and IPv4-in-IPv6 forms of them are refused unless listed; link-local and
    /// cloud metadata addresses are refused even when listed. See docs/decisions/0009-destination-guard.md.
    /// </summary>
    [ConfigurationKeyName("SERVER_ALLOWLIST")]
    public string? ServerAllowList { get; set; }

    /// <summary>How often the dispatcher looks for clusters due a scheduled scan, as a cron (KUBEADVISOR_DISPATCH_CRON, default every minute).</summary>
    [ConfigurationKeyName("DISPATCH_CRON")]
    public string DispatchCron { get; set; } = "* * * * *";

    /// <summary>
    /// Also serve a sample cluster from the manifests in src/KubeAdvisor.DemoCluster and connect it as "demo"
    /// (KUBEADVISOR_DEMO, default false; ./run.sh --demo sets it).
    /// </summary>
    [ConfigurationKeyName("DEMO")]
    public bool Demo { get; set; }

    /// <summary>
    /// How often an open browser tab (Blazor circuit) re-checks its user against the database, in seconds: deleted,
    /// disabled, security stamp or role changed means signed out (KUBEADVISOR_SESSION_REVALIDATE_SECONDS, default 60).
    /// The sign-in cookie is re-checked as often. Privileged actions check the database every time regardless.
    /// </summary>
    [ConfigurationKeyName("SESSION_REVALIDATE_SECONDS")]
    public int SessionRevalidateSeconds { get; set; } = 60;

    /// <summary>
    /// The longest an exception may last, in days (KUBEADVISOR_EXCEPTION_MAX_DAYS, default 365). A request without an
    /// end date gets 30 days, or this when it is shorter. See docs/decisions/0023-governed-exceptions.md.
    /// </summary>
    [ConfigurationKeyName("EXCEPTION_MAX_DAYS")]
    public int ExceptionMaxDays { get; set; } = 365;

    /// <summary>
    /// SMTP server of e-mail notifications (KUBEADVISOR_SMTP_HOST; default empty = e-mail channels cannot be created).
    /// Set by whoever runs KubeAdvisor, not by users, so it is not subject to the destination guard.
    /// </summary>
    [ConfigurationKeyName("SMTP_HOST")]
    public string? SmtpHost { get; set; }

    /// <summary>SMTP port (KUBEADVISOR_SMTP_PORT, default 587).</summary>
    [ConfigurationKeyName("SMTP_PORT")]
    public int SmtpPort { get; set; } = 587;

    /// <summary>
    /// SMTP transport security (KUBEADVISOR_SMTP_SECURITY): <c>starttls</c> (the default: upgrade or fail),
    /// <c>tls</c> (TLS from the first byte, usually port 465) or <c>none</c> (plain text: a local relay only).
    /// </summary>
    [ConfigurationKeyName("SMTP_SECURITY")]
    public string SmtpSecurity { get; set; } = "starttls";

    /// <summary>SMTP user name (KUBEADVISOR_SMTP_USERNAME; default empty = no authentication).</summary>
    [ConfigurationKeyName("SMTP_USERNAME")]
    public string? SmtpUserName { get; set; }

    /// <summary>SMTP password (KUBEADVISOR_SMTP_PASSWORD). Never logged.</summary>
    [ConfigurationKeyName("SMTP_PASSWORD")]
    public string? SmtpPassword { get; set; }

    /// <summary>Sender of notification e-mails (KUBEADVISOR_SMTP_FROM, default <c>KubeAdvisor &lt;kubeadvisor@localhost&gt;</c>).</summary>
    [ConfigurationKeyName("SMTP_FROM")]
    public string SmtpFrom { get; set; } = "KubeAdvisor <kubeadvisor@localhost>";

    /// <summary>
    /// Attempts of one notification when the failures are transient: network errors, 5xx, 429, SMTP 4xx
    /// (KUBEADVISOR_NOTIFY_MAX_ATTEMPTS, default 5). Other answers (400, 401, 404, ...) are not retried.
    /// </summary>
    [ConfigurationKeyName("NOTIFY_MAX_ATTEMPTS")]
    public int NotifyMaxAttempts { get; set; } = 5;

    /// <summary>
    /// First delay before a notification is retried, in seconds; doubles each attempt (KUBEADVISOR_NOTIFY_RETRY_SECONDS,
    /// default 30). A 429 with Retry-After waits what it asks instead, at most 15 minutes.
    /// </summary>
    [ConfigurationKeyName("NOTIFY_RETRY_SECONDS")]
    public int NotifyRetrySeconds { get; set; } = 30;

    public IReadOnlyList<string> ServerAllowListEntries =>
        (ServerAllowList ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
