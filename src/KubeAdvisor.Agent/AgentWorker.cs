using KubeAdvisor.Kubernetes.Collection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KubeAdvisor.Agent;

/// <summary>
/// The agent's loop: collect on start and every interval, deliver each snapshot (retrying the same bytes with
/// exponential backoff and jitter while the server is unreachable, until the next collection is due), and stop
/// cleanly when the host shuts down (SIGTERM): an interrupted upload is simply not retried.
/// </summary>
public sealed class AgentWorker(
    SnapshotSource source,
    Admission.AdmissionDecisionLog decisions,
    SnapshotUploader uploader,
    Reports.ReportSync reports,
    AgentOptions options,
    Backoff backoff,
    AgentHealth health,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<AgentWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("KubeAdvisor agent {Version} reads the cluster from the {Connection} and pushes to {Server} every {Interval} min",
            AgentVersion.Current, ServiceAccountConnection.Describe(options), options.ServerUrl, options.IntervalMinutes);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var nextCollection = time.GetUtcNow() + options.Interval;
                await RunCycleAsync(nextCollection, stoppingToken);
                if (options.Once)
                {
                    break;
                }

                await WaitAsync(nextCollection - time.GetUtcNow(), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down: nothing half-done is kept, the next start collects afresh
        }

        logger.LogInformation("KubeAdvisor agent stopped");
        if (options.Once)
        {
            lifetime.StopApplication();
        }
    }

    /// <summary>One collection and its delivery. Gives up (logged) when the next collection is due first.</summary>
    internal async Task<PushOutcome> RunCycleAsync(DateTimeOffset giveUpAt, CancellationToken ct)
    {
        PendingSnapshot? pending = null;
        for (var attempt = 1; ; attempt++)
        {
            health.Beat();
            PushOutcome outcome;
            if (pending is null)
            {
                (pending, var failure) = await CollectAsync(ct);
                outcome = failure ?? await uploader.PushAsync(pending!, ct);
            }
            else
            {
                outcome = await uploader.PushAsync(pending, ct);
            }

            switch (outcome.Kind)
            {
                case PushOutcomeKind.Delivered:
                    health.Delivered();
                    logger.LogInformation("Snapshot {SnapshotId} delivered ({Workloads} workloads, {Bytes} bytes gzip): scan {ScanId}",
                        pending!.SnapshotId, pending.Workloads, pending.GzipJson.Length, outcome.ScanId);
                    await reports.AfterDeliveryAsync(outcome.ScanId, giveUpAt, ct); // never throws but on shutdown
                    return outcome;
                case PushOutcomeKind.Rejected:
                    health.Problem(outcome.Message);
                    if (pending is { Decisions.Count: > 0 })
                    {
                        logger.LogWarning("{Rows} admission decision row(s) are dropped with the refused snapshot", pending.Decisions.Count);
                    }

                    logger.LogError("Snapshot {SnapshotId} was not accepted and is dropped: {Reason}", pending?.SnapshotId, outcome.Message);
                    return outcome;
            }

            var delay = outcome.RetryAfter ?? backoff.Delay(attempt);
            health.Problem(outcome.Message);
            if (time.GetUtcNow() + delay >= giveUpAt && !options.Once)
            {
                logger.LogWarning("Giving up on snapshot {SnapshotId} after {Attempts} attempts ({Reason}); a fresh one is collected at the next interval",
                    pending?.SnapshotId, attempt, outcome.Message);
                decisions.Restore(pending?.Decisions ?? []); // the next snapshot carries them
                return outcome;
            }

            logger.LogWarning("Attempt {Attempt} for snapshot {SnapshotId} failed: {Reason}. Retrying in {Delay:0.#} s",
                attempt, pending?.SnapshotId ?? "(not collected)", outcome.Message, delay.TotalSeconds);
            await WaitAsync(delay, ct);
        }
    }

    private async Task<(PendingSnapshot? Pending, PushOutcome? Failure)> CollectAsync(CancellationToken ct)
    {
        try
        {
            var started = time.GetTimestamp();
            var pending = await source.CollectAsync(ct);
            health.Collected();
            logger.LogInformation("Collected snapshot {SnapshotId} of Kubernetes {KubernetesVersion}: {Workloads} workloads in {Seconds:0.0} s (managed heap {HeapMb:0} MB, peak working set {PeakMb:0} MB)",
                pending.SnapshotId, pending.KubernetesVersion, pending.Workloads, time.GetElapsedTime(started).TotalSeconds,
                GC.GetTotalMemory(false) / 1048576.0, Environment.WorkingSet / 1048576.0);
            return (pending, null);
        }
        catch (ClusterScanException e)
        {
            var why = $"collecting the cluster failed: {e.Message}";
            return (null, e.IsTransient ? PushOutcome.Retry(why) : PushOutcome.Rejected(why + " (check the agent's ClusterRole)"));
        }
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken ct)
    {
        var left = delay;
        while (left > TimeSpan.Zero)
        {
            // wake up at least every 30 s so the liveness heartbeat keeps moving during long waits
            var step = left < TimeSpan.FromSeconds(30) ? left : TimeSpan.FromSeconds(30);
            await Task.Delay(step, time, ct);
            health.Beat();
            left -= step;
        }
    }
}
