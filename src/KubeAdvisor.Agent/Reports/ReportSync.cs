using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace KubeAdvisor.Agent.Reports;

/// <summary>
/// KUBEADVISOR_AGENT_WRITE_REPORTS (decision 0034): after a delivered push, once the server has judged that snapshot,
/// writes the cluster's openreports.io Reports into it (server-side apply, one object at a time as they stream in) and
/// then deletes KubeAdvisor's own objects that the answer no longer has (a namespace without results, a part no longer
/// needed). Objects of other tools are never touched: only our label and our names are listed and deleted. Whatever
/// goes wrong (no CRDs, RBAC, server or API errors) is logged once per change and shown on /readyz, and never reaches
/// the inventory push: nothing is thrown but cancellation. Pruning runs only after every object was written.
/// </summary>
public sealed class ReportSync(
    ServerReportSource server, ClusterReportStore cluster, AgentOptions options, ReportsState state, TimeProvider time, ILogger<ReportSync> logger)
{
    /// <summary>Largest object the agent takes from the server: the server closes a Report at 1 MiB and adds at most one result and its passes after.</summary>
    public const int MaxItemBytes = 1280 * 1024;

    /// <summary>Most objects in one answer (a namespace of 60,000 findings makes about 40).</summary>
    public const int MaxItems = 100_000;

    /// <summary>The least time writing is given, even when the next collection is due sooner.</summary>
    private static readonly TimeSpan MinimumTime = TimeSpan.FromMinutes(1);

    /// <summary>Writes the Reports of <paramref name="scanId"/> (the scan of the push just delivered); gives up at <paramref name="giveUpAt"/>.</summary>
    public async Task AfterDeliveryAsync(Guid? scanId, DateTimeOffset giveUpAt, CancellationToken ct)
    {
        if (!options.WriteReports)
        {
            return;
        }

        // Bounded as a whole (an answer that stalls mid-stream would otherwise hold the loop): the next collection comes first.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var left = giveUpAt - time.GetUtcNow();
        deadline.CancelAfter(left > MinimumTime ? left : MinimumTime);
        try
        {
            await WriteAsync(scanId, giveUpAt, deadline.Token);
        }
        catch (ReportWriteException e) when (e.Status == HttpStatusCode.Forbidden)
        {
            Fail($"the agent may not write openreports.io Reports ({e.Message}): apply deploy/agent/reports-rbac.yaml");
        }
        catch (ReportWriteException e) when (e.Status == HttpStatusCode.NotFound)
        {
            Fail($"the openreports.io CRDs went away while writing ({e.Message})");
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Fail(e switch
            {
                OperationCanceledException => "writing the Reports did not finish before the next collection was due",
                ReportWriteException or ReportFetchException or TimeoutException => e.Message,
                HttpRequestException => $"cannot reach the server or the API server: {e.Message}",
                JsonException or InvalidDataException => $"the Reports could not be read: {e.Message}",
                _ => $"writing the Reports failed: {e.GetType().Name}: {e.Message}",
            });
        }
    }

    private async Task WriteAsync(Guid? scanId, DateTimeOffset giveUpAt, CancellationToken ct)
    {
        if (!await cluster.GroupServedAsync(ct))
        {
            Fail("the openreports.io CRDs are not installed in this cluster (GET /apis/openreports.io/v1alpha1 is 404): "
                + "install them (kubectl apply -f deploy/crds/, or with Policy Reporter or Kyverno) to have KubeAdvisor's results written as Reports");
            return;
        }

        using var response = await server.FetchAsync(scanId, giveUpAt, ct);
        if (!Guid.TryParse(response.Headers.TryGetValues(ServerReportSource.ScanIdHeader, out var values) ? values.FirstOrDefault() : null, out var from))
        {
            logger.LogInformation("Reports: the cluster has no successful scan yet; nothing written");
            return;
        }

        var written = new HashSet<ReportKey>();
        await using (var body = await response.Content.ReadAsStreamAsync(ct))
        {
            await foreach (var item in ListItemStream.ReadAsync(body, MaxItemBytes, MaxItems, ct))
            {
                if (ReportKey.Of(item) is not { } key)
                {
                    logger.LogWarning("Reports: an item of the server's answer is not a KubeAdvisor Report and is not written");
                    continue;
                }

                if (await cluster.ApplyAsync(key, item, ct))
                {
                    written.Add(key);
                }
            }
        }

        var deleted = 0;
        foreach (var plural in (string[])["reports", "clusterreports"])
        {
            foreach (var stale in (await cluster.ListManagedAsync(plural, ct)).Where(k => ReportKey.IsOurName(k.Name) && !written.Contains(k)))
            {
                await cluster.DeleteAsync(stale, ct);
                deleted++;
            }
        }

        var recovered = state.Status.Problem is not null;
        state.Written(from, written.Count, deleted, time.GetUtcNow());
        logger.LogInformation(
            "Reports: {Written} openreports.io object(s) of scan {ScanId} written, {Deleted} no longer needed deleted{Recovered}",
            written.Count, from, deleted, recovered ? " (the earlier problem is solved)" : "");
    }

    private void Fail(string problem)
    {
        if (state.Failed(problem))
        {
            logger.LogWarning("Reports: {Problem}. Inventory snapshots are pushed as before", problem);
        }
    }
}
