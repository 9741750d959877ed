using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

// Usage: AdmissionBench URL CA_PEM [rate=200] [seconds=30]
// Open loop: request i is sent at start + i/rate whatever the earlier ones did (the API server does not wait for us),
// so a slow answer shows as latency instead of lowering the rate. Latency = send to last byte of the answer, measured
// here (loopback TLS included). Four review shapes in turn: a refused :latest Deployment, an allowed pinned one, a bare
// Pod and a three-container StatefulSet.
var url = args[0];
var trusted = X509Certificate2.CreateFromPem(File.ReadAllText(args[1]));
var rate = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
var seconds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 30;
using var http = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = 16,
    SslOptions = new SslClientAuthenticationOptions
    {
        RemoteCertificateValidationCallback = (_, c, _, _) => c is not null && c.GetCertHashString() == trusted.GetCertHashString(),
    },
}) { BaseAddress = new Uri(url) };

string[] reviews = [Review(Deployment("nginx:latest")), Review(Deployment("nginx:1.27.3")), Review(Pod()), Review(StatefulSet())];
for (var i = 0; i < 400; i++) // warm-up: connections, TLS sessions, the agent's first code paths
{
    await SendAsync(reviews[i % reviews.Length]);
}

var total = rate * seconds;
var latencies = new double[total];
var failures = 0;
var tasks = new Task[total];
var clock = Stopwatch.StartNew();
for (var i = 0; i < total; i++)
{
    var due = TimeSpan.FromSeconds((double)i / rate);
    var wait = due - clock.Elapsed;
    if (wait > TimeSpan.FromMilliseconds(1))
    {
        await Task.Delay(wait);
    }

    while (clock.Elapsed < due)
    {
        Thread.SpinWait(50);
    }

    var index = i;
    tasks[i] = Task.Run(async () =>
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await SendAsync(reviews[index % reviews.Length]);
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref failures);
        }

        latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    });
}

await Task.WhenAll(tasks);
var elapsed = clock.Elapsed.TotalSeconds;
Array.Sort(latencies);
double P(double q) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"reviews {total} in {elapsed:0.0} s ({total / elapsed:0} /s), failures {failures}; latency ms p50 {P(0.50):0.00} p90 {P(0.90):0.00} p99 {P(0.99):0.00} p99.9 {P(0.999):0.00} max {latencies[^1]:0.00}"));

async Task SendAsync(string review)
{
    using var content = new StringContent(review, Encoding.UTF8, "application/json");
    using var response = await http.PostAsync("/validate", content);
    var body = await response.Content.ReadAsByteArrayAsync();
    if (!response.IsSuccessStatusCode || body.Length == 0)
    {
        throw new HttpRequestException($"/validate answered {(int)response.StatusCode}");
    }
}

static string Review(string obj) =>
    "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"" + Guid.NewGuid() + "\",\"operation\":\"CREATE\",\"namespace\":\"shop\",\"name\":\"api\",\"object\":" + obj + "}}";

static string Container(string name, string image) =>
    "{\"name\":\"" + name + "\",\"image\":\"" + image + "\",\"ports\":[{\"containerPort\":8080}],\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"},\"limits\":{\"memory\":\"256Mi\"}},"
    + "\"readinessProbe\":{\"httpGet\":{\"path\":\"/ready\",\"port\":8080}},\"securityContext\":{\"runAsNonRoot\":true,\"allowPrivilegeEscalation\":false,\"capabilities\":{\"drop\":[\"ALL\"]}},"
    + "\"env\":[{\"name\":\"MODE\",\"value\":\"prod\"}]}";

static string Workload(string kind, string name, string containers, string init = "") =>
    "{\"apiVersion\":\"apps/v1\",\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"shop\",\"labels\":{\"app.kubernetes.io/name\":\"" + name + "\"}},"
    + "\"spec\":{\"replicas\":3,\"selector\":{\"matchLabels\":{\"app\":\"" + name + "\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"" + name + "\"}},"
    + "\"spec\":{" + (init.Length > 0 ? "\"initContainers\":[" + init + "]," : "") + "\"containers\":[" + containers + "]}}}}";

static string Deployment(string image) => Workload("Deployment", "api", Container("api", image));

static string Pod() =>
    "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"debug\",\"namespace\":\"shop\"},\"spec\":{\"containers\":[" + Container("debug", "busybox:1.36") + "]}}";

static string StatefulSet() => Workload("StatefulSet", "db",
    Container("db", "postgres:16.4") + "," + Container("exporter", "quay.io/prometheuscommunity/postgres-exporter:v0.15.0"), Container("init", "busybox:1.36"));
