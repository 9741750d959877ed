using System.Text;
using System.Text.Json.Nodes;
using KubeAdvisor.Agent.Admission;
using KubeAdvisor.Core.Admission;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Admission;
using KubeAdvisor.Testing.Admission;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeAdvisor.Agent.Tests.Admission;

/// <summary>
/// The webhook handler on its own (no Kestrel, no TLS: those are in AdmissionWebhookTests): bodies are read into pooled
/// buffers whatever their size and framing, the limit still holds without a Content-Length, and the answer is sent in
/// one write with its length (not chunked).
/// </summary>
public sealed class AdmissionWebhookHandlerTests
{
    [Fact]
    public async Task HandleAsync_Refused_AnswersInOneWriteWithItsLength()
    {
        var (status, headers, body) = await SendAsync(AdmissionReviews.Review(AdmissionReviews.Deployment("shop", "api", "nginx:latest"), uid: "u-7"), withLength: true);

        Assert.Equal(200, status);
        Assert.Equal(body.Length, headers.ContentLength);
        Assert.Equal("application/json", headers.ContentType);
        var response = JsonNode.Parse(body)!["response"]!;
        Assert.Equal("u-7", response["uid"]!.GetValue<string>());
        Assert.False(response["allowed"]!.GetValue<bool>());
        Assert.Contains("image-tag-latest", response["status"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_ChunkedBodyLargerThanTheFirstBuffer_IsReadWhole()
    {
        var deployment = AdmissionReviews.Deployment("shop", "api", "nginx:1.27.3");
        deployment["metadata"]!["annotations"] = new JsonObject { ["note"] = new string('x', 100_000) };

        var (status, _, body) = await SendAsync(AdmissionReviews.Review(deployment, uid: "u-8"), withLength: false);

        Assert.Equal(200, status);
        var response = JsonNode.Parse(body)!["response"]!;
        Assert.Equal("u-8", response["uid"]!.GetValue<string>());
        Assert.True(response["allowed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task HandleAsync_ChunkedBodyOverTheLimit_Is400()
    {
        var (status, _, body) = await SendAsync(new string(' ', AdmissionWebhook.MaxBodyBytes + 1), withLength: false);

        Assert.Equal(400, status);
        Assert.Contains("larger than 8 MiB", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_NotJson_Is400()
    {
        var (status, _, body) = await SendAsync("{\"apiVersion\":", withLength: true);

        Assert.Equal(400, status);
        Assert.StartsWith("The AdmissionReview cannot be read", body, StringComparison.Ordinal);
    }

    private static async Task<(int Status, IHeaderDictionary Headers, string Body)> SendAsync(string review, bool withLength)
    {
        var state = new AdmissionState();
        state.Replace(new AdmissionConfig(AdmissionMode.Deny, Severity.High, ClusterPolicySettings.Default, []), "\"v1\"", DateTimeOffset.UtcNow);
        var webhook = new AdmissionWebhook(state, new AdmissionDecisionLog(TimeProvider.System), TimeProvider.System, NullLogger<AdmissionWebhook>.Instance);
        var bytes = Encoding.UTF8.GetBytes(review);
        var http = new DefaultHttpContext();
        http.Request.IsHttps = true;
        http.Request.Method = "POST";
        http.Request.ContentLength = withLength ? bytes.Length : null;
        http.Request.Body = new TrickleStream(bytes);
        using var answer = new MemoryStream();
        http.Response.Body = answer;

        await webhook.HandleAsync(http);

        return (http.Response.StatusCode, http.Response.Headers, Encoding.UTF8.GetString(answer.ToArray()));
    }

    // Hands out at most 4 KiB per read, as a socket does, so the handler's read loop and growth are exercised.
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 4096)], cancellationToken);
    }
}
