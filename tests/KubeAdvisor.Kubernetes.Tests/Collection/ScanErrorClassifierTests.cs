using System.Net;
using System.Security.Authentication;
using k8s.Autorest;
using KubeAdvisor.Kubernetes.Collection;

namespace KubeAdvisor.Kubernetes.Tests.Collection;

public sealed class ScanErrorClassifierTests
{
    private static HttpOperationException Status(int code) =>
        new($"Operation returned an invalid status code '{code}'")
        {
            Response = new HttpResponseMessageWrapper(new HttpResponseMessage((HttpStatusCode)code), ""),
        };

    [Theory]
    [InlineData(401, false, "401 Unauthorized: the token was rejected")]
    [InlineData(403, false, "cannot list jobs.batch: forbidden")]
    [InlineData(404, false, "404 Not Found: the API server does not serve jobs.batch")]
    [InlineData(429, true, "429 Too Many Requests: the API server is throttling us")]
    [InlineData(500, true, "500 Internal Server Error from the API server (while listing jobs.batch)")]
    [InlineData(503, true, "503 Service Unavailable from the API server (while listing jobs.batch)")]
    [InlineData(400, false, "400 Bad Request (while listing jobs.batch)")]
    public void Classify_HttpStatus_TransienceAndMessage(int code, bool transient, string message)
    {
        var e = ScanErrorClassifier.Classify(Status(code), "jobs.batch", null);

        Assert.Equal((message, transient), (e.Message, e.IsTransient));
    }

    [Fact]
    public void Classify_Timeout_TransientWithConfiguredSeconds()
    {
        var e = ScanErrorClassifier.Classify(new TaskCanceledException("x", new TimeoutException()), null, TimeSpan.FromSeconds(30));

        Assert.Equal(("timed out after 30 s", true), (e.Message, e.IsTransient));
    }

    [Fact]
    public void Classify_UntrustedCertificate_Permanent()
    {
        var e = ScanErrorClassifier.Classify(new HttpRequestException("ssl", new AuthenticationException("untrusted")), null, null);

        Assert.False(e.IsTransient);
        Assert.Contains("certificate-authority-data", e.Message);
    }

    [Fact]
    public void Classify_ConnectionRefused_Transient()
    {
        var e = ScanErrorClassifier.Classify(
            new HttpRequestException("refused", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused)), null, null);

        Assert.True(e.IsTransient);
        Assert.StartsWith("cannot reach the API server", e.Message);
    }

    [Fact]
    public void Classify_InvalidConfiguration_Permanent()
    {
        var e = ScanErrorClassifier.Classify(new UriFormatException("bad uri"), null, null);

        Assert.Equal(("invalid cluster configuration: bad uri", false), (e.Message, e.IsTransient));
    }

    [Fact]
    public void Classify_UnexpectedError_HidesItsTextBehindAnErrorId()
    {
        var inner = new InvalidCastException("23505: duplicate key value violates unique constraint \"IX_findings_ClusterId_Key\"");

        var e = ScanErrorClassifier.Classify(inner, null, null);

        Assert.Matches("^unexpected error \\(error id [0-9a-f]{12}; the server log has the details\\)$", e.Message);
        Assert.DoesNotContain("constraint", e.Message);
        Assert.Same(inner, e.InnerException);
        Assert.False(e.IsTransient);
    }
}
