using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KubeAdvisor.Kubernetes.Collection;

namespace KubeAdvisor.Agent.Reports;

/// <summary>
/// The openreports.io objects in the cluster, through the agent's ServiceAccount connection: whether the group is served,
/// server-side apply of one object (field manager <c>kubeadvisor</c>, forced: the agent owns what it writes), the names
/// of KubeAdvisor's objects (a metadata-only list by the managed-by label, paged) and delete. Failures are
/// <see cref="ReportWriteException"/> with the API server's status and message.
/// </summary>
public sealed class ClusterReportStore(KubeApiConnection connection)
{
    public const string FieldManager = "kubeadvisor";
    private const int MaxErrorBytes = 4096;
    private const int MaxListPageBytes = 8 * 1024 * 1024;
    private static readonly string Selector = Uri.EscapeDataString($"{ReportKey.ManagedByLabel}={ReportKey.ManagedBy}");

    /// <summary>True when the API server serves openreports.io/v1alpha1 (the CRDs are installed); false on 404.</summary>
    public async Task<bool> GroupServedAsync(CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, $"apis/{ReportKey.GroupVersion}", null, null, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureAsync(response, "discovering openreports.io", ct);
        return true;
    }

    /// <summary>Creates or replaces one object; false when its namespace is gone (404), so there is nothing to report on.</summary>
    public async Task<bool> ApplyAsync(ReportKey key, byte[] item, CancellationToken ct)
    {
        var content = new ByteArrayContent(item);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/apply-patch+yaml"); // JSON is YAML
        using var response = await SendAsync(HttpMethod.Patch, $"{key.Path}?fieldManager={FieldManager}&force=true", content, null, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureAsync(response, $"writing {key}", ct);
        return true;
    }

    /// <summary>The objects of <paramref name="plural"/> labelled as KubeAdvisor's, in every namespace (metadata only).</summary>
    public async Task<List<ReportKey>> ListManagedAsync(string plural, CancellationToken ct)
    {
        var keys = new List<ReportKey>();
        string? next = null;
        do
        {
            var path = $"apis/{ReportKey.GroupVersion}/{plural}?labelSelector={Selector}&limit=500"
                + (next is null ? "" : "&continue=" + Uri.EscapeDataString(next));
            using var response = await SendAsync(HttpMethod.Get, path, null, "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json", ct);
            await EnsureAsync(response, $"listing {plural}", ct);
            using var doc = JsonDocument.Parse(await ReadBoundedAsync(response, MaxListPageBytes, ct));
            foreach (var item in doc.RootElement.GetProperty("items").EnumerateArray())
            {
                var meta = item.GetProperty("metadata");
                var ns = meta.TryGetProperty("namespace", out var n) ? n.GetString() ?? "" : "";
                keys.Add(new ReportKey(plural, ns, meta.GetProperty("name").GetString() ?? ""));
            }

            next = doc.RootElement.TryGetProperty("metadata", out var m) && m.TryGetProperty("continue", out var c) && c.GetString() is { Length: > 0 } token ? token : null;
        }
        while (next is not null);
        return keys;
    }

    /// <summary>Deletes one object; already gone is fine.</summary>
    public async Task DeleteAsync(ReportKey key, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Delete, key.Path, null, null, ct);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureAsync(response, $"deleting {key}", ct);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, string? accept, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(connection.BaseUri, path)) { Content = content };
        request.Headers.Accept.ParseAdd(accept ?? "application/json");
        if (connection.Authorize is { } authorize)
        {
            await authorize(request, ct);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(connection.RequestTimeout);
        try
        {
            return await connection.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"the API server did not answer {method} {path.Split('?')[0]} within {connection.RequestTimeout.TotalSeconds:0} s");
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = Encoding.UTF8.GetString(await ReadBoundedAsync(response, MaxErrorBytes, ct, truncate: true));
        string? message = null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            message = doc.RootElement.TryGetProperty("message", out var m) ? m.GetString() : null;
        }
        catch (JsonException)
        {
            // not a Status object: the status code says enough
        }

        throw new ReportWriteException(response.StatusCode, $"{what}: {(int)response.StatusCode} {message ?? response.ReasonPhrase}");
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, int max, CancellationToken ct, bool truncate = false)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > max)
            {
                if (truncate)
                {
                    buffer.Write(chunk, 0, (int)(max - buffer.Length));
                    break;
                }

                throw new InvalidDataException($"an answer of the API server is larger than {max} bytes");
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }
}
