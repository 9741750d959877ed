using KubeAdvisor.Kubernetes.Kubeconfig;

namespace KubeAdvisor.Web.Configuration;

/// <summary>Binds <see cref="KubeAdvisorOptions"/> from KUBEADVISOR_* variables and validates them on start.</summary>
public static class ConfigurationExtensions
{
    public const string EnvironmentPrefix = "KUBEADVISOR_";

    public static WebApplicationBuilder AddKubeAdvisorConfiguration(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        // Checked here, not with the validators below: what gets registered and mapped depends on the role.
        builder.Services.AddSingleton(builder.Configuration.GetKubeAdvisorOptions().GetProcessRole());
        builder.Services.AddOptions<KubeAdvisorOptions>()
            .Bind(builder.Configuration)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Database), "KUBEADVISOR_DB (PostgreSQL connection string) is not set.")
            .Validate(o => o.HangfireWorkers is >= 0 and <= 64, "KUBEADVISOR_HANGFIRE_WORKERS must be between 0 and 64.")
            .Validate(o => o.ScanTimeoutSeconds is >= 5 and <= 86_400, "KUBEADVISOR_SCAN_TIMEOUT_SECONDS must be between 5 and 86400.")
            .Validate(o => o.ScanMaxAttempts is >= 1 and <= 10, "KUBEADVISOR_SCAN_MAX_ATTEMPTS must be between 1 and 10.")
            .Validate(o => o.RetentionDays >= 1 && o.RollupRetentionDays >= o.RetentionDays, "KUBEADVISOR_RETENTION_DAYS must be at least 1 and at most KUBEADVISOR_ROLLUP_RETENTION_DAYS.")
            .Validate(o => o.ServerAllowListEntries.All(e => KubeconfigPolicy.AllowListEntryError(e) is null),
                "KUBEADVISOR_SERVER_ALLOWLIST has an entry that is not a host name, *.suffix, IP address or CIDR (e.g. 10.0.0.0/8,*.k8s.internal).")
            .Validate(o => o.SessionRevalidateSeconds is >= 1 and <= 3600, "KUBEADVISOR_SESSION_REVALIDATE_SECONDS must be between 1 and 3600.")
            .Validate(o => o.ExceptionMaxDays is >= 1 and <= 3650, "KUBEADVISOR_EXCEPTION_MAX_DAYS must be between 1 and 3650.")
            .Validate(o => o.SmtpPort is >= 1 and <= 65_535, "KUBEADVISOR_SMTP_PORT must be between 1 and 65535.")
            .Validate(o => o.SmtpSecurity is "starttls" or "tls" or "none", "KUBEADVISOR_SMTP_SECURITY must be starttls, tls or none.")
            .Validate(o => string.IsNullOrWhiteSpace(o.SmtpHost) || MimeKit.MailboxAddress.TryParse(o.SmtpFrom, out _),
                "KUBEADVISOR_SMTP_FROM must be an e-mail address, e.g. KubeAdvisor <kubeadvisor@example.com>.")
            .Validate(o => o.NotifyMaxAttempts is >= 1 and <= 20, "KUBEADVISOR_NOTIFY_MAX_ATTEMPTS must be between 1 and 20.")
            .Validate(o => o.NotifyRetrySeconds is >= 1 and <= 3600, "KUBEADVISOR_NOTIFY_RETRY_SECONDS must be between 1 and 3600.")
            .ValidateOnStart();
        return builder;
    }

    /// <summary>The role of this process; an unknown role, or a worker without workers, stops the start with what to set.</summary>
    public static ProcessRole GetProcessRole(this KubeAdvisorOptions options)
    {
        var role = ProcessRole.Parse(options.Role)
            ?? throw new InvalidOperationException($"KUBEADVISOR_ROLE is \"{options.Role}\": it must be web (UI and API), worker (background jobs) or all (both, the default).");
        if (role == ProcessRole.Worker && options.HangfireWorkers < 1)
        {
            throw new InvalidOperationException("KUBEADVISOR_ROLE is worker but KUBEADVISOR_HANGFIRE_WORKERS is 0: a worker needs at least one Hangfire worker.");
        }

        return role;
    }

    public static KubeAdvisorOptions GetKubeAdvisorOptions(this IConfiguration configuration)
    {
        var options = new KubeAdvisorOptions();
        configuration.Bind(options);
        return options;
    }
}
