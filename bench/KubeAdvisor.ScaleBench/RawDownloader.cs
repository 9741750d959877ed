using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace KubeAdvisor.ScaleBench;

/// <summary>
/// The baseline of the scan: /version and the same lists the collector reads, in the same order, as raw paged
/// HTTPS GETs (limit=500, continue) whose bodies are read and thrown away. Only the head of each body is kept,
/// to find the continue token (the API server writes list metadata before the items).
/// </summary>
internal sealed class RawDownloader : IDisposable
{
    // The collector's order (ScannedKind.All).
    private static readonly string[] Lists =
    [
        "/api/v1/namespaces", "/apis/apps/v1/deployments", "/apis/apps/v1/statefulsets", "/apis/apps/v1/daemonsets",
        "/apis/apps/v1/replicasets", "/api/v1/replicationcontrollers", "/apis/batch/v1/jobs", "/apis/batch/v1/cronjobs",
        "/api/v1/pods", "/apis/policy/v1/poddisruptionbudgets",
    ];

    private static readonly byte[] ContinueKey = "\"continue\":\""u8.ToArray();

    private readonly HttpClient _http;
    private readonly X509Certificate2 _ca;
    private readonly byte[] _buffer = new byte[64 * 1024];

    public RawDownloader(FakeServerInfo server, Version? httpVersion = null)
    {
        _ca = X509Certificate2.CreateFromPem(server.CaPem);
        var handler = new SocketsHttpHandler { UseProxy = false };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && TrustedByCa(cert);
        _http = new HttpClient(handler) { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromMinutes(5),
            DefaultRequestVersion = httpVersion ?? System.Net.HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
    }

    public sealed record Result(double Seconds, int Requests, long Bytes);

    public async Task<Result> DownloadAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var (requests, bytes) = (0, 0L);
        var (versionBytes, _) = await GetAsync("/version", ct);
        bytes += versionBytes;
        requests++;
        foreach (var list in Lists)
        {
            string? next = null;
            do
            {
                var url = list + "?limit=500" + (next is null ? "" : "&continue=" + Uri.EscapeDataString(next));
                var (read, token) = await GetAsync(url, ct);
                bytes += read;
                requests++;
                next = token;
            }
            while (next is not null);
        }

        return new Result(Stopwatch.GetElapsedTime(started).TotalSeconds, requests, bytes);
    }

    private async Task<(long Bytes, string? Continue)> GetAsync(string url, CancellationToken ct)
    {
        using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var head = new byte[4096];
        var headLength = 0;
        long total = 0;
        int n;
        while ((n = await body.ReadAsync(_buffer, ct)) > 0)
        {
            if (headLength < head.Length)
            {
                var take = Math.Min(n, head.Length - headLength);
                _buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                headLength += take;
            }

            total += n;
        }

        return (total, ContinueOf(head.AsSpan(0, headLength)));
    }

    private static string? ContinueOf(ReadOnlySpan<byte> head)
    {
        var items = head.IndexOf("\"items\":"u8);
        var meta = items < 0 ? head : head[..items];
        var at = meta.IndexOf(ContinueKey);
        if (at < 0)
        {
            return null;
        }

        var rest = meta[(at + ContinueKey.Length)..];
        var end = rest.IndexOf((byte)'"');
        return end <= 0 ? null : Encoding.UTF8.GetString(rest[..end]);
    }

    private bool TrustedByCa(X509Certificate cert)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(cert);
        return chain.Build(leaf);
    }

    public void Dispose()
    {
        _http.Dispose();
        _ca.Dispose();
    }
}
