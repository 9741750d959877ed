using k8s;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Kubernetes.Collection.Streaming;

namespace KubeAdvisor.Kubernetes.Collection;

/// <summary>
/// Reads a cluster into a <see cref="ClusterSnapshot"/>: /version, then every scanned kind across all namespaces,
/// page by page (limit/continue), each page's JSON streamed straight into an <see cref="InventoryBuilder"/> by the
/// kind's item reader (<see cref="ScannedKind"/>, the one mapping from Kubernetes JSON to the inventory), so no page
/// outlives its mapping and no raw JSON is kept. A list whose continue token expires (410 Gone) starts again from
/// scratch; the builder de-duplicates what the first attempt already added. An optional kind that answers 403 or 404
/// is recorded as unavailable in the snapshot instead of failing the scan (<see cref="UnavailableKinds"/>).
/// </summary>
public sealed class ClusterCollector(TimeProvider timeProvider, ClusterCollectorOptions? options = null)
{
    private readonly ClusterCollectorOptions _options = options ?? ClusterCollectorOptions.Default;

    /// <summary>Collects the cluster behind <paramref name="client"/>.</summary>
    /// <exception cref="ClusterScanException">The scan failed; see <see cref="ClusterScanException.IsTransient"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ArgumentException"><paramref name="client"/> is not a <see cref="k8s.Kubernetes"/> (its connection is what is read).</exception>
    public Task<ClusterSnapshot> CollectAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client is k8s.Kubernetes concrete
            ? CollectAsync(KubeApiConnection.From(concrete), cancellationToken)
            : throw new ArgumentException("The collector reads through a k8s.Kubernetes client's connection.", nameof(client));
    }

    /// <summary>Collects the cluster behind <paramref name="connection"/>, streaming every page (no KubernetesClient models).</summary>
    /// <exception cref="ClusterScanException">The scan failed; see <see cref="ClusterScanException.IsTransient"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ClusterSnapshot> CollectAsync(KubeApiConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var raw = new RawListClient(connection);
        var version = await CallAsync(null, () => raw.GetVersionAsync(cancellationToken), cancellationToken);
        var builder = new InventoryBuilder();
        foreach (var kind in ScannedKind.All)
        {
            try
            {
                await StreamAllAsync(raw, kind, builder, cancellationToken);
            }
            catch (ClusterScanException e) when (kind.IsOptional && UnavailableKinds.StatusOf(e) is { } status)
            {
                // Not served or not allowed: the scan goes on without this kind, and says so (decision 0018).
                builder.MarkUnavailable(new UnavailableKind(kind.Resource, kind.Kind, status));
            }
        }

        // Off the last page's I/O callback first. The caller's continuation runs inside this method's completion, and
        // without the yield that was on the stack of the last page's read: its frames (RawListClient.ReadAsync, the item
        // callback) hold the builder and the read cache, so every controller, pod group, pod uid and shared string stayed
        // alive through the whole evaluate-and-store (~45 MiB of the ~110 MiB measured as "the snapshot" at 50,000
        // workloads; decision 0038). This state machine keeps its own locals until that continuation returns: cleared below.
        await Task.Yield();
        var snapshot = Build(builder, version);
        builder = null!;
        raw = null!;
        return snapshot;
    }

    private ClusterSnapshot Build(InventoryBuilder builder, string? kubernetesVersion)
    {
        var now = timeProvider.GetUtcNow();
        return builder.Build(Guid.CreateVersion7(now).ToString(), now, kubernetesVersion);
    }

    /// <summary>
    /// Pages through one kind streaming each page into the builder. The next page is requested as soon as the
    /// current page's continue token has arrived (the API server sends the list metadata first), so the server
    /// prepares it while this process parses the current one; one page is read at a time, so the builder is only
    /// ever fed from one page. A 410 Gone for a continue token restarts the list from scratch.
    /// </summary>
    private async Task StreamAllAsync(RawListClient raw, ScannedKind kind, InventoryBuilder builder, CancellationToken ct)
    {
        var restarts = 0;
        PendingPage? next = raw.Request(kind.Path, _options.PageSize, null, ct);
        try
        {
            while (next is not null)
            {
                var page = next;
                next = null;
                try
                {
                    var (token, _) = await CallAsync(kind.Resource,
                        () => raw.ReadAsync(page, kind.ReadItem, builder, early => next = raw.Request(kind.Path, _options.PageSize, early, ct)), ct);
                    if (token is not null && next?.ContinueToken != token)
                    {
                        // the token came after the items (or differs): ask now, sequentially
                        next?.Abandon();
                        next = raw.Request(kind.Path, _options.PageSize, token, ct);
                    }
                }
                catch (ClusterScanException e) when (page.ContinueToken is not null && IsGone(e) && restarts < _options.MaxListRestarts)
                {
                    restarts++;
                    next?.Abandon();
                    next = raw.Request(kind.Path, _options.PageSize, null, ct);
                }
            }
        }
        finally
        {
            next?.Abandon();
        }
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
