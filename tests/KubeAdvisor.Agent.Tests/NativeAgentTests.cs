using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using KubeAdvisor.Agent.Tests.Support;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Kubernetes.Transport;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Admission;
using KubeAdvisor.Core.Admission;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Admission;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace KubeAdvisor.Agent.Tests;

/// <summary>
/// The agent as it ships: published with NativeAOT (trimmed, no JIT, source-generated serialization) and run as its
/// own process against the fake API. Reflection that the trimmer removed, or a serializer that is not generated,
/// only fails here, not in the in-process tests. Publishing needs clang and zlib headers (.ci/run installs them).
/// </summary>
public sealed class NativeAgentTests(NativeAgentBuild build, ITestOutputHelper output) : IClassFixture<NativeAgentBuild>
{
    // Kinds the demo cluster does not have, so the trimmed agent must read and serialize them too.
    private const string AutoscalerAndNetworkPolicy = """
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web, namespace: shop}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          minReplicas: 2
          maxReplicas: 6
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: default-deny, namespace: shop}
        spec: {podSelector: {}}
        """;

    [Fact]
    public async Task PublishedAgent_DeliversTheSnapshotTheJitCollectorProduces_AnswersItsProbes_AndJudgesAdmissionReviews()
    {
        await using var fake = await FakeCluster.StartAsync([.. DemoManifests.LoadAll(), .. YamlObjects.Parse(AutoscalerAndNetworkPolicy)]);
        var pushes = new List<byte[]>();
        await using var receiver = await StartReceiverAsync(pushes);
        var healthPort = FreePort();
        var webhookPort = FreePort();
        using var certificate = WebhookCertificate.Create();

        using var agent = Process.Start(new ProcessStartInfo(build.Executable)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            Environment =
            {
                ["KUBEADVISOR_AGENT_SERVER_URL"] = receiver.Url, ["KUBEADVISOR_AGENT_TOKEN"] = "native-test-token",
                ["KUBEADVISOR_AGENT_KUBERNETES_URL"] = fake.Url, ["KUBEADVISOR_AGENT_SERVICE_ACCOUNT_DIR"] = fake.ServiceAccountDir,
                ["KUBEADVISOR_AGENT_HEALTH_PORT"] = healthPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["KUBEADVISOR_AGENT_INTERVAL_MINUTES"] = "60",
                ["KUBEADVISOR_AGENT_ADMISSION"] = "true", ["KUBEADVISOR_AGENT_ADMISSION_PORT"] = webhookPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["KUBEADVISOR_AGENT_ADMISSION_TLS_CERT_FILE"] = certificate.CertFile, ["KUBEADVISOR_AGENT_ADMISSION_TLS_KEY_FILE"] = certificate.KeyFile,
            },
        })!;
        var log = new System.Text.StringBuilder();
        agent.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        agent.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        agent.BeginOutputReadLine();
        agent.BeginErrorReadLine();
        try
        {
            await WaitUntilAsync(() => { lock (pushes) { return pushes.Count > 0; } }, agent, log);
            using var healthForAdmission = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{healthPort}") };
            await Eventually.UntilAsync(async () => JsonDocument.Parse(await healthForAdmission.GetStringAsync("/readyz")).RootElement
                .GetProperty("admission").GetProperty("settingsLoaded").GetBoolean(), TimeSpan.FromSeconds(60), () => "the native agent to pull its admission settings");
            using var health = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{healthPort}") };
            var healthz = await health.GetStringAsync("/healthz");
            using var readyz = JsonDocument.Parse(await health.GetStringAsync("/readyz"));
            output.WriteLine($"native agent peak RSS after one collection of the demo cluster: {PeakRss(agent.Id)}");

            byte[] body;
            lock (pushes)
            {
                body = pushes[0];
            }

            var pushed = await SnapshotJson.ReadAsync(new GZipStream(new MemoryStream(body), CompressionMode.Decompress), CancellationToken.None);
            var jit = await new ClusterCollector(TimeProvider.System).CollectAsync(fake.Connection(), CancellationToken.None);
            Assert.Equal("ok", healthz);
            Assert.True(readyz.RootElement.GetProperty("started").GetBoolean());
            Assert.Equal(JsonValueKind.String, readyz.RootElement.GetProperty("lastDeliveredAt").ValueKind);
            Assert.Equal("v1.31.2-fake", pushed.KubernetesVersion);
            Assert.NotEmpty(pushed.Workloads);
            Assert.Equal(Json(jit.Workloads), Json(pushed.Workloads));
            Assert.Equal(Json(jit.PodDisruptionBudgets), Json(pushed.PodDisruptionBudgets));
            Assert.Equal(Json(jit.HorizontalPodAutoscalers), Json(pushed.HorizontalPodAutoscalers));
            Assert.Equal(Json(jit.NetworkPolicies), Json(pushed.NetworkPolicies));
            Assert.Equal(new HorizontalPodAutoscaler("shop", "web", "Deployment", "web", 2, 6), Assert.Single(pushed.HorizontalPodAutoscalers));
            Assert.Equal(["Ingress"], Assert.Single(pushed.NetworkPolicies).PolicyTypes);
            Assert.Equal(jit.Namespaces, pushed.Namespaces);

            // The admission webhook of the trimmed build: the whole catalog survived trimming, and a :latest Deployment is
            // refused over TLS with the settings pulled from the receiver (deny at high).
            var admission = readyz.RootElement.GetProperty("admission");
            Assert.Equal(PolicyCatalog.All.Count, admission.GetProperty("catalogPolicies").GetInt32());
            Assert.Equal(AdmissionJudge.Policies.Count, admission.GetProperty("judgedPolicies").GetInt32());
            using var webhook = certificate.Client($"https://127.0.0.1:{webhookPort}");
            var denied = await AdmissionReviews.SendAsync(webhook, AdmissionReviews.Review(AdmissionReviews.Deployment("shop", "api", "nginx:latest")));
            Assert.False(denied["allowed"]!.GetValue<bool>());
            Assert.Contains("image-tag-latest (high), container api", denied["status"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("Fix: ", denied["status"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
            var bad = await webhook.PostAsync("/validate", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await AdmissionReviews.SendAsync(webhook, AdmissionReviews.Review(AdmissionReviews.Deployment("shop", "api", "nginx:1.27.3"))))["allowed"]!.GetValue<bool>());

            // SIGTERM, as the kubelet stops a pod: a graceful exit with code 0
            Assert.Equal(0, Sys.Kill(agent.Id, Sys.SigTerm));
            Assert.True(agent.WaitForExit(TimeSpan.FromSeconds(30)), "the agent did not stop within 30 s of SIGTERM");
            agent.WaitForExit(); // and the end of its redirected output
            Assert.Equal(0, agent.ExitCode);
            lock (log)
            {
                Assert.Contains("KubeAdvisor agent stopped", log.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain("native-test-token", log.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            if (!agent.HasExited)
            {
                agent.Kill();
            }
        }
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, SnapshotJson.Options);

    private static async Task<Receiver> StartReceiverAsync(List<byte[]> pushes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var admission = AdmissionJson.Serialize(new AdmissionConfig(AdmissionMode.Deny, Severity.High, ClusterPolicySettings.Default, []));
        app.MapGet("/api/v1/agent/admission", () => Results.Bytes(admission, "application/json"));
        app.MapPost("/api/v1/agent/snapshots", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            lock (pushes)
            {
                pushes.Add(body.ToArray());
            }

            return Results.Json(new { scanId = Guid.NewGuid(), duplicate = false }, statusCode: 202);
        });
        await app.StartAsync();
        return new Receiver(app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string PeakRss(int pid) =>
        File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))?[6..].Trim() ?? "unknown";

    private static Task WaitUntilAsync(Func<bool> condition, Process agent, System.Text.StringBuilder log) =>
        Eventually.UntilAsync(() => Task.FromResult(condition()), TimeSpan.FromSeconds(60), () =>
        {
            lock (log)
            {
                return $"the native agent to deliver (exited: {agent.HasExited}). Its log:\n{log}";
            }
        }, giveUp: () => agent.HasExited, interval: TimeSpan.FromMilliseconds(100));

    private sealed record Receiver(WebApplication App, string Url) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    private static class Sys
    {
        public const int SigTerm = 15;

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static extern int Kill(int pid, int signal);
    }
}

/// <summary>Publishes the agent with NativeAOT once for the tests of <see cref="NativeAgentTests"/>.</summary>
public sealed class NativeAgentBuild : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ka-native-agent-").FullName;

    public NativeAgentBuild()
    {
        var project = RepositoryFiles.PathOf("src/KubeAdvisor.Agent/KubeAdvisor.Agent.csproj");
        var publish = new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-r", "linux-x64", "-o", _dir, "-nologo", "-v", "q", "-clp:ErrorsOnly"])
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(publish)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet publish of the native agent took over 15 minutes.");
        }

        Executable = Path.Combine(_dir, "KubeAdvisor.Agent");
        if (process.ExitCode != 0 || !File.Exists(Executable))
        {
            throw new InvalidOperationException(
                $"Publishing the agent with NativeAOT failed (exit {process.ExitCode}); it needs clang and zlib1g-dev (apt-get install clang zlib1g-dev):\n{stdout.Result}\n{stderr.Result}");
        }
    }

    public string Executable { get; }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
