using k8s;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Collection;

/// <summary>
/// Reads a cluster into a <see cref="ClusterSnapshot"/>: /version, then every scanned kind across all namespaces,
/// page by page (limit/continue) straight into an <see cref="InventoryBuilder"/>, so no page outlives its
/// mapping and no raw JSON is kept. A list whose continue token expires (410 Gone) starts again from scratch;
/// the builder de-duplicates what the first attempt already added.
/// </summary>
public sealed class ClusterCollector(TimeProvider timeProvider, ClusterCollectorOptions? options = null)
{
    private readonly ClusterCollectorOptions _options = options ?? ClusterCollectorOptions.Default;

    /// <summary>Collects the cluster behind <paramref name="client"/>.</summary>
    /// <exception cref="ClusterScanException">The scan failed; see <see cref="ClusterScanException.IsTransient"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ClusterSnapshot> CollectAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var version = await CallAsync(null, () => client.Version.GetCodeAsync(cancellationToken), cancellationToken);
        var builder = new InventoryBuilder();
        foreach (var kind in ScannedKind.All)
        {
            await ListAllAsync(client, kind, builder, cancellationToken);
        }

        var now = timeProvider.GetUtcNow();
        return builder.Build(Guid.CreateVersion7(now).ToString(), now, version?.GitVersion);
    }

    private async Task ListAllAsync(IKubernetes client, ScannedKind kind, InventoryBuilder builder, CancellationToken ct)
    {
        var restarts = 0;
        string? next = null;
        do
        {
            ScannedPage page;
            try
            {
                var token = next;
                page = await CallAsync(kind.Resource, () => kind.ListAsync(client, _options.PageSize, token, ct), ct);
            }
            catch (ClusterScanException e) when (next is not null && IsGone(e) && restarts < _options.MaxListRestarts)
            {
                restarts++;
                next = null;
                continue;
            }

            page.AddTo(builder);
            next = page.Continue;
        }
        while (next is not null);
    }

    private async Task<T> CallAsync<T>(string? resource, Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is not ClusterScanException && !(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            throw ScanErrorClassifier.Classify(e, resource, _options.RequestTimeout);
        }
    }

    private static bool IsGone(ClusterScanException e) =>
        e.InnerException is k8s.Autorest.HttpOperationException { Response.StatusCode: System.Net.HttpStatusCode.Gone };
}
