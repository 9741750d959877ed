using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Features.Metrics;

/// <summary>
/// Keeps <see cref="KubeAdvisorMetrics"/> in step with the database, in every process that serves /metrics. Every
/// KUBEADVISOR_METRICS_REFRESH_SECONDS it reads the <see cref="MetricsStamp"/> (one cheap statement); only when that
/// changed (a scan finished here or in a worker, a cluster came or went, an agent made contact, a delivery changed), or
/// every <see cref="FullRefresh"/> for what the stamp does not see (a rename), does it read the values again. Namespace
/// scores and open findings are read again only for clusters whose last succeeded scan changed. A scrape never queries.
/// </summary>
public sealed class MetricsRefresher(
    MetricsQueries queries, KubeAdvisorMetrics metrics, IOptions<MetricsOptions> options, TimeProvider time, ILogger<MetricsRefresher> logger)
    : BackgroundService
{
    /// <summary>Everything is read again at least this often, changed or not.</summary>
    public static readonly TimeSpan FullRefresh = TimeSpan.FromMinutes(5);

    private readonly ScanFeed _feed = new();
    private readonly SemaphoreSlim _one = new(1, 1);
    private bool _feedStarted;
    private Dictionary<Guid, ClusterDetail> _details = [];
    private MetricsStamp? _stamp;
    private DateTimeOffset _lastFull;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.RefreshSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database may be away for a moment: the last values stay exported, and the refresh timestamp says how old.
                logger.LogWarning(e, "Refreshing the metrics failed; retrying in {Interval}", interval);
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: the stamp, and when it changed the values. Public for tests that need no wait.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await _one.WaitAsync(ct);
        try
        {
            await RefreshOnceAsync(ct);
        }
        finally
        {
            _one.Release();
        }
    }

    public override void Dispose()
    {
        _one.Dispose();
        base.Dispose();
    }

    private async Task RefreshOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var stamp = await queries.StampAsync(ct);
        if (!_feedStarted)
        {
            _feed.Start(now, await queries.FinishedSinceAsync(now - ScanFeed.Overlap, ct));
            _feedStarted = true;
        }
        else if (stamp == _stamp && now - _lastFull < FullRefresh)
        {
            return;
        }

        foreach (var scan in _feed.Take(await queries.FinishedSinceAsync(_feed.Since, ct)))
        {
            metrics.CountScan(scan);
        }

        var clusters = await queries.ClustersAsync(ct);
        var full = now - _lastFull >= FullRefresh;
        var changed = clusters.Where(c => full || !_details.TryGetValue(c.Id, out var d) || d.ScanId != c.LastSucceededScanId)
            .Select(c => c.Id).ToHashSet();
        var top = Math.Max(0, options.Value.Namespaces);
        var namespaces = (await queries.NamespacesAsync(changed, top, ct)).ToLookup(n => n.ClusterId);
        var findings = (await queries.OpenFindingsAsync(changed, ct)).ToLookup(f => f.ClusterId);
        var details = new Dictionary<Guid, ClusterDetail>();
        foreach (var c in clusters)
        {
            details[c.Id] = changed.Contains(c.Id)
                ? new ClusterDetail(c.LastSucceededScanId, [.. namespaces[c.Id]], [.. findings[c.Id]])
                : _details[c.Id];
        }

        _details = details;
        metrics.SetClusters(clusters);
        metrics.SetClusterDetail(clusters, details);
        var (queued, running) = await queries.ActiveScansAsync(ct);
        metrics.SetActiveScans(queued, running);
        metrics.SetDeliveries(await queries.DeliveriesAsync(ct));
        metrics.MarkRefreshed();
        if (full)
        {
            _lastFull = now;
        }

        _stamp = stamp;
    }
}

