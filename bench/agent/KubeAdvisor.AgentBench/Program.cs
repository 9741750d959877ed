using System.Diagnostics;
using System.Globalization;
using System.Net;
using KubeAdvisor.DemoCluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

// Usage: KubeAdvisor.AgentBench <path to KubeAdvisor.Agent.dll or the native KubeAdvisor.Agent> [workloads=10000] [minimal|real]
// UPLOAD_OUT=<file> keeps the uploaded body (gzip JSON), e.g. to compare what two builds send.
if (args.Length < 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("Usage: KubeAdvisor.AgentBench <KubeAdvisor.Agent.dll | KubeAdvisor.Agent> [workloads] [minimal|real]");
    return 2;
}

var workloads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
await using var fake = await FakeKubernetesServer.StartAsync();
// "real": labels, annotations (last-applied-configuration) and managedFields as real clusters have them
var realistic = args.Length > 2 && args[2] == "real";
var objects = realistic ? SyntheticCluster.WithRealWorldMetadata(SyntheticCluster.Generate(workloads)) : SyntheticCluster.Generate(workloads);
fake.Objects.Replace(objects);
// the agent reads the fake cluster as it reads a real one from inside a pod: ServiceAccount token and CA files
var serviceAccount = Directory.CreateTempSubdirectory("agent-bench-sa-").FullName;
await File.WriteAllTextAsync(Path.Combine(serviceAccount, "token"), fake.Token);
await File.WriteAllTextAsync(Path.Combine(serviceAccount, "ca.crt"), fake.CaCertificatePem);

Process? agent = null;
string? atUpload = null;
long uploadBytes = 0;
var receiver = WebApplication.CreateSlimBuilder();
receiver.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
await using var app = receiver.Build();
app.MapPost("/api/v1/agent/snapshots", async (HttpRequest request) =>
{
    using var body = new MemoryStream();
    await request.Body.CopyToAsync(body);
    uploadBytes = body.Length;
    if (Environment.GetEnvironmentVariable("UPLOAD_OUT") is { Length: > 0 } saveTo)
    {
        await File.WriteAllBytesAsync(saveTo, body.ToArray()); // to compare two builds' uploads (gzip JSON)
    }

    atUpload = Memory(agent!.Id); // the agent waits for this answer: its peak so far includes collect + serialize
    return Results.Json(new { scanId = Guid.NewGuid(), duplicate = false }, statusCode: 202);
});
await app.StartAsync();
var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

// A framework-dependent build is started through the dotnet host; a native (NativeAOT) build directly.
var start = args[0].EndsWith(".dll", StringComparison.Ordinal)
    ? new ProcessStartInfo("dotnet", [args[0]]) { UseShellExecute = false }
    : new ProcessStartInfo(args[0]) { UseShellExecute = false };
start.Environment["KUBEADVISOR_AGENT_SERVER_URL"] = url;
start.Environment["KUBEADVISOR_AGENT_TOKEN"] = "bench-token";
start.Environment["KUBEADVISOR_AGENT_KUBERNETES_URL"] = fake.BaseAddress.ToString();
start.Environment["KUBEADVISOR_AGENT_SERVICE_ACCOUNT_DIR"] = serviceAccount;
start.Environment["KUBEADVISOR_AGENT_ONCE"] = "true";
start.Environment["KUBEADVISOR_AGENT_HEALTH_PORT"] = "0";
var watch = Stopwatch.StartNew();
agent = Process.Start(start)!;
await agent.WaitForExitAsync();
Directory.Delete(serviceAccount, recursive: true);

Console.WriteLine();
Console.WriteLine($"workloads: {workloads:N0}; objects served: {objects.Count:N0}; pods: {fake.Objects.Count("pods"):N0}; metadata: {(realistic ? "real-world (labels, annotations, managedFields)" : "minimal")}");
Console.WriteLine($"agent: exit {agent.ExitCode}, start to exit {watch.Elapsed.TotalSeconds:0.0} s, upload {uploadBytes / 1024.0 / 1024:0.00} MB gzip");
Console.WriteLine($"agent memory while uploading: {atUpload ?? "(no upload received)"}");
return atUpload is null ? 1 : 0;

static string Memory(int pid)
{
    var lines = File.ReadAllLines($"/proc/{pid}/status");
    string Field(string name) => lines.First(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();
    return $"VmHWM (peak RSS) {Field("VmHWM")}, VmRSS {Field("VmRSS")}";
}
