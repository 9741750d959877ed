using System.Diagnostics;
using System.Globalization;
using System.Text;
using KubeAdvisor.Agent.Admission;
using KubeAdvisor.Core.Admission;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Admission;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeAdvisor.AdmissionBench;

/// <summary>
/// The agent's webhook handler (<see cref="AdmissionWebhook.HandleAsync"/>: read the body, parse, judge, count, write
/// the answer) called in process on the four review shapes, deny at high as in the HTTPS run: bytes allocated per
/// review (measured around the handler only, on its one thread), CPU time per review and garbage collections. These do
/// not depend on what else runs on the machine, unlike the latency percentiles of the HTTPS run. JIT, not NativeAOT.
/// </summary>
internal static class HandlerRun
{
    public static async Task RunAsync(int count)
    {
        var state = new AdmissionState();
        state.Replace(new AdmissionConfig(AdmissionMode.Deny, Severity.High, ClusterPolicySettings.Default, []), "\"bench\"", DateTimeOffset.UtcNow);
        var webhook = new AdmissionWebhook(state, new AdmissionDecisionLog(TimeProvider.System), TimeProvider.System, NullLogger<AdmissionWebhook>.Instance);
        var reviews = Reviews.All().Select(r => Encoding.UTF8.GetBytes(r)).ToArray();
        var perShape = new long[reviews.Length];
        for (var i = 0; i < 2_000; i++) // warm-up: tiered compilation
        {
            await HandleAsync(webhook, reviews[i % reviews.Length]);
        }

        Array.Clear(perShape);
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            perShape[i % reviews.Length] += await HandleAsync(webhook, reviews[i % reviews.Length]);
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        var shapes = string.Join(" / ", perShape.Select(b => (b / (count / reviews.Length)).ToString(CultureInfo.InvariantCulture)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"handler: {count} reviews, allocated bytes per review {perShape.Sum() / count} (refused / pinned / pod / statefulset: {shapes}); "
            + $"CPU {cpu.TotalMicroseconds / count:0.0} µs per review, wall {clock.Elapsed.TotalMicroseconds / count:0.0} µs; "
            + $"GCs gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}"));
    }

    // The allocations of the handler alone: the request context around it is the bench's (Kestrel pools its own).
    private static async Task<long> HandleAsync(AdmissionWebhook webhook, byte[] review)
    {
        var http = new DefaultHttpContext();
        http.Request.IsHttps = true;
        http.Request.Method = "POST";
        http.Request.ContentLength = review.Length;
        http.Request.Body = new MemoryStream(review, writable: false);
        http.Response.Body = Stream.Null;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var task = webhook.HandleAsync(http);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (!task.IsCompleted)
        {
            throw new InvalidOperationException("The handler went asynchronous; its allocations would be on another thread.");
        }

        await task;
        return http.Response.StatusCode == 200 ? allocated : throw new InvalidOperationException($"The handler answered {http.Response.StatusCode}.");
    }
}
