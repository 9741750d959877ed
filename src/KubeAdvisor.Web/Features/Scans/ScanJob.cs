using Hangfire;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Kubernetes.Kubeconfig;
using KubeAdvisor.Web.Configuration;
using KubeAdvisor.Web.Features.Clusters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// The Hangfire job that scans one kubeconfig cluster: collect → evaluate → store in one transaction.
/// Transient failures (network, 5xx, 429, timeouts) are retried with exponential backoff by re-queueing the same
/// scan record; permanent ones (401, 403, invalid kubeconfig) fail at once with an actionable message.
/// Hangfire's own retries are off: it cannot tell the two apart. A job that comes back because its worker died
/// (sliding invisibility timeout) resumes the scan left running and notes the interrupted attempt.
/// </summary>
[AutomaticRetry(Attempts = 0)]
[ReturnScanMemory]
public sealed class ScanJob(
    IDbContextFactory<KubeAdvisorDbContext> dbFactory,
    ScanLifecycle lifecycle,
    StoredKubeconfigs stored,
    ScanProcessor processor,
    ClusterScanLock scanLock,
    LargeScanGate gate,
    IBackgroundJobClient jobs,
    IOptions<KubeAdvisorOptions> options,
    TimeProvider time,
    ILogger<ScanJob> logger)
{
    public async Task RunAsync(Guid scanId, CancellationToken cancellationToken)
    {
        var active = await lifecycle.ActiveAsync(scanId, cancellationToken);
        if (active is null)
        {
            return;
        }

        // The lock first: a running scan whose lock is free was left by a worker that stopped (its session ended with it),
        // and Hangfire gave its job back to us. A held lock means the scan is alive elsewhere and must not run twice.
        var (clusterId, status) = active.Value;
        await using var held = await scanLock.TryAcquireAsync(clusterId, cancellationToken);
        if (held is null)
        {
            if (status == ScanStatus.Running)
            {
                logger.LogWarning("Scan {ScanId} came back to a worker while it still runs elsewhere; leaving it to that worker", scanId);
                return;
            }

            logger.LogInformation("Scan {ScanId}: another scan of cluster {ClusterId} holds the lock; retrying in 30 s", scanId, clusterId);
            await lifecycle.RequeueAsync(scanId, null);
            jobs.Schedule<ScanJob>(j => j.RunAsync(scanId, CancellationToken.None), TimeSpan.FromSeconds(30));
            return;
        }

        // A cluster known to be large waits here, still queued, for the process's large-scan permit (decision 0038): its
        // timeout starts once it holds it. Any other snapshot found large waits before it is stored (ScanProcessor).
        using var permit = await gate.EnterAsync(await KnownSizeAsync(clusterId, cancellationToken), cancellationToken);
        var scan = await lifecycle.StartAsync(scanId, resumeRunning: true, cancellationToken);
        if (scan is null)
        {
            return;
        }

        if (permit is not null)
        {
            // A large collection starts on a collected heap (decision 0043): the scan before may have left its garbage, when
            // the memory return after it ran while its thread still held the snapshot (an update scan then peaked at 436 MiB).
            LargeScanGate.CollectHeap();
        }

        if (scan.InterruptedAttempts > 0 && scan.Attempts > options.Value.ScanMaxAttempts)
        {
            await lifecycle.FailAsync(scanId, $"{scan.Error} Stopped after {scan.Attempts - 1} attempts, {scan.InterruptedAttempts} of them interrupted; nothing they collected was stored.",
                ScanFailureReason.Interrupted);
            logger.LogWarning("Scan {ScanId} was interrupted {Count} times; failed", scanId, scan.InterruptedAttempts);
            return;
        }

        var timeout = TimeSpan.FromSeconds(options.Value.ScanTimeoutSeconds);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            // The previous state does not depend on what is collected and cannot change while we hold the lock: read it
            // meanwhile. Both are awaited before anything else, so a failure of either never leaves the other running.
            // Not for a cluster known to be large (decision 0038): the collection's peak is at its end, with the builder
            // and the new snapshot both alive, and the previous state beside them is ~100 MiB more at 50,000 workloads.
            var prefetch = permit is null ? processor.PrefetchAsync(scan.ClusterId, cts.Token) : null;
            var collect = CollectAsync(scan.ClusterId, timeout, cts.Token);
            await Task.WhenAll(prefetch is null ? [collect] : [collect, prefetch]);
            // Off the stack of whichever finished last (decision 0038): its frames would otherwise stay alive, and with
            // them what they hold (the previous state's string pool), through the whole evaluate-and-store.
            await Task.Yield();
            var (snapshot, collectSeconds) = await collect;
            var baseline = await (prefetch ?? processor.PrefetchAsync(scan.ClusterId, cts.Token, snapshot));
            await processor.StoreAsync(scanId, snapshot, collectSeconds, baseline, cancellationToken, gateHeld: permit is not null);
            logger.LogInformation("Scan {ScanId} of cluster {ClusterId} succeeded", scanId, scan.ClusterId);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var failure = e as ClusterScanException
                ?? (e is OperationCanceledException && !cancellationToken.IsCancellationRequested
                    ? new ClusterScanException($"The scan timed out after {timeout.TotalSeconds:0} s.", transient: true, e) { Reason = ScanFailureReason.Timeout }
                    : ScanErrorClassifier.Classify(e, null, timeout));
            await FailOrRetryAsync(scan, failure);
        }
    }

    private async Task<int> KnownSizeAsync(Guid clusterId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await LargeScanGate.KnownSizeAsync(db, clusterId, ct);
    }

    /// <returns>The snapshot and how long collecting it took (kubeconfig checks included).</returns>
    private async Task<(KubeAdvisor.Core.Inventory.ClusterSnapshot Snapshot, double Seconds)> CollectAsync(Guid clusterId, TimeSpan timeout, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cluster = await db.Clusters.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clusterId, ct)
            ?? throw new ClusterScanException("The cluster was deleted.", transient: false) { Reason = ScanFailureReason.InvalidConfig };
        if (cluster.EncryptedKubeconfig is null)
        {
            throw new ClusterScanException("This cluster has no kubeconfig; it is connected by agent.", transient: false)
            {
                Reason = ScanFailureReason.InvalidConfig,
            };
        }

        // Validated again at every scan: the allow-list may have changed since the kubeconfig was stored.
        var validation = stored.Read(cluster);
        if (!validation.IsValid)
        {
            throw new ClusterScanException("The stored kubeconfig is no longer accepted: " + string.Join(" ", validation.Errors), transient: false)
            {
                Reason = ScanFailureReason.InvalidConfig,
            };
        }

        using var client = KubernetesClientFactory.CreateClient(validation.Config!, timeout);
        var collector = new ClusterCollector(time, new ClusterCollectorOptions(RequestTimeout: timeout));
        var snapshot = await collector.CollectAsync(client, ct);
        return (snapshot, time.GetElapsedTime(started).TotalSeconds);
    }

    private async Task FailOrRetryAsync(Scan scan, ClusterScanException failure)
    {
        var o = options.Value;
        if (failure.IsTransient && scan.Attempts < o.ScanMaxAttempts)
        {
            var delay = TimeSpan.FromSeconds(o.ScanRetrySeconds * Math.Pow(2, scan.Attempts - 1));
            await lifecycle.RequeueAsync(scan.Id, $"{failure.Message} (attempt {scan.Attempts} of {o.ScanMaxAttempts}; retrying in {delay.TotalSeconds:0} s)");
            jobs.Schedule<ScanJob>(j => j.RunAsync(scan.Id, CancellationToken.None), delay);
            logger.LogWarning("Scan {ScanId} failed transiently ({Error}); retry in {Delay}", scan.Id, failure.Message, delay);
            return;
        }

        await lifecycle.FailAsync(scan.Id, failure.Message, failure.Reason);
        logger.LogWarning(failure.InnerException, "Scan {ScanId} of cluster {ClusterId} failed: {Error}", scan.Id, scan.ClusterId, failure.Message);
    }
}
