using k8s;

namespace KubeAdvisor.Kubernetes.Collection;

/// <summary>"Test connection": GET /version, then list each scanned kind with limit=1, naming every forbidden kind.</summary>
public sealed class ConnectionTester(ClusterCollectorOptions? options = null)
{
    private readonly TimeSpan? _timeout = options?.RequestTimeout;

    /// <summary>Never throws for cluster errors; they are in the result.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ConnectionTestResult> TestAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        string? version;
        try
        {
            version = (await client.Version.GetCodeAsync(cancellationToken)).GitVersion;
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
                await kind.ListAsync(client, 1, null, cancellationToken);
                kinds.Add(new KindAccess(kind.Resource, null, false));
            }
            catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                var error = ScanErrorClassifier.Classify(e, kind.Resource, _timeout);
                var forbidden = e is k8s.Autorest.HttpOperationException { Response.StatusCode: System.Net.HttpStatusCode.Forbidden };
                kinds.Add(new KindAccess(kind.Resource, error.Message, forbidden));
            }
        }

        return new ConnectionTestResult(version, kinds, null, false);
    }
}
