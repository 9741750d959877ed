using System.Net;
using System.Net.Http.Headers;

namespace KubeAdvisor.Agent.Reports;

/// <summary>
/// Asks KubeAdvisor for this cluster's Reports (<c>GET /api/v1/agent/reports?scan=</c>, the agent token): while the scan
/// of the push is queued or running the server answers 202 with Retry-After and it asks again, until the answer is
/// there or <c>giveUpAt</c> passes. The 200 answer is handed over unread, to be streamed.
/// </summary>
public sealed class ServerReportSource(HttpClient http, AgentOptions options, TimeProvider time)
{
    public const string Path = "api/v1/agent/reports";
    public const string ScanIdHeader = "X-KubeAdvisor-Scan-Id";
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    /// <summary>The 200 answer (the caller disposes it).</summary>
    /// <exception cref="ReportFetchException">Refused (401, 404, 5xx) or still not judged at <paramref name="giveUpAt"/>.</exception>
    public async Task<HttpResponseMessage> FetchAsync(Guid? scanId, DateTimeOffset giveUpAt, CancellationToken ct)
    {
        var url = new Uri(new Uri(options.ServerUrl.TrimEnd('/') + "/"), Path + (scanId is { } id ? $"?scan={id}" : ""));
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("KubeAdvisor-Agent", AgentVersion.Current));
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return response;
            }

            using (response)
            {
                var code = (int)response.StatusCode;
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    throw new ReportFetchException(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                        ? $"{code}: the server rejected the agent token"
                        : $"{code} from the server when asking for the Reports of scan {scanId}");
                }

                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(2);
                wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestWait ? LongestWait : wait;
                if (time.GetUtcNow() + wait >= giveUpAt)
                {
                    throw new ReportFetchException($"scan {scanId} was not judged before the next collection was due; its Reports are written after the next push");
                }

                await Task.Delay(wait, time, ct);
            }
        }
    }
}
