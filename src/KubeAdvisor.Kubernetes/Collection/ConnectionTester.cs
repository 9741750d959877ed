using k8s;

namespace KubeAdvisor.Kubernetes.Collection;

/// <summary>
/// "Test connection": GET /version, then list each scanned kind with limit=1, naming every forbidden kind (an opt-in
/// kind that is forbidden is recorded as such, without an error: not granting it is a choice).
/// </summary>
public sealed class ConnectionTester(ClusterCollectorOptions? options = null)
{
    private readonly TimeSpan? _timeout = options?.RequestTimeout;

    /// <summary>Never throws for cluster errors; they are in the result.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ConnectionTestResult> TestAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var raw = client is k8s.Kubernetes concrete
            ? new Streaming.RawListClient(KubeApiConnection.From(concrete))
            : throw new ArgumentException("The tester reads through a k8s.Kubernetes client's connection.", nameof(client));
        string? version;
        try
        {
            version = await raw.GetVersionAsync(cancellationToken);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var error = ScanErrorClassifier.Classify(e, null, _timeout);
            return new ConnectionTestResult(null, [], error.Message, error.IsTransient);
        }

        var kinds = new List<KindAccess>();
        foreach (var kind in ScannedKind.All)
        {
            try
            {
                // one item through the kind's own reader: a list the reader could not read is no access either
                await raw.ReadAsync(raw.Request(kind.Path, 1, null, cancellationToken), kind.ReadItem, new Core.Inventory.InventoryBuilder(), null);
                kinds.Add(new KindAccess(kind.Resource, null, false));
            }
            catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                var error = ScanErrorClassifier.Classify(e, kind.Resource, _timeout);
                var forbidden = e is k8s.Autorest.HttpOperationException { Response.StatusCode: System.Net.HttpStatusCode.Forbidden };
                // An opt-in kind (ConfigMaps) the cluster has not granted is not a problem of the connection (decision 0037).
                kinds.Add(new KindAccess(kind.Resource, forbidden && kind.IsOptIn ? null : error.Message, forbidden));
            }
        }

        return new ConnectionTestResult(version, kinds, null, false);
    }
}
