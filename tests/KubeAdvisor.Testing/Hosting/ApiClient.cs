using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeAdvisor.Testing.Hosting;

/// <summary>The HTTP API as a test (or a script) uses it: bearer token, JSON, scans awaited by polling.</summary>
public sealed class ApiClient(HttpClient http)
{
    public HttpClient Http => http;

    public static ApiClient WithToken(KubeAdvisorAppFactory app, string token)
    {
        var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ApiClient(client);
    }

    /// <summary>For an app on a real port (Kestrel): the test server's own client would not reach it.</summary>
    public static ApiClient WithToken(Uri baseAddress, string token)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ApiClient(client);
    }

    public async Task<Guid> AddClusterAsync(string name, string kubeconfig, int? intervalMinutes = null)
    {
        var response = await http.PostAsJsonAsync("/api/v1/clusters", new { name, kubeconfig, intervalMinutes });
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Adding cluster {name} failed: {(int)response.StatusCode} {body}");
        }

        return JsonNode.Parse(body)!["id"]!.GetValue<Guid>();
    }

    public async Task<Guid> StartScanAsync(Guid clusterId)
    {
        var response = await http.PostAsync($"/api/v1/clusters/{clusterId}/scans", null);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Starting a scan failed: {(int)response.StatusCode} {body}");
        }

        return JsonNode.Parse(body)!["scanId"]!.GetValue<Guid>();
    }

    /// <summary>Polls until the scan is Succeeded or Failed (at most <paramref name="timeout"/>), and returns it.</summary>
    public async Task<JsonObject> WaitForScanAsync(Guid scanId, TimeSpan? timeout = null)
    {
        var status = "unknown";
        return await Eventually.ValueAsync(async () =>
        {
            var scan = JsonNode.Parse(await http.GetStringAsync($"/api/v1/scans/{scanId}"))!.AsObject();
            status = $"{scan["status"]} ({scan["error"]})";
            return scan["status"]!.GetValue<string>() is "Succeeded" or "Failed" ? scan : null;
        }, timeout ?? TimeSpan.FromSeconds(90), () => $"scan {scanId} to finish; it is still {status}", interval: TimeSpan.FromMilliseconds(250));
    }

    public async Task<JsonObject> ScanAndWaitAsync(Guid clusterId) => await WaitForScanAsync(await StartScanAsync(clusterId));

    public async Task<JsonArray> FindingsAsync(Guid clusterId, string query = "")
    {
        var body = JsonNode.Parse(await http.GetStringAsync($"/api/v1/clusters/{clusterId}/findings?pageSize=1000&{query}"))!;
        return body["items"]!.AsArray();
    }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
