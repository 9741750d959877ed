using System.Net;
using System.Net.Http.Headers;
using k8s.Autorest;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>
/// GETs one list page through the KubernetesClient instance's own <see cref="HttpClient"/> (so its TLS trust,
/// client certificate, guarded connector and proxy settings apply) and its credentials (bearer token, refreshed
/// as the library does), with its request timeout covering the whole page, and streams the body into an
/// <see cref="ItemReader"/>. Failures look like the typed calls' (<see cref="HttpOperationException"/> with the
/// response), so classification and messages stay the same.
/// </summary>
internal sealed class RawListClient(k8s.Kubernetes client)
{
    private readonly QuantityCache _quantities = new();

    public async Task<(string? Continue, int Count)> ListAsync(
        string path, int limit, string? continueToken, ItemReader read, Core.Inventory.InventoryBuilder builder, CancellationToken ct)
    {
        var query = $"?limit={limit}" + (continueToken is null ? "" : "&continue=" + Uri.EscapeDataString(continueToken));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseUri, path + query))
        {
            Version = HttpVersion.Version20,
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(client.HttpClientTimeout);
        if (client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, timeout.Token);
        }

        using var response = await client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            var content = await response.Content.ReadAsStringAsync(timeout.Token);
            throw new HttpOperationException($"Operation returned an invalid status code '{response.StatusCode}'")
            {
                Response = new HttpResponseMessageWrapper(response, content),
            };
        }

        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        return await ListPageReader.ReadAsync(body, item => read(builder, _quantities, item), timeout.Token);
    }
}
