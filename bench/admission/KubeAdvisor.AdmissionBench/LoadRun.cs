using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace KubeAdvisor.AdmissionBench;

/// <summary>
/// Open loop: request i is sent at start + i/rate whatever the earlier ones did (the API server does not wait for us),
/// so a slow answer shows as latency instead of lowering the rate. Latency = send to last byte of the answer, measured
/// here (loopback TLS included). The driver's own stalls are reported beside it (how late requests started, its GC
/// pauses), so a tail the driver causes is not mistaken for the webhook's.
/// </summary>
internal static class LoadRun
{
    public static async Task RunAsync(string[] args)
    {
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

        var reviews = Reviews.All().Select(r => Encoding.UTF8.GetBytes(r)).ToArray();
        for (var i = 0; i < 400; i++) // warm-up: connections, TLS sessions, the agent's first code paths
        {
            await SendAsync(http, reviews[i % reviews.Length]);
        }

        var total = rate * seconds;
        var latencies = new double[total];
        var late = new double[total];
        var failures = 0;
        var tasks = new Task[total];
        var (gc0, pause0) = (GC.CollectionCount(0), GC.GetTotalPauseDuration());
        var agent = Environment.GetEnvironmentVariable("AGENT_PID");
        var (agentCpu0, agentWait0, agentSwitches0) = (CpuTicks(agent), RunQueueWait(agent), ContextSwitches(agent));
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            // Sleep until about a millisecond before the request is due, then wait yielding the core: the driver has one
            // core, and a thread spinning without yielding delays the threads that read the answers, which shows as
            // webhook latency; sleeping all the way sends late and in bursts (decision 0039). Lateness is reported below;
            // latency is counted from when a request is sent.
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1.5))
            {
                await Task.Delay(wait - TimeSpan.FromMilliseconds(1));
            }

            while (clock.Elapsed < due)
            {
                Thread.Yield();
            }

            var index = i;
            tasks[i] = Task.Run(async () =>
            {
                late[index] = (clock.Elapsed - due).TotalMilliseconds;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await SendAsync(http, reviews[index % reviews.Length]);
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
        var (gcs, pause) = (GC.CollectionCount(0) - gc0, GC.GetTotalPauseDuration() - pause0);
        var agentCpuMs = (CpuTicks(agent) - agentCpu0) * 10.0; // clock ticks of 10 ms (USER_HZ 100)
        var agentWaitMs = (RunQueueWait(agent) - agentWait0) / 1e6;
        var agentSwitches = ContextSwitches(agent) - agentSwitches0;
        Array.Sort(latencies);
        Array.Sort(late);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reviews {total} in {elapsed:0.0} s ({total / elapsed:0} /s), failures {failures}; latency ms p50 {P(latencies, 0.50):0.00} p90 {P(latencies, 0.90):0.00} p99 {P(latencies, 0.99):0.00} p99.9 {P(latencies, 0.999):0.00} max {latencies[^1]:0.00}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"agent CPU {agentCpuMs:0} ms over the run = {agentCpuMs * 1000 / total:0} µs per review (user + system, /proc/AGENT_PID/stat); its threads waited {agentWaitMs:0} ms for a CPU (run queue, schedstat); {(double)agentSwitches / total:0.0} voluntary context switches per review"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"driver: started late ms p99 {P(late, 0.99):0.00} max {late[^1]:0.00}; its own GCs {gcs}, paused {pause.TotalMilliseconds:0.0} ms in all"));
    }

    // utime + stime of the agent's process, in clock ticks; 0 without AGENT_PID.
    private static long CpuTicks(string? pid)
    {
        if (pid is null)
        {
            return 0;
        }

        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    // Nanoseconds the agent's threads spent runnable but not running (other processes on its core), summed over threads
    // alive at the time; 0 without AGENT_PID.
    private static long RunQueueWait(string? pid) =>
        pid is null ? 0 : SumOverThreads(pid, "schedstat", stat => long.Parse(stat.Split(' ')[1], CultureInfo.InvariantCulture));

    // Times the agent's threads went to sleep (waiting for work or I/O), summed over threads; each is a wake-up later,
    // which on a busy core waits for the CPU. 0 without AGENT_PID.
    private static long ContextSwitches(string? pid) => pid is null ? 0 : SumOverThreads(pid, "status", status =>
        long.Parse(status.Split('\n').First(l => l.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal)).Split(':')[1].Trim(), CultureInfo.InvariantCulture));

    private static long SumOverThreads(string pid, string file, Func<string, long> read)
    {
        long sum = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                sum += read(File.ReadAllText(Path.Combine(task, file)));
            }
            catch (IOException)
            {
                // the thread ended meanwhile
            }
        }

        return sum;
    }

    private static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static async Task SendAsync(HttpClient http, byte[] review)
    {
        using var content = new ByteArrayContent(review);
        content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        using var response = await http.PostAsync("/validate", content);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode || body.Length == 0)
        {
            throw new HttpRequestException($"/validate answered {(int)response.StatusCode}");
        }
    }
}
