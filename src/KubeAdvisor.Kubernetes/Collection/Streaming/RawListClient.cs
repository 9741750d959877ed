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
/// </summary>
internal sealed class RawListClient(KubeApiConnection connection)
{
    private readonly ReadCache _quantities = new();

    public async Task<(string? Continue, int Count)> ListAsync(
        string path, int limit, string? continueToken, ItemReader read, Core.Inventory.InventoryBuilder builder, CancellationToken ct)
    {
        var query = $"?limit={limit}" + (continueToken is null ? "" : "&continue=" + Uri.EscapeDataString(continueToken));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(connection.RequestTimeout);
        using var response = await GetAsync(path + query, timeout.Token);
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        return await ListPageReader.ReadAsync(body, item => read(builder, _quantities, item), timeout.Token);
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
