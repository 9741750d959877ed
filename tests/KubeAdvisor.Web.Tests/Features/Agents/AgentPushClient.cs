using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Kubernetes.Manifests;
using KubeAdvisor.Kubernetes.Transport;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;

namespace KubeAdvisor.Web.Tests.Features.Agents;

/// <summary>Creates agent connections through the API and pushes raw bodies as an agent would.</summary>
internal sealed class AgentPushClient(KubeAdvisorAppFactory app)
{
    private readonly ApiClient _admin = ApiClient.WithToken(app, KubeAdvisorAppFactory.BootstrapToken);

    public ApiClient Admin => _admin;

    public async Task<(Guid ClusterId, string Token)> ConnectAsync(string? name = null)
    {
        var response = await _admin.Http.PostAsJsonAsync("/api/v1/agent/connections", new { name = name ?? "agent-" + Guid.NewGuid().ToString("N")[..8] });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (body["clusterId"]!.GetValue<Guid>(), body["token"]!.GetValue<string>());
    }

    /// <param name="snapshotId">Sent as X-KubeAdvisor-Snapshot-Id, as the agent does; null = an agent that does not send it.</param>
    public async Task<HttpResponseMessage> PushAsync(string? token, byte[] body, string? version = "0.1.0-test", string? snapshotId = null)
    {
        var client = app.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/agent/snapshots") { Content = new ByteArrayContent(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (version is not null)
        {
            request.Headers.Add("X-KubeAdvisor-Agent-Version", version);
        }

        if (snapshotId is not null)
        {
            request.Headers.Add("X-KubeAdvisor-Snapshot-Id", snapshotId);
        }

        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content.Headers.ContentEncoding.Add("gzip");
        return await client.SendAsync(request);
    }

    public static ClusterSnapshot Snapshot(string? id = null, string yaml = "") =>
        ManifestLoader.Load(yaml.Length > 0 ? yaml : FakeClusterManifests.Basic(), id ?? Guid.NewGuid().ToString(), DateTimeOffset.UtcNow) with
        {
            KubernetesVersion = "v1.31.2-test",
        };

    public static Task<byte[]> GzipAsync(ClusterSnapshot snapshot) => SnapshotJson.ToGzipAsync(snapshot, CancellationToken.None);

    public static byte[] Gzip(string text) => Gzip(Encoding.UTF8.GetBytes(text));

    public static byte[] Gzip(byte[] raw)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(raw);
        }

        return buffer.ToArray();
    }

    /// <summary>gzip of <paramref name="count"/> repetitions of <paramref name="chunk"/>, streamed (never all in memory).</summary>
    public static byte[] GzipRepeated(byte[] prefix, byte[] chunk, long count, byte[] suffix)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(prefix);
            for (var i = 0L; i < count; i++)
            {
                gzip.Write(chunk);
            }

            gzip.Write(suffix);
        }

        return buffer.ToArray();
    }
}
