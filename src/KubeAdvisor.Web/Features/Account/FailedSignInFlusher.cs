namespace KubeAdvisor.Web.Features.Account;

/// <summary>Writes the aggregated failed sign-ins every minute, and what is left when the process stops.</summary>
public sealed class FailedSignInFlusher(FailedSignInAudit failures, TimeProvider time, ILogger<FailedSignInFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(all: false, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(all: true, cancellationToken);
    }

    private async Task FlushAsync(bool all, CancellationToken ct)
    {
        try
        {
            await failures.FlushAsync(all, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not write the aggregated failed sign-ins to the audit log");
        }
    }
}
