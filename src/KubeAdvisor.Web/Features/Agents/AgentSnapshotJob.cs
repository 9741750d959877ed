using Hangfire;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Scans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Features.Agents;

/// <summary>
/// Evaluates a pushed snapshot through <see cref="ScanProcessor"/>, the same path as a kubeconfig scan, so an
/// agent-connected cluster gets the same findings, scores and trends. The stored payload is emptied once the scan
/// succeeded or failed (the row stays, with size and digest: it is what recognises a replayed snapshot id).
/// </summary>
[AutomaticRetry(Attempts = 0)]
[KubeAdvisor.Web.Features.Scans.ReturnScanMemory]
public sealed class AgentSnapshotJob(
    IDbContextFactory<KubeAdvisorDbContext> dbFactory,
    ScanLifecycle lifecycle,
    ScanProcessor processor,
    IOptions<AgentIngestionOptions> options,
    TimeProvider time,
    ILogger<AgentSnapshotJob> logger)
{
    public async Task RunAsync(Guid scanId, CancellationToken cancellationToken)
    {
        // A snapshot left running by a stopped process is evaluated again: the job is idempotent.
        if (await lifecycle.StartAsync(scanId, resumeRunning: true, cancellationToken) is null)
        {
            return; // deleted with its cluster, or already done
        }

        byte[]? payload;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            payload = await db.AgentSnapshots.Where(a => a.ScanId == scanId).Select(a => a.Payload).SingleOrDefaultAsync(cancellationToken);
        }

        try
        {
            if (payload is null || payload.Length == 0)
            {
                throw new InvalidDataException("the stored snapshot is missing");
            }

            var snapshot = await AgentPayload.DecodeAsync(payload, options.Value.MaxSnapshotBytes, cancellationToken);
            await processor.StoreAsync(scanId, snapshot, null, cancellationToken);
            await MarkProcessedAsync(scanId, CancellationToken.None);
            logger.LogInformation("Agent snapshot {SnapshotId} evaluated as scan {ScanId}", snapshot.SnapshotId, scanId);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The exception text can name tables and constraints: it goes to the log only, under an id users can quote.
            var errorId = Guid.NewGuid().ToString("N")[..12];
            logger.LogWarning(e, "Agent scan {ScanId} failed (error id {ErrorId})", scanId, errorId);
            await FailAsync(scanId, $"The agent's snapshot could not be evaluated (error id {errorId}; the server log has the details).");
        }
    }

    private async Task MarkProcessedAsync(Guid scanId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.AgentSnapshots.Where(a => a.ScanId == scanId)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.ProcessedAt, time.GetUtcNow()).SetProperty(a => a.Payload, Array.Empty<byte>()), ct);
    }

    private async Task FailAsync(Guid scanId, string error)
    {
        // A failed snapshot keeps its size and digest, not its payload: dropped before the scan reads as failed, so
        // whoever sees "Failed" never finds the payload still stored (a crash in between resumes and fails again).
        await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken.None))
        {
            await db.AgentSnapshots.Where(a => a.ScanId == scanId)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.ProcessedAt, time.GetUtcNow()).SetProperty(a => a.Payload, Array.Empty<byte>()), CancellationToken.None);
        }

        await lifecycle.FailAsync(scanId, error, KubeAdvisor.Kubernetes.Collection.ScanFailureReason.AgentSnapshot);
    }
}
