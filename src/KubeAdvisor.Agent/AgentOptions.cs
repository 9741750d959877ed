using Microsoft.Extensions.Configuration;

namespace KubeAdvisor.Agent;

/// <summary>
/// Agent settings, read from environment variables <c>KUBEADVISOR_AGENT_&lt;KEY&gt;</c> (the deployment takes
/// SERVER_URL and TOKEN from the kubeadvisor-agent Secret). Defaults are documented per member.
/// </summary>
public sealed class AgentOptions
{
    /// <summary>KubeAdvisor's base URL, e.g. https://kubeadvisor.example.com (SERVER_URL). Required.</summary>
    [ConfigurationKeyName("SERVER_URL")]
    public string ServerUrl { get; set; } = "";

    /// <summary>The agent token shown once when the connection was created (TOKEN). Required; never logged.</summary>
    [ConfigurationKeyName("TOKEN")]
    public string Token { get; set; } = "";

    /// <summary>Minutes between collections (INTERVAL_MINUTES, default 10, 1 to 1440).</summary>
    [ConfigurationKeyName("INTERVAL_MINUTES")]
    public double IntervalMinutes { get; set; } = 10;

    /// <summary>
    /// The API server (KUBERNETES_URL), e.g. https://10.96.0.1:443; empty = https://KUBERNETES_SERVICE_HOST:KUBERNETES_SERVICE_PORT,
    /// as in every pod. Set it (with SERVICE_ACCOUNT_DIR) to run the agent outside a cluster.
    /// </summary>
    [ConfigurationKeyName("KUBERNETES_URL")]
    public string? KubernetesUrl { get; set; }

    /// <summary>Folder with the ServiceAccount's <c>token</c> and <c>ca.crt</c> (SERVICE_ACCOUNT_DIR, default the pod's mount).</summary>
    [ConfigurationKeyName("SERVICE_ACCOUNT_DIR")]
    public string ServiceAccountDir { get; set; } = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>Port of the health endpoint /healthz and /readyz (HEALTH_PORT, default 8081; 0 = any free port).</summary>
    [ConfigurationKeyName("HEALTH_PORT")]
    public int HealthPort { get; set; } = 8081;

    /// <summary>First retry delay while the server is unreachable, in seconds (FIRST_BACKOFF_SECONDS, default 5); doubles per attempt.</summary>
    [ConfigurationKeyName("FIRST_BACKOFF_SECONDS")]
    public double FirstBackoffSeconds { get; set; } = 5;

    /// <summary>Longest retry delay, in seconds (MAX_BACKOFF_SECONDS, default 300).</summary>
    [ConfigurationKeyName("MAX_BACKOFF_SECONDS")]
    public double MaxBackoffSeconds { get; set; } = 300;

    /// <summary>Timeout of one Kubernetes API request and of one upload, in seconds (REQUEST_TIMEOUT_SECONDS, default 120).</summary>
    [ConfigurationKeyName("REQUEST_TIMEOUT_SECONDS")]
    public double RequestTimeoutSeconds { get; set; } = 120;

    /// <summary>Collect and deliver once, then exit (ONCE, default false): for benchmarks and first-time checks.</summary>
    [ConfigurationKeyName("ONCE")]
    public bool Once { get; set; }

    /// <summary>Run the validating admission webhook (ADMISSION, default false; docs/admission.md).</summary>
    [ConfigurationKeyName("ADMISSION")]
    public bool Admission { get; set; }

    /// <summary>HTTPS port of the admission webhook, POST /validate (ADMISSION_PORT, default 8443).</summary>
    [ConfigurationKeyName("ADMISSION_PORT")]
    public int AdmissionPort { get; set; } = 8443;

    /// <summary>PEM certificate (chain) of the webhook (ADMISSION_TLS_CERT_FILE, default the mounted Secret's tls.crt); reloaded when it changes.</summary>
    [ConfigurationKeyName("ADMISSION_TLS_CERT_FILE")]
    public string AdmissionTlsCertFile { get; set; } = "/etc/kubeadvisor/admission-tls/tls.crt";

    /// <summary>PEM private key of the webhook (ADMISSION_TLS_KEY_FILE, default the mounted Secret's tls.key).</summary>
    [ConfigurationKeyName("ADMISSION_TLS_KEY_FILE")]
    public string AdmissionTlsKeyFile { get; set; } = "/etc/kubeadvisor/admission-tls/tls.key";

    /// <summary>Seconds between pulls of the cluster's admission mode, settings and exceptions (ADMISSION_REFRESH_SECONDS, default 60).</summary>
    [ConfigurationKeyName("ADMISSION_REFRESH_SECONDS")]
    public double AdmissionRefreshSeconds { get; set; } = 60;

    /// <summary>
    /// After each delivered push, write the cluster's results into it as openreports.io Reports (WRITE_REPORTS, default
    /// false; needs the CRDs and deploy/agent/reports-rbac.yaml; docs/reports.md).
    /// </summary>
    [ConfigurationKeyName("WRITE_REPORTS")]
    public bool WriteReports { get; set; }

    public TimeSpan Interval => TimeSpan.FromMinutes(IntervalMinutes);

    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(RequestTimeoutSeconds);

    /// <summary>Every problem with the settings, worded for the log; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(ServerUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            errors.Add("KUBEADVISOR_AGENT_SERVER_URL must be KubeAdvisor's absolute http(s) URL.");
        }

        if (string.IsNullOrWhiteSpace(Token))
        {
            errors.Add("KUBEADVISOR_AGENT_TOKEN is empty: create the kubeadvisor-agent secret with the token shown by KubeAdvisor.");
        }

        if (IntervalMinutes is < 0.01 or > 1440)
        {
            errors.Add("KUBEADVISOR_AGENT_INTERVAL_MINUTES must be between 0.01 and 1440.");
        }

        if (FirstBackoffSeconds <= 0 || MaxBackoffSeconds < FirstBackoffSeconds)
        {
            errors.Add("KUBEADVISOR_AGENT_FIRST_BACKOFF_SECONDS must be positive and at most KUBEADVISOR_AGENT_MAX_BACKOFF_SECONDS.");
        }

        if (!string.IsNullOrWhiteSpace(KubernetesUrl) && !(Uri.TryCreate(KubernetesUrl, UriKind.Absolute, out var api) && api.Scheme == "https"))
        {
            errors.Add("KUBEADVISOR_AGENT_KUBERNETES_URL must be the API server's absolute https URL.");
        }

        if (Admission && (AdmissionPort is < 1 or > 65535 || AdmissionPort == HealthPort))
        {
            errors.Add("KUBEADVISOR_AGENT_ADMISSION_PORT must be a port from 1 to 65535, other than the health port.");
        }

        if (Admission && AdmissionRefreshSeconds is < 1 or > 3600)
        {
            errors.Add("KUBEADVISOR_AGENT_ADMISSION_REFRESH_SECONDS must be between 1 and 3600.");
        }

        if (RequestTimeoutSeconds <= 0)
        {
            errors.Add("KUBEADVISOR_AGENT_REQUEST_TIMEOUT_SECONDS must be positive.");
        }

        return errors;
    }
}
