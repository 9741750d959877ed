using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace KubeAdvisor.Agent;

/// <summary>POSTs a <see cref="PendingSnapshot"/> to <c>/api/v1/agent/snapshots</c> and classifies the answer.</summary>
public sealed class SnapshotUploader(HttpClient http, AgentOptions options)
{
    public const string Path = "api/v1/agent/snapshots";
    public const string VersionHeader = "X-KubeAdvisor-Agent-Version";
    public const string KubernetesVersionHeader = "X-KubeAdvisor-Kubernetes-Version";
    public const string SnapshotIdHeader = "X-KubeAdvisor-Snapshot-Id";

    public async Task<PushOutcome> PushAsync(PendingSnapshot snapshot, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(options.ServerUrl.TrimEnd('/') + "/"), Path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("KubeAdvisor-Agent", AgentVersion.Current));
        request.Headers.Add(VersionHeader, AgentVersion.Current);
        request.Headers.Add(SnapshotIdHeader, snapshot.SnapshotId); // lets the server answer a replay without reading the body
        if (snapshot.KubernetesVersion is { } k8s)
        {
            request.Headers.Add(KubernetesVersionHeader, k8s);
        }

        request.Content = new SequenceContent(snapshot.GzipJson);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content.Headers.ContentEncoding.Add("gzip");
        try
        {
            using var response = await http.SendAsync(request, ct);
            return await ClassifyAsync(response, ct);
        }
        catch (HttpRequestException e)
        {
            return PushOutcome.Retry($"cannot reach {options.ServerUrl}: {Describe(e)}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return PushOutcome.Retry($"{options.ServerUrl} did not answer within {http.Timeout.TotalSeconds:0} s");
        }
    }

    private static async Task<PushOutcome> ClassifyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var code = (int)response.StatusCode;
        var said = await ServerMessageAsync(response, ct);
        if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.Created)
        {
            return new PushOutcome(PushOutcomeKind.Delivered, said, ScanId: ScanIdOf(said));
        }

        var retryAfter = response.Headers.RetryAfter?.Delta;
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => PushOutcome.Rejected(
                $"{code}: the server rejected the agent token (revoked or rotated?). Put the current token into the kubeadvisor-agent secret and restart the agent."),
            HttpStatusCode.RequestEntityTooLarge => PushOutcome.Rejected($"413: the snapshot is larger than the server accepts. {said}"),
            HttpStatusCode.TooManyRequests => PushOutcome.Retry($"429: the server asks us to slow down. {said}", retryAfter),
            HttpStatusCode.RequestTimeout => PushOutcome.Retry($"408: the server timed out reading the snapshot. {said}", retryAfter),
            >= HttpStatusCode.InternalServerError => PushOutcome.Retry($"{code} from the server. {said}", retryAfter),
            _ => PushOutcome.Rejected($"{code}: the server refused the snapshot. {said}"),
        };
    }

    private static async Task<string> ServerMessageAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        return body.Length <= 1000 ? body : body[..1000];
    }

    private static Guid? ScanIdOf(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("scanId", out var id) && id.TryGetGuid(out var g) ? g : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(HttpRequestException e) =>
        e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message.ToString(CultureInfo.InvariantCulture);
}
