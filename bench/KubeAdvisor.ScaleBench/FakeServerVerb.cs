using System.Diagnostics;
using System.Text.Json;
using KubeAdvisor.DemoCluster;

namespace KubeAdvisor.ScaleBench;

/// <summary>
/// <c>fake-server</c>: the fake Kubernetes API with a synthetic cluster, in its own process so that the scanner's
/// memory figure is the scanner's alone. Prints one JSON line (<see cref="FakeServerInfo"/>) on stdout when ready
/// and serves until stdin closes.
/// </summary>
internal static class FakeServerVerb
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var workloads = args.Int("workloads", 10_000);
        var started = Stopwatch.GetTimestamp();
        await using var server = await FakeKubernetesServer.StartAsync();
        // WORKLOADS_ONLY=1 (environment, so it reaches the process scan-scale starts too): the synthetic cluster without the
        // ConfigMaps, Ingresses, RBAC, … beside the workloads, as before decision 0037, to measure what those cost.
        var objects = SyntheticCluster.Generate(workloads, otherObjects: Environment.GetEnvironmentVariable("WORKLOADS_ONLY") != "1");
        // --real-world 1: Helm labels, last-applied-configuration and managedFields on every object, as in real clusters
        server.Objects.Replace(args.Int("real-world", 0) != 0 ? SyntheticCluster.WithRealWorldMetadata(objects) : objects);
        server.Faults.LinkBytesPerSecond = args.Int("link-mbps", 0) * 1_000_000L / 8; // 0: as fast as the machine goes
        GC.Collect();
        var info = new FakeServerInfo(
            server.BaseAddress.ToString().TrimEnd('/'), server.Token, server.CaCertificatePem, server.Kubeconfig("bench"),
            server.Objects.Count("deployments"), server.Objects.Count("replicasets"), server.Objects.Count("pods"),
            Stopwatch.GetElapsedTime(started).TotalSeconds);
        Console.Out.WriteLine(JsonSerializer.Serialize(info));
        Console.Out.Flush();
        await Console.In.ReadToEndAsync();
        Console.Error.WriteLine($"fake-server: peak RSS {ProcessMemory.PeakMiB():0} MiB");
        return 0;
    }
}

/// <summary>What the fake-server verb prints: where it listens, how to trust and authenticate, what it serves.</summary>
internal sealed record FakeServerInfo(
    string Url, string Token, string CaPem, string Kubeconfig, int Deployments, int ReplicaSets, int Pods, double StartSeconds);
