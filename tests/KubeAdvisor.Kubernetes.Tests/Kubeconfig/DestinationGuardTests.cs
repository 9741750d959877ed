using KubeAdvisor.Kubernetes.Kubeconfig;

namespace KubeAdvisor.Kubernetes.Tests.Kubeconfig;

/// <summary>The kubeconfig destination rules applied to other URLs the server calls (notification webhooks).</summary>
public sealed class DestinationGuardTests
{
    private static readonly string[] Loopback = ["127.0.0.0/8"];

    [Theory]
    [InlineData("https://hooks.slack.com/services/T/B/x")] // public name: checked again at connect time
    [InlineData("https://93.184.215.14/hook")] // public literal
    [InlineData("http://127.0.0.1:8080/hook", "127.0.0.0/8")] // allow-listed: plain http accepted
    [InlineData("http://hooks.internal/x", "hooks.internal")]
    [InlineData("https://10.0.0.5/x", "10.0.0.0/8")]
    public void CheckUrl_Accepted(string url, params string[] allowList) => Assert.Null(DestinationGuard.CheckUrl(url, allowList));

    [Theory]
    [InlineData("http://127.0.0.1/x", "loopback")] // private and not listed
    [InlineData("https://10.0.0.5/x", "private address")]
    [InlineData("https://[::1]/x", "loopback")]
    [InlineData("https://169.254.169.254/latest", "link-local")] // never, even "listed" below
    [InlineData("https://[fd00:ec2::254]/", "metadata")]
    [InlineData("https://metadata.google.internal/", "metadata")]
    [InlineData("http://hooks.example.com/x", "https://")] // public but plain http
    [InlineData("file:///etc/passwd", "absolute https")]
    [InlineData("not a url", "absolute https")]
    public void CheckUrl_Refused(string url, string reason)
    {
        var error = DestinationGuard.CheckUrl(url, ["169.254.0.0/16", "fd00::/8"]);

        Assert.NotNull(error);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.DoesNotContain("/latest", error, StringComparison.Ordinal); // the host only, never the path (it may be a secret)
    }

    [Fact]
    public void CheckUrl_AllowListOnlyWidens_LoopbackListedStillRefusesMetadata()
    {
        Assert.Null(DestinationGuard.CheckUrl("http://127.0.0.1:9/x", Loopback));
        Assert.NotNull(DestinationGuard.CheckUrl("http://169.254.169.254/", [.. Loopback, "169.254.169.254"]));
    }
}
