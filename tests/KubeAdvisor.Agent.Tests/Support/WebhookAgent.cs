using System.Globalization;
using KubeAdvisor.Agent.Admission;
using KubeAdvisor.Testing.Admission;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Agent.Tests.Support;

/// <summary>
/// The agent in process with its admission webhook on a real HTTPS port. Its ServiceAccount token is wrong on purpose,
/// so its own first collection is refused and it pushes nothing by itself: the tests decide when a snapshot (with the
/// decisions counted so far) goes to the server.
/// </summary>
public sealed class WebhookAgent : IAsyncDisposable
{
    private readonly string _saDir;

    private WebhookAgent(WebApplication app, WebhookCertificate certificate, int port, string saDir)
    {
        (App, Certificate, Port, _saDir) = (app, certificate, port, saDir);
        Webhook = certificate.Client($"https://127.0.0.1:{port}");
    }

    public WebApplication App { get; }

    public WebhookCertificate Certificate { get; }

    public int Port { get; }

    public HttpClient Webhook { get; }

    public AdmissionState State => App.Services.GetRequiredService<AdmissionState>();

    public AdmissionDecisionLog Decisions => App.Services.GetRequiredService<AdmissionDecisionLog>();

    public static async Task<WebhookAgent> StartAsync(FakeCluster fake, string serverUrl, string token)
    {
        var certificate = WebhookCertificate.Create();
        var saDir = Directory.CreateTempSubdirectory("ka-agent-sa-bad-").FullName;
        File.Copy(Path.Combine(fake.ServiceAccountDir, "ca.crt"), Path.Combine(saDir, "ca.crt"));
        await File.WriteAllTextAsync(Path.Combine(saDir, "token"), "not-the-token");
        var port = LossyProxy.FreePort();
        var app = AgentHost.Build([], new Dictionary<string, string?>
        {
            ["SERVER_URL"] = serverUrl, ["TOKEN"] = token, ["KUBERNETES_URL"] = fake.Url, ["SERVICE_ACCOUNT_DIR"] = saDir, ["HEALTH_PORT"] = "0",
            ["INTERVAL_MINUTES"] = "60", ["FIRST_BACKOFF_SECONDS"] = "0.2", ["MAX_BACKOFF_SECONDS"] = "1", ["REQUEST_TIMEOUT_SECONDS"] = "20",
            ["ADMISSION"] = "true", ["ADMISSION_PORT"] = port.ToString(CultureInfo.InvariantCulture), ["ADMISSION_REFRESH_SECONDS"] = "1",
            ["ADMISSION_TLS_CERT_FILE"] = certificate.CertFile, ["ADMISSION_TLS_KEY_FILE"] = certificate.KeyFile,
        });
        await app.StartAsync();
        return new WebhookAgent(app, certificate, port, saDir);
    }

    public async ValueTask DisposeAsync()
    {
        Webhook.Dispose();
        await App.DisposeAsync();
        Certificate.Dispose();
        Directory.Delete(_saDir, recursive: true);
    }
}
