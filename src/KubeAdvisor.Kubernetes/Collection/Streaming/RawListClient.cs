using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using k8s.Autorest;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>
/// GETs list pages (and /version) through a <see cref="KubeApiConnection"/> — its HttpClient, so TLS trust, client
/// certificate, guarded connector and proxy settings apply, and its credentials — with the request timeout covering
/// the whole body, and streams each list body into an <see cref="ItemReader"/>. Failures look like KubernetesClient's
/// typed calls' (<see cref="HttpOperationException"/> with the response), so classification and messages stay the same.
/// A page is requested (<see cref="Request"/>) separately from being read (<see cref="ReadAsync"/>), so the collector
/// can ask for the next page as soon as this one's continue token has arrived.
/// </summary>
internal sealed class RawListClient(KubeApiConnection connection)
{
    private readonly ReadCache _cache = new();

    /// <summary>Sends the request for one page; its timeout runs from now until the page has been read.</summary>
    public PendingPage Request(string path, int limit, string? continueToken, CancellationToken ct)
    {
        var query = $"?limit={limit}" + (continueToken is null ? "" : "&continue=" + Uri.EscapeDataString(continueToken));
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(connection.RequestTimeout);
        return new PendingPage(continueToken, GetAsync(path + query, timeout.Token), timeout);
    }

    /// <summary>Reads a requested page into the builder; returns its continue token and item count.</summary>
    /// <param name="page">The page, from <see cref="Request"/>; disposed here.</param>
    /// <param name="read">Maps one item.</param>
    /// <param name="builder">Receives the items.</param>
    /// <param name="onContinue">Hears the continue token as soon as it arrives, before the items.</param>
    public async Task<(string? Continue, int Count)> ReadAsync(
        PendingPage page, ItemReader read, Core.Inventory.InventoryBuilder builder, Action<string>? onContinue)
    {
        using (page)
        {
            using var response = await page.Response;
            await using var body = await response.Content.ReadAsStreamAsync(page.Token);
            return await ListPageReader.ReadAsync(body, item => read(builder, _cache, item), page.Token, onContinue);
        }
    }

    /// <summary>The server's <c>gitVersion</c> from /version (null when it does not say).</summary>
    public async Task<string?> GetVersionAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(connection.RequestTimeout);
        using var response = await GetAsync("version", timeout.Token);
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: timeout.Token);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("gitVersion", out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;
    }

    private async Task<HttpResponseMessage> GetAsync(string pathAndQuery, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(connection.BaseUri, pathAndQuery))
        {
            Version = HttpVersion.Version20,
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (connection.Authorize is { } authorize)
        {
            await authorize(request, ct);
        }

        var response = await connection.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                var content = await response.Content.ReadAsStringAsync(ct);
                throw new HttpOperationException($"Operation returned an invalid status code '{response.StatusCode}'")
                {
                    Response = new HttpResponseMessageWrapper(response, content),
                };
            }
        }

        return response;
    }
}

/// <summary>
/// A page request in flight. Read it with <see cref="RawListClient.ReadAsync"/>, or <see cref="Abandon"/> it when the
/// list fails or restarts first: the request is cancelled and its response, if one comes, released.
/// </summary>
internal sealed class PendingPage(string? continueToken, Task<HttpResponseMessage> response, CancellationTokenSource timeout) : IDisposable
{
    /// <summary>The continue token this page was asked for with (null for the first page).</summary>
    public string? ContinueToken => continueToken;

    public Task<HttpResponseMessage> Response => response;

    public CancellationToken Token => timeout.Token;

    public void Abandon()
    {
        timeout.Cancel();
        _ = response.ContinueWith(
            static (t, cts) =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    t.Result.Dispose();
                }

                _ = t.Exception; // observed: an abandoned page's failure is not news
                ((CancellationTokenSource)cts!).Dispose();
            },
            timeout, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public void Dispose() => timeout.Dispose();
}
